"""Words, lines and text found without pdfplumber's text map are exactly those pdfplumber finds.

`upright_words`, `upright_text_lines` and `upright_text` stand in for pdfplumber's `extract_words()`,
`extract_text_lines()` and `extract_text()` where every character stands upright and holds one
letter. Both engines use them, so the engine comparison cannot tell if they went wrong: here they
are compared with pdfplumber's own, on every page of every sample and corpus PDF, as each engine
reads them, for all the page's characters, those outside its ruled tables, and runs of them that
begin and end anywhere.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfplumber.utils.text import chars_to_textmap, extract_text, extract_words

from gkcheck.loaders.pdf_lines import upright_text, upright_text_lines, upright_words
from gkcheck.loaders.pdf_tables import find_tables
from tests.loaders.test_pdf_cell_text import pages_of
from tests.support.paths import CORPUS, NO_CORPUS, SAMPLE_REPORTS

RUNS = (7, 40, 150)


def char_groups(page):
    chars = page.chars
    yield chars
    tables = find_tables(page)
    yield [char for char in chars if not any(found.contains(_bbox(char)) for found in tables)]
    for length in RUNS:
        for start in range(0, len(chars), length):
            yield chars[start : start + length]
    yield list(reversed(chars))  # the lines do not depend on the characters' order


def _bbox(char: dict) -> tuple[float, float, float, float]:
    return (char["x0"], char["top"], char["x1"], char["bottom"])


def assert_text_lines_are_pdfplumbers(paths: list[Path]) -> int:
    fast = 0
    for path in paths:
        for engine in ("pdfminer", "pdfium"):
            for page in pages_of(path, engine):
                for chars in char_groups(page):
                    if not chars:
                        continue
                    where = f"{path.name} p.{page.page_number} ({engine})"
                    ours = upright_text_lines(chars)
                    if ours is not None:
                        assert ours == chars_to_textmap(chars).extract_text_lines(return_chars=False), where
                        assert upright_words(chars) == extract_words(chars), where
                        assert upright_text(chars) == extract_text(chars), where
                        fast += 1
    return fast


def test_sample_text_lines_are_pdfplumbers():
    assert assert_text_lines_are_pdfplumbers(sorted(SAMPLE_REPORTS.glob("*.pdf"))) > 1000


def test_corpus_text_lines_are_pdfplumbers():
    found = sorted(CORPUS.rglob("*.pdf")) if CORPUS.exists() else []
    if not found:
        pytest.skip(NO_CORPUS)
    assert assert_text_lines_are_pdfplumbers(found) > 100


def test_characters_that_do_not_stand_upright_are_left_to_pdfplumber():
    pages = pages_of(sorted(SAMPLE_REPORTS.glob("*.pdf"))[0], "pdfium")
    chars = [dict(char) for char in next(pages).chars]
    pages.close()
    assert upright_text_lines(chars) is not None and upright_words(chars) is not None
    chars[5]["upright"] = False
    assert upright_text_lines(chars) is None and upright_words(chars) is None
