"""wagtailgeowidget's Leaflet map, with Leaflet served from our own static files."""

from django import forms
from django.utils.functional import cached_property
from wagtailgeowidget.widgets import LeafletField

LEAFLET_CSS = "xstatic/leaflet/leaflet.css"
LEAFLET_JS = "xstatic/leaflet/leaflet.js"


class LocalLeafletField(LeafletField):
    @cached_property
    def media(self):
        return forms.Media(
            css={"all": ("wagtailgeowidget/css/leaflet-field.css", LEAFLET_CSS)},
            js=(
                LEAFLET_JS,
                "wagtailgeowidget/js/leaflet-field.js",
                "wagtailgeowidget/js/leaflet-field-controller.js",
            ),
        )
