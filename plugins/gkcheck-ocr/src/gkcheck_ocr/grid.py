"""Ruled tables on a page image: ruling lines by morphology, then the cell grid with merged cells.

The page is binarised; opening it with a long thin horizontal (vertical) kernel keeps only the
horizontal (vertical) strokes longer than any stroke of a character. A ruling segment counts only
when both its ends meet a ruling of the other direction, so the long strokes of large characters
never become columns. The grid lines are the clustered positions of the segments; two neighbouring
grid cells are one merged cell when no ruling separates them.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# Kernel lengths, in inches: longer than a stroke of a table's characters, shorter than a row.
HORIZONTAL_KERNEL_INCH = 0.25
VERTICAL_KERNEL_INCH = 0.14
# How far (inches) a segment's end may stop short of the ruling it meets, and grid lines merge.
JOIN_INCH = 0.04
# A separating ruling must cover this share of the boundary between two grid cells.
RULED_SHARE = 0.6
# A table is at least this wide.
MIN_TABLE_WIDTH_INCH = 1.0
# Beside a vertical ruling, at most this share of the pixels is ink (the crossing rulings).
SIDE_INK_SHARE = 0.08


@dataclass(frozen=True)
class GridCell:
    """One cell of an image table, in pixels, at its top-left grid position with its spans."""

    row: int
    col: int
    rowspan: int
    colspan: int
    box: tuple[int, int, int, int]  # x0, top, x1, bottom


@dataclass(frozen=True)
class ImageTable:
    box: tuple[int, int, int, int]
    cells: tuple[GridCell, ...]

    def contains(self, x: float, y: float) -> bool:
        x0, top, x1, bottom = self.box
        return x0 <= x <= x1 and top <= y <= bottom


def binarise(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, robust to a grey or uneven scan background."""
    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    return cv2.adaptiveThreshold(blurred, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 12)


def ruling_masks(ink: np.ndarray, dpi: float) -> tuple[np.ndarray, np.ndarray]:
    horizontal = _open(ink, (max(8, int(HORIZONTAL_KERNEL_INCH * dpi)), 1))
    vertical = _open(ink, (1, max(8, int(VERTICAL_KERNEL_INCH * dpi))))
    return horizontal, vertical


def _open(ink: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, size)
    opened = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
    # close small gaps in a broken (noisy, slightly rotated) ruling
    return cv2.morphologyEx(opened, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, size))


def skew_angle(gray: np.ndarray, dpi: float) -> float:
    """The page's rotation in degrees, from its long horizontal rulings (0 when it has none)."""
    horizontal, _ = ruling_masks(binarise(gray), dpi)
    count, _, stats, _ = cv2.connectedComponentsWithStats(horizontal)
    angles = []
    labels = cv2.connectedComponents(horizontal)[1] if count > 1 else None
    for label in range(1, count):
        if stats[label, cv2.CC_STAT_WIDTH] < 1.5 * dpi or labels is None:
            continue
        ys, xs = np.nonzero(labels == label)
        slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
        angles.append(float(np.degrees(np.arctan(slope))))
    return float(np.median(angles)) if angles else 0.0


def deskew(gray: np.ndarray, dpi: float) -> np.ndarray:
    angle = skew_angle(gray, dpi)
    if abs(angle) < 0.05:
        return gray
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (width, height), flags=cv2.INTER_LINEAR, borderValue=255)


def find_image_tables(gray: np.ndarray, dpi: float) -> list[ImageTable]:
    """The ruled tables of a (deskewed) page image with two or more columns, top to bottom."""
    ink = binarise(gray)
    horizontal, vertical = ruling_masks(ink, dpi)
    join = max(2, int(JOIN_INCH * dpi))
    h_segments = _segments(horizontal, axis=0)
    text_ink = cv2.bitwise_and(ink, cv2.bitwise_not(cv2.dilate(horizontal, np.ones((3, 1), np.uint8))))
    v_segments = [s for s in _segments(vertical, axis=1) if _clear_beside(text_ink, s, join)]
    v_segments = _between_crossings(v_segments, h_segments, join, axis=1)
    h_segments = _between_crossings(h_segments, v_segments, join, axis=0)
    h_ruled, v_ruled = _drawn(h_segments, horizontal.shape), _drawn(v_segments, vertical.shape)
    grid_mask = cv2.bitwise_or(h_ruled, v_ruled)
    grid_mask = cv2.dilate(grid_mask, np.ones((join, join), np.uint8))
    count, _, stats, _ = cv2.connectedComponentsWithStats(grid_mask)
    tables = []
    for label in range(1, count):
        x, y, w, h = (int(v) for v in stats[label, :4])
        box = (x, y, x + w, y + h)
        if w < MIN_TABLE_WIDTH_INCH * dpi:  # a boxed character (田, 固), not a table
            continue
        table = _table(box, _inside(h_segments, box), _inside(v_segments, box), h_ruled, v_ruled, join)
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda item: item.box[1])


def _drawn(segments, shape) -> np.ndarray:
    mask = np.zeros(shape, np.uint8)
    for x0, y0, x1, y1 in segments:
        mask[y0 : y1 + 1, x0 : x1 + 1] = 255
    return mask


def _segments(mask: np.ndarray, axis: int) -> list[tuple[int, int, int, int]]:
    """Connected ruling pieces as boxes (x0, top, x1, bottom); axis 0 horizontal, 1 vertical."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask)
    found = []
    for label in range(1, count):
        x, y, w, h = (int(v) for v in stats[label, :4])
        if (w > 3 * h) if axis == 0 else (h > 3 * w):
            found.append((x, y, x + w - 1, y + h - 1))
    return found


def _clear_beside(ink: np.ndarray, segment, join: int) -> bool:
    """Whether a vertical ruling has white space (cell padding) on both sides.

    The long stroke of a character, or strokes of characters in rows above each other, have the
    rest of the characters beside them.
    """
    x0, y0, x1, y1 = segment
    gap, reach = max(1, join // 2), join
    left = ink[y0 : y1 + 1, max(0, x0 - reach) : max(0, x0 - gap)]
    right = ink[y0 : y1 + 1, x1 + gap + 1 : x1 + reach + 1]
    return all(side.size == 0 or float((side > 0).mean()) < SIDE_INK_SHARE for side in (left, right))


def _between_crossings(segments, others, join: int, axis: int) -> list[tuple[int, int, int, int]]:
    """Each segment cut to the span between the first and last ruling of the other direction it crosses.

    A segment crossing fewer than two is a stroke of a character, not a ruling.
    `axis` 1: vertical segments crossed by horizontal ones; 0: horizontal crossed by vertical.
    """
    kept = []
    join = max(2, join // 2)
    for x0, y0, x1, y1 in segments:
        if axis == 1:
            middle = (x0 + x1) / 2
            crossings = [
                (o[1] + o[3]) / 2
                for o in others
                if o[0] - join <= middle <= o[2] + join and y0 - join <= (o[1] + o[3]) / 2 <= y1 + join
            ]
        else:
            middle = (y0 + y1) / 2
            crossings = [
                (o[0] + o[2]) / 2
                for o in others
                if o[1] - join <= middle <= o[3] + join and x0 - join <= (o[0] + o[2]) / 2 <= x1 + join
            ]
        if len(crossings) < 2:
            continue
        low, high = int(min(crossings)), int(max(crossings))
        kept.append((x0, low, x1, high) if axis == 1 else (low, y0, high, y1))
    return kept


def _near(point, box, join: int) -> bool:
    x, y = point
    return box[0] - join <= x <= box[2] + join and box[1] - join <= y <= box[3] + join


def _inside(segments, box):
    return [s for s in segments if box[0] <= s[0] and s[2] <= box[2] and box[1] <= s[1] and s[3] <= box[3]]


def _cluster(values: list[float], join: int) -> list[int]:
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= join:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [int(round(sum(group) / len(group))) for group in groups]


def _table(box, h_segments, v_segments, horizontal, vertical, join) -> ImageTable | None:
    ys = _cluster([(s[1] + s[3]) / 2 for s in h_segments], join)
    xs = _cluster([(s[0] + s[2]) / 2 for s in v_segments], join)
    if len(ys) < 2 or len(xs) < 3:
        return None
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not _ruled(vertical, xs[c + 1], ys[r], ys[r + 1], join, axis=1):
                parent[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and not _ruled(horizontal, ys[r + 1], xs[c], xs[c + 1], join, axis=0):
                parent[find((r + 1) * cols + c)] = find(r * cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(rows):
        for c in range(cols):
            groups.setdefault(find(r * cols + c), []).append((r, c))
    cells = []
    for members in groups.values():
        r0, c0 = min(r for r, _ in members), min(c for _, c in members)
        r1, c1 = max(r for r, _ in members), max(c for _, c in members)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=lambda cell: (cell.row, cell.col))
    return ImageTable((xs[0], ys[0], xs[-1], ys[-1]), tuple(cells))


def _ruled(mask: np.ndarray, at: int, start: int, end: int, join: int, axis: int) -> bool:
    """Whether a ruling runs at `at` (x for vertical, y for horizontal) from `start` to `end`."""
    lo, hi = max(0, at - join), at + join + 1
    inner_start, inner_end = start + join, end - join
    if inner_end <= inner_start:
        return True
    band = mask[inner_start:inner_end, lo:hi] if axis == 1 else mask[lo:hi, inner_start:inner_end]
    covered = band.max(axis=1 if axis == 1 else 0) > 0
    return float(covered.mean()) >= RULED_SHARE
