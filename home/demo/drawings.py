"""Demo images drawn with Pillow, so the demo needs no photographs or network."""

import math
import random
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
]
COLOURS = {"BG": ("#0b5d4b", "#e8f3ef"), "RO": ("#1d3f8a", "#e9eef9")}
RIVER = "#2f7fc1"

# Approximate positions (longitude, latitude) of towns along the border.
TOWNS = [
    ("Vidin", 22.88, 43.99, "below"),
    ("Craiova", 23.80, 44.32, "above"),
    ("Ruse", 25.95, 43.85, "below"),
    ("Giurgiu", 25.97, 43.90, "above"),
    ("Silistra", 27.26, 44.12, "below"),
    ("Constanța", 28.63, 44.17, "above"),
]
# A simplified course of the Danube, west to east: the border as far as Silistra,
# then it turns north into Romania.
DANUBE = [
    (22.35, 44.70),
    (22.70, 44.25),
    (22.95, 43.95),
    (23.60, 43.80),
    (24.40, 43.72),
    (25.10, 43.68),
    (25.95, 43.87),
    (26.60, 44.05),
    (27.26, 44.12),
    (27.40, 44.40),
    (27.90, 44.75),
    (28.10, 45.20),
]
BORDER_RIVER_END = 8  # index of Silistra in DANUBE
# From Silistra the border runs over land to the Black Sea at Vama Veche / Durankulak.
LAND_BORDER = [(27.70, 43.98), (28.15, 43.82), (28.58, 43.74)]
COAST = [(28.58, 43.74), (28.66, 44.17), (28.80, 44.60), (29.40, 45.00), (29.40, 45.60)]
SEA = "#d4e6f6"


def font(size):
    for candidate in FONT_CANDIDATES:
        if candidate.exists():
            return ImageFont.truetype(str(candidate), size), True
    return ImageFont.load_default(size=size), False


def _label(text, full_unicode):
    if full_unicode:
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def region_map(width=1200, height=700):
    """A schematic map: Romania north of the Danube, Bulgaria south, six towns marked."""
    image = Image.new("RGB", (width, height), COLOURS["BG"][1])
    draw = ImageDraw.Draw(image)

    def xy(lon, lat):
        return (lon - 21.9) / 7.4 * width, (45.5 - lat) / 2.3 * height

    river = [xy(lon, lat) for lon, lat in DANUBE]
    border = river[: BORDER_RIVER_END + 1] + [xy(lon, lat) for lon, lat in LAND_BORDER]
    draw.polygon(
        [(0, 0), (width, 0), (width, border[-1][1]), *reversed(border), (0, border[0][1])],
        fill=COLOURS["RO"][1],
    )
    coast = [xy(lon, lat) for lon, lat in COAST]
    draw.polygon([*coast, (width, 0), (width, height), (coast[0][0], height)], fill=SEA)
    draw.line(border[BORDER_RIVER_END:], fill="#6b6b6b", width=4)
    draw.line(river, fill=RIVER, width=14, joint="curve")

    big, full = font(48)
    small, _ = font(40)
    draw.text((40, 40), _label("ROMÂNIA", full), font=big, fill=COLOURS["RO"][0])
    draw.text(
        (40, height - 90),
        _label("БЪЛГАРИЯ" if full else "BULGARIA", full),
        font=big,
        fill=COLOURS["BG"][0],
    )
    for name, lon, lat, where in TOWNS:
        x, y = xy(lon, lat)
        draw.ellipse((x - 10, y - 10, x + 10, y + 10), fill="#ffffff", outline="#1b1b1b", width=4)
        text = _label(name, full)
        text_width = draw.textlength(text, font=small)
        text_width = min(text_width, width - 20)
        x = min(max(x, text_width / 2 + 10), width - text_width / 2 - 10)
        ty = y - 60 if where == "above" else y + 16
        draw.text((x - text_width / 2, ty), text, font=small, fill="#1b1b1b")
    return image


def wordmark(name, country, width=640, height=320):
    """A plain logo placeholder: the organisation's initials and name on its country colour."""
    ink, paper = COLOURS.get(country, ("#333333", "#f4f4f4"))
    image = Image.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(image)
    initials = "".join(word[0] for word in name.replace("–", " ").split() if word[0].isupper())[:3]
    big, full = font(84)
    small, _ = font(40)
    draw.ellipse((30, 60, 230, 260), fill=ink)
    text_width = draw.textlength(initials, font=big)
    draw.text((130 - text_width / 2, 112), initials, font=big, fill=paper)
    words, line, lines = _label(name, full).split(), "", []
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=small) > width - 290:
            lines.append(line)
            line = word
        else:
            line = candidate
    lines.append(line)
    for index, text in enumerate(lines[:4]):
        draw.text((260, 90 + index * 50), text, font=small, fill=ink)
    return image


POSTER_COLOURS = [
    ("#0b5d4b", "#e8f3ef"),
    ("#1d3f8a", "#e9eef9"),
    ("#7a3b00", "#fbefe3"),
    ("#5b2a86", "#f1eaf8"),
]


def poster(label, variant=0, width=1200, height=675):
    """A news graphic: a map-pin pictogram and a short label on a coloured background."""
    ink, paper = POSTER_COLOURS[variant % len(POSTER_COLOURS)]
    image = Image.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height - 40, width, height), fill=ink)
    cx, cy, r = width // 2, height // 2 - 90, 90
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=ink)
    draw.polygon(
        [(cx - r * 0.8, cy + r * 0.55), (cx + r * 0.8, cy + r * 0.55), (cx, cy + r * 2.1)], fill=ink
    )
    draw.ellipse((cx - r * 0.38, cy - r * 0.38, cx + r * 0.38, cy + r * 0.38), fill=paper)
    big, full = font(64)
    text = _label(label, full)
    while draw.textlength(text, font=big) > width - 80 and big.size > 24:
        big, _ = font(big.size - 4)
    text_width = draw.textlength(text, font=big)
    draw.text(((width - text_width) / 2, cy + r * 2.1 + 40), text, font=big, fill=ink)
    return image


def _wrap(draw, text, face, width):
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and draw.textlength(candidate, font=face) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def cover(title, year, variant=0, width=840, height=1188):
    """A publication cover in the edition's language: the network's two-ring mark,
    the title (a colon splits it into title and subtitle) and the year."""
    ink, paper = POSTER_COLOURS[variant % len(POSTER_COLOURS)]
    image = Image.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 120), fill=ink)
    draw.rectangle((0, height - 120, width, height), fill=ink)
    cx, cy, r = width // 2, 330, 120
    draw.ellipse((cx - r - 70, cy - r, cx + r - 70, cy + r), outline=ink, width=30)
    draw.ellipse((cx - r + 70, cy - r, cx + r + 70, cy + r), outline="#d19a00", width=30)
    head, _, tail = title.partition(": ")
    big, full = font(60)
    small, _ = font(40)
    y = cy + r + 90
    for text, face, gap in ((head, big, 74), (tail, small, 52)):
        for line in _wrap(draw, _label(text, full), face, width - 120):
            draw.text(
                ((width - draw.textlength(line, font=face)) / 2, y), line, font=face, fill=ink
            )
            y += gap
        y += 30
    label = f"ROBG-193 · {year}"
    draw.text(
        ((width - draw.textlength(label, font=small)) / 2, height - 85),
        label,
        font=small,
        fill=paper,
    )
    return image


# Illustrations for news stories: drawn shapes, no words, in the site's palette
# (static/css/site.css: brand green, EU blue, focus amber) on a light tint.
PALETTE = {
    "brand": "#0b5d4b",
    "brand_dark": "#073f33",
    "blue": "#0a4f9e",
    "amber": "#ffbf47",
    "tint": "#f3f6f5",
    "paper": "#ffffff",
    "ink": "#1b1b1b",
    "line": "#c9d1ce",
    "water": "#2f7fc1",
    "sky": "#e9eef9",
    "grass": "#cfe6dc",
    "wood": "#b8875a",
}
SKINS = ["#f1c9a5", "#d9a47c", "#a8704c", "#e8b896", "#7d4f35"]
CLOTHES = ["#0b5d4b", "#0a4f9e", "#ffbf47", "#5b2a86", "#c2553a", "#2f7fc1", "#4a4a4a"]
SCALE = 2  # drawn at twice the size and scaled down, for smooth edges


def illustration(subject, seed=0, width=1200, height=675):
    """A wordless picture of ``subject`` (see SUBJECTS); ``seed`` varies the details."""
    rng = random.Random(f"{subject}:{seed}")  # noqa: S311 -- repeatable shapes, not secrets
    image = Image.new("RGB", (width * SCALE, height * SCALE), PALETTE["tint"])
    draw = ImageDraw.Draw(image)
    SUBJECTS[subject](draw, width * SCALE, height * SCALE, rng)
    return image.resize((width, height), Image.LANCZOS)


def _person(draw, x, y, size, rng, facing_front=True):
    """A figure seen from the front (or the back): head and shoulders."""
    skin, cloth = rng.choice(SKINS), rng.choice(CLOTHES)
    r = size * 0.22
    draw.rounded_rectangle(
        (x - size * 0.42, y + r * 0.9, x + size * 0.42, y + size), radius=size * 0.3, fill=cloth
    )
    draw.ellipse((x - r, y - r, x + r, y + r), fill=skin)
    if not facing_front:
        draw.chord((x - r, y - r, x + r, y + r * 0.6), 180, 360, fill=PALETTE["ink"])


def _ground(draw, width, height, horizon, colour=None):
    draw.rectangle((0, 0, width, horizon), fill=PALETTE["sky"])
    draw.rectangle((0, horizon, width, height), fill=colour or PALETTE["grass"])


def _sheet(draw, box, rng, lines=6):
    x0, y0, x1, y1 = box
    draw.rectangle(box, fill=PALETTE["paper"], outline=PALETTE["line"], width=4)
    step = (y1 - y0) / (lines + 2)
    for n in range(1, lines + 1):
        length = (x1 - x0 - 60) * rng.uniform(0.55, 1.0)
        draw.line(
            (x0 + 30, y0 + step * n + 20, x0 + 30 + length, y0 + step * n + 20),
            fill=PALETTE["line"],
            width=10,
        )


def draw_bridge(draw, w, h, rng):
    """Two banks of the Danube joined by a bridge; people meet in the middle."""
    _ground(draw, w, h, h * 0.45)
    draw.rectangle((0, h * 0.62, w, h), fill=PALETTE["water"])
    for n in range(6):
        y = h * (0.7 + n * 0.05)
        x = rng.uniform(0, w * 0.8)
        draw.arc((x, y, x + w * 0.12, y + 30), 200, 340, fill=PALETTE["sky"], width=6)
    deck = h * 0.5
    draw.rectangle((0, deck, w, deck + 40), fill=PALETTE["brand_dark"])
    for n in range(1, 4):
        cx = w * n / 4
        draw.arc(
            (cx - w * 0.13, deck + 20, cx + w * 0.13, h * 0.95),
            180,
            360,
            fill=PALETTE["brand"],
            width=36,
        )
        draw.rectangle(
            (cx - w * 0.13 - 18, deck + 40, cx - w * 0.13 + 18, h), fill=PALETTE["brand"]
        )
    draw.rectangle((w - 18, deck + 40, w, h), fill=PALETTE["brand"])
    flags = (PALETTE["brand"], PALETTE["blue"])
    for index, x in enumerate((w * 0.08, w * 0.92)):
        draw.line((x, deck - 320, x, deck), fill=PALETTE["ink"], width=10)
        left = x if index == 0 else x - 150
        draw.rectangle((left, deck - 320, left + 150, deck - 220), fill=flags[index])
    for x in (w * 0.44, w * 0.56):
        _person(draw, x, deck - 185, 180, rng)


def draw_round_table(draw, w, h, rng):
    """A coordination meeting seen from above: a round table, chairs, papers and cups."""
    draw.rectangle((0, 0, w, h), fill=PALETTE["tint"])
    cx, cy, rx, ry = w / 2, h / 2, w * 0.26, h * 0.3
    seats = rng.randint(7, 10)
    for n in range(seats):
        angle = 2 * math.pi * n / seats + rng.uniform(-0.1, 0.1)
        px, py = cx + (rx + 110) * math.cos(angle), cy + (ry + 110) * math.sin(angle)
        draw.ellipse((px - 85, py - 85, px + 85, py + 85), fill=rng.choice(CLOTHES))
        draw.ellipse((px - 45, py - 45, px + 45, py + 45), fill=rng.choice(SKINS))
    draw.ellipse(
        (cx - rx, cy - ry, cx + rx, cy + ry),
        fill=PALETTE["wood"],
        outline=PALETTE["brand_dark"],
        width=12,
    )
    for n in range(seats):
        angle = 2 * math.pi * n / seats
        px, py = cx + rx * 0.72 * math.cos(angle), cy + ry * 0.72 * math.sin(angle)
        draw.rectangle((px - 40, py - 52, px + 40, py + 52), fill=PALETTE["paper"])
        if n % 2:
            draw.ellipse(
                (px + 50, py - 20, px + 90, py + 20),
                fill=PALETTE["paper"],
                outline=PALETTE["ink"],
                width=5,
            )
    draw.ellipse((cx - 70, cy - 70, cx + 70, cy + 70), fill=PALETTE["amber"])


def draw_documents(draw, w, h, rng):
    """A stack of documents with a pen: new rules or new publications."""
    draw.rectangle((0, 0, w, h), fill=PALETTE["sky"])
    for n in range(3):
        x0 = w * 0.22 + n * 90 + rng.uniform(-20, 20)
        y0 = h * 0.14 + n * 50
        _sheet(draw, (x0, y0, x0 + w * 0.36, y0 + h * 0.72), rng, lines=8)
    cx, cy = w * 0.72, h * 0.64
    draw.ellipse((cx - 110, cy - 110, cx + 110, cy + 110), outline=PALETTE["blue"], width=16)
    draw.ellipse((cx - 70, cy - 70, cx + 70, cy + 70), fill=PALETTE["blue"])
    draw.polygon(
        [(w * 0.78, h * 0.2), (w * 0.82, h * 0.24), (w * 0.6, h * 0.78), (w * 0.57, h * 0.74)],
        fill=PALETTE["brand_dark"],
    )
    draw.polygon(
        [(w * 0.6, h * 0.78), (w * 0.57, h * 0.74), (w * 0.565, h * 0.8)], fill=PALETTE["amber"]
    )


def draw_booklets(draw, w, h, rng):
    """Two booklets side by side, each with the network's two-ring mark."""
    draw.rectangle((0, 0, w, h), fill=PALETTE["tint"])
    for n, (ink, x0) in enumerate(((PALETTE["brand"], w * 0.2), (PALETTE["blue"], w * 0.53))):
        y0 = h * (0.14 + 0.05 * n)
        x1, y1 = x0 + w * 0.27, y0 + h * 0.7
        draw.rectangle((x0 + 24, y0 + 24, x1 + 24, y1 + 24), fill=PALETTE["line"])
        draw.rectangle((x0, y0, x1, y1), fill=PALETTE["paper"], outline=ink, width=10)
        draw.rectangle((x0, y0, x1, y0 + 90), fill=ink)
        cx, cy, r = (x0 + x1) / 2, y0 + (y1 - y0) * 0.5, 80
        draw.ellipse((cx - r - 45, cy - r, cx + r - 45, cy + r), outline=ink, width=20)
        draw.ellipse((cx - r + 45, cy - r, cx + r + 45, cy + r), outline=PALETTE["amber"], width=20)
        draw.rectangle((x0, y1 - 70, x1, y1), fill=ink)
    draw.polygon(
        [(w * 0.86, h * 0.6), (w * 0.94, h * 0.6), (w * 0.9, h * 0.78)], fill=PALETTE["brand_dark"]
    )
    draw.rectangle((w * 0.88, h * 0.4, w * 0.92, h * 0.6), fill=PALETTE["brand_dark"])
    draw.rectangle((w * 0.84, h * 0.8, w * 0.96, h * 0.83), fill=PALETTE["brand_dark"])


def draw_houses(draw, w, h, rng, count=None):
    """A street of small houses with people outside: services close to home."""
    horizon = h * 0.62
    _ground(draw, w, h, horizon)
    count = count or rng.randint(4, 6)
    step = w / count
    for n in range(count):
        x0 = n * step + step * 0.12
        x1 = x0 + step * 0.76
        top = horizon - rng.uniform(h * 0.25, h * 0.36)
        wall = rng.choice(["#fbefe3", "#e8f3ef", "#e9eef9", "#ffffff"])
        draw.rectangle((x0, top, x1, horizon), fill=wall, outline=PALETTE["line"], width=6)
        draw.polygon(
            [(x0 - 30, top), ((x0 + x1) / 2, top - h * 0.14), (x1 + 30, top)],
            fill=rng.choice(["#c2553a", PALETTE["brand_dark"], "#7a3b00"]),
        )
        door = (x0 + x1) / 2
        draw.rectangle((door - 40, horizon - 150, door + 40, horizon), fill=PALETTE["brand"])
        for wx in (x0 + 30, x1 - 100):
            draw.rectangle(
                (wx, top + 50, wx + 70, top + 120),
                fill=PALETTE["sky"],
                outline=PALETTE["blue"],
                width=6,
            )
    for _ in range(rng.randint(3, 5)):
        _person(draw, rng.uniform(w * 0.05, w * 0.95), horizon + rng.uniform(40, 140), 200, rng)


def draw_open_door(draw, w, h, rng):
    """A community centre with its door wide open and visitors walking in."""
    horizon = h * 0.7
    _ground(draw, w, h, horizon)
    x0, x1, top = w * 0.25, w * 0.75, h * 0.22
    draw.rectangle((x0, top, x1, horizon), fill="#fbefe3", outline=PALETTE["line"], width=8)
    draw.polygon([(x0 - 60, top), (w / 2, top - h * 0.16), (x1 + 60, top)], fill=PALETTE["brand"])
    draw.rectangle((w / 2 - 110, horizon - 320, w / 2 + 110, horizon), fill=PALETTE["amber"])
    draw.polygon(
        [
            (w / 2 - 110, horizon - 320),
            (w / 2 - 200, horizon - 290),
            (w / 2 - 200, horizon + 20),
            (w / 2 - 110, horizon),
        ],
        fill=PALETTE["brand_dark"],
    )
    for wx in (x0 + 70, x1 - 230):
        draw.rectangle(
            (wx, top + 90, wx + 160, top + 230),
            fill=PALETTE["sky"],
            outline=PALETTE["blue"],
            width=8,
        )
    for n, x in enumerate((w * 0.12, w * 0.84, w * 0.9)):
        _person(draw, x, horizon - 40 + n * 30, 220, rng)
    for x in (w * 0.06, w * 0.95):
        draw.rectangle((x - 14, horizon - 200, x + 14, horizon), fill="#7a3b00")
        draw.ellipse((x - 90, horizon - 360, x + 90, horizon - 170), fill=PALETTE["brand"])


def draw_group(draw, w, h, rng, rows=1):
    """People seated in a half circle, talking: a focus group or a forum."""
    draw.rectangle((0, 0, w, h), fill=PALETTE["tint"])
    for row in range(rows):
        seats = 7 + row * 4
        radius = w * (0.3 + 0.12 * row)
        for n in range(seats):
            angle = math.pi * (0.1 + 0.8 * n / (seats - 1))
            x = w / 2 + radius * math.cos(angle)
            y = h * 0.18 + radius * 0.55 * math.sin(angle)
            _person(draw, x, y, 240 - row * 40, rng)
    if rows == 1:
        for n, (x, y) in enumerate(((w * 0.36, h * 0.14), (w * 0.6, h * 0.08))):
            fill = (PALETTE["paper"], PALETTE["amber"])[n]
            draw.rounded_rectangle(
                (x, y, x + 260, y + 150),
                radius=50,
                fill=fill,
                outline=PALETTE["brand_dark"],
                width=8,
            )
            draw.polygon([(x + 60, y + 145), (x + 130, y + 145), (x + 50, y + 220)], fill=fill)
            for d in range(3):
                cx = x + 70 + d * 60
                draw.ellipse((cx - 16, y + 59, cx + 16, y + 91), fill=PALETTE["brand_dark"])


def draw_crowd(draw, w, h, rng):
    """A full hall seen from behind: many participants facing a screen."""
    draw.rectangle((0, 0, w, h), fill=PALETTE["tint"])
    draw.rectangle(
        (w * 0.2, h * 0.06, w * 0.8, h * 0.38),
        fill=PALETTE["paper"],
        outline=PALETTE["brand_dark"],
        width=12,
    )
    draw.rectangle((w * 0.26, h * 0.12, w * 0.5, h * 0.32), fill=PALETTE["brand"])
    draw.rectangle((w * 0.54, h * 0.14, w * 0.74, h * 0.16), fill=PALETTE["line"])
    draw.rectangle((w * 0.54, h * 0.2, w * 0.7, h * 0.22), fill=PALETTE["line"])
    for row in range(4):
        y = h * (0.46 + row * 0.13)
        size = 150 + row * 30
        count = 9 + row
        for n in range(count):
            x = (n + 0.5 + (row % 2) * 0.5) * w / count - (row % 2) * w / count * 0.5
            _person(draw, x, y, size, rng, facing_front=False)


def draw_podium(draw, w, h, rng):
    """A conference stage: a lectern, a screen and the first rows of the audience."""
    draw.rectangle((0, 0, w, h), fill="#e8f3ef")
    draw.rectangle((0, h * 0.5, w, h * 0.58), fill=PALETTE["wood"])
    draw.rectangle(
        (w * 0.08, h * 0.06, w * 0.58, h * 0.42),
        fill=PALETTE["paper"],
        outline=PALETTE["brand_dark"],
        width=12,
    )
    cx, cy, r = w * 0.33, h * 0.24, 110
    draw.ellipse((cx - r - 60, cy - r, cx + r - 60, cy + r), outline=PALETTE["brand"], width=26)
    draw.ellipse((cx - r + 60, cy - r, cx + r + 60, cy + r), outline=PALETTE["amber"], width=26)
    _person(draw, w * 0.74, h * 0.24, 220, rng)
    draw.polygon(
        [(w * 0.66, h * 0.32), (w * 0.82, h * 0.32), (w * 0.8, h * 0.5), (w * 0.68, h * 0.5)],
        fill=PALETTE["brand_dark"],
    )
    for row in range(2):
        count = 8 + row
        for n in range(count):
            _person(
                draw,
                (n + 0.5) * w / count,
                h * (0.66 + row * 0.16),
                200 + row * 30,
                rng,
                facing_front=False,
            )


def draw_training(draw, w, h, rng, seaside=False):
    """A training session: a flipchart with a chart, participants at tables."""
    if seaside:
        draw.rectangle((0, 0, w, h * 0.4), fill=PALETTE["sky"])
        draw.rectangle((0, h * 0.3, w, h * 0.4), fill=PALETTE["water"])
        draw.ellipse((w * 0.82, h * 0.04, w * 0.94, h * 0.25), fill=PALETTE["amber"])
        draw.rectangle((0, h * 0.4, w, h), fill="#fbefe3")
    else:
        draw.rectangle((0, 0, w, h), fill=PALETTE["tint"])
        draw.rectangle(
            (w * 0.62, h * 0.08, w * 0.92, h * 0.34),
            fill=PALETTE["sky"],
            outline=PALETTE["blue"],
            width=10,
        )
    x0, y0, x1, y1 = w * 0.08, h * 0.1, w * 0.32, h * 0.6
    draw.line((x0 + 30, y1, x0 - 20, h * 0.8), fill=PALETTE["ink"], width=12)
    draw.line((x1 - 30, y1, x1 + 20, h * 0.8), fill=PALETTE["ink"], width=12)
    draw.rectangle((x0, y0, x1, y1), fill=PALETTE["paper"], outline=PALETTE["ink"], width=8)
    heights = [rng.uniform(0.2, 0.8) for _ in range(4)]
    bar = (x1 - x0 - 80) / 4
    for n, value in enumerate(heights):
        bx = x0 + 40 + n * bar
        draw.rectangle(
            (bx + 10, y1 - 40 - value * (y1 - y0 - 120), bx + bar - 10, y1 - 40),
            fill=(PALETTE["brand"], PALETTE["blue"], PALETTE["amber"])[n % 3],
        )
    for row in range(2):
        ty = h * (0.58 + row * 0.2)
        draw.rounded_rectangle(
            (w * 0.4, ty + 120, w * 0.96, ty + 160), radius=16, fill=PALETTE["wood"]
        )
        for n in range(4):
            _person(draw, w * (0.46 + n * 0.14), ty, 180, rng, facing_front=False)


def draw_info_stand(draw, w, h, rng):
    """An information day: a stall with leaflets in front of a town hall."""
    horizon = h * 0.66
    _ground(draw, w, h, horizon, "#e4e0d8")
    x0, x1, top = w * 0.45, w * 0.95, h * 0.16
    draw.rectangle((x0, top, x1, horizon), fill="#fbefe3", outline=PALETTE["line"], width=8)
    draw.polygon([(x0 - 30, top), ((x0 + x1) / 2, top - h * 0.12), (x1 + 30, top)], fill="#c2553a")
    for n in range(4):
        cx = x0 + (n + 0.5) * (x1 - x0) / 4
        draw.rectangle(
            (cx - 24, top + 30, cx + 24, horizon),
            fill=PALETTE["paper"],
            outline=PALETTE["line"],
            width=4,
        )
    sx0, sx1 = w * 0.06, w * 0.5
    stripes = rng.choice(
        ((PALETTE["brand"], PALETTE["paper"]), (PALETTE["blue"], PALETTE["paper"]))
    )
    for n in range(6):
        sx = sx0 + n * (sx1 - sx0) / 6
        draw.polygon(
            [
                (sx, h * 0.3),
                (sx + (sx1 - sx0) / 6, h * 0.3),
                (sx + (sx1 - sx0) / 6, h * 0.4),
                (sx, h * 0.4),
            ],
            fill=stripes[n % 2],
        )
    draw.line((sx0 + 10, h * 0.4, sx0 + 10, h * 0.86), fill=PALETTE["ink"], width=12)
    draw.line((sx1 - 10, h * 0.4, sx1 - 10, h * 0.86), fill=PALETTE["ink"], width=12)
    draw.rectangle((sx0, h * 0.62, sx1, h * 0.7), fill=PALETTE["brand_dark"])
    for n in range(5):
        lx = sx0 + 40 + n * 110
        draw.rectangle(
            (lx, h * 0.56, lx + 80, h * 0.62),
            fill=(PALETTE["amber"], PALETTE["paper"], PALETTE["sky"])[n % 3],
        )
    _person(draw, (sx0 + sx1) / 2, h * 0.44, 200, rng)
    for x in rng.sample([0.56, 0.66, 0.76, 0.86], 2):
        _person(draw, w * x, horizon + 20, 240, rng)


def draw_map(draw, w, h, rng):
    """The border area as shapes: the Danube between two banks, services marked as houses."""
    draw.rectangle((0, 0, w, h / 2), fill="#e9eef9")
    draw.rectangle((0, h / 2, w, h), fill="#e8f3ef")
    river = [
        (x / 40 * w, h * (0.5 + 0.06 * math.sin(x / 40 * 2 * math.pi * 1.5))) for x in range(41)
    ]
    draw.line(river, fill=PALETTE["water"], width=50, joint="curve")
    for _ in range(13):
        x = rng.uniform(0.05, 0.95) * w
        y = rng.choice((rng.uniform(0.1, 0.35), rng.uniform(0.68, 0.9))) * h
        colour = PALETTE["blue"] if y < h / 2 else PALETTE["brand"]
        draw.rectangle((x - 36, y - 10, x + 36, y + 50), fill=colour)
        draw.polygon([(x - 52, y - 6), (x, y - 56), (x + 52, y - 6)], fill=colour)


SUBJECTS = {
    "bridge": draw_bridge,
    "round_table": draw_round_table,
    "documents": draw_documents,
    "booklets": draw_booklets,
    "houses": draw_houses,
    "open_door": draw_open_door,
    "group": draw_group,
    "forum": lambda draw, w, h, rng: draw_group(draw, w, h, rng, rows=2),
    "crowd": draw_crowd,
    "podium": draw_podium,
    "training": draw_training,
    "seaside_training": lambda draw, w, h, rng: draw_training(draw, w, h, rng, seaside=True),
    "info_stand": draw_info_stand,
    "map": draw_map,
}
