"""DOCX loader (python-docx): paragraphs and tables in the order of the document body.

A merged cell becomes one `Cell` with its spans: `gridSpan` gives the colspan, a `vMerge` run of
cells the rowspan, and the cells a vertical merge continues into are not repeated. The text of a
cell is its paragraphs joined by line breaks. Paragraphs numbered by Word's list feature get their
number back ("一、", "（二）"). A table that frames the text (a cell holding whole paragraphs or
another table) is read through, as paragraphs and tables of its own. Old binary Word files and
password-protected files (both OLE compound files, not ZIP archives) are recognised and refused
with a specific message.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from gkcheck.document import MAX_DATA_CELL_CHARS, Block, Cell, Document, Line, Location, Table
from gkcheck.errors import InputError, clean_detail
from gkcheck.hookspec import hookimpl
from gkcheck.loaders.docx_numbering import ListNumbering, W
from gkcheck.loaders.encoding import decode
from gkcheck.loaders.html import decode_html, html_of_mht, read_html
from gkcheck.loaders.txt import text_blocks

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
RTF_MAGIC = b"{\\rtf"
MAIN_PART = "word/document.xml"
WORD_SUFFIXES = (".docx", ".doc", ".docm")
MAX_EXPANDED_MB = 256  # a report's parts, images included, expand to far less
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAMESPACES = {"w": W, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
# Text-bearing elements of a paragraph; a text box's fallback copy and moved-away text are skipped.
TEXT_NODES = (
    "(.//w:t | .//w:tab | .//w:br | .//w:cr)[not(ancestor::mc:Fallback) and not(ancestor::w:moveFrom)]"
)
PARAGRAPHS = ".//w:p[not(ancestor::mc:Fallback)]"
NESTED_TABLES = ".//w:tbl"


@cache
def xpath(expression: str) -> Any:
    """The compiled XPath `expression` (lxml is imported when the first Word document is read)."""
    from lxml import etree

    return etree.XPath(expression, namespaces=NAMESPACES)


SUFFIXES = (".docx", ".doc")  # .doc: found to be refused with a reason, not skipped in silence


@hookimpl
def gkcheck_collect_file(file_path: Path, config) -> bool | None:
    """Claim the Word files found in a folder."""
    return True if file_path.suffix.lower() in SUFFIXES else None


@hookimpl
def gkcheck_load_document(path: str, head: bytes, config) -> Document | None:
    if head.startswith(OLE_MAGIC):
        raise _ole_error(Path(path))
    if head.startswith(RTF_MAGIC):
        raise InputError(
            zh="RTF 文档：请另存为 .docx、PDF 或 HTML 后再检查",
            en="RTF document: save it as .docx, PDF or HTML to check it",
        )
    if not head.startswith(ZIP_MAGIC):
        if Path(path).suffix.lower() in WORD_SUFFIXES and b"\x00" in head:
            raise InputError(
                zh="不是 Word 文档：.docx 文件应为 ZIP 压缩包，此文件不是",
                en="not a Word document: a .docx file must be a ZIP archive, this one is not",
            )
        return None
    if not _has_main_part(path):
        return None
    import docx  # python-docx is imported when the first Word document is read, not at start-up
    from docx.opc.exceptions import OpcError
    from lxml import etree

    try:
        return read_docx(path, docx.Document(path))
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        KeyError,
        ValueError,
        NotImplementedError,  # zipfile: a compression method or header flag it does not know
        OpcError,
        etree.XMLSyntaxError,
        OSError,  # zipfile seeking to an offset a damaged header gives
        AttributeError,  # a package part of the wrong kind, or an element where another belongs
        TypeError,  # a relationship without a target
        IndexError,
    ) as exc:
        raise _damaged(exc) from None


def _has_main_part(path: str) -> bool:
    """True for a Word document; False for other ZIP files (spreadsheets, archives)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError) as exc:
        raise _damaged(exc) from None
    names = {member.filename for member in members}
    # zipfile never gives more than a member's declared size: their sum bounds what opening it can cost
    if sum(member.file_size for member in members) > MAX_EXPANDED_MB * 2**20:
        raise InputError(
            zh=f"DOCX 文件已损坏：解压后超过 {MAX_EXPANDED_MB} MB（解压炸弹？）",
            en=f"damaged DOCX: expands beyond {MAX_EXPANDED_MB} MB (a decompression bomb?)",
        )
    if MAIN_PART in names:
        return True
    if Path(path).suffix.lower() in WORD_SUFFIXES:
        raise InputError(
            zh=f"不是 Word 文档：ZIP 压缩包中没有 {MAIN_PART}",
            en=f"not a Word document: the ZIP archive has no {MAIN_PART}",
        )
    return False


def _damaged(exc: BaseException) -> InputError:
    """The damage in a few words: the library's message, on one short line, without class names."""
    reason = clean_detail(exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc))
    if not reason:
        return InputError(zh="DOCX 文件已损坏，无法读取", en="damaged DOCX: cannot be read")
    return InputError(
        zh=f"DOCX 文件已损坏，无法读取（{reason}）", en=f"damaged DOCX: cannot be read ({reason})"
    )


def _ole_error(path: Path) -> InputError:
    """OLE compound files: an encrypted Office document, or an old binary .doc."""
    data = path.read_bytes()
    if "EncryptedPackage".encode("utf-16-le") in data:
        return InputError(
            zh="Office 文档已加密：没有密码无法打开",
            en="encrypted Office document: it cannot be opened without its password",
        )
    if "WordDocument".encode("utf-16-le") in data:
        return InputError(
            zh="旧版二进制 Word 文档（.doc）：请另存为 .docx、PDF 或 HTML 后再检查",
            en="old binary Word document (.doc): save it as .docx, PDF or HTML to check it",
        )
    return InputError(
        zh="OLE 复合文档（旧版 Office 格式），不是 gkcheck 能读取的格式",
        en="OLE compound file (an old Office format), not a report format gkcheck reads",
    )


def list_numbering(word) -> ListNumbering:
    """The document's list definitions (numbering part and paragraph styles)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        numbering_xml = word.part.part_related_by(RT.NUMBERING).element
    except KeyError:
        numbering_xml = None
    return ListNumbering.of(numbering_xml, word.styles.element)


def read_docx(path: str, word) -> Document:
    """The document of an opened python-docx `Document`."""
    properties = word.core_properties
    metadata = {
        key: value for key, value in (("title", properties.title), ("author", properties.author)) if value
    }
    document = Document(path=path, format="docx", page_count=1, metadata=metadata)
    document.blocks.extend(_Body(word.part, list_numbering(word)).read(word.element.body))
    document.has_text_layer = bool(document.blocks)
    return document


@dataclass
class _Body:
    """Walks the body in order, reading through layout tables and imported chunks.

    A layout table (a frame around the text) is read through, and an imported chunk (w:altChunk:
    HTML, MHT or text that "export to Word" features embed) is read with the loader of its format.
    """

    part: Any  # a python-docx Part, which has no type information
    numbering: ListNumbering
    blocks: list[Block] = field(default_factory=list)
    paragraphs: int = 0
    tables: int = 0

    def read(self, container) -> list[Block]:
        for element in _body_items(container):
            if element.tag == f"{{{W}}}p":
                self._paragraph(element)
            elif element.tag == f"{{{W}}}altChunk":
                self._chunk(element)
            elif is_layout_table(element):
                for tr in element.tr_lst:
                    for tc in tr.tc_lst:
                        self.read(tc)
            else:
                table = read_table(element, self.tables, self.numbering)
                if table.rows:
                    self.blocks.append(table)
                    self.tables += 1
        return self.blocks

    def _paragraph(self, element) -> None:
        self.paragraphs += 1
        for text in paragraph_text(element, self.numbering).split("\n"):
            if text.strip():
                self.blocks.append(Line(text.strip(), Location(line=self.paragraphs)))

    def _chunk(self, element) -> None:
        chunk = self.part.related_parts.get(element.get(f"{{{R}}}id"))
        for block in chunk_blocks(chunk.content_type, chunk.blob) if chunk is not None else []:
            if isinstance(block, Line):
                self.paragraphs += 1
                self.blocks.append(Line(block.text, Location(line=self.paragraphs)))
            else:
                self.blocks.append(_renumbered(block, self.tables))
                self.tables += 1


def chunk_blocks(content_type: str, blob: bytes) -> list[Block]:
    """The blocks of an imported chunk, read by the loader of its format."""
    if content_type == "message/rfc822":
        page, charset = html_of_mht(blob)
        return read_html("", *decode_html(page, charset)).blocks
    if content_type in ("text/html", "application/xhtml+xml"):
        return read_html("", *decode_html(blob)).blocks
    if content_type == "text/plain":
        text, _ = decode(blob)
        return text_blocks(list(enumerate(text.splitlines(), start=1)))
    return []


def _renumbered(table: Table, index: int) -> Table:
    rows = tuple(
        tuple(
            Cell(c.text, c.row, c.col, c.location.with_(table=index, line=None), c.rowspan, c.colspan)
            for c in row
        )
        for row in table.rows
    )
    return Table(rows=rows, location=Location(table=index))


def is_layout_table(tbl) -> bool:
    """True for a table used as a frame: a cell holding another table or a whole paragraph."""
    for tr in tbl.tr_lst:
        for tc in tr.tc_lst:
            if xpath(NESTED_TABLES)(tc) or len(cell_text(tc)) > MAX_DATA_CELL_CHARS:
                return True
    return False


def _body_items(container) -> Iterator:
    """Paragraphs and tables in body order, looking inside content controls (w:sdt)."""
    for child in container:
        if child.tag in (f"{{{W}}}p", f"{{{W}}}tbl", f"{{{W}}}altChunk"):
            yield child
        elif child.tag == f"{{{W}}}sdt":
            for content in child.iterchildren(f"{{{W}}}sdtContent"):
                yield from _body_items(content)


def paragraph_text(paragraph, numbering: ListNumbering | None = None) -> str:
    """The paragraph's text, after its automatic list number when it has one."""
    parts = [numbering.label(paragraph)] if numbering is not None else []
    from lxml import etree

    for node in xpath(TEXT_NODES)(paragraph):
        name = etree.QName(node).localname
        parts.append((node.text or "") if name == "t" else ("\t" if name == "tab" else "\n"))
    return "".join(parts)


def cell_text(tc, numbering: ListNumbering | None = None) -> str:
    """A cell's paragraphs (nested tables' included) stripped and joined by line breaks."""
    texts = (paragraph_text(p, numbering).strip() for p in xpath(PARAGRAPHS)(tc))
    return "\n".join(text for text in texts if text)


def read_table(tbl, table_index: int, numbering: ListNumbering | None = None) -> Table:
    """The grid of a w:tbl: one Cell per merged area, at its top-left grid position."""
    rows = []
    for row_index, tr in enumerate(tbl.tr_lst):
        col = tr.grid_before
        cells = []
        for tc in tr.tc_lst:
            span = tc.grid_span
            if tc.vMerge != "continue":
                rowspan = tc.bottom - row_index if tc.vMerge == "restart" else 1
                location = Location(table=table_index, row=row_index, col=col)
                text = cell_text(tc, numbering)
                cells.append(Cell(text, row_index, col, location, rowspan=max(rowspan, 1), colspan=span))
            col += span
        rows.append(tuple(cells))
    return Table(rows=tuple(rows), location=Location(table=table_index))
