"""Draws the installable app's icons (static/img/icon-*.png) from the favicon's design: white
« RL » on the primary blue. Run once; the PNGs are committed (Pillow comes with WeasyPrint).

    .venv/bin/python scripts/make_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BLUE = (13, 110, 253)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
OUT = Path(__file__).resolve().parents[1] / "static" / "img"


def icon(size: int, *, maskable: bool) -> Image.Image:
    image = (
        Image.new("RGB", (size, size), BLUE)
        if maskable
        else Image.new("RGBA", (size, size), (0, 0, 0, 0))
    )
    draw = ImageDraw.Draw(image)
    if not maskable:
        draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 5, fill=BLUE)
    # A maskable icon keeps its drawing inside the central 80 % (the safe zone).
    font = ImageFont.truetype(FONT, int(size * (0.36 if maskable else 0.46)))
    draw.text((size / 2, size / 2), "RL", font=font, fill="white", anchor="mm")
    return image


for size in (192, 512):
    icon(size, maskable=False).save(OUT / f"icon-{size}.png", optimize=True)
    icon(size, maskable=True).save(OUT / f"icon-maskable-{size}.png", optimize=True)
icon(180, maskable=True).save(OUT / "apple-touch-icon.png", optimize=True)
