"""The characters of a PDFium text page, as pdfminer's character dicts (see `pdfium_page`).

The page's text is read in one call; PDFium is then asked per character only what differs from
one character to the next (its text object, origin and loose box). PDFium's text has one code
unit per character except where it leaves a control character out or writes a character outside
the Basic Multilingual Plane as two; on such a page each character's code is asked on its own.
"""

from __future__ import annotations

import ctypes

import pypdfium2.raw as pdfium_c

from gkcheck.patterns import LazyPattern

Matrix = tuple[float, float, float, float, float, float]
Point = tuple[float, float]

# PDFium's text shows U+FFFE for a character without Unicode and for a soft hyphen at a line end;
# for these (and a NUL, should one come) the character's own code is asked.
UNCLEAR = frozenset("\ufffe\x00")
# The code PDFium gives a soft hyphen at a line end.
PDFIUM_HYPHEN = 2
# PDFium generates spaces and line breaks; it drops line breaks (generated or not) anyway.
LINE_BREAKS = "\r\n"
_OUTSIDE_BMP = LazyPattern("[\ud800-\udfff\U00010000-\U0010ffff]")


def direct(function, restype, *argtypes):
    """`function` of PDFium called with plain handles (ints), without pypdfium2's conversions.

    These run once or more per character, where the conversion of each handle to a typed pointer
    and back costs more than the call.
    """
    address = ctypes.cast(function, ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_HANDLE, _INT, _DOUBLE_P = ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_double)
_is_generated = direct(pdfium_c.FPDFText_IsGenerated, _INT, _HANDLE, _INT)
_unicode = direct(pdfium_c.FPDFText_GetUnicode, ctypes.c_uint, _HANDLE, _INT)
_text_object_of = direct(pdfium_c.FPDFText_GetTextObject, _HANDLE, _HANDLE, _INT)
_origin = direct(pdfium_c.FPDFText_GetCharOrigin, _INT, _HANDLE, _INT, _DOUBLE_P, _DOUBLE_P)
_loose_box = direct(pdfium_c.FPDFText_GetLooseCharBox, _INT, _HANDLE, _INT, ctypes.POINTER(pdfium_c.FS_RECTF))
_matrix_of = direct(pdfium_c.FPDFText_GetMatrix, _INT, _HANDLE, _INT, ctypes.POINTER(pdfium_c.FS_MATRIX))
_font_size = direct(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, _HANDLE, _INT)
_font_of = direct(pdfium_c.FPDFTextObj_GetFont, _HANDLE, _HANDLE)
_glyph_width = direct(
    pdfium_c.FPDFFont_GetGlyphWidth,
    _INT,
    _HANDLE,
    ctypes.c_uint,
    ctypes.c_float,
    ctypes.POINTER(ctypes.c_float),
)


def multiply(m1: Matrix, m0: Matrix) -> Matrix:
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


def apply(matrix: Matrix, point: Point) -> Point:
    a, b, c, d, e, f = matrix
    x, y = point
    return (a * x + c * y + e, b * x + d * y + f)


def page_text(textpage, count: int) -> str:
    """The text PDFium gives for the page's `count` characters (surrogates kept as they come)."""
    if count <= 0:
        return ""
    buffer = (ctypes.c_ushort * (2 * count + 1))()
    written = pdfium_c.FPDFText_GetText(textpage, 0, count, buffer)
    return bytes(memoryview(buffer)[: max(written - 1, 0)]).decode("utf-16-le", errors="surrogatepass")


def kept_texts(textpage) -> list[tuple[int, str]]:
    """(index, text) of each character pdfminer would show: not generated, not a line break."""
    handle = ctypes.cast(textpage, ctypes.c_void_p).value or 0
    count = pdfium_c.FPDFText_CountChars(textpage)
    text = page_text(textpage, count)
    if len(text) != count or _OUTSIDE_BMP.search(text):
        return _kept_texts_one_by_one(handle, count)
    kept = []
    for index, char in enumerate(text):
        if char == " ":
            if _is_generated(handle, index) == 1:
                continue
        elif char in UNCLEAR:
            char = _text_of(_unicode(handle, index))
        elif char in LINE_BREAKS:
            continue
        if char:
            kept.append((index, char))
    return kept


def _kept_texts_one_by_one(handle: int, count: int) -> list[tuple[int, str]]:
    kept = []
    for index in range(count):
        if _is_generated(handle, index) == 1:
            continue
        char = _text_of(_unicode(handle, index))
        if char and char not in LINE_BREAKS:
            kept.append((index, char))
    return kept


def _text_of(code: int) -> str:
    return "-" if code == PDFIUM_HYPHEN else chr(code) if code else ""


class TextObject:
    """What the characters of one PDFium text object share, in the terms their boxes are made of.

    A character's box spans its advance along the object's first axis (a, b) and, along the second
    (c, d), the font size from the descent below the baseline: `x_low`, `y_low`, `x_high` and
    `y_high` are that second span's ends, already multiplied out.
    """

    __slots__ = (
        *("font", "fontname", "size", "widths", "a", "b", "c", "d"),
        *("x_low", "x_high", "y_low", "y_high", "upright", "unrotated", "scale"),
    )

    def __init__(self, font: int, fontname: str, descent: float, size: float, own: Matrix, page: Matrix):
        """`own` is the object's matrix as PDFium gives it, `page` the page's (`page_ctm`)."""
        self.font, self.fontname, self.size = font, fontname, size
        self.widths: dict[str, float] = {}
        self.unrotated = not (own[1] or own[2]) and own[0] > 0
        self.scale = own[0]
        a, b, c, d, _, _ = multiply((own[0], own[1], own[2], own[3], 0, 0), page)
        self.a, self.b, self.c, self.d = a, b, c, d
        low, high = descent * size, (descent + 1) * size
        self.x_low, self.x_high, self.y_low, self.y_high = c * low, c * high, d * low, d * high
        self.upright = a * d > 0 and b * c <= 0


class CharReader:
    """pdfminer-style character dicts from a PDFium text page.

    What is shared by the characters of one text object (font, size, matrix, descent) is asked of
    PDFium once per object; widths once per (font, size, character).
    """

    def __init__(self, page, textpage) -> None:
        """`page` is the `PdfiumPage` the characters are of; `textpage` its raw PDFium text page."""
        self._page = page
        self._textpage = textpage
        self._fonts: dict[int, tuple[str, float]] = {}
        self._widths: dict[tuple[int, float], dict[str, float]] = {}
        self._objects: dict[int, TextObject] = {}
        self._alike: dict[tuple[int, float, float, float, float, float], TextObject] = {}
        self._handle = ctypes.cast(textpage, ctypes.c_void_p).value
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._x_ref, self._y_ref = ctypes.pointer(self._x), ctypes.pointer(self._y)
        self._box = pdfium_c.FS_RECTF()
        self._box_ref = ctypes.pointer(self._box)
        self._matrix = pdfium_c.FS_MATRIX()
        self._matrix_ref = ctypes.pointer(self._matrix)
        self._width_value = ctypes.c_float()
        self._width_ref = ctypes.pointer(self._width_value)
        self._height = page.height
        self._page_number = page.page_number

    def chars(self) -> list[dict]:
        """The dict of every character pdfminer would show, in PDFium's order.

        One loop with its names bound locally: it runs once per character of the page.
        """
        handle, objects, page = self._handle, self._objects, self._page
        x_ref, y_ref, box_ref, box = self._x_ref, self._y_ref, self._box_ref, self._box
        x_value, y_value = self._x, self._y
        pa, pb, pc, pd, pe, pf = page._page_ctm
        height, number, doctop = self._height, self._page_number, page.initial_doctop
        origin, loose_box, text_object_of = _origin, _loose_box, _text_object_of
        found = []
        for index, text in kept_texts(self._textpage):
            key = text_object_of(handle, index) or 0
            obj = objects.get(key) or self._read_text_object(index, key)
            origin(handle, index, x_ref, y_ref)
            advance = obj.widths.get(text) or self._width(obj, text)
            if obj.unrotated and loose_box(handle, index, box_ref):
                loose = (box.right - box.left) / obj.scale
                if 0 < loose < advance:
                    advance = loose
            x, y = x_value.value, y_value.value
            e, f = pa * x + pc * y + pe, pb * x + pd * y + pf
            xa, xb = obj.x_low + e, obj.a * advance + obj.x_high + e
            ya, yb = obj.y_low + f, obj.b * advance + obj.y_high + f
            x0, x1 = (xa, xb) if xa <= xb else (xb, xa)
            y0, y1 = (ya, yb) if ya <= yb else (yb, ya)
            top = height - y1
            found.append(
                {
                    "matrix": (obj.a, obj.b, obj.c, obj.d, e, f),
                    "fontname": obj.fontname,
                    "adv": advance,
                    "upright": obj.upright,
                    "size": y1 - y0,
                    "object_type": "char",
                    "text": text,
                    "x0": x0,
                    "y0": y0,
                    "x1": x1,
                    "y1": y1,
                    "width": x1 - x0,
                    "height": y1 - y0,
                    "page_number": number,
                    "top": top,
                    "bottom": height - y0,
                    "doctop": doctop + top,
                }
            )
        return found

    def _read_text_object(self, index: int, handle: int) -> TextObject:
        """The object of character `index`, shared with the objects of the same font, size and matrix."""
        matrix = self._matrix
        _matrix_of(self._handle, index, self._matrix_ref)
        font = (_font_of(handle) or 0) if handle else 0
        size = _font_size(self._handle, index)
        key = (font, size, matrix.a, matrix.b, matrix.c, matrix.d)
        obj = self._alike.get(key)
        if obj is None:
            fontname, descent = self._font(font)
            own = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
            obj = self._alike[key] = TextObject(font, fontname, descent, size, own, self._page._page_ctm)
            obj.widths = self._widths.setdefault((font, size), obj.widths)
        self._objects[handle] = obj
        return obj

    def _font(self, font: int) -> tuple[str, float]:
        """The font's base name and its descent per unit of font size (negative)."""
        if font not in self._fonts:
            handle = ctypes.cast(font, pdfium_c.FPDF_FONT) if font else None
            self._fonts[font] = _font_name_and_descent(handle, self._page._descents)
        return self._fonts[font]

    def _width(self, obj: TextObject, text: str) -> float:
        """The font's advance for `text` at the object's size (the size itself when it has none).

        The width is asked by Unicode, which is wrong where a subset font maps several codes of
        different widths to one character (seen with digits): the loose box, measured with the
        character's own code but widened to the glyph's outline, then corrects a narrower width.
        """
        found = obj.font and _glyph_width(obj.font, ord(text), obj.size, self._width_ref)
        obj.widths[text] = advance = self._width_value.value if found else obj.size
        return advance


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
