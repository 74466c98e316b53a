"""Font descents as the PDF declares them, read without interpreting any page.

PDFium substitutes glyph metrics for a font descriptor that declares `/Descent 0` (LibreOffice's
CJK subsets do), which would move those characters down by up to a fifth of an em against the
boxes pdfminer gives. pdfminer's own parser reads the declared values from the page resources.
"""

from __future__ import annotations

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral

MAX_FORM_DEPTH = 8


def font_descents(path: str) -> dict[str, float]:
    """Base font name (with and without subset tag) → descent in text space units, never positive."""
    descents: dict[str, float] = {}
    with open(path, "rb") as stream:
        document = PDFDocument(PDFParser(stream))
        for page in PDFPage.create_pages(document):
            _collect(page.resources, descents, 0)
    return descents


def _collect(resources, descents: dict[str, float], depth: int) -> None:
    resources = resolve1(resources)
    if not isinstance(resources, dict):
        return
    fonts = resolve1(resources.get("Font"))
    if isinstance(fonts, dict):
        for font in fonts.values():
            _add_font(resolve1(font), descents)
    xobjects = resolve1(resources.get("XObject"))
    if isinstance(xobjects, dict) and depth < MAX_FORM_DEPTH:
        for xobject in xobjects.values():
            attrs = getattr(resolve1(xobject), "attrs", None)
            if attrs and _name(attrs.get("Subtype")) == "Form":
                _collect(attrs.get("Resources"), descents, depth + 1)


def _add_font(font, descents: dict[str, float]) -> None:
    if not isinstance(font, dict):
        return
    name = _name(font.get("BaseFont"))
    if not name or name in descents:
        return
    descriptor = resolve1(font.get("FontDescriptor"))
    if not isinstance(descriptor, dict):
        descendants = resolve1(font.get("DescendantFonts"))
        if isinstance(descendants, list) and descendants:
            descriptor = resolve1(resolve1(descendants[0]).get("FontDescriptor"))
    if isinstance(descriptor, dict) and "Descent" in descriptor:
        descent = resolve1(descriptor["Descent"])
        if isinstance(descent, (int, float)):
            descents[name] = descents.setdefault(without_subset_tag(name), -abs(descent) / 1000)


def without_subset_tag(name: str) -> str:
    """'ABCDEF+NotoSans' → 'NotoSans': PDFium names fonts without the subset tag."""
    tag, plus, rest = name.partition("+")
    return rest if plus and len(tag) == 6 and tag.isupper() else name


def _name(value) -> str:
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        return value.decode("latin-1")
    return value if isinstance(value, str) else ""
