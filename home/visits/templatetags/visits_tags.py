"""The footer's counter: visits since the launch and today, as the old site showed them."""

import datetime

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q, Sum
from django.utils import formats, timezone

from home.visits.models import DayTotal

register = template.Library()

# The footer is on every page: its numbers may be a minute old.
TOTALS_SECONDS = 60


def launch_date():
    return getattr(settings, "VISITS_SINCE", None) or datetime.date(2017, 2, 12)


@register.simple_tag
def visit_totals():
    """``{"since": date, "total": n, "today": n}``, from one query at most a minute."""
    since, today = launch_date(), timezone.localdate()
    key = f"visits:totals:{since.isoformat()}:{today.isoformat()}"
    totals = cache.get(key)
    if totals is None:
        totals = DayTotal.objects.aggregate(
            total=Sum("count", filter=Q(day__gte=since), default=0),
            today=Sum("count", filter=Q(day=today), default=0),
        )
        cache.set(key, totals, TOTALS_SECONDS)
    return {"since": since, **totals}


@register.filter(is_safe=False)
def grouped(number):
    """``{{ 223018|grouped }}``: "223 018" in bg and ro, "223,018" in en."""
    if number in (None, ""):
        return ""
    return formats.number_format(number, use_l10n=True, force_grouping=True)
