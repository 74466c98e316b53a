"""One page image into `Line` and `Table` blocks: ruled tables first, then OCR'd text placed by position.

The grid of each ruled table gives its cells; each cell's lines of ink are cut from the page and
read by the recogniser alone, all the page's cells in one batch (no text detection inside a
table). The rest of the page, tables whited out, is detected and recognised, and its boxes are
grouped into lines by their vertical overlap. Coordinates are given in PDF points (72 per inch),
origin top-left, as the PDF loader gives them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cv2
import numpy as np

from gkcheck.document import Block, Cell, Line, Location, Table
from gkcheck_ocr.cells import cell_lines
from gkcheck_ocr.grid import ImageTable, binarise, deskew, find_image_tables
from gkcheck_ocr.models import fold_sessions

# The longest side (pixels) the page is scaled to for text detection; lines are read at full size.
# At 1024 (about 90 dpi for A4) the text outside the tables reads as at 1600, in a third of the time;
# only the short dashes of a page number ("—5—"), page furniture, are sometimes not found.
DETECT_SIDE = 1024
# Detected text read with less confidence than this is left out (RapidOCR's own default).
MIN_TEXT_SCORE = 0.5
# A cell's line read with less confidence than this is read again, padded to the usual width.
REREAD_BELOW = 0.95
# The narrowest (pixels, at the recogniser's height of 48) a batch of lines is padded to: the first
# reading of table cells, and the width the recogniser usually reads at (PP-OCR's 320).
NARROW_WIDTH = 48
USUAL_WIDTH = 320
# The width a line read with empty brackets is padded to when read again.
WIDE_WIDTH = 640


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
        fold_sessions(_ENGINE, threads)
    return _ENGINE


_ENGINE = None


def recognise(image: np.ndarray) -> list[TextBox]:
    """The text boxes of a page: detected on the page scaled to `DETECT_SIDE`, read at full size."""
    ocr = engine()
    page = cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    scale = min(1.0, DETECT_SIDE / max(image.shape[:2]))
    small = cv2.resize(page, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA) if scale < 1 else page
    found, _ = ocr.text_det(small)
    if found is None or len(found) == 0:
        return []
    points = [np.asarray(box, dtype=np.float32) / scale for box in ocr.sorted_boxes(found)]
    read, _ = ocr.text_rec(ocr.get_crop_img_list(page, points))
    boxes = []
    for corners, (text, score) in zip(points, read):
        xs, ys = corners[:, 0], corners[:, 1]
        box = (float(xs.min()), float(ys.min()), float(xs.max()), float(ys.max()))
        if str(text).strip() and float(score) >= MIN_TEXT_SCORE:
            boxes.append(TextBox(box, str(text).strip(), float(score)))
    return boxes


def recognise_lines(crops: list[np.ndarray]) -> list[tuple[str, float]]:
    """Pictures of single lines read by the recogniser alone, in batches: (text, confidence) each.

    A first reading takes each line at its own width (fast: most cells hold a lone figure); a line
    read with less confidence than `REREAD_BELOW` is read again padded to the recogniser's usual
    width. Two readings that agree are wrong only if both are (their confidences combine); when
    they differ the more confident one is kept, with the lower confidence of the two.
    """
    if not crops:
        return []
    pictures = [cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR) for crop in crops]
    first = _read_at_width(pictures, NARROW_WIDTH)
    doubtful = [index for index, (_, confidence) in enumerate(first) if confidence < REREAD_BELOW]
    again = _read_at_width([pictures[index] for index in doubtful], USUAL_WIDTH)
    for index, (text, confidence) in zip(doubtful, again):
        before, before_confidence = first[index]
        if text == before:
            first[index] = (text, 1 - (1 - before_confidence) * (1 - confidence))
        else:
            better = text if confidence > before_confidence else before
            first[index] = (better, min(confidence, before_confidence))
    _reread_hollow_brackets(pictures, first)
    return first


def _reread_hollow_brackets(pictures: list[np.ndarray], read: list[tuple[str, float]]) -> None:
    """A line read with an empty pair of brackets, read again with paper above and below, padded wide.

    Pressed between the cell's rulings, the 八 of "第（八）项" was read as nothing, confidently; with
    paper round it, in a batch as wide as a text line's, it reads as printed.
    """
    hollow = [index for index, (text, _) in enumerate(read) if _HOLLOW_BRACKETS.search(text)]
    framed = [_with_paper_above_and_below(pictures[index]) for index in hollow]
    for index, again in zip(hollow, _read_at_width(framed, WIDE_WIDTH)):
        if again[0] and not _HOLLOW_BRACKETS.search(again[0]):
            read[index] = again


_HOLLOW_BRACKETS = re.compile(r"[（(]\s*[）)]")


def _with_paper_above_and_below(picture: np.ndarray) -> np.ndarray:
    paper = max(4, picture.shape[0] // 6)
    return cv2.copyMakeBorder(picture, paper, paper, 0, 0, cv2.BORDER_CONSTANT, value=(255, 255, 255))


def _read_at_width(pictures: list[np.ndarray], width: int) -> list[tuple[str, float]]:
    if not pictures:
        return []
    recogniser = engine().text_rec
    recogniser.rec_image_shape = [3, 48, width]  # the narrowest a batch is padded to
    found, _ = recogniser(pictures)
    return [(str(text).strip(), float(score)) for text, score in found]


def read_page(gray: np.ndarray, dpi: float, page_number: int) -> PageReading:
    gray = cv2.medianBlur(deskew(gray, dpi), 3)  # scanner dust off, strokes kept
    tables = find_image_tables(gray, dpi)
    ink = binarise(gray)
    lines = {
        (index, cell): cell_lines(cell, gray, ink, dpi)
        for index, table in enumerate(tables)
        for cell in table.cells
    }
    read = iter(recognise_lines([crop for crops in lines.values() for crop in crops]))
    cell_reads = {key: [next(read) for _ in crops] for key, crops in lines.items()}
    reading = PageReading()
    placed: list[tuple[float, Block]] = []
    scale = 72.0 / dpi
    for index, table in enumerate(tables):
        reads = {cell: cell_reads[index, cell] for cell in table.cells}
        placed.append((table.box[1] * scale, _table_block(table, reads, dpi, page_number, reading)))
    for group in _visual_lines(recognise(_tables_whited_out(gray, tables))):
        line = _line_block(group, scale, page_number)
        reading.confidence.append((line.location, line.text, min(box.confidence for box in group)))
        placed.append((line.location.bbox[1] if line.location.bbox else 0.0, line))
    placed.sort(key=lambda item: item[0])
    reading.blocks = [block for _, block in placed]
    return reading


def _tables_whited_out(gray: np.ndarray, tables: list[ImageTable]) -> np.ndarray:
    if not tables:
        return gray
    page = gray.copy()
    for x0, top, x1, bottom in (table.box for table in tables):
        page[max(0, top - 2) : bottom + 3, max(0, x0 - 2) : x1 + 3] = 255
    return page


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


def _table_block(table: ImageTable, reads, dpi, page_number, reading: PageReading) -> Table:
    scale = 72.0 / dpi
    rows: dict[int, list[Cell]] = {}
    for grid_cell in table.cells:
        text, confidence = _cell_reading(reads[grid_cell])
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
    if text in _ZERO_LOOKALIKES or (text and text.strip(_SPECKS + "-") in _ZERO_LOOKALIKES):
        return "0"  # "o" "o." "o-": a lone 0 with a speck beside it
    found = _FRAMED_NUMBER.match(text)
    return found.group(1) if found else text


def _cell_reading(lines: list[tuple[str, float]]) -> tuple[str, float | None]:
    """The cell's text from its lines read, and the recogniser's least confidence (None: empty)."""
    read = [(text, confidence) for text, confidence in lines if text]
    if not read:
        return "", None
    return _number_cleaned("".join(text for text, _ in read)), min(confidence for _, confidence in read)
