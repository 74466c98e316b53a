"""Plain-text loader: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030; tables from tabs.

The decoding is `gkcheck.loaders.encoding`'s, shared with the HTML and DOCX loaders (`decode` stays
importable from here).

Reports are often published as web-page text. A crawler capture that puts its own header above a
`==== 正文 ====` line has that header dropped (kept in the document's metadata).

Tables come in the two layouts that word processors write when a report is saved as text:

- one cell per line, each line indented with a tab, rows separated by blank lines (or, when the
  blank lines are lost, a new row at each label that follows a value);
- one row per line, cells separated by tabs.

Short caption lines without tabs inside a table ("第二十条第（五）项") are rows of it. Each table is
read as it stands: a row with six or eight values stays that way, so the table rules can report
its shape instead of a guess. Merged cells leave empty fields behind; an empty field after a label
widens the label (colspan), empty fields at the start of a line stand for a cell merged from the
row above, and an empty field after a value is a blank value. The values of all rows are then
aligned on one grid column, as in the table that was saved.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from gkcheck.document import Block, Cell, Document, Line, Location, Table, looks_like_value
from gkcheck.hookspec import hookimpl
from gkcheck.loaders.encoding import UTF16_BOMS, decode, note_replacements
from gkcheck.patterns import LazyPattern
from gkcheck.text import CONVERSION_DEBRIS

BODY_MARKER = LazyPattern(r"^=+\s*正文\s*=+$")
SECTION_HEADING = LazyPattern(r"^[一二三四五六七八九十]+[、.．]")
SENTENCE_END = LazyPattern(r"[。；;！？]")
# A line without tabs between two table rows is a caption row of the table (第二十条第（五）项)
# only when it is this short.
MAX_CAPTION_CHARS = 30


def looks_like_text(head: bytes) -> bool:
    """UTF-16 with its byte-order mark, or no NUL bytes and not a known binary container."""
    if head.startswith(UTF16_BOMS):
        return True
    return b"\x00" not in head and not head.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0"))


SUFFIXES = (".txt",)


@hookimpl
def gkcheck_collect_file(file_path: Path, config) -> bool | None:
    """Claim the text files found in a folder."""
    return True if file_path.suffix.lower() in SUFFIXES else None


@hookimpl(trylast=True)
def gkcheck_load_document(path: str, head: bytes, config) -> Document | None:
    if not looks_like_text(head):
        return None
    text, encoding = decode(Path(path).read_bytes())
    return read_text(path, text, encoding)


def body_lines(document: Document, text: str) -> list[tuple[int, str]]:
    """The text's numbered lines after a capture's header, which goes into the metadata."""
    numbered = list(enumerate(text.splitlines(), start=1))
    for index, (_, line) in enumerate(numbered):
        if BODY_MARKER.match(line.strip()):
            document.metadata["header"] = "\n".join(line for _, line in numbered[:index])
            return numbered[index + 1 :]
    return numbered


def read_text(path: str, text: str, encoding: str = "utf-8") -> Document:
    """The document of a text: its paragraphs as `Line`s and its tab layouts as `Table`s."""
    document = Document(path=path, format="txt", page_count=1, metadata={"encoding": encoding})
    document.blocks.extend(text_blocks(body_lines(document, text)))
    note_replacements(document, text)
    document.has_text_layer = any(isinstance(block, Table) or block.text for block in document.blocks)
    return document


@dataclass(frozen=True)
class _Source:
    number: int
    text: str

    @property
    def tabbed(self) -> bool:
        return "\t" in self.text

    @property
    def blank(self) -> bool:
        return not self.tabbed and not self.text.strip()


def text_blocks(numbered: list[tuple[int, str]]) -> list[Block]:
    """Lines and tables in reading order from (line number, text) pairs."""
    sources = [_Source(number, text) for number, text in numbered]
    blocks: list[Block] = []
    table_count = 0
    index = 0
    while index < len(sources):
        if not sources[index].tabbed:
            if not sources[index].blank and not _caption_of_next_table(sources, index):
                blocks.append(_line(sources[index]))
            index += 1
            continue
        start = _caption_start(sources, index)
        end = _region_end(sources, index)
        table = _table(sources[start:end], table_count)
        if table is None:
            blocks.extend(_line(source) for source in sources[start:end] if source.text.strip())
        else:
            blocks.append(table)
            table_count += 1
        index = end
    return blocks


def _line(source: _Source) -> Line:
    return Line(source.text.strip(), Location(line=source.number))


def _is_caption(source: _Source) -> bool:
    text = source.text.strip()
    return (
        0 < len(text) <= MAX_CAPTION_CHARS
        and not source.tabbed
        and not SECTION_HEADING.match(text)
        and not SENTENCE_END.search(text)
    )


def _caption_of_next_table(sources: list[_Source], index: int) -> bool:
    following = sources[index + 1] if index + 1 < len(sources) else None
    return following is not None and following.tabbed and _is_caption(sources[index])


def _caption_start(sources: list[_Source], index: int) -> int:
    """Where the table starting at `index` begins: one line earlier when that line is its caption."""
    return index - 1 if index > 0 and _is_caption(sources[index - 1]) else index


def _region_end(sources: list[_Source], index: int) -> int:
    """One past the last tabbed line of the table region starting at `index`.

    The region runs over tabbed lines, blank lines, and caption lines that sit directly between two
    tabbed lines; it ends before trailing blank lines.
    """
    end = index + 1
    position = index + 1
    while position < len(sources):
        source = sources[position]
        if source.tabbed:
            end = position + 1
        elif not source.blank:
            between_rows = (
                sources[position - 1].tabbed and position + 1 < len(sources) and sources[position + 1].tabbed
            )
            if not (between_rows and _is_caption(source)):
                break
        position += 1
    return end


def _table(region: list[_Source], table_index: int) -> Table | None:
    """The table of a region, or None when the region is not table-like (a tab-indented paragraph)."""
    one_cell_per_line = all(
        re.fullmatch(r"\t[^\t]*", source.text.rstrip("\r\n")) for source in region if source.tabbed
    )
    if one_cell_per_line:
        groups = [row for group in _groups_by_blank_lines(region) for row in _split_after_values(group)]
    else:
        groups = [[source] for source in region if not source.blank]
    rows: list[tuple[Cell, ...]] = []
    grouped = [
        [(source.number, field) for source in group for field in _fields(source, one_cell_per_line)]
        for group in groups
    ]
    width = _value_width(grouped)
    for fields in grouped:
        cells = _row_cells(fields, table_index, len(rows), width)
        if cells:
            rows.append(tuple(cells))
    if not rows or max(len(row) for row in rows) < 2:
        return None
    if len(rows) == 1 and not any(looks_like_value(cell.text) for cell in rows[0]):
        return None  # a tab-separated line of text, not a table
    return Table(rows=tuple(_align_values(rows)), location=Location(line=region[0].number, table=table_index))


def _split_after_values(group: list[_Source]) -> list[list[_Source]]:
    """A group of cell lines split where a label follows a value: rows saved without blank lines."""
    rows: list[list[_Source]] = [[]]
    previous_is_value = False
    for source in group:
        text = CONVERSION_DEBRIS.sub("", source.text).strip()
        if text and not looks_like_value(text) and previous_is_value:
            rows.append([])
        rows[-1].append(source)
        if text:
            previous_is_value = looks_like_value(text)
    return rows


def _groups_by_blank_lines(region: list[_Source]) -> list[list[_Source]]:
    groups: list[list[_Source]] = [[]]
    for source in region:
        if source.blank:
            if groups[-1]:
                groups.append([])
        else:
            groups[-1].append(source)
    return [group for group in groups if group]


def _fields(source: _Source, one_cell_per_line: bool) -> list[str]:
    text = source.text.rstrip("\r\n")
    if one_cell_per_line:
        return [text[1:] if text.startswith("\t") else text]
    return text.split("\t")


def _value_width(grouped: list[list[tuple[int, str]]]) -> int | None:
    """The usual number of values at the end of a row: the most common trailing run of values."""
    runs: Counter[int] = Counter()
    for fields in grouped:
        texts = [CONVERSION_DEBRIS.sub("", text).strip() for _, text in fields]
        if texts and texts[-1] and looks_like_value(texts[-1]):
            runs[_tail_length(texts)] += 1
    return runs.most_common(1)[0][0] if runs else None


def _tail_length(texts: list[str]) -> int:
    """How many fields at the end of a row are values or empty."""
    length = 0
    for text in reversed(texts):
        if text and not looks_like_value(text):
            break
        length += 1
    return length


def _row_cells(
    fields: list[tuple[int, str]], table_index: int, row_index: int, width: int | None = None
) -> list[Cell]:
    r"""The cells of one row from its raw fields (see the module docstring for empty fields).

    Empty fields at the end of a row are dropped, except where they are the row's blank values: a
    row of the table's usual number of values (`width`) written with blanks ("label\t49\t\t\t…",
    or a row of blanks only), as reports that write zero as a blank save it.
    """
    texts = [(number, CONVERSION_DEBRIS.sub("", field).strip()) for number, field in fields]
    tail = _tail_length([text for _, text in texts])
    values = [text for _, text in texts[len(texts) - tail :]]
    trailing_empty = len(values) - len(list(filter(None, values))) if values else 0
    keep_blanks = (
        width is not None
        and tail == width
        and tail < len(texts)
        # one empty field at the end is as often a stray tab as a blank cell: a row of six values
        # and a tab stays a row of six values
        and (trailing_empty >= 2 or "" in values[:-1])
    )
    blank_from = len(texts) - tail if keep_blanks else len(texts)
    if not keep_blanks:
        while texts and not texts[-1][1]:
            texts.pop()
    cells: list[Cell] = []
    for col, (number, text) in enumerate(texts):
        previous = cells[-1] if cells else None
        if col >= blank_from:
            cells.append(
                Cell(text, row_index, col, Location(line=number, table=table_index, row=row_index, col=col))
            )
            continue
        if not text and previous is None:
            continue
        if not text and previous is not None and previous.text and not looks_like_value(previous.text):
            cells[-1] = Cell(
                previous.text, previous.row, previous.col, previous.location, colspan=previous.colspan + 1
            )
            continue
        location = Location(line=number, table=table_index, row=row_index, col=col)
        cells.append(Cell(text, row_index, col, location))
    return cells


def _align_values(rows: list[tuple[Cell, ...]]) -> list[tuple[Cell, ...]]:
    """Rows whose values start in the same grid column, as in the table that was saved as text.

    Text keeps no trace of a label merged across columns, so the values of a row with one label
    start further left than those of a row with a group label and a sub-label. The values of every
    row are moved to start at the rightmost such column, and the label before them widened to
    meet them. The number of values in a row never changes.
    """
    starts = [_values_start(row) for row in rows]
    column = max((start_col for start_col, _ in filter(None, starts)), default=0)
    aligned = []
    for row, start in zip(rows, starts):
        if start is None or start[0] == column:
            aligned.append(row)
            continue
        start_col, index = start
        shift = column - start_col
        labels = list(row[:index])
        if labels:
            last = labels[-1]
            labels[-1] = Cell(last.text, last.row, last.col, last.location, last.rowspan, column - last.col)
        moved = [_moved(cell, cell.col + shift) for cell in row[index:]]
        aligned.append((*labels, *moved))
    return aligned


def _values_start(row: tuple[Cell, ...]) -> tuple[int, int] | None:
    """(grid column, index in the row) of the first cell of the row's trailing run of values."""
    index = len(row)
    while index > 0 and (looks_like_value(row[index - 1].text) or not row[index - 1].text):
        index -= 1
    run_start = index
    while index < len(row) and not row[index].text:
        index += 1
    if index == len(row) and 0 < run_start < len(row):
        index = run_start  # a row of blank values only
    return (row[index].col, index) if index < len(row) else None


def _moved(cell: Cell, col: int) -> Cell:
    return Cell(cell.text, cell.row, col, cell.location.with_(col=col), cell.rowspan, cell.colspan)
