from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from home.contributions import Section


class CommunityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "community"
    verbose_name = _("Community of practice")
    # What the app adds to the shared parts of the site (home.contributions).
    section = Section("communitypage", _("Community"), suggested=False)
    # Moderators review members and what they share; nothing of it is added in the admin.
    moderator_permissions = [
        *[
            f"{action}_{model}"
            for model in ("member", "postreport")
            for action in ("view", "change")
        ],
        *[
            f"{action}_{model}"
            for model in ("resource", "post", "thread")
            for action in ("view", "change", "delete")
        ],
    ]
    demo = (60, "community.demo.build")  # after providers and the library's topics

    def ready(self):
        from community import signals

        signals.connect()
