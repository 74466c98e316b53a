"""A table cell's picture cut into its lines of ink, for the recogniser alone (no detection).

The grid gives each cell's box; inside its rulings (less a border strip) the ink is found, dust
left out, and cut into lines where whole pixel rows are blank. Each line is given to the
recogniser as its ink with a margin of paper, never the cell's empty width: a lone "0" in a wide
cell of scanner noise was read as "70".
"""

from __future__ import annotations

import cv2
import numpy as np

from gkcheck_ocr.grid import GridCell

# Ink pixels (a share of the cell's inner area) below which a cell is empty.
INK_SHARE = 0.004
# The cell's border strip left out when looking for ink, in inches.
CELL_INSET_INCH = 0.03
# Ink pieces smaller than this square (inches) are dust, not strokes.
SPECK_INCH = 0.01
# The paper left round a line's ink, in inches.
CROP_MARGIN_INCH = 0.04
# Blank pixel rows inside a character (三, 二, 旦) span less than this (inches); between lines more.
LINE_GAP_INCH = 0.02
# A band of ink lower than this share of the tallest is part of a neighbouring line (、 。 一).
MIN_LINE_SHARE = 0.4


def cell_lines(cell: GridCell, gray: np.ndarray, ink: np.ndarray, dpi: float) -> list[np.ndarray]:
    """The cell's lines of ink, top to bottom, each cut from `gray` with a margin; [] when empty."""
    inset = max(2, int(CELL_INSET_INCH * dpi))
    x0, top, x1, bottom = cell.box
    if x1 - x0 <= 2 * inset or bottom - top <= 2 * inset:
        return []
    left, high = x0 + inset, top + inset
    inner = ink[high : bottom - inset, left : x1 - inset]
    if float((inner > 0).mean()) < INK_SHARE:
        return []
    strokes = _strokes(inner, dpi)
    if not strokes.any():
        return []
    margin = max(2, int(CROP_MARGIN_INCH * dpi))
    bands = _bands(strokes.any(axis=1), max(1, int(LINE_GAP_INCH * dpi)))
    crops = []
    for index, (start, end) in enumerate(bands):
        columns = np.flatnonzero(strokes[start:end].any(axis=0))
        above = bands[index - 1][1] if index else -2 * margin
        below = bands[index + 1][0] if index + 1 < len(bands) else strokes.shape[0] + 2 * margin
        crop_top = max(0, start - min(margin, (start - above) // 2))
        crop_bottom = min(strokes.shape[0], end + min(margin, (below - end) // 2))
        crop_left = max(0, int(columns[0]) - margin)
        crop_right = min(strokes.shape[1], int(columns[-1]) + 1 + margin)
        crops.append(gray[high + crop_top : high + crop_bottom, left + crop_left : left + crop_right])
    return crops


def _strokes(inner: np.ndarray, dpi: float) -> np.ndarray:
    """The ink pieces of at least a speck's size, as a boolean mask."""
    count, labels, stats, _ = cv2.connectedComponentsWithStats(inner)
    smallest = max(3, int(SPECK_INCH * dpi) ** 2)
    keep = stats[:, cv2.CC_STAT_AREA] >= smallest
    keep[0] = False
    return keep[labels]


def _bands(inked_rows: np.ndarray, gap: int) -> list[tuple[int, int]]:
    """Runs of inked rows (start, end) with gaps shorter than `gap` closed, and thin runs joined on."""
    rows = np.flatnonzero(inked_rows)
    bands: list[list[int]] = []
    for row in rows:
        if bands and row - bands[-1][1] <= gap:
            bands[-1][1] = int(row) + 1
        else:
            bands.append([int(row), int(row) + 1])
    tallest = max(end - start for start, end in bands)
    while len(bands) > 1:
        thin = min(range(len(bands)), key=lambda i: bands[i][1] - bands[i][0])
        if bands[thin][1] - bands[thin][0] >= MIN_LINE_SHARE * tallest:
            break
        if thin == 0:
            neighbour = 1
        elif thin == len(bands) - 1:
            neighbour = thin - 1
        else:  # the nearer one
            before, after = bands[thin][0] - bands[thin - 1][1], bands[thin + 1][0] - bands[thin][1]
            neighbour = thin - 1 if before <= after else thin + 1
        low, high = sorted((thin, neighbour))
        bands[low : high + 1] = [[bands[low][0], bands[high][1]]]
    return [(start, end) for start, end in bands]
