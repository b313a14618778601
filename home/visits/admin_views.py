"""The visits report for staff: visits by day (or month), by section and by language."""

import csv
import datetime
import io

from django import forms
from django.conf import settings
from django.db.models import F, Sum
from django.db.models.functions import TruncMonth
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_required

from home import contributions
from home.formatting import format_date
from home.visits.models import DailyVisits

PERMISSION = "visits.view_dailyvisits"
LANGUAGES = list(settings.LANGUAGES)
# Longer periods are shown by month: a bar a day would be too thin to read.
MAX_DAYS_BY_DAY = 92
MAX_YEARS = 20
CHART_WIDTH, CHART_HEIGHT, CHART_TOP, CHART_BOTTOM, CHART_LEFT = 720, 220, 20, 24, 48


def section_labels():
    """Each section's name in the report: the apps' declared sections (home.contributions)
    and the site's own."""
    return {
        "home": gettext_lazy("Home page"),
        **{section.name: section.label for section in contributions.sections().values()},
        "search": gettext_lazy("Search"),
        "other": gettext_lazy("Other pages"),
    }


class PeriodForm(forms.Form):
    LAST_30_DAYS, LAST_12_MONTHS, CUSTOM = "30d", "12m", "custom"
    period = forms.ChoiceField(
        label=gettext_lazy("Period"),
        choices=[
            (LAST_30_DAYS, gettext_lazy("Last 30 days")),
            (LAST_12_MONTHS, gettext_lazy("Last 12 months")),
            (CUSTOM, gettext_lazy("From – to")),
        ],
        required=False,
    )
    start = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("period") != self.CUSTOM or self.errors:
            return data
        start, end = data.get("start"), data.get("end")
        if not start or not end:
            raise forms.ValidationError(_("Give both dates of the period."))
        if start > end:
            raise forms.ValidationError(_("The period must start before it ends."))
        if (end - start).days > MAX_YEARS * 366:
            raise forms.ValidationError(
                _("Choose a period of at most %(years)d years.") % {"years": MAX_YEARS}
            )
        return data

    def period_dates(self, today):
        """``(start, end, by_month)``; the last 30 days whenever the form is not valid."""
        data = self.cleaned_data if self.is_valid() else {}
        period = data.get("period") or self.LAST_30_DAYS
        if period == self.CUSTOM:
            start, end = data["start"], min(data["end"], today)
            start = min(start, end)
            return start, end, (end - start).days >= MAX_DAYS_BY_DAY
        if period == self.LAST_12_MONTHS:
            return add_months(today.replace(day=1), -11), today, True
        return today - datetime.timedelta(days=29), today, False


def add_months(day, months):
    index = day.year * 12 + day.month - 1 + months
    return day.replace(year=index // 12, month=index % 12 + 1)


def buckets(start, end, by_month):
    """Every day (or first of the month) of the period, those without visits included."""
    if by_month:
        bucket = start.replace(day=1)
        while bucket <= end:
            yield bucket
            bucket = add_months(bucket, 1)
    else:
        for offset in range((end - start).days + 1):
            yield start + datetime.timedelta(days=offset)


def report_rows(visits, start, end, by_month):
    """``[(day or month, [count per language], total)]`` over the whole period."""
    bucket = TruncMonth("day") if by_month else F("day")
    counts = {}
    for row in visits.values("language", bucket=bucket).annotate(visits=Sum("count")):
        key = row["bucket"]
        if isinstance(key, datetime.datetime):  # TruncMonth on some databases
            key = key.date()
        counts[key, row["language"]] = row["visits"]
    rows = []
    for key in buckets(start, end, by_month):
        values = [counts.get((key, code), 0) for code, _name in LANGUAGES]
        rows.append((key, values, sum(values)))
    return rows


def chart(rows, by_month):
    """Bars for an SVG chart of the rows' totals."""
    peak = max((total for _key, _values, total in rows), default=0)
    scale = (CHART_HEIGHT - CHART_TOP - CHART_BOTTOM) / (peak or 1)
    width = (CHART_WIDTH - CHART_LEFT) / max(len(rows), 1)
    gap = 1 if width > 4 else 0
    label_format = "YEAR_MONTH_FORMAT" if by_month else "SHORT_DATE_FORMAT"
    step = max(len(rows) // 6, 1)  # about six dates under the bars
    bars = []
    for index, (key, _values, total) in enumerate(rows):
        height = round(total * scale, 1)
        x = round(CHART_LEFT + index * width, 1)
        bars.append(
            {
                "x": x,
                "y": round(CHART_HEIGHT - CHART_BOTTOM - height, 1),
                "width": round(max(width - gap, 0.5), 1),
                "height": height,
                "label": format_date(key, label_format),
                "total": total,
                "tick": index % step == 0,
                "tick_x": round(x + width / 2, 1),
            }
        )
    return {
        "bars": bars,
        "peak": peak,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_LEFT,
        "top": CHART_TOP,
        "baseline": CHART_HEIGHT - CHART_BOTTOM,
        "label_y": CHART_HEIGHT - 6,
    }


def csv_response(rows, start, end, by_month):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [_("Month") if by_month else _("Day"), *(code for code, _name in LANGUAGES), _("Total")]
    )
    for key, values, total in rows:
        writer.writerow([key.strftime("%Y-%m") if by_month else key.isoformat(), *values, total])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="visits-{start.isoformat()}-{end.isoformat()}.csv"'
    )
    return response


@permission_required(PERMISSION)
def visits_report(request):
    form = PeriodForm(request.GET or None)
    start, end, by_month = form.period_dates(timezone.localdate())
    visits = DailyVisits.objects.filter(day__range=(start, end))
    rows = report_rows(visits, start, end, by_month)
    if request.GET.get("format") == "csv":
        return csv_response(rows, start, end, by_month)

    languages = [
        (name, sum(values[index] for _key, values, _total in rows))
        for index, (_code, name) in enumerate(LANGUAGES)
    ]
    labels = section_labels()
    sections = [
        (labels.get(row["section"], row["section"]), row["visits"])
        for row in visits.values("section").annotate(visits=Sum("count")).order_by("-visits")
    ]
    query = request.GET.copy()
    query["format"] = "csv"
    return render(
        request,
        "visits/admin/report.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "by_month": by_month,
            "rows": rows,
            "chart": chart(rows, by_month),
            "language_names": [name for _code, name in LANGUAGES],
            "languages": languages,
            "sections": sections,
            "grand_total": sum(total for _key, _values, total in rows),
            "csv_query": query.urlencode(),
            "row_format": "YEAR_MONTH_FORMAT" if by_month else "DATE_FORMAT",
        },
    )
