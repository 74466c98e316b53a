"""gkcheck-ocr: scanned reports (image-only PDFs and page images) read by OCR, offline.

Installed, this plugin reads a PDF without a text layer, and a PNG, JPEG or TIFF page image (a
multi-page TIFF too), into the same `Document` the PDF loader makes: text lines with page and
bounding box, and ruled tables as `Table` blocks with their cells. The table mapping and every
rule then run unchanged. The recogniser is RapidOCR (PP-OCRv4 Chinese models shipped in its
wheel): nothing leaves the machine.

The document says where its text came from (`metadata["text_source"] == "ocr"`), with the
resolution read at and the recogniser's confidence for each line and cell.
"""

from __future__ import annotations

import os
from pathlib import Path

from gkcheck.document import Document
from gkcheck.hookspec import hookimpl
from gkcheck_ocr.pages import IMAGE_SUFFIXES, is_image, scanned_pages
from gkcheck_ocr.uncertain import gkcheck_modify_rules

__all__ = ["gkcheck_modify_rules", "min_confidence", "read_scan"]

DEFAULT_DPI = 200
# A number read with a lower confidence than this is uncertain.
DEFAULT_MIN_CONFIDENCE = 0.9


@hookimpl
def gkcheck_addoption(parser) -> None:
    dpi_help = "OCR: resolution (dots per inch) the scanned pages are read at (default 200)"
    parser.add_reading_argument("--ocr-dpi", type=int, metavar="DPI", help=dpi_help)
    parser.add_setting("ocr-dpi", kind="count", default=DEFAULT_DPI, help=dpi_help)
    confidence_help = (
        "OCR: a number read with a lower confidence (0 to 1) is uncertain, and an arithmetic failure "
        f"through it is a warning (default {DEFAULT_MIN_CONFIDENCE})"
    )
    parser.add_reading_argument("--ocr-min-confidence", metavar="SHARE", help=confidence_help)
    parser.add_setting("ocr-min-confidence", default=str(DEFAULT_MIN_CONFIDENCE), help=confidence_help)


@hookimpl
def gkcheck_collect_file(file_path: Path, config) -> bool | None:
    """Claim the page images (PNG, JPEG, TIFF) found in a folder."""
    return True if file_path.suffix.lower() in IMAGE_SUFFIXES else None


@hookimpl(wrapper=True)
def gkcheck_load_document(path: str, head: bytes, config):
    """A scan read by OCR: a PDF the PDF loader found without a text layer, or a page image.

    It wraps the loaders, so a PDF is checked and read by the PDF loader first. A damaged file, a
    decompression bomb, a reference loop or too many pages is the PDF loader's error, as without
    this plugin. Only a PDF in which the PDF loader found no text is read again, by OCR.
    """
    document = yield
    if document is not None and document.format == "pdf" and not document.has_text_layer:
        return read_scan(path, "pdf", _dpi(config), threads_per_worker(config))
    if document is None and is_image(head):
        return read_scan(path, "image", _dpi(config), threads_per_worker(config))
    return document


def _dpi(config) -> int:
    value = config.get("ocr-dpi") if config is not None else None
    return int(value or DEFAULT_DPI)


def min_confidence(config) -> float:
    from gkcheck.errors import UsageError

    value = config.get("ocr-min-confidence") if config is not None else None
    try:
        return float(value) if value is not None else DEFAULT_MIN_CONFIDENCE
    except ValueError:
        raise UsageError(
            zh=f"ocr-min-confidence 应为 0 到 1 之间的数：{value!r}",
            en=f"ocr-min-confidence must be a number from 0 to 1: {value!r}",
        ) from None


def threads_per_worker(config) -> int | None:
    """Under `-j N` the cores are shared out between the workers; alone, onnxruntime decides."""
    jobs = config.get("jobs") if config is not None else None
    cores = os.cpu_count() or 1
    if jobs is None or jobs == 1:
        return None
    return max(1, cores // (jobs or cores))


def read_scan(path: str, file_format: str, dpi: int, threads: int | None = None) -> Document:
    from gkcheck_ocr.reader import engine, read_page

    engine(threads)
    document = Document(path=path, format=file_format)
    confidence = []
    for number, (gray, page_dpi) in enumerate(scanned_pages(path, dpi), start=1):
        reading = read_page(gray, page_dpi, number)
        document.blocks.extend(reading.blocks)
        confidence.extend(reading.confidence)
        document.page_count = number
    document.has_text_layer = any(block for block in document.blocks)
    document.metadata = {"text_source": "ocr", "ocr_dpi": dpi, "ocr_confidence": confidence}
    return document
