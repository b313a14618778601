"""The downloads report for staff: per publication, per language, per month."""

from collections import defaultdict

from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail.admin.auth import permission_required

from publications.models import LANGUAGE_CHOICES, DownloadCount, PublicationPage

CHART_WIDTH, CHART_HEIGHT = 640, 160


@permission_required("wagtailadmin.access_admin")
def downloads_report(request):
    counts = list(DownloadCount.objects.order_by("month"))
    keys = {count.publication_key for count in counts}
    titles = dict(
        PublicationPage.objects.filter(
            translation_key__in=keys, locale__language_code="bg"
        ).values_list("translation_key", "title")
    )
    for page in PublicationPage.objects.filter(translation_key__in=keys - set(titles)):
        titles.setdefault(page.translation_key, page.title)

    languages = [code for code, _name in LANGUAGE_CHOICES]
    months = sorted({count.month for count in counts})
    table = defaultdict(lambda: defaultdict(lambda: defaultdict(int)))
    for count in counts:
        table[count.publication_key][count.month][count.language] += count.count
    rows = []
    for key, by_month in table.items():
        totals = {language: sum(by_month[m][language] for m in by_month) for language in languages}
        rows.append(
            {
                "title": titles.get(key, _("(deleted publication)")),
                "months": [
                    (
                        month,
                        [by_month[month][lang] for lang in languages],
                        sum(by_month[month].values()),
                    )
                    for month in months
                    if month in by_month
                ],
                "totals": [totals[language] for language in languages],
                "total": sum(totals.values()),
            }
        )
    rows.sort(key=lambda row: -row["total"])

    monthly = [(month, sum(c.count for c in counts if c.month == month)) for month in months]
    peak = max((total for _month, total in monthly), default=0) or 1
    bar_width = CHART_WIDTH / max(len(monthly), 1)
    bars = [
        {
            "x": round(index * bar_width + 4, 1),
            "width": round(max(bar_width - 8, 2), 1),
            "height": round(total / peak * (CHART_HEIGHT - 30), 1),
            "y": round(CHART_HEIGHT - 20 - total / peak * (CHART_HEIGHT - 30), 1),
            "label_x": round(index * bar_width + bar_width / 2, 1),
            "month": month,
            "total": total,
        }
        for index, (month, total) in enumerate(monthly)
    ]
    return render(
        request,
        "publications/admin/downloads_report.html",
        {
            "rows": rows,
            "languages": [name for _code, name in LANGUAGE_CHOICES],
            "bars": bars,
            "chart_width": CHART_WIDTH,
            "chart_height": CHART_HEIGHT,
            "grand_total": sum(row["total"] for row in rows),
        },
    )
