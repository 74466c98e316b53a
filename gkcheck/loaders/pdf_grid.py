"""pdfplumber's table finder, with the step from ruling intersections to cells indexed.

pdfplumber finds, for each intersection of ruling lines, the smallest cell it is the top left
corner of: it looks through every later intersection for those below and to the right, and
compares the edges of two points as sets it builds anew on each comparison. On a table of a few
hundred intersections that is most of the table finder's time. Here the points below and to the
right come from the point's own column and row, and each point's edges are made into sets once;
the cells, and their order, are the same (a test compares them with pdfplumber's own).
"""

from __future__ import annotations

from collections import defaultdict

from pdfplumber.table import Table, TableFinder, TableSettings, cells_to_tables, edges_to_intersections
from pdfplumber.utils import obj_to_bbox

Point = tuple[float, float]
BBox = tuple[float, float, float, float]


class IndexedTableFinder(TableFinder):
    """`TableFinder` as pdfplumber builds it, but for the cells of `intersections_to_cells` here."""

    def __init__(self, page, settings=None):
        self.page = page
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance
        )
        self.cells = intersections_to_cells(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def intersections_to_cells(intersections: dict) -> list[BBox]:
    """The cells pdfplumber's `intersections_to_cells` gives for the same intersections, in its order."""
    edges = {
        point: ({obj_to_bbox(edge) for edge in found["v"]}, {obj_to_bbox(edge) for edge in found["h"]})
        for point, found in intersections.items()
    }
    points = sorted(intersections)
    columns: dict[float, list[Point]] = defaultdict(list)
    rows: dict[float, list[Point]] = defaultdict(list)
    for point in points:  # in sorted order: a column's points by top, a row's by x
        columns[point[0]].append(point)
        rows[point[1]].append(point)
    in_column = {point: index for column in columns.values() for index, point in enumerate(column)}
    in_row = {point: index for row in rows.values() for index, point in enumerate(row)}

    def connects(first: Point, second: Point) -> bool:
        if first[0] == second[0] and edges[first][0] & edges[second][0]:
            return True
        return first[1] == second[1] and bool(edges[first][1] & edges[second][1])

    def smallest_cell(point: Point) -> BBox | None:
        below = columns[point[0]][in_column[point] + 1 :]
        right = rows[point[1]][in_row[point] + 1 :]
        for below_point in below:
            if not connects(point, below_point):
                continue
            for right_point in right:
                if not connects(point, right_point):
                    continue
                corner = (right_point[0], below_point[1])
                if corner in edges and connects(corner, right_point) and connects(corner, below_point):
                    return (point[0], point[1], corner[0], corner[1])
        return None

    return [cell for cell in map(smallest_cell, points) if cell is not None]
