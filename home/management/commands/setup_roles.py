from django.core.management.base import BaseCommand

from home.roles import TRANSLATOR_GROUPS, language_homes, setup_roles


class Command(BaseCommand):
    help = (
        "Create or update the staff groups (Editors, Moderators, a translator group per "
        "language) and the moderation workflow of each language tree. Safe to run again."
    )

    def handle(self, *args, **options):
        setup_roles()
        homes = language_homes()
        missing = [code for code in TRANSLATOR_GROUPS if code not in homes]
        self.stdout.write(
            self.style.SUCCESS(f"Roles ready; moderation workflows on {len(homes)} language trees.")
        )
        if missing:
            self.stdout.write(
                self.style.WARNING(
                    f"No home page yet for: {', '.join(missing)}. Translate the home page, then "
                    "run setup_roles again to give those translators their tree."
                )
            )
