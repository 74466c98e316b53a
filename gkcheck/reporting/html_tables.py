"""The three statistics tables as gkcheck read them, as grids, with the cells of findings marked.

A reviewer sees at once whether a fault is in the report (the grid shows what is printed) or in the
reading (the grid differs from the page beside it).
"""

from __future__ import annotations

import html
from collections import defaultdict

from gkcheck.originals import printed
from gkcheck.results import FAILED, ReportResult

TABLE_ORDER = ("active_disclosure", "applications", "reviews")
TABLE_NAMES = {
    "active_disclosure": ("表二 主动公开政府信息情况", "Table 二: active disclosure"),
    "applications": ("表三 收到和处理政府信息公开申请情况", "Table 三: applications received and handled"),
    "reviews": ("表四 政府信息公开行政复议、行政诉讼情况", "Table 四: administrative reviews and lawsuits"),
}


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def marked_cells(index: int, result: ReportResult) -> dict[tuple, list[int]]:
    """Finding numbers by (table key, row key, column key or None), as numbered in the report."""
    marks: dict[tuple, list[int]] = defaultdict(list)
    number = 0
    for item in result.results:
        if item.outcome != FAILED:
            continue
        for finding in item.findings:
            number += 1
            location = finding.location
            if location is not None and location.table_key and location.row_key:
                for row in location.row_key.split(","):
                    marks[(location.table_key, row, location.column_key)].append(number)
    return marks


def table_grids(index: int, result: ReportResult, read, t) -> str:
    marks = marked_cells(index, result)
    shown = printed(result.originals)  # a Traditional page's labels as it prints them
    grids = [
        _grid(index, key, read.tables[key], marks, t, shown)
        for key in TABLE_ORDER
        if key in read.tables and hasattr(read.tables[key], "spec")
    ]
    if not grids:
        return ""
    title = t("统计表（gkcheck 读到的内容）", "The tables as gkcheck read them")
    return f'<details class="tables" open><summary>{title}</summary>{"".join(grids)}</details>'


def _grid(index: int, key: str, table, marks: dict, t, shown) -> str:
    """The table on its template's rows and columns, with the subtotals the report prints.

    The subtotals (group rows, a 法人或其他组织 column) are placed where the report prints them.
    """
    spec = table.spec
    columns = [column for column in spec.columns if any(column in row.columns for row in spec.rows)]
    extra = spec.subtotal_column if table.subtotal_after in columns else None
    if extra is not None:
        columns.insert(columns.index(table.subtotal_after) + 1, extra.key)
    labels = {**spec.columns, **({extra.key: extra.label} if extra else {})}
    head = "".join(f"<th>{_esc(labels[column])}</th>" for column in columns)
    opened_by = {group.rows[0]: group for group in spec.groups if group.rows and group.key in table.subtotals}
    rows = []
    for row in spec.rows:
        if row.key in opened_by:
            rows.append(_subtotal_row(index, key, opened_by[row.key], table, columns, marks, shown))
        own = dict(table.cells.get(row.key, {}))
        if extra is not None and row.key in table.org_subtotal:
            own[extra.key] = table.org_subtotal[row.key]
        allowed = set(row.columns) | ({extra.key} if extra else set())
        label = shown(table.labels.get(row.key) or row.label)
        cells = [_label_cell(index, label, marks.get((key, row.key, None), []))]
        cells += [
            _value_cell(index, own.get(column), marks.get((key, row.key, column), []))
            if column in allowed
            else '<td class="na"></td>'
            for column in columns
        ]
        missing = row.key not in table.cells
        rows.append(f'<tr class="{"missing" if missing else ""}">{"".join(cells)}</tr>')
    name = t(*TABLE_NAMES.get(key, (key, key)))
    notes = _shape_notes(table, t, shown)
    return (
        f'<div class="grid" id="grid-{index}-{key}"><h4>{_esc(name)} '
        f"<small>({t('模板', 'template')} {_esc(table.template)})</small></h4>"
        f'<table class="grid {key}"><thead><tr><th></th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>{notes}</div>"
    )


def _subtotal_row(index: int, key: str, group, table, columns: list[str], marks: dict, shown) -> str:
    """A group heading's printed subtotals (（四）无法提供 over its sub-rows)."""
    printed = table.subtotals[group.key]
    label = shown(table.labels.get(group.key) or group.label)
    cells = [_label_cell(index, label, marks.get((key, group.key, None), []))]
    cells += [
        _value_cell(index, printed.get(column), marks.get((key, group.key, column), [])) for column in columns
    ]
    return f'<tr class="subtotal">{"".join(cells)}</tr>'


def _links(index: int, numbers: list[int]) -> str:
    return "".join(f'<a class="num" href="#finding-{index}-{number}">{number}</a>' for number in numbers)


def _label_cell(index: int, label: str, numbers: list[int]) -> str:
    css = ' class="bad"' if numbers else ""
    return f"<th{css}>{_esc(label)}{_links(index, numbers)}</th>"


def _value_cell(index: int, cell, numbers: list[int]) -> str:
    classes = [cell.kind if cell is not None else "absent"]
    if numbers:
        classes.append("bad")
    text = _esc(cell.text) if cell is not None else ""
    return f'<td class="{" ".join(classes)}">{text}{_links(index, numbers)}</td>'


def _shape_notes(table, t, shown) -> str:
    notes = [
        t(
            f"“{shown(problem.label)}”一行读到 {problem.actual} 个数值，应为 {problem.expected} 个",
            f"row “{shown(problem.label)}”: {problem.actual} values read, {problem.expected} expected",
        )
        for problem in table.shape_problems
    ]
    if table.missing_rows:
        notes.append(
            t(f"未找到的行：{len(table.missing_rows)} 行", f"rows not found: {len(table.missing_rows)}")
        )
    if not notes:
        return ""
    return '<ul class="shape">' + "".join(f"<li>{_esc(note)}</li>" for note in notes) + "</ul>"
