"""PDF pages read by PDFium (pypdfium2), as pdfplumber pages.

pdfplumber's word, line and table algorithms work on plain dicts of characters, lines and rects.
`PdfiumPage` fills those dicts from PDFium instead of pdfminer's pure-Python content-stream
interpreter, so every algorithm downstream runs unchanged and gives the same tables. The dicts follow
pdfminer's geometry exactly, not PDFium's own:

- a character's box runs from its origin over its advance width, and vertically from the baseline
  plus the font descriptor's `/Descent` to one em above that, as pdfminer's `LTChar` does. PDFium
  substitutes its own descent for fonts that declare 0, so descents are read from the file
  (`pdf_fonts.read_fonts`);
- a path is split into subpaths and each is classed as a line, a rect or a curve as pdfminer's
  `paint_path` does; the stroke flag is kept, since the table finder tells cell borders from painted
  paragraph backgrounds by it.
"""

from __future__ import annotations

import ctypes
from functools import lru_cache

import pdfplumber.page
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from gkcheck.loaders.pdfium_chars import CharReader, Matrix, Point, apply, direct, multiply

MAX_FORM_DEPTH = 15

# Every object of a page is looked at (text objects are most), so these take plain handles.
_page_object = direct(pdfium_c.FPDFPage_GetObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)
_form_object = direct(pdfium_c.FPDFFormObj_GetObject, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_ulong)
_object_type = direct(pdfium_c.FPDFPageObj_GetType, ctypes.c_int, ctypes.c_void_p)


class PdfiumPage(pdfplumber.page.Page):
    """A pdfplumber page whose objects come from a PDFium page."""

    def __init__(self, page: pdfium.PdfPage, page_number: int, initial_doctop: float, descents: dict):
        # No pdfminer document or page lies behind this page: the algorithms used never need them.
        self.pdf = None  # type: ignore[assignment]
        self.root_page = self
        self.page_obj = None  # type: ignore[assignment]
        self.page_number = page_number
        self.initial_doctop = initial_doctop
        self.rotation = page.get_rotation() % 360
        left, bottom, right, top = page.get_mediabox()
        self._mediabox_raw = (left, bottom, right, top)
        width, height = (right - left, top - bottom)
        if self.rotation in (90, 270):
            width, height = height, width
        self.mediabox = self.cropbox = self.bbox = (0, 0, width, height)
        self.get_textmap = lru_cache()(self._get_textmap)
        self._pdfium_page = page
        self._descents = descents
        self._page_ctm = _page_ctm(self.rotation, self._mediabox_raw)

    @property
    def objects(self) -> dict[str, list[dict]]:
        if not hasattr(self, "_objects"):
            self._objects = self._read_objects()
        return self._objects

    def close(self) -> None:
        super().close()
        self._pdfium_page.close()

    def _read_objects(self) -> dict[str, list[dict]]:
        objects: dict[str, list[dict]] = {"char": [], "line": [], "rect": [], "curve": []}
        for kind, obj in _path_objects(self, self._pdfium_page.raw):
            objects[kind].append(obj)
        objects["char"] = self._read_chars()
        return {kind: found for kind, found in objects.items() if found}

    def _read_chars(self) -> list[dict]:
        textpage = self._pdfium_page.get_textpage()
        try:
            return CharReader(self, textpage.raw).chars()
        finally:
            textpage.close()

    def _finish(self, obj: dict, x0: float, y0: float, x1: float, y1: float) -> dict:
        """Add the pdfplumber coordinates (top, bottom, doctop) to a dict with pdfminer's."""
        obj.update(x0=x0, y0=y0, x1=x1, y1=y1, width=x1 - x0, height=y1 - y0, page_number=self.page_number)
        obj["top"] = self.height - y1
        obj["bottom"] = self.height - y0
        obj["doctop"] = self.initial_doctop + obj["top"]
        return obj

    def _to_plumber(self, point: Point) -> Point:
        """A point in pdfminer's space as pdfplumber shows it (origin at the top left)."""
        return (point[0], self.height - point[1])


def _page_ctm(rotation: int, mediabox: tuple[float, float, float, float]) -> Matrix:
    """The initial transformation pdfminer gives a page (`PDFPageInterpreter.process_page`)."""
    x0, y0, x1, y1 = mediabox
    if rotation == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotation == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotation == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def _path_objects(page: PdfiumPage, parent, matrix: Matrix | None = None, depth: int = 0):
    """Every path object of the page, forms included, split and classed as pdfminer does."""
    form = depth > 0
    count = (pdfium_c.FPDFFormObj_CountObjects if form else pdfium_c.FPDFPage_CountObjects)(parent)
    get = _form_object if form else _page_object
    for index in range(max(count, 0)):
        handle = get(parent, index)
        kind = _object_type(handle)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        obj = ctypes.cast(handle, pdfium_c.FPDF_PAGEOBJECT)
        fs_matrix = pdfium_c.FS_MATRIX()
        pdfium_c.FPDFPageObj_GetMatrix(obj, fs_matrix)
        own = (fs_matrix.a, fs_matrix.b, fs_matrix.c, fs_matrix.d, fs_matrix.e, fs_matrix.f)
        combined = multiply(own, matrix) if matrix else own
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < MAX_FORM_DEPTH:
                yield from _path_objects(page, obj, combined, depth + 1)
            continue
        yield from _painted_subpaths(page, obj, multiply(combined, page._page_ctm))


def _painted_subpaths(page: PdfiumPage, obj, matrix: Matrix):
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
    width = ctypes.c_float()
    pdfium_c.FPDFPageObj_GetStrokeWidth(obj, width)
    paint = {
        "linewidth": width.value,
        "stroke": bool(stroke.value),
        "fill": fill_mode.value != pdfium_c.FPDF_FILLMODE_NONE,
        "evenodd": fill_mode.value == pdfium_c.FPDF_FILLMODE_ALTERNATE,
    }
    for subpath in _subpaths(obj, matrix):
        classed = _classify(subpath)
        if classed is not None:
            kind, points = classed
            yield kind, _shape(page, kind, points, subpath, paint)


def _subpaths(obj, matrix: Matrix) -> list[list[tuple[str, Point]]]:
    """The path's segments as pdfminer's operators ('m', 'l', 'c', 'h'), one list per subpath."""
    subpaths: list[list[tuple[str, Point]]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = apply(matrix, (x.value, y.value))
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([("m", point)])
        else:
            subpaths[-1].append(("l" if kind == pdfium_c.FPDF_SEGMENT_LINETO else "c", point))
        if pdfium_c.FPDFPathSegment_GetClose(segment):
            subpaths[-1].append(("h", subpaths[-1][0][1]))
    return subpaths


def _classify(subpath: list[tuple[str, Point]]) -> tuple[str, list[Point]] | None:
    """'line', 'rect' or 'curve', with its points, as pdfminer's `paint_path` decides."""
    if len(subpath) < 2:
        return None
    shape = "".join(op for op, _ in subpath)
    points = [point for _, point in subpath]
    if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:
        shape = shape[:-2] + "h"
        points.pop()
    if shape in ("mlh", "ml"):
        return "line", points[:2]
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        closed = points[0] == points[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if closed and square:
            return "rect", points
    return "curve", _curve_points(subpath)


def _curve_points(subpath: list[tuple[str, Point]]) -> list[Point]:
    """A curve's points as pdfminer keeps them: the end point of each segment, no control points."""
    points = []
    pending_controls = 0
    for op, point in subpath:
        if op == "c":
            pending_controls += 1
            if pending_controls < 3:
                continue
        pending_controls = 0
        points.append(point)
    return points


def _shape(page: PdfiumPage, kind: str, points: list[Point], subpath, paint: dict) -> dict:
    xs = [point[0] for point in points]
    ys = [point[1] for point in points]
    if kind == "rect":
        xs, ys = [points[0][0], points[2][0]], [points[0][1], points[2][1]]
    obj = {**paint, "object_type": kind, "dash": None}
    obj["pts"] = [page._to_plumber(point) for point in points]
    obj["path"] = [(op, page._to_plumber(point)) for op, point in subpath]
    return page._finish(obj, min(xs), min(ys), max(xs), max(ys))


class PdfiumDocument:
    """An open PDF whose pages are `PdfiumPage`s, made one at a time as they are read."""

    def __init__(self, path: str, descents: dict[str, float]):
        """Open `path`; `descents` are its fonts' declared descents (`pdf_fonts.read_fonts`)."""
        self.path = path
        self._pdf = pdfium.PdfDocument(path)
        self._descents = descents
        self.metadata = {key: value for key, value in self._pdf.get_metadata_dict().items() if value}

    def __len__(self) -> int:
        return len(self._pdf)

    @property
    def pages(self) -> PdfiumPages:
        return PdfiumPages(self)

    def reopen(self) -> None:
        """Drop what PDFium keeps of the pages read so far (fonts and resources of each page)."""
        self._pdf.close()
        self._pdf = pdfium.PdfDocument(self.path)

    def close(self) -> None:
        self._pdf.close()

    def __enter__(self) -> PdfiumDocument:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class PdfiumPages:
    """The pages of a `PdfiumDocument`, in order; each is opened when the iteration reaches it.

    PDFium keeps the parsed resources of every page it has opened until the document is closed,
    which grows without bound on a long PDF whose pages carry their own fonts; the document is
    opened afresh every `REOPEN_EVERY` pages, so memory stays bounded whatever the page count.
    """

    REOPEN_EVERY = 100

    def __init__(self, document: PdfiumDocument):
        self._document = document

    def __len__(self) -> int:
        return len(self._document)

    def __iter__(self):
        doctop = 0.0
        for index in range(len(self._document)):
            if index and index % self.REOPEN_EVERY == 0:
                self._document.reopen()
            page = PdfiumPage(self._document._pdf[index], index + 1, doctop, self._document._descents)
            doctop += page.height
            yield page
