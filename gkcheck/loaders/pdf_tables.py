"""Ruled tables on a PDF page, as `Table` blocks with merged cells and cell bounding boxes.

pdfplumber's table finder works from the page's ruling lines. Word processors also paint white
background boxes behind whole paragraphs (WPS does, behind every line of text); those are not
ruling and would turn body text into a one-column "table", so unstroked boxes as wide as the text
column are ignored. Boxes painted behind single cells are kept: on a page break they are often
the only bottom edge of the last row.
"""

from __future__ import annotations

from dataclasses import dataclass

from gkcheck.model import BBox, Cell, Location, Table

# An unstroked filled box wider than this share of the page is a paragraph background, not a cell.
BACKGROUND_WIDTH_SHARE = 0.6


@dataclass(frozen=True)
class FoundTable:
    table: Table
    bbox: BBox

    def contains(self, bbox: BBox, margin: float = 1.0) -> bool:
        """True when the centre of `bbox` lies inside the table."""
        x = (bbox[0] + bbox[2]) / 2
        y = (bbox[1] + bbox[3]) / 2
        x0, top, x1, bottom = self.bbox
        return x0 - margin <= x <= x1 + margin and top - margin <= y <= bottom + margin


def find_tables(page) -> list[FoundTable]:
    """The ruled tables of a pdfplumber page with two or more columns, top to bottom."""
    if not (page.lines or page.rects or page.edges):
        return []
    ruled = page.filter(lambda obj: not _is_background(obj, page.width))
    found = []
    for table in ruled.find_tables():
        grid = _table_block(page.page_number, table)
        if grid is not None:
            found.append(FoundTable(grid, tuple(table.bbox)))
    return sorted(found, key=lambda item: item.bbox[1])


def _is_background(obj: dict, page_width: float) -> bool:
    if obj.get("object_type") != "rect" or obj.get("stroke"):
        return False
    return min(obj["width"], obj["height"]) > 2 and obj["width"] > BACKGROUND_WIDTH_SHARE * page_width


def _table_block(page_number: int, table) -> Table | None:
    texts = table.extract()
    rows = table.rows
    if not rows or max(len(row.cells) for row in rows) < 2:
        return None
    tops = sorted({cell[1] for row in rows for cell in row.cells if cell is not None})
    lefts = sorted({cell[0] for row in rows for cell in row.cells if cell is not None})
    grid: list[tuple[Cell, ...]] = []
    for row_index, (row, row_texts) in enumerate(zip(rows, texts)):
        cells = []
        for col_index, (bbox, text) in enumerate(zip(row.cells, row_texts)):
            if bbox is None:
                continue
            location = Location(page=page_number, bbox=tuple(bbox), row=row_index, col=col_index)
            rowspan = _span(tops, bbox[1], bbox[3])
            colspan = _span(lefts, bbox[0], bbox[2])
            cells.append(Cell(text or "", row_index, col_index, location, rowspan, colspan))
        grid.append(tuple(cells))
    return Table(tuple(grid), Location(page=page_number, bbox=tuple(table.bbox)))


def _span(edges: list[float], start: float, end: float) -> int:
    """How many grid lines (row tops or column lefts) fall inside [start, end)."""
    return max(1, sum(1 for edge in edges if start - 0.5 <= edge < end - 0.5))
