"""Edit a sample DOCX report with python-docx: change a sentence or the numbers of a table row."""

from __future__ import annotations

from copy import deepcopy
from pathlib import Path

import docx
from docx.table import _Cell


def replace_text(document, old: str, new: str) -> None:
    """Replace `old` by `new` in the one paragraph containing it (the paragraph's runs are merged)."""
    paragraphs = [p for p in document.paragraphs if old in p.text]
    assert len(paragraphs) == 1, f"{old!r} found in {len(paragraphs)} paragraphs"
    paragraphs[0].text = paragraphs[0].text.replace(old, new)


def set_row_values(document, label: str, values: list[int]) -> None:
    """Write `values` into the last cells of the table row whose label cell contains `label`."""
    rows = [
        row
        for table in document.tables
        for row in table.rows
        if any(label in cell.text for cell in row.cells)
    ]
    assert len(rows) == 1, f"row {label!r} found {len(rows)} times"
    for cell, value in zip(rows[0].cells[-len(values) :], values):
        cell.text = str(value)


def edited_copy(source: Path, target: Path, *edits) -> Path:
    """Save a copy of `source` at `target` after applying each edit (a function of the document)."""
    document = docx.Document(str(source))
    for edit in edits:
        edit(document)
    document.save(str(target))
    return target


def set_last_row_of_table(document, marker: str, values: list[int]) -> None:
    """Write `values` into the last row of the table containing the text `marker` (table 四's data)."""
    tables = [
        table
        for table in document.tables
        if marker in "".join(cell.text for row in table.rows for cell in row.cells)
    ]
    assert len(tables) == 1, f"table with {marker!r} found {len(tables)} times"
    for cell, value in zip(tables[0].rows[-1].cells[-len(values) :], values):
        cell.text = str(value)


def insert_group_row(document, group: str, first_sub_row: str, like: str, values: list[int]) -> None:
    """Give the group heading `group` its own row of `values`, above the sub-row `first_sub_row`.

    The new row is a copy of the row labelled `like` (a row whose label spans the label columns);
    the vertically merged heading cell beside the sub-rows is emptied, as in reports that print
    group subtotals.
    """
    table, model = _row_with(document, like)
    _, first = _row_with(document, first_sub_row)
    new_tr = deepcopy(model._tr)
    first._tr.addprevious(new_tr)
    cells = [_Cell(tc, table) for tc in new_tr.tc_lst]
    label_cell = next(cell for cell in cells if cell.text.strip())
    label_cell.text = group
    for cell, value in zip(cells[-len(values) :], values):
        cell.text = str(value)
    heading = next(_Cell(tc, table) for tc in first._tr.tc_lst if _Cell(tc, table).text.strip() == group)
    heading.text = ""


def _row_with(document, label: str):
    found = [
        (table, row)
        for table in document.tables
        for row in table.rows
        if any(label in cell.text for cell in row.cells)
    ]
    assert len(found) == 1, f"row {label!r} found {len(found)} times"
    return found[0]
