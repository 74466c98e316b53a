"""Ruled statistics tables printed over page breaks, as real PDFs (reportlab, with a text layer).

A page is a list of parts: a text line (a `str`) or a grid (a list of `GridCell`). Each cell is
stroked as its own box, so merged cells (行政复议 over five columns) have no inner lines, as word
processors print them. Tests read the result with gkcheck's real PDF loader.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.support.pdfmaker import FONT

LEFT = 60
TOP = 780
ROW_HEIGHT = 18
GRID_FONT_SIZE = 6
TEXT_FONT_SIZE = 10


@dataclass(frozen=True)
class GridCell:
    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1


def render_pages(pages: list[list], path: Path, column_width: float = 31) -> Path:
    """An A4 PDF with one page per item of `pages`, each part drawn below the one before."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for number, parts in enumerate(pages, start=1):
        y = TOP
        for part in parts:
            y = _draw_text(pdf, part, y) if isinstance(part, str) else _draw_grid(pdf, part, y, column_width)
        pdf.setFont(FONT, TEXT_FONT_SIZE)
        pdf.drawCentredString(A4[0] / 2, 36, f"— {number} —")
        pdf.showPage()
    pdf.save()
    return path


def _draw_text(pdf, text: str, y: float) -> float:
    pdf.setFont(FONT, TEXT_FONT_SIZE)
    pdf.drawString(LEFT, y, text)
    return y - 24


def _draw_grid(pdf, cells: list[GridCell], y: float, column_width: float) -> float:
    pdf.setLineWidth(0.5)
    pdf.setFont(FONT, GRID_FONT_SIZE)
    for cell in cells:
        x0 = LEFT + cell.col * column_width
        top = y - cell.row * ROW_HEIGHT
        width, height = cell.colspan * column_width, cell.rowspan * ROW_HEIGHT
        pdf.rect(x0, top - height, width, height, stroke=1, fill=0)
        pdf.drawCentredString(x0 + width / 2, top - height / 2 - GRID_FONT_SIZE / 3, cell.text)
    rows = max(cell.row + cell.rowspan for cell in cells)
    return y - rows * ROW_HEIGHT - 24


OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")


def reviews_header() -> list[list[GridCell]]:
    """Table 四's header as its three printed rows (行政复议 / 行政诉讼, then their columns)."""
    first = [GridCell("行政复议", 0, 0, colspan=5), GridCell("行政诉讼", 0, 5, colspan=10)]
    second = [GridCell(text, 1, col, rowspan=2) for col, text in enumerate(OUTCOMES)]
    second += [GridCell("未经复议直接起诉", 1, 5, colspan=5), GridCell("复议后起诉", 1, 10, colspan=5)]
    third = [GridCell(text, 2, 5 + index, 1) for index, text in enumerate(OUTCOMES * 2)]
    return [first, second, third]


def reviews_values(values: list[str], row: int) -> list[GridCell]:
    return [GridCell(text, row, col) for col, text in enumerate(values)]


def restarted(rows: list[list[GridCell]]) -> list[GridCell]:
    """`rows` drawn as a grid of their own, from its top: a part continued on a new page."""
    first = min(cell.row for row in rows for cell in row)
    return [
        GridCell(cell.text, cell.row - first, cell.col, cell.rowspan, cell.colspan)
        for row in rows
        for cell in row
    ]


def disclosure_rows(rows: dict[str, list[str]], labels: dict[str, str], sections) -> list[list[GridCell]]:
    """Table 二 as one ruled grid of four columns: a 第二十条第（N）项 heading, then its rows.

    `sections` is a list of (heading, column titles, row keys); a row with one value spans the
    three value columns, as the national template prints it.
    """
    out: list[list[GridCell]] = []
    for heading, titles, keys in sections:
        out.append([GridCell(heading, len(out), 0, colspan=4)])
        out.append(_spread(["信息内容", *titles], len(out)))
        for key in keys:
            out.append(_spread([labels[key], *rows[key]], len(out)))
    return out


def _spread(texts: list[str], row: int) -> list[GridCell]:
    if len(texts) == 2:
        return [GridCell(texts[0], row, 0), GridCell(texts[1], row, 1, colspan=3)]
    return [GridCell(text, row, col) for col, text in enumerate(texts)]
