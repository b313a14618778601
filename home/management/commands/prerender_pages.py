"""Render every live public page once, so that its image renditions exist before the first
visitor asks for them: a page with new images otherwise waits for each AVIF and WebP encode
(seconds for a news listing). Run it after a deploy, a bulk import or loading the demo."""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand
from django.test import Client
from wagtail.models import Page


class Command(BaseCommand):
    help = "Render every live public page once, making the image renditions it shows."

    def handle(self, *args, **options):
        started = time.monotonic()
        address = urlsplit(settings.PUBLIC_BASE_URL)
        client = Client(HTTP_HOST=address.netloc, secure=address.scheme == "https")
        failed = []
        pages = Page.objects.live().public().filter(depth__gt=1)
        for page in pages.iterator():
            url = page.get_url()
            if url and client.get(url).status_code >= 500:
                failed.append(url)
        for url in failed:
            self.stderr.write(f"{url} failed to render")
        self.stdout.write(f"{pages.count()} pages rendered in {time.monotonic() - started:.1f} s")
        if failed:
            raise SystemExit(1)
