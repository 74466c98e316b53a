"""Printed table rows, before mapping: the labels of a row and the values that follow them.

A `SourceRow` comes from a row of a `Table` block (any format) or from a text line holding a label
followed by numbers. Labels are compared through `label_key`, which removes what real reports vary
in (spaces inside words, full-width digits and punctuation, "1．"/"1、"/"1. " numbering).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from gkcheck.document import Cell, Line, Location, Table, looks_like_value, merge_locations
from gkcheck.patterns import LazyPattern
from gkcheck.stat_tables import TABLE_NUMERALS, CellValue
from gkcheck.text import CONVERSION_DEBRIS, PAGE_NUMBER

_ORDINAL_MARK = LazyPattern(r"^(\d+)[、.．,，]")
_STARTS_NUMBERED = LazyPattern(r"^(\d+\.|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、)")
_LABEL_SPLIT = LazyPattern(r"\t|\s{2,}")


@dataclass(frozen=True)
class SourceValue:
    text: str
    location: Location
    col: int | None = None  # grid column, for values read from a Table block


@dataclass(frozen=True)
class SourceRow:
    """One printed row: label parts (cells or segments, left to right) and the values after them."""

    labels: list[str]
    values: list[SourceValue]
    location: Location
    block: int | None = None

    @property
    def all_blank(self) -> bool:
        return bool(self.values) and all(not value.text.strip() for value in self.values)


@lru_cache(maxsize=4096)
def label_key(text: str) -> str:
    """The matching form of a label: "（三）不予公 开" → "(三)不予公开", "1．属于" / "1、属于" → "1.属于"."""
    text = CONVERSION_DEBRIS.sub("", text or "")
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return _ORDINAL_MARK.sub(r"\1.", text)


@lru_cache(maxsize=65536)
def similarity(part: str, target: str) -> float:
    """How well a printed label matches a template label, 0…1 (1: the same after `label_key`)."""
    if part == target:
        return 1.0
    if len(target) >= 3 and target in part and len(part) <= 2.5 * len(target):
        return 0.85
    if len(part) >= 6 and target.startswith(part):
        return 0.8  # a label cut off at a page break
    # difflib's real_quick_ratio and quick_ratio, without building a SequenceMatcher for the many
    # pairs they rule out: the bound from the lengths, then from the characters in common.
    length = len(part) + len(target)
    quick = _ratio(sum((Counter(part) & _characters(target)).values()), length)
    if _ratio(min(len(part), len(target)), length) < 0.6 or quick < 0.6:
        return quick * 0.5
    return SequenceMatcher(None, part, target, autojunk=False).ratio()


def _ratio(matches: int, length: int) -> float:
    """The ratio difflib gives `matches` in two sequences of `length` characters together."""
    return 2.0 * matches / length if length else 1.0


@lru_cache(maxsize=4096)
def _characters(label: str) -> Counter[str]:
    return Counter(label)


def is_continuation(row: SourceRow) -> bool:
    """A fragment of the previous row's label: unnumbered text over blank value cells."""
    if not row.all_blank or not row.labels:
        return False
    return not _STARTS_NUMBERED.match(label_key(row.labels[0]))


def rows_from_table(table: Table, block: int | None = None) -> list[SourceRow]:
    """The rows of a `Table` block; value cells are those from the column where numbers start."""
    start = _value_start(table)
    return [row for cells in table.rows if (row := _row_from_cells(cells, start, block)) is not None]


def _value_start(table: Table) -> int | None:
    """The grid column where the value cells begin: the most common start of a trailing run of numbers."""
    starts: Counter[int] = Counter()
    for cells in table.rows:
        run = _trailing_values(cells)
        if any(looks_like_value(cell.text) for cell in run):
            starts[run[0].col] += 1
    if starts:
        return starts.most_common(1)[0][0]
    return _blank_value_start(table)


def _blank_value_start(table: Table) -> int | None:
    """For a table with no number at all (a blank template): where trailing blank cells begin after labels."""
    starts: Counter[int] = Counter()
    for cells in table.rows:
        run = _trailing_values(cells)
        if run and len(run) < len(cells):
            starts[run[0].col] += 1
        elif run and len(run) >= 2:
            starts[0] += 1
    return starts.most_common(1)[0][0] if starts else None


def _trailing_values(cells: tuple[Cell, ...]) -> list[Cell]:
    run: list[Cell] = []
    for cell in reversed(cells):
        if not (looks_like_value(cell.text) or not cell.text.strip()):
            break
        run.insert(0, cell)
    return run


def _row_from_cells(cells: tuple[Cell, ...], start: int | None, block: int | None) -> SourceRow | None:
    if not cells:
        return None
    location = merge_locations(cells[0].location, cells[-1].location)
    value_cells = [cell for cell in cells if start is not None and cell.col >= start]
    label_cells = [cell for cell in cells if start is None or cell.col < start]
    labels = [_cell_label(cell.text) for cell in label_cells if cell.text.strip()]
    has_value = any(looks_like_value(cell.text) for cell in value_cells)
    if not has_value and any(cell.text.strip() for cell in value_cells):
        labels += [_cell_label(cell.text) for cell in value_cells if cell.text.strip()]
        value_cells = []
    values = [SourceValue(cell.text.strip(), cell.location, cell.col) for cell in value_cells]
    if not labels and not values:
        return None
    return SourceRow(labels, values, location, block)


def _cell_label(text: str) -> str:
    """A cell's text with its wrapped lines joined (CJK wraps without a space)."""
    return "".join(part.strip() for part in text.splitlines())


def rows_from_line(line: Line) -> list[SourceRow]:
    """A text line as a table row: "label<TAB>0<TAB>0 …" or "label 0 0 …" (a label alone: no values)."""
    tokens = line.text.split()
    values: list[str] = []
    while tokens and looks_like_value(tokens[-1]):
        values.insert(0, tokens.pop())
    if PAGE_NUMBER.match(line.text.strip()):
        return []  # not LONE_NUMBER: a number alone on a line may be the end of a wrapped row
    if not values:
        return [SourceRow([line.text.strip()], [], line.location)] if line.text.strip() else []
    label_text = line.text
    for value in reversed(values):
        label_text = label_text[: label_text.rstrip().rfind(value)]
    labels = [part for part in _LABEL_SPLIT.split(label_text.strip()) if part.strip()]
    if labels and re.fullmatch(r"[-—\s]*", "".join(labels)):
        labels = []
    return [SourceRow(labels, [SourceValue(value, line.location) for value in values], line.location)]


def join_wrapped_values(rows: list[SourceRow], width: int = 7) -> list[SourceRow]:
    """Lines of numbers alone that continue the row above them (a long row wrapped on the page)."""
    out: list[SourceRow] = []
    for row in rows:
        previous = out[-1] if out else None
        if (
            previous
            and previous.values
            and row.values
            and not row.labels
            and (not previous.labels or len(previous.values) < width)
        ):
            out[-1] = SourceRow(
                previous.labels, [*previous.values, *row.values], previous.location, previous.block
            )
        else:
            out.append(row)
    return out


def cell_at(value: SourceValue, *, key: str, row: str, column: str) -> CellValue:
    """The cell read from `value`, its location naming the table, row and column."""
    location = value.location.with_(
        table_key=key, row_key=row, column_key=column, section=TABLE_NUMERALS[key]
    )
    return CellValue.read(value.text, location)
