"""Scans made from the project's sample PDFs: each page printed and scanned, as a county office does.

A page is rendered, turned by a fraction of a degree, blurred a little, given scanner noise, and the
pictures are saved as an image-only PDF (no text layer). Nothing made here is kept in the repository.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageFilter

REPOSITORY = Path(__file__).resolve().parents[3]
SAMPLES = REPOSITORY / "sample_reports"
SCAN_DPI = 200


def scanned_page(
    page, dpi: int = SCAN_DPI, angle: float = 0.4, seed: int = 0, edit=None, index: int = 0
) -> Image.Image:
    picture = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
    if edit is not None:
        edit(picture, dpi, index)
    picture = picture.rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255, expand=False)
    picture = picture.filter(ImageFilter.GaussianBlur(0.6))
    return _noisy(picture, seed)


def _noisy(picture: Image.Image, seed: int) -> Image.Image:
    import numpy as np

    rng = np.random.default_rng(seed)
    pixels = np.asarray(picture, dtype=np.int16)
    pixels = pixels + rng.normal(0, 8, pixels.shape).astype(np.int16)
    specks = rng.random(pixels.shape) < 0.0004  # dust
    pixels[specks] = 40
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def make_scan(
    source: Path, target: Path, dpi: int = SCAN_DPI, angle: float = 0.4, pages=None, edit=None
) -> Path:
    """An image-only PDF of `source`'s pages (all, or the 0-based `pages`); `edit(picture, dpi, index)`
    changes each page picture (0-based `index` in `source`) before it is scanned."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(source))
    try:
        chosen = range(len(pdf)) if pages is None else pages
        # seeded by the file's name, not its path: the same scan in every checkout (the turn of
        # each page decides how its rulings fall on the pixels, and so what is read)
        rng = random.Random(source.name)
        pictures = [
            scanned_page(pdf[i], dpi, angle * rng.choice((-1, 1)), seed=i, edit=edit, index=i) for i in chosen
        ]
    finally:
        pdf.close()
    pictures[0].save(target, "PDF", resolution=float(dpi), save_all=True, append_images=pictures[1:])
    return target


def overprint(bbox_points, text: str, page: int | None = None, smudge: bool = False):
    """An `edit` that whites out a cell (its PDF bbox, in points) and prints `text` in it.

    Only on the 0-based `page` when given. `smudge`: a grey blot over the figure, which the
    recogniser then reads with low confidence.
    """
    from PIL import ImageDraw, ImageFont

    def edit(picture: Image.Image, dpi: int, index: int = 0) -> None:
        if page is not None and index != page:
            return
        x0, top, x1, bottom = (value * dpi / 72 for value in bbox_points)
        draw = ImageDraw.Draw(picture)
        draw.rectangle((x0 + 4, top + 4, x1 - 4, bottom - 4), fill=255)
        font = ImageFont.load_default(size=int((bottom - top) * 0.55))
        middle_x, middle_y = (x0 + x1) / 2, (top + bottom) / 2
        draw.text((middle_x, middle_y), text, fill=0, font=font, anchor="mm")
        if smudge:
            size = dpi / 200
            blot = (middle_x - 2 * size, middle_y - 8 * size, middle_x + 9 * size, middle_y + 3 * size)
            draw.ellipse(blot, fill=110)

    return edit


def edits(*each):
    """One `edit` making all of `each`, in order."""

    def edit(picture: Image.Image, dpi: int, index: int = 0) -> None:
        for one in each:
            one(picture, dpi, index)

    return edit
