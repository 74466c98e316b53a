"""One page image into `Line` and `Table` blocks: ruled tables first, then OCR'd text placed by position.

The recogniser runs once on the whole (deskewed) page. A text box whose centre lies in a table
cell belongs to that cell; the rest are grouped into lines by their vertical overlap. A cell that
holds ink but received no box (a lone "0" the detector missed) is read on its own. Coordinates are
given in PDF points (72 per inch), origin top-left, as the PDF loader gives them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cv2
import numpy as np

from gkcheck.document import Block, Cell, Line, Location, Table, looks_like_value
from gkcheck_ocr.grid import GridCell, ImageTable, binarise, deskew, find_image_tables

# Ink pixels (a share of the cell's inner area) above which a cell without any text box is read.
INK_SHARE = 0.004
# A number read with less confidence than this is read again, alone in its cell.
REREAD_BELOW = 0.95
# The cell's border strip left out when looking for ink or reading a cell alone, in inches.
CELL_INSET_INCH = 0.03
# Ink pieces smaller than this square (inches) are dust, not strokes.
SPECK_INCH = 0.01
# The white round a cell's ink when it is read alone, in inches.
CROP_MARGIN_INCH = 0.04


@dataclass(frozen=True)
class TextBox:
    box: tuple[float, float, float, float]  # pixels: x0, top, x1, bottom
    text: str
    confidence: float

    @property
    def centre(self) -> tuple[float, float]:
        return ((self.box[0] + self.box[2]) / 2, (self.box[1] + self.box[3]) / 2)


@dataclass
class PageReading:
    """A page's blocks, and the recogniser's confidence for each line and cell (by location)."""

    blocks: list[Block] = field(default_factory=list)
    confidence: list[tuple[Location, str, float]] = field(default_factory=list)


def engine(threads: int | None = None):
    """The recogniser of this process (the models load once, in each worker).

    `threads`: the inference threads (-1: as many as onnxruntime likes); the first call decides.
    """
    global _ENGINE
    if _ENGINE is None:
        from rapidocr_onnxruntime import RapidOCR

        _ENGINE = RapidOCR(intra_op_num_threads=threads if threads else -1)
    return _ENGINE


_ENGINE = None


def recognise(image: np.ndarray) -> list[TextBox]:
    found, _ = engine()(image, use_cls=False)
    boxes = []
    for points, text, score in found or []:
        xs = [point[0] for point in points]
        ys = [point[1] for point in points]
        boxes.append(TextBox((min(xs), min(ys), max(xs), max(ys)), text.strip(), float(score)))
    return [box for box in boxes if box.text]


def read_alone(image: np.ndarray) -> TextBox | None:
    """One cell's picture read as a single line (no detection)."""
    found, _ = engine()(image, use_det=False, use_cls=False)
    if not found:
        return None
    text, score = found[0][0], found[0][1]
    height, width = image.shape[:2]
    return TextBox((0, 0, width, height), str(text).strip(), float(score)) if str(text).strip() else None


def read_page(gray: np.ndarray, dpi: float, page_number: int) -> PageReading:
    gray = cv2.medianBlur(deskew(gray, dpi), 3)  # scanner dust off, strokes kept
    tables = find_image_tables(gray, dpi)
    boxes = recognise(gray)
    reading = PageReading()
    placed: list[tuple[float, Block]] = []
    scale = 72.0 / dpi
    ink = binarise(gray)
    for table in tables:
        inside = [box for box in boxes if table.contains(*box.centre)]
        block = _table_block(table, inside, gray, ink, dpi, page_number, reading)
        placed.append((table.box[1] * scale, block))
    outside = [box for box in boxes if not any(table.contains(*box.centre) for table in tables)]
    for group in _visual_lines(outside):
        line = _line_block(group, scale, page_number)
        reading.confidence.append((line.location, line.text, min(box.confidence for box in group)))
        placed.append((line.location.bbox[1] if line.location.bbox else 0.0, line))
    placed.sort(key=lambda item: item[0])
    reading.blocks = [block for _, block in placed]
    return reading


def _visual_lines(boxes: list[TextBox]) -> list[list[TextBox]]:
    """Boxes whose vertical middles lie within each other's height, left to right."""
    lines: list[list[TextBox]] = []
    for box in sorted(boxes, key=lambda item: (item.centre[1], item.box[0])):
        if lines and _same_line(lines[-1], box):
            lines[-1].append(box)
        else:
            lines.append([box])
    return [sorted(line, key=lambda item: item.box[0]) for line in lines]


def _same_line(line: list[TextBox], box: TextBox) -> bool:
    last = line[-1]
    height = min(last.box[3] - last.box[1], box.box[3] - box.box[1])
    return abs(last.centre[1] - box.centre[1]) <= 0.5 * height


def _points(box, scale: float) -> tuple[float, float, float, float]:
    return (box[0] * scale, box[1] * scale, box[2] * scale, box[3] * scale)


def _line_block(group: list[TextBox], scale: float, page_number: int) -> Line:
    bbox = (
        min(box.box[0] for box in group),
        min(box.box[1] for box in group),
        max(box.box[2] for box in group),
        max(box.box[3] for box in group),
    )
    text = "".join(box.text for box in group)
    return Line(text, Location(page=page_number, bbox=_points(bbox, scale)))


def _table_block(table: ImageTable, boxes, gray, ink, dpi, page_number, reading: PageReading) -> Table:
    scale = 72.0 / dpi
    by_cell: dict[GridCell, list[TextBox]] = {}
    for box in boxes:
        for cell, part in _split_across_cells(table, box):
            by_cell.setdefault(cell, []).append(part)
    rows: dict[int, list[Cell]] = {}
    for grid_cell in table.cells:
        text, confidence = _cell_reading(grid_cell, by_cell.get(grid_cell), gray, ink, dpi)
        location = Location(
            page=page_number, bbox=_points(grid_cell.box, scale), row=grid_cell.row, col=grid_cell.col
        )
        cell = Cell(text, grid_cell.row, grid_cell.col, location, grid_cell.rowspan, grid_cell.colspan)
        rows.setdefault(grid_cell.row, []).append(cell)
        if confidence is not None:
            reading.confidence.append((location, text, confidence))
    last_row = max(cell.row + cell.rowspan for cell in table.cells)
    grid = tuple(tuple(sorted(rows.get(row, []), key=lambda cell: cell.col)) for row in range(last_row))
    return Table(grid, Location(page=page_number, bbox=_points(table.box, scale)))


# Specks read next to a number in a cell of its own ("0." ".0" "0°"): not part of it.
_SPECKS = ".·°'\"`,，。、:：;；_~"
_FRAMED_NUMBER = re.compile(rf"^[{re.escape(_SPECKS)}]*(\d+(?:\.\d+)?)[{re.escape(_SPECKS)}]*$")


# What a lone 0 in a small cell is misread as.
_ZERO_LOOKALIKES = {"。", "o", "O", "〇", "○", "D", "口"}


def _number_cleaned(text: str) -> str:
    if text in _ZERO_LOOKALIKES:
        return "0"
    found = _FRAMED_NUMBER.match(text)
    return found.group(1) if found else text


def _cell_reading(cell: GridCell, boxes, gray, ink, dpi) -> tuple[str, float | None]:
    """The cell's text and the recogniser's confidence in it (None for an empty cell)."""
    if not boxes:  # nothing detected: read alone if there is ink
        alone = _read_if_inked(cell, gray, ink, dpi)
        return (_number_cleaned(alone[0].text), alone[0].confidence) if alone else ("", None)
    ordered = [box for line in _visual_lines(boxes) for box in line]
    text = _number_cleaned("".join(box.text for box in ordered))
    confidence = min(box.confidence for box in ordered)
    if looks_like_value(text) and confidence < REREAD_BELOW:
        return _second_reading(cell, gray, ink, dpi, text, confidence)
    return text, confidence


def _second_reading(cell: GridCell, gray, ink, dpi, text: str, confidence: float) -> tuple[str, float]:
    """A doubtful number read again from its cell alone.

    Two readings that agree are wrong only if both are (their confidences combine); readings that
    differ keep the lower confidence.
    """
    crop = _ink_crop(cell, gray, ink, dpi)
    again = read_alone(crop) if crop is not None else None
    if again is None:
        return text, confidence
    if _number_cleaned(again.text) == text:
        return text, 1 - (1 - confidence) * (1 - again.confidence)
    return text, min(confidence, again.confidence)


def _split_across_cells(table: ImageTable, box: TextBox) -> list[tuple[GridCell, TextBox]]:
    """The box in the cell holding its centre.

    A box running over a vertical ruling (the detector joined the texts of neighbouring cells,
    "结果结果") is shared out by the width in each cell.
    """
    centre_y = box.centre[1]
    row = [cell for cell in table.cells if cell.box[1] <= centre_y <= cell.box[3]]
    width = box.box[2] - box.box[0]
    overlaps = [
        (cell, min(box.box[2], cell.box[2]) - max(box.box[0], cell.box[0]))
        for cell in sorted(row, key=lambda item: item.box[0])
    ]
    overlaps = [(cell, share) for cell, share in overlaps if share > 0.15 * width]
    if len(overlaps) < 2 or len(box.text) < len(overlaps):
        cell = _cell_at(table, *box.centre)
        return [] if cell is None else [(cell, box)]
    parts, start = [], 0
    for index, (cell, share) in enumerate(overlaps):
        end = len(box.text) if index == len(overlaps) - 1 else start + round(len(box.text) * share / width)
        if end > start:
            part = (max(box.box[0], cell.box[0]), box.box[1], min(box.box[2], cell.box[2]), box.box[3])
            parts.append((cell, TextBox(part, box.text[start:end], box.confidence)))
        start = end
    return parts


def _cell_at(table: ImageTable, x: float, y: float) -> GridCell | None:
    for cell in table.cells:
        x0, top, x1, bottom = cell.box
        if x0 <= x <= x1 and top <= y <= bottom:
            return cell
    return None


def _read_if_inked(cell: GridCell, gray, ink, dpi) -> list[TextBox]:
    crop = _ink_crop(cell, gray, ink, dpi)
    found = read_alone(crop) if crop is not None else None
    if found is None:
        return []
    return [TextBox(cell.box, found.text, found.confidence)]


def _ink_crop(cell: GridCell, gray, ink, dpi) -> np.ndarray | None:
    """The cell's ink with a margin of white, inside its rulings; None for a cell without ink.

    The recogniser is given what is written and a little paper round it, never the empty width of
    the cell: a lone "0" in a wide cell of scanner noise was read as "70".
    """
    inset = max(2, int(CELL_INSET_INCH * dpi))
    x0, top, x1, bottom = cell.box
    if x1 - x0 <= 2 * inset or bottom - top <= 2 * inset:
        return None
    inner = ink[top + inset : bottom - inset, x0 + inset : x1 - inset]
    if float((inner > 0).mean()) < INK_SHARE:
        return None
    count, _, stats, _ = cv2.connectedComponentsWithStats(inner)
    smallest = max(3, int(SPECK_INCH * dpi) ** 2)
    strokes = [stats[label] for label in range(1, count) if stats[label, cv2.CC_STAT_AREA] >= smallest]
    if not strokes:
        return None
    left = min(int(s[cv2.CC_STAT_LEFT]) for s in strokes)
    right = max(int(s[cv2.CC_STAT_LEFT] + s[cv2.CC_STAT_WIDTH]) for s in strokes)
    high = min(int(s[cv2.CC_STAT_TOP]) for s in strokes)
    low = max(int(s[cv2.CC_STAT_TOP] + s[cv2.CC_STAT_HEIGHT]) for s in strokes)
    margin = max(2, int(CROP_MARGIN_INCH * dpi))
    height, width = inner.shape
    crop_top, crop_left = top + inset + max(0, high - margin), x0 + inset + max(0, left - margin)
    crop_bottom = top + inset + min(height, low + margin)
    crop_right = x0 + inset + min(width, right + margin)
    return gray[crop_top:crop_bottom, crop_left:crop_right]
