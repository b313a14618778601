"""Open data of the directory: GeoJSON (RFC 7946), CSV and an HSDS 3.0 datapackage."""

import csv
import io
import json
import zipfile

from django.http import HttpResponse, JsonResponse
from django.utils.translation import get_language
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from home.caching import cached_per_language
from home.utils import public_url
from providers.filters import ProviderFilters
from providers.importer import COLUMNS, guard
from providers.models import ProviderMapPage

CSV_COLUMNS = COLUMNS  # the import reads what the export writes


def directory(request):
    """The active language's locale id and the map page's URL (cached)."""

    def compute():
        locale = Locale.objects.filter(language_code=get_language()).first()
        page = ProviderMapPage.objects.live().filter(locale=locale).first() if locale else None
        return (locale.pk if locale else None, page.get_url(request) if page else "")

    return cached_per_language(request, "provider-directory", compute)


def provider_url(base, provider):
    return f"{base}p/{provider.external_id}/"


@require_safe
def geojson(request):
    """The filtered providers as a FeatureCollection; confidential places have no point."""
    locale_id, base = directory(request)
    filters = ProviderFilters(request.GET, locale_id, request)
    rows = (
        filters.queryset()
        .filter(confidential_location=False, latitude__isnull=False)
        .values_list("external_id", "name", "latitude", "longitude", "network_member")
        .order_by("name")
    )
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
            },
        }
        for external_id, name, lat, lng, member in rows
    ]
    response = JsonResponse(
        {"type": "FeatureCollection", "features": features},
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )
    response["Content-Type"] = "application/geo+json"
    return response


def export_rows(request):
    locale_id, base = directory(request)
    filters = ProviderFilters(request.GET, locale_id, request)
    providers = (
        filters.queryset()
        .select_related("district")
        .prefetch_related("service_types", "target_groups")
        .order_by("name")
    )
    for provider in providers:
        point = provider.public_point
        yield (
            provider,
            {
                "external_id": provider.external_id,
                "name": provider.name,
                "alternate_name": provider.alternate_name,
                "legal_form": provider.legal_form,
                "country": provider.country,
                "district": provider.district.code,
                "municipality": provider.municipality,
                "settlement": provider.settlement,
                "address": "" if provider.confidential_location else provider.address,
                "latitude": str(point[0]) if point else "",
                "longitude": str(point[1]) if point else "",
                "confidential_location": "yes" if provider.confidential_location else "no",
                "service_types": ";".join(item.slug for item in provider.service_types.all()),
                "target_groups": ";".join(item.slug for item in provider.target_groups.all()),
                "capacity": provider.capacity or "",
                "phone": provider.phone,
                "email": provider.email,
                "website": provider.website,
                "licence": provider.licence,
                "languages": provider.languages,
                "network_member": "yes" if provider.network_member else "no",
                "description": provider.description,
                "last_verified": provider.last_verified.isoformat()
                if provider.last_verified
                else "",
                "url": public_url(provider_url(base, provider)),
            },
        )


@require_safe
def csv_export(request):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[*CSV_COLUMNS, "url"])
    writer.writeheader()
    for _provider, row in export_rows(request):
        writer.writerow({key: guard(value) for key, value in row.items()})
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="providers-{get_language()}.csv"'
    return response


@require_safe
def hsds_export(request):
    """An HSDS 3.0 tabular datapackage (organizations, services, locations, taxonomy links)."""
    tables = {
        name: []
        for name in (
            "organizations",
            "services",
            "locations",
            "service_at_locations",
            "phones",
            "attributes",
        )
    }
    for provider, row in export_rows(request):
        org_id = f"org-{provider.external_id}"
        tables["organizations"].append(
            {
                "id": org_id,
                "name": provider.name,
                "alternate_name": provider.alternate_name,
                "description": provider.description,
                "email": provider.email,
                "website": provider.website,
                "legal_status": provider.get_legal_form_display(),
            }
        )
        service_id = f"svc-{provider.external_id}"
        tables["services"].append(
            {
                "id": service_id,
                "organization_id": org_id,
                "name": provider.name,
                "description": provider.description,
                "status": provider.status,
                "email": provider.email,
                "url": row["url"],
                "licenses": provider.licence,
                "last_modified": row["last_verified"],
            }
        )
        location_id = f"loc-{provider.external_id}"
        tables["locations"].append(
            {
                "id": location_id,
                "organization_id": org_id,
                "location_type": "physical",
                "name": provider.settlement,
                "latitude": row["latitude"],
                "longitude": row["longitude"],
                "external_identifier": provider.district.code,
                "external_identifier_type": "NUTS3",
            }
        )
        tables["service_at_locations"].append(
            {
                "id": f"sal-{provider.external_id}",
                "service_id": service_id,
                "location_id": location_id,
            }
        )
        if provider.phone:
            tables["phones"].append(
                {
                    "id": f"ph-{provider.external_id}",
                    "organization_id": org_id,
                    "number": provider.phone,
                }
            )
        for kind, items in (
            ("service_type", provider.service_types.all()),
            ("target_group", provider.target_groups.all()),
        ):
            for item in items:
                tables["attributes"].append(
                    {
                        "id": f"at-{provider.external_id}-{kind}-{item.slug}",
                        "link_id": service_id,
                        "link_type": "service",
                        "link_entity": "service",
                        "value": item.slug,
                        "label": item.name,
                        "taxonomy_term_id": f"{kind}:{item.slug}",
                    }
                )
    archive = io.BytesIO()
    resources = []
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as package:
        for name, records in tables.items():
            fields = sorted({key for record in records for key in record}) or ["id"]
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=fields)
            writer.writeheader()
            writer.writerows(
                {key: guard(value) for key, value in record.items()} for record in records
            )
            package.writestr(f"{name}.csv", buffer.getvalue())
            resources.append(
                {
                    "name": name,
                    "path": f"{name}.csv",
                    "format": "csv",
                    "mediatype": "text/csv",
                    "encoding": "utf-8",
                    "schema": {"fields": [{"name": f, "type": "string"} for f in fields]},
                }
            )
        package.writestr(
            "datapackage.json",
            json.dumps(
                {
                    "name": f"social-service-providers-{get_language()}",
                    "title": "Regional Network for Social Cohesion – social service providers",
                    "profile": "tabular-data-package",
                    "keywords": ["HSDS", "Open Referral", "3.0"],
                    "licenses": [
                        {
                            "name": "CC-BY-4.0",
                            "path": "https://creativecommons.org/licenses/by/4.0/",
                        }
                    ],
                    "resources": resources,
                },
                ensure_ascii=False,
                indent=2,
            ),
        )
    response = HttpResponse(archive.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="providers-hsds-{get_language()}.zip"'
    return response
