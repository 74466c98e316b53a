"""The prose of a report as sentences, for rules that compare a report's text with last year's.

A report's lines are broken where the page ran out, not where sentences end, so the prose lines of
each section are joined and cut at 。！？；. Table rows, headings and other short lines without a
sentence's end are not prose: they end the sentence before them and are left out. Each sentence
keeps where it starts (page or line) and its section, and a comparison key (`key`): folded, without
punctuation, with every number as "#", so that "2023年共收到申请12件" repeats "2022年共收到申请9件".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from gkcheck.document import Line
from gkcheck.patterns import LazyPattern
from gkcheck.text import fold, squash

END = LazyPattern(r"[^。！？；!?;]*[。！？；!?;]+|[^。！？；!?;]+$")
NOT_WORD = LazyPattern(r"[^\w#]+")
NUMBER = LazyPattern(r"\d+(?:\.\d+)?")
# Cells of a table laid out with spaces: "规章      2      1      12".
TABLE_GAP = LazyPattern(r"\S {2,}\S")
# A table's title and header stand at most this far above its first row of cells (where the table
# was found may be a mention of it far earlier in the text).
HEADER_LINES = 12
HEADER_POINTS = 200
# A sentence of prose has punctuation inside or at its end; a run of table labels has none.
PROSE_MARK = LazyPattern(r"[，、。；：！？,;:!?]")
CJK = LazyPattern(r"[\u4e00-\u9fff]")
# A sentence shorter than this (in characters of its key) is a phrase: "无。", "详见下表。".
MIN_KEY = 8
# A line at least this long is prose even without a sentence's end (it was broken by the page).
PROSE_LINE = 20


@dataclass(frozen=True)
class Sentence:
    """One sentence of a section: its text as printed, its key, section and where it starts."""

    text: str
    key: str
    section: str
    page: int | None
    line: int | None

    @property
    def place(self) -> str:
        return f"第{self.page}页" if self.page else f"第{self.line}行" if self.line else ""

    @property
    def place_en(self) -> str:
        return f"page {self.page}" if self.page else f"line {self.line}" if self.line else ""


def sentence_key(text: str) -> str:
    """The comparison key: folded, numbers as "#", no punctuation or spaces."""
    return NOT_WORD.sub("", NUMBER.sub("#", fold(text)))


def is_prose(line: Line) -> bool:
    text = squash(line.text)
    if "\t" in line.text or TABLE_GAP.search(line.text) or len(CJK.findall(text)) < 2:
        return False
    return len(text) >= PROSE_LINE or bool(re.search(r"[。！？；!?;，,：:]$", text))


def sentences_of(numeral: str, lines: Iterable[Line]) -> list[Sentence]:
    """The sentences of one section's lines, in order."""
    out: list[Sentence] = []
    pending = ""
    start: Line | None = None
    for line in [*lines, None]:
        if line is None or not is_prose(line):
            out += _cut(numeral, pending, start, final=True)
            pending, start = "", None
            continue
        if start is None:
            start = line
        pending += squash(line.text)
        done = _cut(numeral, pending, start, final=False)
        if done:
            out += done
            consumed = sum(len(item.text) for item in done)
            pending = pending[consumed:]
            start = line if pending else None
    return out


def _cut(numeral: str, text: str, start: Line | None, final: bool) -> list[Sentence]:
    """The finished sentences at the start of `text` (all of it when `final`)."""
    if start is None or not text:
        return []
    out = []
    for found in END.finditer(text):
        piece = found.group(0)
        if not final and not re.search(r"[。！？；!?;]$", piece):
            break
        key = sentence_key(piece)
        if len(key) >= MIN_KEY:
            out.append(Sentence(piece.strip(), key, numeral, start.location.page, start.location.line))
        else:
            out.append(Sentence(piece, "", numeral, None, None))  # consumed, not kept
    return out


def report_sentences(sections: dict, tables: dict) -> tuple[Sentence, ...]:
    """Every kept sentence of the six sections, in the order of the report, outside the tables."""
    spans = [span for table in tables.values() for span in _table_spans(table)]
    found: list[Sentence] = []
    for numeral, section in sections.items():
        lines = [line for line in section.lines if not _inside(line, spans)]
        found += [item for item in sentences_of(numeral, lines) if item.key and PROSE_MARK.search(item.text)]
    return tuple(found)


def _table_spans(table) -> list[tuple[int | None, float, float]]:
    """Where a table's cells are, from the table's title on its first page.

    As (None, first line, last line), or for a PDF as (page, top, bottom) on each page.
    """
    start = getattr(table, "location", None)
    locations = [cell.location for cells in getattr(table, "cells", {}).values() for cell in cells.values()]
    lines = [where.line for where in locations if where.line is not None]
    if lines:
        first = min(lines)
        if start is not None and start.line is not None and 0 <= first - start.line <= HEADER_LINES:
            first = start.line
        return [(None, first, max(lines))]
    spans = []
    for page in sorted({where.page for where in locations if where.page is not None and where.bbox}):
        boxes = [where.bbox for where in locations if where.page == page and where.bbox]
        top = min(box[1] for box in boxes)
        if (
            start is not None
            and start.page == page
            and start.bbox
            and 0 <= top - start.bbox[1] <= HEADER_POINTS
        ):
            top = start.bbox[1]
        spans.append((page, top, max(box[3] for box in boxes)))
    return spans


def _inside(line: Line, spans: list[tuple[int | None, float, float]]) -> bool:
    where = line.location
    for page, first, last in spans:
        if page is None and where.line is not None and first <= where.line <= last:
            return True
        if page is not None and where.page == page and where.bbox and first <= where.bbox[1] <= last:
            return True
    return False
