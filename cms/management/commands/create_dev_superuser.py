from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the local development superuser (refuses to run unless DEBUG is on)."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")
        parser.add_argument("--password", required=True)

    def handle(self, *args, username, password, **options):
        if not settings.DEBUG:
            raise CommandError("create_dev_superuser is for local development only (DEBUG is off).")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Superuser '{username}' already exists.")
            return
        User.objects.create_superuser(
            username=username, email=f"{username}@localhost", password=password
        )
        self.stdout.write(self.style.SUCCESS(f"Created superuser '{username}'."))
