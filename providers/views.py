"""Open data of the directory: GeoJSON (RFC 7946), CSV, XLSX and an HSDS 3.0 data package."""

from django.http import HttpResponse, JsonResponse
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from home.utils import public_url
from providers import exports, hsds
from providers.filters import ProviderFilterSet
from providers.models import Provider, community_member_counts, directory


def filtered_providers(request):
    """The providers the request's filters select, and the map page's URL."""
    locale_id, base = directory(request)
    return ProviderFilterSet(request.GET, locale_id, request).qs, base


def download(content, content_type, extension, name="providers"):
    response = HttpResponse(content, content_type=content_type)
    filename = f"{name}-{get_language()}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
def geojson(request):
    """The filtered providers as a FeatureCollection; confidential places have no point.
    "community_members" (present only when above zero) counts the community members who
    work there."""
    providers, base = filtered_providers(request)
    rows = (
        providers.filter(confidential_location=False, latitude__isnull=False)
        .values_list(
            "external_id", "name", "latitude", "longitude", "network_member", "translation_key"
        )
        .order_by("name")
    )
    counts = community_member_counts(request)
    features = [
        {
            "type": "Feature",
            "id": external_id,
            # RFC 7946: longitude first; 5 decimals is about one metre.
            "geometry": {
                "type": "Point",
                "coordinates": [round(float(lng), 5), round(float(lat), 5)],
            },
            "properties": {
                "name": name,
                "url": public_url(f"{base}p/{external_id}/"),
                "member": member,
                **({"community_members": counts[key]} if key in counts else {}),
            },
        }
        for external_id, name, lat, lng, member, key in rows
    ]
    response = JsonResponse(
        {"type": "FeatureCollection", "features": features},
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    response["Content-Type"] = "application/geo+json"
    return response


@require_safe
def csv_export(request):
    providers, base = filtered_providers(request)
    text = exports.csv_text(exports.spreadsheet_rows(providers, base))
    return download(text, "text/csv; charset=utf-8", "csv")


@require_safe
def xlsx_export(request):
    """The CSV's columns and rows as a workbook, which Excel opens in columns whatever its
    list separator (a Bulgarian or Romanian Excel expects ";" in a CSV)."""
    providers, base = filtered_providers(request)
    title = str(capfirst(Provider._meta.verbose_name_plural))
    content = exports.xlsx_bytes(exports.spreadsheet_rows(providers, base), title)
    return download(content, exports.XLSX_CONTENT_TYPE, "xlsx")


@require_safe
def hsds_export(request):
    """An Open Referral HSDS 3.0 tabular data package of the providers, in this language."""
    providers, base = filtered_providers(request)
    content = hsds.package_bytes(providers, base, get_language())
    return download(content, "application/zip", "zip", name="providers-hsds")
