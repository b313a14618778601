"""wagtailgeowidget's Leaflet map, self-hosted and usable offline.

Leaflet comes from the site's own static files (XStatic-Leaflet), the ground from the
public map's base layer (providers/static/providers/base-layer.geojson), tiles from
``settings.MAP_TILE_URL`` only when one is configured, and the programme-area districts'
centres are drawn as labelled circles so that the map shows where a point is.
The map is always shown (wagtailgeowidget hides it until the address is focused) and a
click on it places the point (providers/static/providers/location-field.js).
"""

import json

from django import forms
from django.conf import settings
from django.templatetags.static import static
from django.utils.functional import cached_property
from django.utils.translation import gettext
from wagtailgeowidget.helpers import geosgeometry_str_to_struct
from wagtailgeowidget.widgets import LeafletField

LEAFLET_CSS = "xstatic/leaflet/leaflet.css"
LEAFLET_JS = "xstatic/leaflet/leaflet.js"
CONTROLLER = "provider-location"


class LocalLeafletField(LeafletField):
    """The map picker of a provider's location.

    ``districts`` is a list of ``{"name", "lat", "lng"}`` drawn as labelled circles over
    the base layer; ``latitude_field`` / ``longitude_field`` are kept in step with the marker.
    """

    def __init__(self, *args, districts=None, latitude_field="", longitude_field="", **kwargs):
        self.districts = districts or []
        self.latitude_field = latitude_field
        self.longitude_field = longitude_field
        super().__init__(*args, **kwargs)

    def build_attrs(self, *args, **kwargs):
        attrs = super().build_attrs(*args, **kwargs)
        options = attrs.pop("data-leaflet-field-options-value", None)
        if options is None:  # inside a StreamField: telepath initialises the map
            return attrs
        options = json.loads(options)
        has_point = isinstance(self.value_data, str) and bool(
            geosgeometry_str_to_struct(self.value_data)
        )
        tile_url = getattr(settings, "MAP_TILE_URL", "") or ""
        options.update(
            tileLayer=tile_url,
            tileLayerOptions={
                "attribution": getattr(settings, "MAP_TILE_ATTRIBUTION", "") if tile_url else "",
                "maxZoom": 18,
            },
            showEmptyLocation=False,
            hasPoint=has_point,
            baseLayer=static("providers/base-layer.geojson"),
            # Hashed static names (ManifestStaticFilesStorage): Leaflet cannot guess them.
            markerIcons={
                "iconUrl": static("xstatic/leaflet/images/marker-icon.png"),
                "iconRetinaUrl": static("xstatic/leaflet/images/marker-icon-2x.png"),
                "shadowUrl": static("xstatic/leaflet/images/marker-shadow.png"),
            },
            districts=self.districts,
            latitudeField=self.latitude_field,
            longitudeField=self.longitude_field,
        )
        options["translations"] = {
            **options.get("translations", {}),
            "map_label": gettext("Location on the map"),
            "marker_title": gettext("Provider location"),
            "zoom_in": gettext("Zoom in"),
            "zoom_out": gettext("Zoom out"),
            "attribution_prefix": gettext("Map made with Leaflet"),
            "base_attribution": gettext("Borders and the Danube: Natural Earth (public domain)"),
        }
        attrs["data-controller"] = CONTROLLER
        attrs[f"data-{CONTROLLER}-options-value"] = json.dumps(options)
        return attrs

    @cached_property
    def media(self):
        return forms.Media(
            css={
                "all": (
                    LEAFLET_CSS,
                    "wagtailgeowidget/css/leaflet-field.css",
                    "providers/location-field.css",
                )
            },
            js=(
                LEAFLET_JS,
                "wagtailgeowidget/js/leaflet-field.js",
                "providers/location-field.js",
            ),
        )
