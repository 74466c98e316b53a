"""Edit a sample DOCX report with python-docx: change a sentence or the numbers of a table row."""

from __future__ import annotations

from pathlib import Path

import docx


def replace_text(document, old: str, new: str) -> None:
    """Replace `old` by `new` in the one paragraph containing it (the paragraph's runs are merged)."""
    paragraphs = [p for p in document.paragraphs if old in p.text]
    assert len(paragraphs) == 1, f"{old!r} found in {len(paragraphs)} paragraphs"
    paragraphs[0].text = paragraphs[0].text.replace(old, new)


def set_row_values(document, label: str, values: list[int]) -> None:
    """Write `values` into the last cells of the table row whose label cell contains `label`."""
    rows = [row for table in document.tables for row in table.rows if any(label in cell.text for cell in row.cells)]
    assert len(rows) == 1, f"row {label!r} found {len(rows)} times"
    for cell, value in zip(rows[0].cells[-len(values):], values):
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
    tables = [table for table in document.tables if marker in "".join(cell.text for row in table.rows for cell in row.cells)]
    assert len(tables) == 1, f"table with {marker!r} found {len(tables)} times"
    for cell, value in zip(tables[0].rows[-1].cells[-len(values):], values):
        cell.text = str(value)
