from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site


class Command(BaseCommand):
    help = (
        "Give the default Wagtail site the host name and port of PUBLIC_BASE_URL, so "
        "Wagtail's own full URLs (admin 'view live', page.full_url) match the public "
        "address. Requests on other hosts still reach the default site. Safe to run again."
    )

    def handle(self, *args, **options):
        address = urlsplit(settings.PUBLIC_BASE_URL)
        if address.scheme not in ("http", "https") or not address.hostname:
            raise CommandError(f"PUBLIC_BASE_URL is not an http(s) address: {address.geturl()!r}")
        hostname = address.hostname
        port = address.port or (443 if address.scheme == "https" else 80)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            raise CommandError("There is no default site yet: run `manage.py migrate` first.")
        if (site.hostname, site.port) != (hostname, port):
            if Site.objects.filter(hostname=hostname, port=port).exclude(pk=site.pk).exists():
                raise CommandError(f"Another site already uses {hostname}:{port}.")
            site.hostname, site.port = hostname, port
            site.save(update_fields=["hostname", "port"])
        self.stdout.write(f"Default site: {site.root_url}")
