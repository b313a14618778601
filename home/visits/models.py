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


class DayTotal(models.Model):
    """Every visit of a day, kept with the pages' counts (home.visits.counter.record), so
    that the footer's total since the launch adds up a row per day rather than a row per
    page and day: 60,000 rows after two years, 300,000 after ten."""

    day = models.DateField(_("day"), unique=True)
    count = models.PositiveBigIntegerField(_("visits"), default=0)

    class Meta:
        verbose_name = _("visits of a day")
        verbose_name_plural = _("visits by day")

    def __str__(self):
        return f"{self.day}: {self.count}"

    @classmethod
    def rebuild(cls, since=None):
        """Recount the days (from ``since``) from the pages' counts, after those were
        written in bulk (the demo's history; the migration that added the totals)."""
        days = DailyVisits.objects.all()
        totals = cls.objects.all()
        if since is not None:
            days, totals = days.filter(day__gte=since), totals.filter(day__gte=since)
        totals.delete()
        cls.objects.bulk_create(
            cls(day=row["day"], count=row["total"])
            for row in days.values("day").annotate(total=models.Sum("count")).order_by("day")
        )
