"""Optional subtotals of table 三 (docs/format.md §5.4 I-6), and tables whose numbers run together.

Some reports print numbers on the group rows （三）…（六） and add a 法人或其他组织 column that adds up
the five organisation columns. Both are described in the template (`groups`, `subtotal_column`);
here they are recognised and stored apart from the cells, so the row and result totals never count
them twice.

Some web pages lose the table grid: "规章000行政规范性文件77132470…" keeps the labels but runs the
numbers together. Such a table is present, yet no value can be read; `tables_run_together` tells it
apart from a table that is not there at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from gkcheck.document import Line, Location
from gkcheck.stat_tables import (
    DEFAULT_TEMPLATE,
    TABLE_NUMERALS,
    GroupSpec,
    ShapeProblem,
    StatTable,
    TableSpec,
    load_template,
    template_names,
)
from gkcheck.structure.table_rows import SourceRow, cell_at, label_key
from gkcheck.text import squash

# Share of the value rows that must carry the extra value before the column is believed.
WIDE_ROW_SHARE = 0.8
# Distinct labels directly followed by digits that show a table whose numbers run together.
RUN_TOGETHER_LABELS = 3
MIN_TERM_LENGTH = 4
# Digits glued to a label, not followed by a unit (a narrative figure: "行政许可2629件").
_GLUED_DIGITS = r"\d+(?![\d件条项个次万元%])"


def subtotal_column_place(spec: TableSpec, header_text: list[str], rows: Iterable[SourceRow]) -> str | None:
    """The column a printed subtotal column follows, or None when the table has none.

    Two things are needed: the header names the column, and the value rows carry one value more. A
    row with 8 values under the official header is a misaligned row (a shape problem), never a
    subtotal column. The subtotal is printed after 自然人 (`after`), or after the last organisation
    column when the header names it there ("…法律服务机构其他小计").
    """
    extra = spec.subtotal_column
    if extra is None:
        return None
    header = "".join(header_text)
    markers = [label_key(marker) for marker in extra.header_markers if label_key(marker) in header]
    if not markers and header.count(label_key(extra.label)) < 2:
        return None
    widths = [len(row.values) for row in rows if row.values]
    wide = sum(1 for width in widths if width == len(spec.columns) + 1)
    if not widths or wide < WIDE_ROW_SHARE * len(widths):
        return None
    last_part = label_key(spec.columns[extra.parts[-1]])
    if markers and header.find(markers[0]) > header.rfind(last_part) >= 0:
        return extra.parts[-1]
    return extra.after


def printed_columns(table: StatTable, columns: tuple[str, ...]) -> tuple[str, ...]:
    """The columns a row of `table` prints: the template's, plus the subtotal column when shown."""
    return (
        table.spec.columns_with_subtotal(columns, table.subtotal_after)
        if table.has_subtotal_column
        else columns
    )


def fill_group_subtotal(table: StatTable, group: GroupSpec, row: SourceRow) -> None:
    """Numbers printed on a group row: subtotals of its sub-rows, one per column."""
    columns = printed_columns(table, tuple(table.spec.columns))
    label = squash("".join(row.labels))
    if len(row.values) != len(columns):
        table.shape_problems.append(
            ShapeProblem(group.key, label, len(columns), len(row.values), row.location)
        )
        return
    table.labels[group.key] = label
    table.subtotals[group.key] = {
        column: cell_at(value, key=table.key, row=group.key, column=column)
        for column, value in zip(columns, row.values)
    }


def tables_run_together(lines: list[Line], keys: Iterable[str]) -> dict[str, Location]:
    """Of the tables `keys` (not read), those whose labels are printed with their numbers run together."""
    found: dict[str, Location] = {}
    for key in keys:
        for line in lines:
            if _runs_together(key, label_key(line.text)):
                found[key] = line.location.with_(table_key=key, section=TABLE_NUMERALS[key])
                break
    return found


def _runs_together(key: str, text: str) -> bool:
    spec = load_template(DEFAULT_TEMPLATE).tables[key]
    if spec.one_line:
        return _one_line_runs_together(key, text, spec.width)
    glued = {term for term in _terms(key) if re.search(re.escape(term) + _GLUED_DIGITS, text)}
    return len(glued) >= RUN_TOGETHER_LABELS


def _one_line_runs_together(key: str, text: str, width: int) -> bool:
    """Table 四: its column headings, then all its numbers as one run of digits."""
    for run in re.finditer(rf"\d{{{width},}}", text):
        before = text[max(0, run.start() - 200) : run.start()]
        if sum(1 for term in _column_terms(key) if term in before) >= RUN_TOGETHER_LABELS:
            return True
    return False


@cache
def _terms(key: str) -> frozenset[str]:
    """The row and group labels of table `key` in both templates, in matching form."""
    labels = set()
    for name in template_names():
        spec = load_template(name).tables[key]
        labels |= {label for row in spec.rows for label in (row.label, *row.variants)}
        labels |= {group.label for group in spec.groups}
    return frozenset(term for term in map(label_key, labels) if len(term) >= MIN_TERM_LENGTH)


@cache
def _column_terms(key: str) -> frozenset[str]:
    labels = {
        label for name in template_names() for label in load_template(name).tables[key].columns.values()
    }
    return frozenset(term for term in map(label_key, labels) if len(term) >= MIN_TERM_LENGTH)
