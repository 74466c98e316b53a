"""Pictures of PDF pages for the HTML report: each page that has findings, with their places boxed.

A page is rendered with pypdfium2 (installed with pdfplumber), scaled to a readable width and saved
as WebP (JPEG where Pillow lacks WebP), embedded as a data URI. The boxes are not drawn into the
picture: they are elements laid over it in percent of the page, so they stay sharp, can be numbered
and linked to their finding, and a browser test can find them in the page's DOM.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field

from gkcheck.document import BBox

# 1.5 × 72 dpi = 108 dpi: an A4 page is 893 px wide, table figures and small print stay legible.
RENDER_SCALE = 1.5
QUALITY = 60
# Points added around a box, so that the frame does not hide the characters it marks.
PADDING = 2.0


@dataclass
class PageBox:
    """One finding's place on a page: its number in the report and its bbox in PDF points."""

    number: int
    bbox: BBox
    severity: str


@dataclass
class PagePicture:
    """A rendered page: the data URI of its picture, its size in points and the boxes laid over it."""

    page: int
    uri: str
    width: float
    height: float
    boxes: list[PageBox] = field(default_factory=list)
    bytes: int = 0


def image_format() -> tuple[str, str]:
    """(Pillow format, MIME type): WebP when Pillow can write it, JPEG otherwise."""
    from PIL import features

    return ("WEBP", "image/webp") if features.check("webp") else ("JPEG", "image/jpeg")


def render_pages(path: str, boxes_by_page: dict[int, list[PageBox]]) -> list[PagePicture]:
    """The pictures of the pages of `path` named in `boxes_by_page` (1-based), in page order.

    A page the PDF does not have, or a file pypdfium2 cannot open, gives no picture: the findings
    are still listed, only without their page.
    """
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(path)
    except (pypdfium2.PdfiumError, OSError):
        return []
    pictures = []
    try:
        for number in sorted(boxes_by_page):
            if 1 <= number <= len(pdf):
                try:
                    pictures.append(_render_page(pdf[number - 1], number, boxes_by_page[number]))
                except Exception:  # a page pdfium cannot draw: its findings are listed all the same
                    continue
    finally:
        pdf.close()
    return pictures


def _render_page(page, number: int, boxes: list[PageBox]) -> PagePicture:
    width, height = page.get_size()
    image = page.render(scale=RENDER_SCALE).to_pil().convert("RGB")
    kind, mime = image_format()
    buffer = io.BytesIO()
    image.save(buffer, format=kind, quality=QUALITY)
    data = buffer.getvalue()
    uri = f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
    return PagePicture(number, uri, width, height, boxes, len(data))


def box_style(box: PageBox, picture: PagePicture) -> str:
    """CSS placing `box` over `picture`, in percent of the page (the picture scales freely)."""
    x0, top, x1, bottom = box.bbox
    x0, top = max(0.0, x0 - PADDING), max(0.0, top - PADDING)
    x1, bottom = min(picture.width, x1 + PADDING), min(picture.height, bottom + PADDING)
    return (
        f"left:{100 * x0 / picture.width:.2f}%;top:{100 * top / picture.height:.2f}%;"
        f"width:{100 * (x1 - x0) / picture.width:.2f}%;height:{100 * (bottom - top) / picture.height:.2f}%"
    )
