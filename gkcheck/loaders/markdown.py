"""Markdown loader: `#` headings become lines, pipe tables become `Table`s.

Extraction tools and many sites publish reports as Markdown: "## 一、总体情况" headings and pipe
tables ("| 规章 | 0 | 0 | 0 |" under a "|---|---|" separator row). Files named `.md` are read as
Markdown (in a folder, those that name themselves a report: a README is not one), and so is any
text whose content is Markdown (a pipe table, or two `#` headings): the
plain-text loader would see neither the headings nor the tables. Heading marks and emphasis are
removed; every row of a pipe table is a row of its `Table` (a table's header row is often its first
data row in extracted text). Rowspans written as empty or repeated cells stay as they are: the
table mapping reads a row by its labels. A crawler header above a `==== 正文 ====` line is kept in
the metadata, as the text loader does.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from gkcheck.document import Block, Cell, Document, Line, Location, Table
from gkcheck.hookspec import hookimpl
from gkcheck.loaders.encoding import decode, note_replacements
from gkcheck.loaders.html import looks_like_html
from gkcheck.loaders.txt import body_lines, looks_like_text
from gkcheck.patterns import LazyPattern

SUFFIXES = (".md", ".markdown")
HEADING = LazyPattern(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
SEPARATOR = LazyPattern(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
PIPE_ROW = LazyPattern(r"^\s*\|.*\|\s*$")
EMPHASIS = LazyPattern(r"(\*\*|__)(.+?)\1")
# Markdown by content: this many `#` headings, or one pipe table (a row, then a separator row).
MIN_HEADINGS = 2


# A Markdown file in a folder is a report only if it says so: folders of reports hold READMEs and notes.
REPORT_WORDS = ("政府信息公开", "年度报告", "政府資訊公開", "年度報告")


@hookimpl
def gkcheck_collect_file(file_path: Path, config) -> bool | None:
    """Claim the Markdown files found in a folder that read as a report (not a README or notes)."""
    if file_path.suffix.lower() not in SUFFIXES:
        return None
    try:
        head, _ = decode(file_path.read_bytes()[:8192])
    except (OSError, UnicodeDecodeError):
        return None
    return True if any(word in head for word in REPORT_WORDS) else None


@hookimpl
def gkcheck_load_document(path: str, head: bytes, config) -> Document | None:
    if not looks_like_text(head) or looks_like_html(head):
        return None
    named = Path(path).suffix.lower() in SUFFIXES
    text, encoding = decode(Path(path).read_bytes())
    if not (named or is_markdown(text)):
        return None
    return read_markdown(path, text, encoding)


def is_markdown(text: str) -> bool:
    """True for text written in Markdown: a pipe table, or headings marked with `#`."""
    lines = text.splitlines()
    if any(PIPE_ROW.match(a) and SEPARATOR.match(b) for a, b in zip(lines, lines[1:])):
        return True
    return sum(1 for line in lines if HEADING.match(line)) >= MIN_HEADINGS


def read_markdown(path: str, text: str, encoding: str = "utf-8") -> Document:
    """The document of a Markdown text: headings and paragraphs as `Line`s, pipe tables as `Table`s."""
    document = Document(path=path, format="md", page_count=1, metadata={"encoding": encoding})
    document.blocks.extend(markdown_blocks(body_lines(document, text)))
    note_replacements(document, text)
    document.has_text_layer = bool(document.blocks)
    return document


def markdown_blocks(numbered: list[tuple[int, str]]) -> list[Block]:
    blocks: list[Block] = []
    rows: list[tuple[int, list[str]]] = []

    def flush() -> None:
        if rows:
            blocks.append(_table(rows, sum(1 for block in blocks if isinstance(block, Table))))
            rows.clear()

    for number, raw in numbered:
        if SEPARATOR.match(raw) and "-" in raw:
            continue  # the line under a table's header row
        if PIPE_ROW.match(raw):
            rows.append((number, _cells(raw)))
            continue
        flush()
        text = _plain(raw)
        if text:
            blocks.append(Line(text, Location(line=number)))
    flush()
    return blocks


def _cells(row: str) -> list[str]:
    inner = row.strip()[1:-1]
    return [_plain(cell) for cell in re.split(r"(?<!\\)\|", inner)]


def _plain(text: str) -> str:
    """A line without its heading mark and emphasis."""
    heading = HEADING.match(text)
    if heading:
        text = heading.group(1)
    return EMPHASIS.sub(r"\2", text).replace("\\|", "|").strip()


def _table(rows: list[tuple[int, list[str]]], index: int) -> Table:
    """The rows as a grid, rows padded beyond the table's usual width trimmed.

    Empty cells at the end of a row beyond the table's usual width are dropped (extraction tools pad
    rows), so that "| 四、结转… | 1 | 0 | 0 | 0 | 0 | 0 |  |" keeps its blank total where the other
    rows have eight cells.
    """
    widths = Counter(len(texts) for _, texts in rows if texts and texts[-1])
    usual = widths.most_common(1)[0][0] if widths else 0
    grid = []
    for row_index, (number, texts) in enumerate(rows):
        texts = list(texts)
        while len(texts) > max(usual, 1) and not texts[-1]:
            texts.pop()
        grid.append(
            tuple(
                Cell(text, row_index, col, Location(line=number, table=index, row=row_index, col=col))
                for col, text in enumerate(texts)
            )
        )
    return Table(rows=tuple(grid), location=Location(line=rows[0][0], table=index))
