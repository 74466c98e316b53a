"""The same (old, new) edit made to a sample in each of its formats: text, DOCX, HTML.

The samples' .txt, .docx and .html hold the same report: a paragraph of the DOCX or a block of the
HTML is a line of the text, and a table row is a line of cells separated by tabs (the cells that
start in that row). So an edit written against the text can be made to the other two:

- `old` without a tab is looked for in the text of the paragraphs, taken as lines joined by "\\n";
  the paragraphs it touches are rewritten, and added or removed when the edit changes the number of
  lines. Text that is not in a paragraph of the body is looked for in the paragraphs of table cells.
- `old` with tabs is a whole table row: the row whose cells read `old` gets the cells of `new`.
- An HTML page names the report in its `<title>` too; an edit of a line is made there as well.

An edit that cannot be made raises `EditError`, so a recipe never checks a document it did not get.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from copy import deepcopy
from pathlib import Path

import docx
import lxml.html
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

Edit = tuple[str, str]
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
HTML_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div")


class EditError(AssertionError):
    """An edit whose old text is not in the document."""


def edit_text(text: str, edits: Iterable[Edit]) -> str:
    """`text` with each (old, new) replacement made once; every `old` must be present."""
    for old, new in edits:
        if old not in text:
            raise EditError(f"not in the text: {old!r}")
        text = text.replace(old, new, 1)
    return text


# Runs of text: the w:t elements of a DOCX paragraph, the text nodes of an HTML element.


def rewrite_runs(texts: Sequence[str], new: str) -> list[str]:
    """New texts for runs that read `texts`, so that together they read `new`.

    Only the runs covering the part that changes are touched: the changed text goes into the run
    where the change starts; the runs it covers keep only what lies outside the change.
    """
    if not texts:
        raise EditError("no text run to write into")
    old = "".join(texts)
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    start, end, middle = prefix, len(old) - suffix, new[prefix : len(new) - suffix]
    offsets = [sum(len(text) for text in texts[:index]) for index in range(len(texts))]
    receiving = next(
        (index for index, text in enumerate(texts) if offsets[index] <= start < offsets[index] + len(text)),
        len(texts) - 1,
    )
    result = []
    for index, (text, offset) in enumerate(zip(texts, offsets)):
        before = text[: max(0, start - offset)]
        after = text[max(0, end - offset) :]
        result.append(before + (middle if index == receiving else "") + after)
    assert "".join(result) == new, (texts, new, result)
    return result


# DOCX


def _docx_text_elements(paragraph) -> list:
    return list(paragraph.iter(qn("w:t")))


def _docx_paragraph_text(paragraph) -> str:
    return "".join(node.text or "" for node in _docx_text_elements(paragraph))


def _docx_set_text(paragraph, new: str) -> None:
    nodes = _docx_text_elements(paragraph)
    if not nodes:
        run, node = OxmlElement("w:r"), OxmlElement("w:t")
        run.append(node)
        paragraph.append(run)
        nodes = [node]
    for node, text in zip(nodes, rewrite_runs([node.text or "" for node in nodes], new)):
        node.text = text
        if text != text.strip():
            node.set(XML_SPACE, "preserve")


def _docx_own_cells(row) -> list:
    """The cells that start in `row`: not the continuation of a cell merged from the row above."""
    cells = []
    for cell in row.iterchildren(qn("w:tc")):
        properties = cell.tcPr
        merge = properties.vMerge if properties is not None else None
        if merge is None or merge.val == "restart":
            cells.append(cell)
    return cells


def _docx_cell_text(cell) -> str:
    return "".join(_docx_paragraph_text(p) for p in cell.iterchildren(qn("w:p"))).strip()


def _docx_set_cell(cell, value: str) -> None:
    paragraphs = list(cell.iterchildren(qn("w:p")))
    for extra in paragraphs[1:]:
        cell.remove(extra)
    _docx_set_text(paragraphs[0], value)


def edit_docx(source: Path, target: Path, edits: Iterable[Edit]) -> Path:
    """Save a copy of the DOCX `source` at `target` with each edit made."""
    document = docx.Document(str(source))
    body = document.element.body
    for old, new in edits:
        if "\t" in old:
            rows = [_docx_own_cells(row) for row in body.iter(qn("w:tr"))]
            _edit_row(
                [cells for cells in rows if _row_text(cells, _docx_cell_text) == old],
                old,
                new,
                _docx_set_cell,
            )
        elif not _edit_lines(
            list(body.iterchildren(qn("w:p"))), old, new, _docx_paragraph_text, _docx_set_text
        ):
            in_cells = [p for p in body.iter(qn("w:p")) if p.getparent().tag == qn("w:tc")]
            _edit_in_one(in_cells, old, new, _docx_paragraph_text, _docx_set_text)
    document.save(str(target))
    return target


# HTML


def _html_slots(element) -> list[tuple[object, str]]:
    """The text nodes of `element` in reading order, as (node, "text" | "tail")."""
    slots = [(element, "text")]
    for child in element:
        slots.extend(_html_slots(child))
        slots.append((child, "tail"))
    return slots


def _html_text(element) -> str:
    return element.text_content()


def _html_set_text(element, new: str) -> None:
    slots = _html_slots(element)
    texts = [getattr(node, attr) or "" for node, attr in slots]
    for (node, attr), text in zip(slots, rewrite_runs(texts, new)):
        setattr(node, attr, text)


def _html_lines(root) -> list:
    """Block elements holding text directly, outside tables: the lines of the page."""
    lines = []
    for element in root.iter(*HTML_BLOCKS):
        if any(ancestor.tag == "table" for ancestor in element.iterancestors()):
            continue
        if any(child.tag in HTML_BLOCKS or child.tag == "table" for child in element):
            continue
        lines.append(element)
    return lines


def _html_cell_text(cell) -> str:
    return cell.text_content().strip()


def edit_html(source: Path, target: Path, edits: Iterable[Edit]) -> Path:
    """Save a copy of the HTML page `source` at `target` with each edit made."""
    root = lxml.html.parse(str(source)).getroot()
    for old, new in edits:
        if "\t" in old:
            rows = [[cell for cell in row if cell.tag in ("td", "th")] for row in root.iter("tr")]
            _edit_row(
                [cells for cells in rows if _row_text(cells, _html_cell_text) == old],
                old,
                new,
                _html_set_text,
            )
        elif not _edit_lines(_html_lines(root), old, new, _html_text, _html_set_text):
            _edit_in_one(list(root.iter("td", "th")), old, new, _html_text, _html_set_text)
        for title in root.iter("title"):  # the page's title is the report's: edited with it
            if "\n" not in old and old in title.text_content():
                _html_set_text(title, title.text_content().replace(old, new, 1))
    target.write_bytes(lxml.html.tostring(root, encoding="utf-8", doctype="<!DOCTYPE html>"))
    return target


# Shared by both formats


def _row_text(cells: list, text_of) -> str:
    return "\t".join(text_of(cell) for cell in cells)


def _edit_row(rows: list[list], old: str, new: str, set_cell) -> None:
    if len(rows) != 1:
        raise EditError(f"table row found {len(rows)} times: {old!r}")
    cells = rows[0]
    values = new.split("\t")
    if len(values) != len(cells):
        raise EditError(f"a row edit keeps the number of cells ({len(cells)}): {new!r}")
    for cell, value, was in zip(cells, values, old.split("\t")):
        if value != was:
            set_cell(cell, value)


def _edit_in_one(elements: list, old: str, new: str, text_of, set_text) -> None:
    found = [element for element in elements if old in text_of(element)]
    if len(found) != 1:
        raise EditError(f"found in {len(found)} table cells, not one: {old!r}")
    set_text(found[0], text_of(found[0]).replace(old, new, 1))


def _edit_lines(lines: list, old: str, new: str, text_of, set_text) -> bool:
    """Make the edit in the text of `lines` joined by newlines; False if `old` is not there."""
    texts = [text_of(line) for line in lines]
    start = "\n".join(texts).find(old)
    if start < 0:
        if "\n" in old:
            raise EditError(f"not in the paragraphs: {old!r}")
        return False
    end = start + len(old)
    starts = [0]
    for text in texts[:-1]:
        starts.append(starts[-1] + len(text) + 1)
    first = max(index for index, offset in enumerate(starts) if offset <= start)
    last = max(index for index, offset in enumerate(starts) if offset <= end)
    segment = "\n".join(texts[first : last + 1])
    replaced = segment[: start - starts[first]] + new + segment[end - starts[first] :]
    _replace_lines(lines[first : last + 1], texts[first : last + 1], replaced.split("\n"), set_text)
    return True


def _replace_lines(elements: list, old: list[str], new: list[str], set_text) -> None:
    """Rewrite the lines `elements` (reading `old`) to read `new`.

    Lines that stay the same at either end are left alone, so removing or adding a line touches
    only that line, and whatever lies between the lines (a table) keeps its place.
    """
    lead = 0
    while lead < min(len(old), len(new)) and old[lead] == new[lead]:
        lead += 1
    trail = 0
    while trail < min(len(old), len(new)) - lead and old[-1 - trail] == new[-1 - trail]:
        trail += 1
    changed, texts = elements[lead : len(elements) - trail], new[lead : len(new) - trail]
    for element, text in zip(changed, texts):
        set_text(element, text)
    for element in changed[len(texts) :]:
        element.getparent().remove(element)
    if len(texts) > len(changed):
        if changed:
            anchor, before = changed[-1], False
        elif lead:
            anchor, before = elements[lead - 1], False
        else:
            anchor, before = elements[lead], True
        for text in texts[len(changed) :]:
            copy = deepcopy(anchor)
            set_text(copy, text)
            if before:
                anchor.addprevious(copy)
            else:
                anchor.addnext(copy)
                anchor = copy
