"""HTML loader (lxml): block-level elements become lines, data tables become `Table`s.

Government pages are often GB2312/GBK, declared in a meta tag or not at all. The encoding is taken
from a byte-order mark; else the page is UTF-8 if it decodes as such, else in its declared charset,
else GB18030 (a superset of GB2312 and GBK). Scripts, styles, hidden elements and navigation
chrome are dropped. A table whose cells hold whole paragraphs or other tables is page layout, not
data: its content is read as ordinary text. Rowspan and colspan are placed on a grid, so each cell
knows its column. A MIME archive (.mht, Word's "single file web page") is read through its page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from gkcheck.document import MAX_DATA_CELL_CHARS, Block, Cell, Document, Line, Location, Table
from gkcheck.errors import InputError
from gkcheck.hookspec import hookimpl
from gkcheck.loaders.encoding import decode_tolerantly, note_replacements
from gkcheck.patterns import LazyPattern

if TYPE_CHECKING:
    import lxml.html

MIME_VERSION = LazyPattern(rb"^MIME-Version\s*:", re.IGNORECASE | re.MULTILINE)
MULTIPART = LazyPattern(rb"^Content-Type\s*:\s*multipart/related", re.IGNORECASE | re.MULTILINE)
HTML_MARKERS = LazyPattern(rb"<!doctype\s+html|<(html|head|body|table|p|div|br)[\s>/]", re.IGNORECASE)
BINARY_MAGICS = (b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
DECLARED_CHARSET = LazyPattern(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
XML_DECLARATION = LazyPattern(r"^\s*<\?xml[^>]*\?>")
# GB2312 and GBK pages routinely contain characters only their superset GB18030 decodes.
SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}

# Not "form": ASP.NET pages wrap the whole page, report included, in one.
DROPPED = frozenset("script style noscript template head title nav aside iframe button select".split())
CHROME_TOKENS = frozenset("nav navbar menu breadcrumb breadcrumbs crumb crumbs sidebar share".split())
BLOCKS = frozenset(
    "address article blockquote body caption center dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 "
    "h6 header hr html li main ol p pre section table tbody td tfoot th thead tr ul".split()
)
HIDDEN = LazyPattern(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
WHITESPACE = LazyPattern(r"[ \t\r\n\f\xa0]+")


def looks_like_html(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    elif head.startswith(BINARY_MAGICS) or b"\x00" in head:
        return False
    return bool(HTML_MARKERS.search(head))


SUFFIXES = (".html", ".htm", ".mht", ".mhtml")


@hookimpl
def gkcheck_collect_file(file_path: Path, config) -> bool | None:
    """Claim the web page files found in a folder."""
    return True if file_path.suffix.lower() in SUFFIXES else None


@hookimpl
def gkcheck_load_document(path: str, head: bytes, config) -> Document | None:
    if MIME_VERSION.search(head) and MULTIPART.search(head):
        page, charset = html_of_mht(Path(path).read_bytes())
        markup, encoding = decode_html(page, charset)
        return read_html(path, markup, encoding, format="mht")
    if not looks_like_html(head):
        return None
    markup, encoding = decode_html(Path(path).read_bytes())
    return read_html(path, markup, encoding)


def html_of_mht(data: bytes) -> tuple[bytes, str | None]:
    """The HTML page inside a MIME archive (.mht, Word's "single file web page") and its charset."""
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload:
                return payload, part.get_content_charset()
    raise InputError(zh="MHT 文件中没有 HTML 网页", en="MIME archive (.mht) without an HTML page")


def decode_html(data: bytes, charset: str | None = None) -> tuple[str, str]:
    """The page's text and the encoding it was read with: BOM, UTF-8, the declaration, GB18030.

    Bytes that decode as UTF-8 are UTF-8 whatever the page declares (GBK text practically never
    does), while GB18030 decodes almost any bytes, so it is tried last.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    declared = [SUPERSETS.get(charset.lower(), charset.lower())] if charset else _declared(data)
    candidates = ["utf-8", *declared, "gb18030"]
    for encoding in dict.fromkeys(candidates):
        try:
            return data.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            continue
    tolerated = decode_tolerantly(data, candidates)
    if tolerated is not None:
        return tolerated
    raise InputError(
        zh="HTML 网页编码无法识别：声明的字符集、UTF-8 和 GB18030 都无法解码",
        en="HTML page in an unknown encoding: neither its declared charset, UTF-8 nor GB18030 decodes it",
    )


def _declared(data: bytes) -> list[str]:
    match = DECLARED_CHARSET.search(data[:8192])
    if not match:
        return []
    name = match.group(1).decode("ascii").lower()
    return [SUPERSETS.get(name, name)]


@cache
def deep_parser() -> lxml.html.HTMLParser:
    """libxml2 stops at 256 nested elements and drops the rest of the page; pages nest deeper than that."""
    import lxml.html

    return lxml.html.HTMLParser(huge_tree=True)


def read_html(path: str, markup: str, encoding: str = "utf-8", format: str = "html") -> Document:
    """The document of a decoded HTML page."""
    document = Document(path=path, format=format, page_count=1, metadata={"encoding": encoding})
    markup = XML_DECLARATION.sub("", markup)
    if not markup.strip():
        return document
    import lxml.html  # lxml is imported when the first web page is read, not at start-up
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(markup, parser=deep_parser())
    except (etree.ParserError, ValueError) as exc:
        raise InputError(zh=f"HTML 网页无法解析（{exc}）", en=f"HTML page cannot be parsed ({exc})") from None
    title = root.findtext(".//title")
    if title and title.strip():
        document.metadata["title"] = WHITESPACE.sub(" ", title).strip()
    published = _published_meta(root)
    if published:
        document.metadata["published"] = published
    issuer = _meta(root, ISSUER_META)
    if issuer:
        document.metadata["issuer"] = issuer
    note_replacements(document, markup)
    _drop_chrome(root)
    document.blocks.extend(_Flow().read(root))
    document.has_text_layer = bool(document.blocks)
    return document


# Publication-date meta tags of the content systems government sites run on.
PUBLISHED_META = ("pubdate", "publishdate", "firstpublishedtime", "article:published_time", "dc.date")


# The issuing body's meta tag (ContentSource on the common government site systems).
ISSUER_META = ("contentsource", "publisher", "dc.publisher")


def _published_meta(root) -> str | None:
    found = _meta(root, PUBLISHED_META)
    if found:
        return found
    tag = root.find(".//publishtime")  # the site system's own element around the date
    return tag.text_content().strip() or None if tag is not None else None


def _meta(root, names: tuple[str, ...]) -> str | None:
    for meta in root.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        if name in names and (meta.get("content") or "").strip():
            return meta.get("content").strip()
    return None


def _drop_chrome(root) -> None:
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            doomed.append(element)  # comments and processing instructions
        elif element.tag in DROPPED or _is_chrome(element):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _is_chrome(element) -> bool:
    if HIDDEN.search(element.get("style", "")):
        return True
    if element.tag in ("header", "footer"):  # the page's banner and footer, not the article's own
        return not any(ancestor.tag in ("article", "main") for ancestor in element.iterancestors())
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return bool(CHROME_TOKENS & set(re.split(r"[\s_\-]+", names)))


@dataclass
class _Flow:
    """Walks the tree in document order, collecting text into lines and tables into `Table`s."""

    blocks: list[Block] = field(default_factory=list)
    buffer: list[str] = field(default_factory=list)
    table_count: int = 0
    line_count: int = 0

    def read(self, root) -> list[Block]:
        self._walk(root)
        self._flush()
        return self.blocks

    def _walk(self, element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "table" and is_data_table(element):
            self._flush()
            table = read_table(element, self.table_count)
            if table.rows:
                self.blocks.append(table)
                self.table_count += 1
            return
        if tag == "br":
            self._flush()
        elif tag in BLOCKS:
            self._flush()
        if element.text and tag != "br":
            self._text(element.text, keep_breaks=tag == "pre")
        for child in element:
            self._walk(child)
            if child.tail:
                self._text(child.tail, keep_breaks=tag == "pre")
        if tag in BLOCKS:
            self._flush()

    def _text(self, text: str, keep_breaks: bool) -> None:
        if not keep_breaks:
            self.buffer.append(text)
            return
        parts = text.split("\n")
        for part in parts[:-1]:
            self.buffer.append(part)
            self._flush()
        self.buffer.append(parts[-1])

    def _flush(self) -> None:
        text = WHITESPACE.sub(" ", "".join(self.buffer)).strip()
        self.buffer.clear()
        if text:
            self.line_count += 1
            self.blocks.append(Line(text, Location(line=self.line_count)))


def own_rows(table) -> list:
    """The table's own rows, not those of tables nested in its cells."""
    return table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")


def own_cells(row) -> list:
    return row.xpath("./td | ./th")


def is_data_table(table) -> bool:
    """False for a layout table: a cell holding another table or a whole paragraph."""
    for row in own_rows(table):
        for cell in own_cells(row):
            if cell.xpath(".//table") or len(cell_text(cell)) > MAX_DATA_CELL_CHARS:
                return False
    return True


def cell_text(cell) -> str:
    """The cell's text, one line per block-level element or line break inside it."""
    lines = [block.text for block in _Flow().read(cell) if isinstance(block, Line)]
    return "\n".join(lines)


def read_table(table, table_index: int) -> Table:
    """The table's cells placed on a grid: rowspans from above push a row's cells to the right."""
    occupied: set[tuple[int, int]] = set()
    rows = []
    html_rows = own_rows(table)
    for row_index, row in enumerate(html_rows):
        col = 0
        cells = []
        for element in own_cells(row):
            while (row_index, col) in occupied:
                col += 1
            rest = len(html_rows) - row_index
            rowspan = min(_span(element.get("rowspan"), default_rest=rest), rest)
            colspan = _span(element.get("colspan"), default_rest=1)
            for covered_row in range(row_index, row_index + rowspan):
                for covered_col in range(col, col + colspan):
                    occupied.add((covered_row, covered_col))
            location = Location(table=table_index, row=row_index, col=col)
            cells.append(Cell(cell_text(element), row_index, col, location, rowspan=rowspan, colspan=colspan))
            col += colspan
        rows.append(tuple(cells))
    return Table(rows=tuple(rows), location=Location(table=table_index))


def _span(value: str | None, default_rest: int) -> int:
    """A rowspan/colspan attribute: a positive integer; "0" spans the rest; junk counts as 1."""
    match = re.match(r"\s*(\d+)", value or "")
    if not match:
        return 1
    number = int(match.group(1))
    return max(default_rest, 1) if number == 0 else min(number, 1000)
