"""The characters read from the page's whole text are those read one by one from PDFium.

`kept_texts` takes each character's text from one read of the page's text and asks PDFium per
character only whether a space is generated. Reading every character's code and generated flag
on its own is the plain way; both must keep the same characters with the same text, on every page
of every sample and corpus PDF.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from gkcheck.loaders.pdfium_chars import _kept_texts_one_by_one, kept_texts, page_text
from tests.support.paths import CORPUS, NO_CORPUS, SAMPLE_REPORTS


def pages_of(path: Path):
    pdf = pdfium.PdfDocument(str(path))
    try:
        for index, page in enumerate(pdf):
            textpage = page.get_textpage()
            try:
                yield index + 1, textpage
            finally:
                textpage.close()
                page.close()
    finally:
        pdf.close()


def assert_same_characters(paths: list[Path]) -> None:
    read_whole = 0
    for path in paths:
        for number, textpage in pages_of(path):
            handle = ctypes.cast(textpage.raw, ctypes.c_void_p).value or 0
            count = pdfium_c.FPDFText_CountChars(textpage.raw)
            assert kept_texts(textpage.raw) == _kept_texts_one_by_one(handle, count), (
                f"{path.name} p.{number}"
            )
            read_whole += len(page_text(textpage.raw, count)) == count
    assert read_whole > 0


def test_sample_characters_read_from_the_whole_text():
    assert_same_characters(sorted(SAMPLE_REPORTS.glob("*.pdf")))


def test_corpus_characters_read_from_the_whole_text():
    found = sorted(CORPUS.rglob("*.pdf")) if CORPUS.exists() else []
    if not found:
        pytest.skip(NO_CORPUS)
    assert_same_characters(found)
