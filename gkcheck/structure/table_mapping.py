"""Map the tables of a document onto the three statistics tables of the template.

Format-independent: the input is the document's blocks. `Table` blocks (from any loader) are read
first; a statistics table not found in them is looked for in text lines that carry a label
followed by its numbers ("一、本年新收政府信息公开申请数量 0 0 0 0 0 0 0"). Rows are recognised by
their labels, tolerantly (spaces, full-width digits, "1．"/"1."/"1. ", small typos), so a table split
over pages, or over several `Table` blocks, is joined by the labels of its rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from gkcheck.document import Block, Line, Location, Table, merge_locations
from gkcheck.stat_tables import (
    DEFAULT_TEMPLATE,
    TABLE_KEYS,
    ShapeProblem,
    StatTable,
    TableSpec,
    load_template,
    template_names,
)
from gkcheck.structure.subtotals import (
    fill_group_subtotal,
    printed_columns,
    subtotal_column_place,
    tables_run_together,
)
from gkcheck.structure.table_rows import (
    SourceRow,
    SourceValue,
    cell_at,
    is_continuation,
    join_wrapped_values,
    label_key,
    rows_from_line,
    rows_from_table,
    similarity,
)
from gkcheck.text import squash

MATCH_THRESHOLD = 0.6
LINE_MATCH_THRESHOLD = 0.75
SWITCH_THRESHOLD = 0.8


@dataclass(frozen=True)
class Candidate:
    table: str
    key: str
    label: str
    folded: str
    templates: frozenset[str]


@dataclass
class Collected:
    """Rows assigned to one statistics table, with the words seen in its header rows."""

    rows: list[tuple[str, SourceRow]] = field(default_factory=list)
    header_text: list[str] = field(default_factory=list)
    first: Location | None = None


def map_tables(blocks: Iterable[Block], default_template: str = DEFAULT_TEMPLATE) -> dict[str, StatTable]:
    """The statistics tables found in `blocks`, keyed "active_disclosure", "applications", "reviews"."""
    blocks = list(blocks)
    candidates = _candidates()
    table_rows = [
        row
        for index, block in enumerate(blocks)
        if isinstance(block, Table)
        for row in rows_from_table(block, index)
    ]
    found = _collect(_join_continuations(table_rows), candidates, MATCH_THRESHOLD)
    if any(key not in found or _incomplete(key, found[key], default_template) for key in TABLE_KEYS):
        line_rows = join_wrapped_values(
            [row for block in blocks if isinstance(block, Line) for row in rows_from_line(block)]
        )
        _fill_gaps(found, _collect(line_rows, candidates, LINE_MATCH_THRESHOLD))
    tables = {key: _build(key, found[key], default_template) for key in TABLE_KEYS if key in found}
    lines = [block for block in blocks if isinstance(block, Line)]
    for key, location in tables_run_together(lines, [key for key in TABLE_KEYS if key not in tables]).items():
        spec = load_template(default_template).tables[key]
        tables[key] = StatTable(
            key=key, template=default_template, spec=spec, location=location, values_run_together=True
        )
    return {key: tables[key] for key in TABLE_KEYS if key in tables}


def _incomplete(key: str, collected: Collected, default_template: str) -> bool:
    spec = load_template(_detect_template(key, collected, default_template)).tables[key]
    if spec.one_line:
        return False
    return bool({row.key for row in spec.rows} - {row_key for row_key, _ in collected.rows})


def _fill_gaps(found: dict[str, Collected], from_lines: dict[str, Collected]) -> None:
    """Tables, or rows of tables, that were not in any Table block, taken from text lines."""
    for key, collected in from_lines.items():
        if key not in found:
            found[key] = collected
            continue
        have = {row_key for row_key, _ in found[key].rows}
        found[key].rows.extend((row_key, row) for row_key, row in collected.rows if row_key not in have)


def _candidates() -> dict[str, list[Candidate]]:
    out: dict[str, list[Candidate]] = {key: [] for key in TABLE_KEYS}
    templates = [load_template(name) for name in template_names()]
    for key in TABLE_KEYS:
        seen: dict[tuple[str, str], set[str]] = {}
        for template in templates:
            for row in template.tables[key].rows:
                for label in (row.label, *row.variants):
                    seen.setdefault((row.key, label), set()).add(template.name)
        # Group headings come after the rows, so a label holding both
        # ("（三）不予公开1．属于国家秘密") is a row.
        for template in templates:
            for group in template.tables[key].groups:
                seen.setdefault((group.key, group.label), set()).add(template.name)
        out[key] = [
            Candidate(key, row_key, label, label_key(label), frozenset(names))
            for (row_key, label), names in seen.items()
        ]
    return out


def _join_continuations(rows: list[SourceRow]) -> list[SourceRow]:
    """A label fragment with blank value cells continues the row before it (a row split by a page break)."""
    out: list[SourceRow] = []
    for row in rows:
        if out and not out[-1].all_blank and out[-1].values and is_continuation(row):
            previous = out[-1]
            labels = (
                [*previous.labels[:-1], previous.labels[-1] + row.labels[-1]]
                if previous.labels
                else row.labels
            )
            out[-1] = SourceRow(labels, previous.values, previous.location, previous.block)
        else:
            out.append(row)
    return out


def _collect(
    rows: list[SourceRow], candidates: dict[str, list[Candidate]], threshold: float
) -> dict[str, Collected]:
    collected: dict[str, Collected] = {}
    current: str | None = None
    previous_header = ""
    for row in rows:
        text = label_key("".join(row.labels))
        # A header in two printed rows (行政复议 over 结果维持…总计) names its table only together.
        anchored = _anchor_of(text) or (_anchor_of(previous_header + text) if previous_header else None)
        previous_header = text if not row.values else ""
        if anchored:
            current = anchored
            collected.setdefault(current, Collected(first=row.location))
        if not row.values:
            if current and text and len(text) < 40:
                collected.setdefault(current, Collected(first=row.location)).header_text.append(text)
            continue
        if not row.labels:
            spec = load_template(DEFAULT_TEMPLATE).tables[current] if current else None
            if current and spec and spec.one_line:
                collected.setdefault(current, Collected(first=row.location)).rows.append(("", row))
            continue
        table, key = _match(row, candidates, current, threshold)
        if key is None:
            continue
        current = table
        collected.setdefault(table, Collected(first=row.location)).rows.append((key, row))
    return {key: value for key, value in collected.items() if value.rows}


def _anchor_of(text: str) -> str | None:
    """The table whose header `text` is: the first whose template `anchors` match it."""
    if not text:
        return None
    for key, anchors in _anchors().items():
        if any(anchor.search(text) for anchor in anchors):
            return key
    return None


@cache
def _anchors() -> dict[str, tuple[re.Pattern, ...]]:
    """The `anchors` of each table, from every template; table 三's are tried first."""
    order = ("applications", *(key for key in TABLE_KEYS if key != "applications"))
    return {
        key: tuple(
            re.compile(pattern)
            for pattern in dict.fromkeys(
                pattern for name in template_names() for pattern in load_template(name).tables[key].anchors
            )
        )
        for key in order
    }


def _match(row: SourceRow, candidates: dict[str, list[Candidate]], current: str | None, threshold: float):
    """The (table, row key) whose label fits the row best, preferring the current table."""
    best: tuple[float, str | None, str | None] = (0.0, None, None)
    for part in _label_parts(row):
        order = [current] + [key for key in TABLE_KEYS if key != current] if current else list(TABLE_KEYS)
        for table in order:
            needed = threshold if table == current else max(threshold, SWITCH_THRESHOLD)
            for candidate in candidates[table]:
                score = similarity(part, candidate.folded)
                if score >= needed and score > best[0]:
                    best = (score, table, candidate.key)
        if best[1] is not None:
            return best[1], best[2]
    return None, None


def _label_parts(row: SourceRow) -> list[str]:
    """Label parts nearest to the values first: the sub-row label is more specific than its group."""
    parts = [label_key(part) for part in reversed(row.labels)]
    return [part for part in parts if part]


def _build(key: str, collected: Collected, default_template: str) -> StatTable:
    template = _detect_template(key, collected, default_template)
    spec = load_template(template).tables[key]
    table = StatTable(key=key, template=template, spec=spec, location=collected.first)
    if spec.one_line:
        _fill_one_line(table, spec, collected)
        return table
    table.subtotal_after = subtotal_column_place(
        spec, collected.header_text, [row for _, row in collected.rows]
    )
    order = {row.key: index for index, row in enumerate(spec.rows)}
    grids = _value_grids(collected, spec) if not table.has_subtotal_column else {}
    for row_key, row in sorted(collected.rows, key=lambda item: order.get(item[0], len(order))):
        if row_key in table.cells or row_key in table.labels or row_key in table.subtotals:
            continue
        if row_key in order:
            _fill_row(table, spec, row_key, row, grids.get(row.block))
        elif (group := spec.group(row_key)) is not None:
            fill_group_subtotal(table, group, row)
    return table


def _detect_template(key: str, collected: Collected, default_template: str) -> str:
    """The template whose layout the printed table follows: its own rows and header words decide."""
    keys = {row_key for row_key, _ in collected.rows}
    header = "".join(collected.header_text)
    names = template_names()
    row_keys = {name: {row.key for row in load_template(name).tables[key].rows} for name in names}
    votes = {}
    for name in names:
        spec = load_template(name).tables[key]
        others = set().union(*(row_keys[other] for other in names if other != name))
        votes[name] = (
            len(keys & (row_keys[name] - others))
            + sum(1 for marker in spec.foreign_markers if label_key(marker) in header) * -1
        )
    best = max(votes.values())
    if sum(1 for vote in votes.values() if vote == best) > 1:
        return default_template
    return max(votes, key=lambda name: votes[name])


def _fill_row(
    table: StatTable, spec: TableSpec, row_key: str, row: SourceRow, grid: tuple[int, ...] | None
) -> None:
    row_spec = spec.row(row_key)
    label = squash("".join(row.labels))
    table.labels[row_key] = label
    table.row_locations[row_key] = row.location
    if grid and len(grid) == len(row_spec.columns) and len(row.values) < len(grid):
        row = _with_blanks(row, grid)
    columns = printed_columns(table, row_spec.columns)
    if len(row.values) != len(columns):
        table.shape_problems.append(ShapeProblem(row_key, label, len(columns), len(row.values), row.location))
        return
    cells = {
        column: cell_at(value, key=table.key, row=row_key, column=column).in_unit(row_spec.unit)
        for column, value in zip(columns, row.values)
    }
    if spec.subtotal_column is not None and spec.subtotal_column.key in cells:
        table.org_subtotal[row_key] = cells.pop(spec.subtotal_column.key)
    table.cells[row_key] = cells


def _value_grids(collected: Collected, spec: TableSpec) -> dict[int | None, tuple[int, ...]]:
    """Per Table block, the grid columns of its complete rows, when all complete rows agree.

    A table drawn without lines shows an empty cell as nothing at all; the columns of the complete
    rows tell which value is missing, so the row gets a blank there instead of being misaligned.
    """
    width = len(spec.rows[0].columns)
    seen: dict[int | None, set[tuple[int, ...]]] = {}
    for _, row in collected.rows:
        cols = tuple(value.col for value in row.values if value.col is not None)
        if row.block is not None and len(cols) == width == len(row.values):
            seen.setdefault(row.block, set()).add(cols)
    return {block: next(iter(grids)) for block, grids in seen.items() if len(grids) == 1}


def _with_blanks(row: SourceRow, grid: tuple[int, ...]) -> SourceRow:
    by_col = {value.col: value for value in row.values}
    if set(by_col) - set(grid) or len(by_col) != len(row.values):
        return row
    if any(value.location.bbox is None for value in row.values):
        return row  # columns by position only: a row of a text file has no positions to align by
    values = [by_col.get(col) or SourceValue("", row.location, col) for col in grid]
    return SourceRow(row.labels, values, row.location, row.block)


def _fill_one_line(table: StatTable, spec: TableSpec, collected: Collected) -> None:
    rows = [row for _, row in collected.rows]
    row = next((row for row in rows if len(row.values) == spec.width), None) or _joined_parts(
        rows, spec.width
    )
    keys = [row_spec.key for row_spec in spec.rows]
    if len(row.values) != spec.width:
        table.shape_problems.append(
            ShapeProblem(
                ",".join(keys), squash("".join(row.labels)), spec.width, len(row.values), row.location
            )
        )
        return
    values = iter(row.values)
    for row_spec in spec.rows:
        table.labels[row_spec.key] = row_spec.label
        table.row_locations[row_spec.key] = row.location
        table.cells[row_spec.key] = {
            column: cell_at(next(values), key=table.key, row=row_spec.key, column=column)
            for column in row_spec.columns
        }


def _joined_parts(rows: list[SourceRow], width: int) -> SourceRow:
    """The first run of consecutive unlabelled value rows that together hold `width` values, as one row.

    A table printed as one line of values in parts (行政复议 over its five values on one page,
    行政诉讼 over its ten on the next) is read as that one line. Without such a run: the first
    row long enough to be the line with values missing, else the first row (a shape problem).
    """
    for start, first in enumerate(rows):
        values: list[SourceValue] = []
        for row in rows[start:]:
            if row.labels or len(values) >= width:
                break
            values += row.values
        if len(values) == width:
            return SourceRow(first.labels, values, first.location, first.block)
    return next((row for row in rows if len(row.values) * 2 >= width), rows[0])


def table_span(table: StatTable) -> Location | None:
    """One location covering the table's first and last mapped rows (for messages about the whole table)."""
    locations = list(table.row_locations.values())
    if not locations:
        return table.location
    return merge_locations(locations[0], locations[-1])
