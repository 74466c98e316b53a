"""The document model: what a loader makes of a file, before any interpretation.

A `Document` is an ordered list of blocks, text lines and tables, each with the place it came from.
Loaders for every format (PDF, DOCX, HTML, TXT) produce this same model, so the structure code that
turns a document into a `Report` never needs to know which format it read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from gkcheck.patterns import LazyPattern

BBox = tuple[float, float, float, float]

# A table cell longer than this holds a paragraph: its table lays out the page rather than holding
# data (the DOCX and HTML loaders read such a table as text).
MAX_DATA_CELL_CHARS = 150


@dataclass(frozen=True)
class Location:
    """Where a fact sits in the source file.

    PDF: `page` (1-based) and `bbox` (x0, top, x1, bottom in PDF points, origin top-left).
    Other formats: `line` (1-based line or paragraph number), and for tables `table`, `row`, `col`
    (0-based indices into the document's tables and their grids).
    The report-level fields (`section`, `table_key`, `row_key`, `column_key`) are filled in by the
    structure layer when a location is attached to a section or a template cell.
    """

    page: int | None = None
    bbox: BBox | None = None
    line: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    section: str | None = None
    table_key: str | None = None
    row_key: str | None = None
    column_key: str | None = None

    def with_(self, **changes) -> Location:
        values = {**self.__dict__, **changes}
        return Location(**values)

    def to_dict(self) -> dict:
        """JSON form: page/bbox/line as found, section, and where in a table a cell sits.

        A table cell has the template keys (`table`, `row`, `column`); a cell of a DOCX/HTML/TXT
        table also its position in the document (`cell`: table, row and column indices).
        """
        out: dict = {}
        for key in ("page", "bbox", "line", "section"):
            value = getattr(self, key)
            if value is not None:
                out[key] = [round(v, 1) for v in value] if key == "bbox" else value
        keys = {"table": self.table_key, "row": self.row_key, "column": self.column_key}
        grid = {"table": self.table, "row": self.row, "column": self.col}
        if any(value is not None for value in keys.values()):
            out.update({name: value for name, value in keys.items() if value is not None})
            if self.page is None and self.table is not None:
                out["cell"] = [self.table, self.row, self.col]
        else:
            out.update({name: value for name, value in grid.items() if value is not None})
        return out

    def describe(self, lang: str = "zh") -> str:
        """A short human description: "第3页" / "page 3", or "第12行" / "line 12"."""
        if self.page is not None:
            return f"第{self.page}页" if lang == "zh" else f"page {self.page}"
        if self.line is not None:
            return f"第{self.line}行" if lang == "zh" else f"line {self.line}"
        return ""


def merge_locations(first: Location, last: Location) -> Location:
    """The location covering two lines: the first's page, and a bbox spanning both when on one page."""
    if first.page is not None and first.page == last.page and first.bbox and last.bbox:
        bbox = (
            min(first.bbox[0], last.bbox[0]),
            min(first.bbox[1], last.bbox[1]),
            max(first.bbox[2], last.bbox[2]),
            max(first.bbox[3], last.bbox[3]),
        )
        return first.with_(bbox=bbox)
    return first


@dataclass(frozen=True)
class Line:
    """One line of text in reading order (a PDF text line, a paragraph, a line of a text file)."""

    text: str
    location: Location


@dataclass(frozen=True)
class Cell:
    """One cell of a table grid. A merged cell appears once, at its top-left position, with its spans."""

    text: str
    row: int
    col: int
    location: Location
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Table:
    """A table as the loader found it: rows of cells, before any mapping onto a template."""

    rows: tuple[tuple[Cell, ...], ...]
    location: Location

    def text_rows(self) -> list[list[str]]:
        return [[cell.text for cell in row] for row in self.rows]


Block = Line | Table


@dataclass
class Document:
    """A loaded file: its blocks in reading order and what the loader learned about the file."""

    path: str
    format: str
    blocks: list[Block] = field(default_factory=list)
    page_count: int = 0
    metadata: dict = field(default_factory=dict)
    has_text_layer: bool = True
    warnings: list[str] = field(default_factory=list)
    # The document as printed, when this is a copy converted for matching (Traditional characters
    # read in Simplified, character for character: gkcheck.structure.traditional).
    original: Document | None = None

    @property
    def lines(self) -> list[Line]:
        return [block for block in self.blocks if isinstance(block, Line)]

    @property
    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]


# How value cells are printed: a dash or 无 for none, an integer, a decimal.
DASH_TEXTS = {"-", "—", "–", "－", "——", "/", "／", "无", "\\"}
INTEGER_TEXT = LazyPattern(r"^[+-]?\d+$")
DECIMAL_TEXT = LazyPattern(r"^[+-]?\d+\.\d+$")
# Units printed after the number in a value cell ("251000元", "0件"): the cell is still a value, read
# with its unit (docs/format.md §4.1).
VALUE_UNITS = ("万元", "元", "人次", "件", "个", "项", "条", "次", "起", "份")
_WITH_UNIT = LazyPattern(rf"^[+-]?\d+(\.\d+)?({'|'.join(VALUE_UNITS)})$")


def normalise_number_text(text: str) -> str:
    """A number's text with full-width characters folded and separators removed.

    Full-width digits, signs and commas are folded ("１，２３４" → "1,234"), then spaces and thousands
    separators removed ("3,940.5" → "3940.5").
    """
    folded = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"[\s,\u200b\ufeff]", "", folded)


def split_unit(compact: str) -> tuple[str, str | None]:
    """A compact value text and the unit printed after it: "251000元" → ("251000", "元")."""
    for unit in VALUE_UNITS:
        if compact.endswith(unit) and len(compact) > len(unit):
            return compact[: -len(unit)], unit
    return compact, None


def looks_like_value(text: str) -> bool:
    """True for a printed number or dash (what a value cell holds), False for a label."""
    compact = normalise_number_text(text)
    if not compact:
        return False
    return (
        bool(INTEGER_TEXT.match(compact) or DECIMAL_TEXT.match(compact) or _WITH_UNIT.match(compact))
        or compact in DASH_TEXTS
    )
