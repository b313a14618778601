"""Demo images drawn with Pillow, so the demo needs no photographs or network."""

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


def cover(kind, year, variant=0, width=840, height=1188):
    """A publication cover: the network's two-ring mark, the kind and year, no photo."""
    ink, paper = POSTER_COLOURS[variant % len(POSTER_COLOURS)]
    image = Image.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 180), fill=ink)
    draw.rectangle((0, height - 120, width, height), fill=ink)
    cx, cy, r = width // 2, height // 2 - 60, 150
    draw.ellipse((cx - r - 90, cy - r, cx + r - 90, cy + r), outline=ink, width=36)
    draw.ellipse((cx - r + 90, cy - r, cx + r + 90, cy + r), outline="#d19a00", width=36)
    big, full = font(96)
    small, _ = font(48)
    text = _label(kind.upper(), full)
    draw.text(
        ((width - draw.textlength(text, font=big)) / 2, cy + r + 90), text, font=big, fill=ink
    )
    label = f"ROBG-193 · {year}"
    draw.text(
        ((width - draw.textlength(label, font=small)) / 2, height - 95),
        label,
        font=small,
        fill=paper,
    )
    return image
