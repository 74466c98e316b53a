"""The page images of a scan: an image-only PDF's pages rendered, or the frames of an image file."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from gkcheck.errors import InputError

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
# The resolution assumed for an image file that does not say its own.
IMAGE_DEFAULT_DPI = 200


def is_image(head: bytes) -> bool:
    return head.startswith(IMAGE_MAGIC)


def scanned_pages(path: str, dpi: int) -> Iterator[tuple[np.ndarray, float]]:
    """Each page as a greyscale array, with the resolution it is in."""
    with open(path, "rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" in head:
        yield from _pdf_pages(path, dpi)
    else:
        yield from _image_pages(path)


def _pdf_pages(path: str, dpi: int) -> Iterator[tuple[np.ndarray, float]]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        for page in pdf:
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            image = bitmap.to_pil().convert("L")
            page.close()
            yield np.array(image), float(dpi)
    finally:
        pdf.close()


def _image_pages(path: str) -> Iterator[tuple[np.ndarray, float]]:
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(path)
    except (UnidentifiedImageError, OSError) as exc:
        raise InputError(zh=f"图片无法读取：{exc}", en=f"the image cannot be read: {exc}") from None
    with image:
        dpi = float((image.info.get("dpi") or (IMAGE_DEFAULT_DPI,))[0] or IMAGE_DEFAULT_DPI)
        for frame in ImageSequence.Iterator(image):
            yield np.array(frame.convert("L")), dpi
