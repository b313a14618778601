"""Visits counted per page, language and day, like the old site's counter: numbers only.

No cookie is set and nothing that could identify a visitor (address, user agent,
fingerprint) is stored; robots are not counted (home.counting).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyVisits(models.Model):
    day = models.DateField(_("day"), db_index=True)
    language = models.CharField(_("language"), max_length=2)
    section = models.CharField(
        _("section"), max_length=30, help_text=_("news, library, providers, publications…")
    )
    path = models.CharField(_("page"), max_length=300)
    count = models.PositiveIntegerField(_("visits"), default=0)

    class Meta:
        verbose_name = _("visits of a page on a day")
        verbose_name_plural = _("daily visits")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "language", "path"], name="one_visit_count_per_page_language_day"
            )
        ]
        indexes = [models.Index(fields=["day", "section"])]

    def __str__(self):
        return f"{self.day} {self.language} {self.path}: {self.count}"
