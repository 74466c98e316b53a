"""What PDFium needs to know of a PDF's fonts, read without interpreting any page.

- Descents as the file declares them: PDFium substitutes glyph metrics for a font descriptor that
  declares `/Descent 0` (LibreOffice's CJK subsets do), which would move those characters down by
  up to a fifth of an em against the boxes pdfminer gives.
- Fonts the file does not embed: PDFium draws them with a font of this machine, and what it
  extracts then depends on which fonts are installed (without a CJK font it drops some spaces, and
  a line holding only "。"). Such a file is read with pdfminer, whose reading does not.

pdfminer's own parser reads both from the page resources.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from pdfminer.psparser import PSLiteral

from gkcheck.patterns import LazyPattern

MAX_FORM_DEPTH = 8
EMBEDDED = ("FontFile", "FontFile2", "FontFile3")
# The standard 14 fonts (and the names Office writes for them): PDFium draws them with fonts of
# its own, the same on every machine.
STANDARD = LazyPattern(
    r"(Times|TimesNewRoman|Helvetica|Arial|Courier|CourierNew|Symbol|ZapfDingbats)(PS)?(MT)?"
    r"([,-].*)?"
)


@dataclass
class Fonts:
    """The fonts of one PDF, as its page resources declare them."""

    # Base font name (with and without subset tag) → descent in text space units, never positive.
    descents: dict[str, float] = field(default_factory=dict)
    # Names of the fonts that are neither embedded nor standard.
    not_embedded: set[str] = field(default_factory=set)


def read_fonts(document: PDFDocument) -> Fonts:
    """The fonts of every page; `document` is pdfminer's parse of the file, its stream still open."""
    fonts = Fonts()
    seen: set[str] = set()
    for page in PDFPage.create_pages(document):
        _collect(page.resources, fonts, seen, 0)
    return fonts


def _collect(resources, fonts: Fonts, seen: set[str], depth: int) -> None:
    resources = resolve1(resources)
    if not isinstance(resources, dict):
        return
    declared = resolve1(resources.get("Font"))
    if isinstance(declared, dict):
        for font in declared.values():
            _add_font(resolve1(font), fonts, seen)
    xobjects = resolve1(resources.get("XObject"))
    if isinstance(xobjects, dict) and depth < MAX_FORM_DEPTH:
        for xobject in xobjects.values():
            attrs = getattr(resolve1(xobject), "attrs", None)
            if attrs and _name(attrs.get("Subtype")) == "Form":
                _collect(attrs.get("Resources"), fonts, seen, depth + 1)


def _add_font(font, fonts: Fonts, seen: set[str]) -> None:
    if not isinstance(font, dict):
        return
    name = _name(font.get("BaseFont"))
    if not name or name in seen:
        return
    seen.add(name)
    descriptor = resolve1(font.get("FontDescriptor"))
    if not isinstance(descriptor, dict):
        descendants = resolve1(font.get("DescendantFonts"))
        if isinstance(descendants, list) and descendants:
            descriptor = resolve1(resolve1(descendants[0]).get("FontDescriptor"))
    if not isinstance(descriptor, dict):
        descriptor = {}
    if _needs_a_system_font(font, name, descriptor):
        fonts.not_embedded.add(name)
    if "Descent" in descriptor:
        descent = resolve1(descriptor["Descent"])
        if isinstance(descent, (int, float)):
            bare = without_subset_tag(name)
            fonts.descents[name] = fonts.descents.setdefault(bare, -abs(descent) / 1000)


def _needs_a_system_font(font: dict, name: str, descriptor: dict) -> bool:
    if _name(font.get("Subtype")) == "Type3" or any(key in descriptor for key in EMBEDDED):
        return False
    return not STANDARD.fullmatch(without_subset_tag(name))


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
