"""The map's own base layer: a small, valid GeoJSON of the two countries, the programme
area's 15 districts and the Danube (built by scripts/build_base_layer.py)."""

import gzip
import json
from pathlib import Path

import yaml
from django.conf import settings

LAYER = Path(settings.BASE_DIR) / "providers" / "static" / "providers" / "base-layer.geojson"
DEMO = Path(settings.BASE_DIR) / "providers" / "demo" / "providers.yaml"
LANGUAGES = {"bg", "ro", "en"}


def signed_area(ring):
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False))


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    assert geometry["type"] == "MultiPolygon"
    return geometry["coordinates"]


def positions(coordinates):
    if isinstance(coordinates[0], int | float):
        yield coordinates
    else:
        for item in coordinates:
            yield from positions(item)


def layer():
    return json.loads(LAYER.read_text(encoding="utf-8"))


def test_base_layer_is_small():
    assert len(gzip.compress(LAYER.read_bytes(), 9)) <= 60 * 1024


def test_base_layer_is_rfc7946_geojson():
    data = layer()
    assert data["type"] == "FeatureCollection"
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        geometry = feature["geometry"]
        for lng, lat in positions(geometry["coordinates"]):
            assert 20 < lng < 30.5 and 41 < lat < 48.5  # longitude first, 2D
        if feature["properties"]["kind"] == "river":
            assert geometry["type"] in {"LineString", "MultiLineString"}
            continue
        for polygon in polygons(geometry):
            for index, ring in enumerate(polygon):
                assert len(ring) >= 4 and ring[0] == ring[-1]  # closed linear rings
                # Exterior rings counter-clockwise, holes clockwise (RFC 7946, 3.1.6).
                assert (signed_area(ring) > 0) == (index == 0)


def test_base_layer_has_both_countries_the_15_districts_and_the_danube():
    features = layer()["features"]
    by_kind = {}
    for feature in features:
        properties = feature["properties"]
        assert set(properties["name"]) == LANGUAGES and all(properties["name"].values())
        by_kind.setdefault(properties["kind"], []).append(properties)
    assert {country["code"] for country in by_kind["country"]} == {"BG", "RO"}
    assert len(by_kind["river"]) == 1 and by_kind["river"][0]["name"]["en"] == "Danube"

    demo = yaml.safe_load(DEMO.read_text(encoding="utf-8"))["districts"]
    programme_area = {d["code"]: d["country"] for d in demo if d["in_programme_area"]}
    districts = {d["code"]: d["country"] for d in by_kind["district"]}
    assert len(by_kind["district"]) == len(districts) == 15
    assert districts == programme_area
    assert sum(code.startswith("BG") for code in districts) == 8
    for district in by_kind["district"]:
        lng, lat = district["label"]
        assert 22 < lng < 29 and 42.5 < lat < 45
