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
from dataclasses import dataclass
from functools import lru_cache

import pdfplumber.page
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

# PDFium marks a soft hyphen at a line end with this code point.
PDFIUM_HYPHEN = "\x02"
MAX_FORM_DEPTH = 15


def _direct(function, restype, *argtypes):
    """`function` of PDFium called with plain handles (ints), without pypdfium2's conversions.

    These run once or more per character, where the conversion of each handle to a typed pointer
    and back costs more than the call.
    """
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_HANDLE, _INT, _DOUBLE_P = ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_double)
_is_generated = _direct(pdfium_c.FPDFText_IsGenerated, _INT, _HANDLE, _INT)
_unicode = _direct(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, _HANDLE, _INT)
_text_object_of = _direct(pdfium_c.FPDFText_GetTextObject, _HANDLE, _HANDLE, _INT)
_origin = _direct(pdfium_c.FPDFText_GetCharOrigin, _INT, _HANDLE, _INT, _DOUBLE_P, _DOUBLE_P)
_loose_box = _direct(
    pdfium_c.FPDFText_GetLooseCharBox, _INT, _HANDLE, _INT, ctypes.POINTER(pdfium_c.FS_RECTF)
)
_matrix_of = _direct(pdfium_c.FPDFText_GetMatrix, _INT, _HANDLE, _INT, ctypes.POINTER(pdfium_c.FS_MATRIX))
_font_size = _direct(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, _HANDLE, _INT)
_font_of = _direct(pdfium_c.FPDFTextObj_GetFont, _HANDLE, _HANDLE)
_glyph_width = _direct(
    pdfium_c.FPDFFont_GetGlyphWidth,
    _INT,
    _HANDLE,
    ctypes.c_uint,
    ctypes.c_float,
    ctypes.POINTER(ctypes.c_float),
)


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
        objects["char"] = _chars(self)
        return {kind: found for kind, found in objects.items() if found}

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


def _multiply(m1: Matrix, m0: Matrix) -> Matrix:
    """The matrix that applies `m1`, then `m0` (pdfminer's `mult_matrix`)."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (
        a0 * a1 + c0 * b1,
        b0 * a1 + d0 * b1,
        a0 * c1 + c0 * d1,
        b0 * c1 + d0 * d1,
        a0 * e1 + c0 * f1 + e0,
        b0 * e1 + d0 * f1 + f0,
    )


def _apply(matrix: Matrix, point: Point) -> Point:
    a, b, c, d, e, f = matrix
    x, y = point
    return (a * x + c * y + e, b * x + d * y + f)


# Characters


def _chars(page: PdfiumPage) -> list[dict]:
    textpage = page._pdfium_page.get_textpage()
    try:
        reader = _CharReader(page, textpage.raw)
        chars = (reader.char(index) for index in range(pdfium_c.FPDFText_CountChars(textpage.raw)))
        return [char for char in chars if char is not None]
    finally:
        textpage.close()


class _CharReader:
    """pdfminer-style character dicts from a PDFium text page.

    What is shared by the characters of one text object (font, size, matrix, descent) is asked of
    PDFium once per object; widths once per (font, character, size).
    """

    def __init__(self, page: PdfiumPage, textpage):
        self._page = page
        self._fonts: dict[int, tuple[str, float]] = {}
        self._widths: dict[tuple[int, int, float], float] = {}
        self._objects: dict[int, _TextObject] = {}
        self._handle = ctypes.cast(textpage, ctypes.c_void_p).value
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._x_ref, self._y_ref = ctypes.pointer(self._x), ctypes.pointer(self._y)
        self._box = pdfium_c.FS_RECTF()
        self._box_ref = ctypes.pointer(self._box)

    def char(self, index: int) -> dict | None:
        textpage = self._handle
        if _is_generated(textpage, index) == 1:
            return None
        code = _unicode(textpage, index)
        text = "-" if code == 2 else chr(code) if code else ""
        if not text or text in "\r\n":
            return None
        obj = self._text_object(index)
        _origin(textpage, index, self._x_ref, self._y_ref)
        advance = self._width(obj, ord(text))
        loose = self._loose_width(index, obj)
        if 0 < loose < advance:
            advance = loose
        a, b, c, d = obj.linear
        e, f = _apply(self._page._page_ctm, (self._x.value, self._y.value))
        low, high = obj.descent * obj.size, (obj.descent + 1) * obj.size
        xa, xb = c * low + e, a * advance + c * high + e
        ya, yb = d * low + f, b * advance + d * high + f
        x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
        y0, y1 = (ya, yb) if ya <= yb else (yb, ya)
        char = {
            "matrix": (a, b, c, d, e, f),
            "fontname": obj.fontname,
            "adv": advance,
            "upright": obj.upright,
            "size": y1 - y0,
            "object_type": "char",
            "text": text,
        }
        return self._page._finish(char, x0, y0, x1, y1)

    def _text_object(self, index: int) -> _TextObject:
        key = _text_object_of(self._handle, index) or 0
        if key not in self._objects:
            self._objects[key] = self._read_text_object(index, key)
        return self._objects[key]

    def _read_text_object(self, index: int, handle: int) -> _TextObject:
        matrix = pdfium_c.FS_MATRIX()
        _matrix_of(self._handle, index, ctypes.byref(matrix))
        a, b, c, d, *_ = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, 0, 0), self._page._page_ctm)
        font = (_font_of(handle) or 0) if handle else 0
        fontname, descent = self._font(font)
        return _TextObject(
            font=font,
            fontname=fontname,
            descent=descent,
            size=_font_size(self._handle, index),
            linear=(a, b, c, d),
            upright=a * d > 0 and b * c <= 0,
            unrotated=not (matrix.b or matrix.c) and matrix.a > 0,
            scale=matrix.a,
        )

    def _font(self, font: int) -> tuple[str, float]:
        """The font's base name and its descent per unit of font size (negative)."""
        if font not in self._fonts:
            handle = ctypes.cast(font, pdfium_c.FPDF_FONT) if font else None
            self._fonts[font] = _font_name_and_descent(handle, self._page._descents)
        return self._fonts[font]

    def _width(self, obj: _TextObject, code: int) -> float:
        key = (obj.font, code, obj.size)
        if key not in self._widths:
            width = ctypes.c_float()
            found = obj.font and _glyph_width(obj.font, code, obj.size, ctypes.byref(width))
            self._widths[key] = width.value if found else obj.size
        return self._widths[key]

    def _loose_width(self, index: int, obj: _TextObject) -> float:
        """The width of an unrotated character's loose box, in text space (0 when there is none).

        The font's width for a character is asked by Unicode, which is wrong where a subset font
        maps several codes of different widths to one character (seen with digits). The loose box
        is measured with the character's own code but widened to the glyph's outline, so only a
        narrower loose box corrects the width.
        """
        if not obj.unrotated or not _loose_box(self._handle, index, self._box_ref):
            return 0.0
        return (self._box.right - self._box.left) / obj.scale


@dataclass(frozen=True)
class _TextObject:
    font: int  # PDFium's handle, 0 for none
    fontname: str
    descent: float
    size: float
    linear: tuple[float, float, float, float]
    upright: bool
    unrotated: bool
    scale: float


def _font_name_and_descent(font, descents: dict[str, float]) -> tuple[str, float]:
    if not font:
        return "", 0.0
    buffer = ctypes.create_string_buffer(256)
    length = pdfium_c.FPDFFont_GetBaseFontName(font, buffer, 256)
    name = buffer.value.decode("latin-1") if length else ""
    if name in descents:
        return name, descents[name]
    descent = ctypes.c_float()
    found = pdfium_c.FPDFFont_GetDescent(font, 1000, descent)
    return name, (descent.value / 1000 if found else 0.0)


# Ruling lines, rects and curves


def _path_objects(page: PdfiumPage, parent, matrix: Matrix | None = None, depth: int = 0):
    """Every path object of the page, forms included, split and classed as pdfminer does."""
    form = depth > 0
    count = (pdfium_c.FPDFFormObj_CountObjects if form else pdfium_c.FPDFPage_CountObjects)(parent)
    get = pdfium_c.FPDFFormObj_GetObject if form else pdfium_c.FPDFPage_GetObject
    for index in range(max(count, 0)):
        obj = get(parent, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
            continue
        fs_matrix = pdfium_c.FS_MATRIX()
        pdfium_c.FPDFPageObj_GetMatrix(obj, fs_matrix)
        own = (fs_matrix.a, fs_matrix.b, fs_matrix.c, fs_matrix.d, fs_matrix.e, fs_matrix.f)
        combined = _multiply(own, matrix) if matrix else own
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            if depth < MAX_FORM_DEPTH:
                yield from _path_objects(page, obj, combined, depth + 1)
            continue
        yield from _painted_subpaths(page, obj, _multiply(combined, page._page_ctm))


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
        point = _apply(matrix, (x.value, y.value))
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
