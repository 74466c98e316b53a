"""The text of characters on one line is exactly what pdfplumber's `extract_text` gives them.

`one_line_text` stands in for pdfplumber's `extract_text` where the characters stand upright on
one line. Both engines use it, so the engine comparison cannot tell if it went wrong: here it is
compared with pdfplumber's own, on every page of every sample and corpus PDF, as each engine reads
them, for the characters of every table cell, every text line and short runs of the page's
characters (which take in blanks, gaps and line ends).
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.utils.text import extract_text

from gkcheck.loaders.pdf_tables import cell_texts, one_line_text, ruled_page
from gkcheck.loaders.pdfium_page import PdfiumDocument
from tests.loaders.test_pdf_engines import fonts_of
from tests.support.paths import CORPUS, NO_CORPUS, SAMPLE_REPORTS

RUNS = (2, 3, 5, 8, 13)


def pages_of(path: Path, engine: str):
    """The pages of `path` as pdfplumber (pdfminer) or PDFium reads them."""
    opened = (
        pdfplumber.open(path) if engine == "pdfminer" else PdfiumDocument(str(path), fonts_of(path).descents)
    )
    with opened as pdf:
        yield from pdf.pages


def char_groups(page):
    """Groups of the page's characters a cell or line could hold."""
    chars = page.chars
    for table in ruled_page(page).find_tables():
        for row in table.rows:
            for cell in row.cells:
                if cell is not None:
                    yield [char for char in chars if _centre_in(char, cell)]
    for line in page.extract_text_lines(return_chars=True):
        yield line["chars"]
    for length in RUNS:
        for start in range(0, len(chars), length):
            yield chars[start : start + length]


def _centre_in(char: dict, bbox) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return bbox[0] <= x < bbox[2] and bbox[1] <= y < bbox[3]


def assert_one_line_text_is_pdfplumbers(paths: list[Path]) -> None:
    fast = 0
    for path in paths:
        for engine in ("pdfminer", "pdfium"):
            for page in pages_of(path, engine):
                for chars in char_groups(page):
                    ours = one_line_text(chars) if chars else ""
                    if ours is not None:
                        assert ours == extract_text(chars), f"{path.name} p.{page.page_number} ({engine})"
                        fast += 1
                for table in ruled_page(page).find_tables():
                    assert cell_texts(table) == table.extract(), (
                        f"{path.name} p.{page.page_number} ({engine})"
                    )
    assert fast > 1000


def test_sample_one_line_texts_are_pdfplumbers():
    assert_one_line_text_is_pdfplumbers(sorted(SAMPLE_REPORTS.glob("*.pdf")))


def test_corpus_one_line_texts_are_pdfplumbers():
    found = sorted(CORPUS.rglob("*.pdf")) if CORPUS.exists() else []
    if not found:
        pytest.skip(NO_CORPUS)
    assert_one_line_text_is_pdfplumbers(found)


def test_characters_on_two_lines_or_turned_are_left_to_pdfplumber():
    upright = {"upright": True, "text": "甲", "x0": 0, "x1": 10, "top": 0, "bottom": 10}
    assert one_line_text([upright, {**upright, "top": 20, "bottom": 30}]) is None
    assert one_line_text([upright, {**upright, "upright": False}]) is None
