"""PDF loader: text lines and ruled tables with page and bounding box.

pdfplumber's word, line and table algorithms run on pages read by one of two engines: PDFium
(pypdfium2: about ten times faster at reading pages) or pdfminer.six (pure Python, kept as the
reference the PDFium pages are built to match). By default (`--pdf-engine auto`) a file is read
with PDFium unless it uses a font it does not embed: PDFium would then draw that font with one of
this machine's, and its reading would depend on the fonts installed.

The text lines that fall inside a ruled table are not emitted as lines: the table is emitted once,
as a `Table` block, in their place in reading order.
"""

from __future__ import annotations

from pathlib import Path

from gkcheck.document import Block, Document, Line, Location, looks_like_value
from gkcheck.errors import InputError, clean_detail
from gkcheck.hookspec import hookimpl

# Fewer extractable characters than this on every page means the pages are pictures (a scan).
MIN_TEXT_CHARS = 20
# A page gets a look for tables drawn without lines when this many text lines end in a number.
MIN_NUMBER_LINES = 3


def is_pdf(head: bytes) -> bool:
    return b"%PDF-" in head[:1024]


SUFFIXES = (".pdf",)


@hookimpl
def gkcheck_collect_file(file_path: Path, config) -> bool | None:
    """Claim the PDF files found in a folder."""
    return True if file_path.suffix.lower() in SUFFIXES else None


@hookimpl
def gkcheck_addoption(parser) -> None:
    engine_help = (
        "PDF engine: auto (the default: pdfium, or pdfminer where a font is not embedded), "
        "pdfium (fast) or pdfminer (the reference)"
    )
    parser.add_reading_argument("--pdf-engine", choices=tuple(ENGINES), help=engine_help)
    parser.add_setting("pdf-engine", choices=tuple(ENGINES), default="auto", help=engine_help)


@hookimpl
def gkcheck_load_document(path: str, head: bytes, config) -> Document | None:
    if not is_pdf(head):
        return None
    engine = config.get("pdf-engine") if config is not None else None
    return ENGINES[engine or "auto"](path)


# The PDF libraries are imported when the first PDF is read, not when gkcheck starts.


def load_pdf(path: str) -> Document:
    """Read with PDFium where its reading cannot depend on this machine's fonts, else with pdfminer."""
    return load_with_pdfium(path, unless_fonts_missing=True)


def load_with_pdfium(path: str, unless_fonts_missing: bool = False) -> Document:
    """Read with PDFium, after pdfminer's parser has checked the file's limits and read its fonts.

    With `unless_fonts_missing`, a file using a font it does not embed is read with pdfminer.
    """
    import pypdfium2 as pdfium
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    from gkcheck.loaders.pdf_fonts import read_fonts
    from gkcheck.loaders.pdf_limits import check_limits, check_pages
    from gkcheck.loaders.pdfium_page import PdfiumDocument

    try:
        with open(path, "rb") as stream:
            parsed = PDFDocument(PDFParser(stream))
            check_limits(parsed)
            fonts = read_fonts(parsed)
        if unless_fonts_missing and fonts.not_embedded:
            return load_with_pdfminer(path)
        with PdfiumDocument(path, fonts.descents) as pdf:
            check_pages(len(pdf))
            return read_pdf(path, pdf, engine="pdfium")
    except pdfium.PdfiumError as exc:
        raise _pdfium_error(exc) from None
    except _pdfminer_errors() as exc:
        raise _input_error(exc) from None
    except RecursionError as exc:
        raise _input_error(exc) from None


def _pdfium_error(exc) -> InputError:
    import pypdfium2.raw as pdfium_c

    if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
        return _encrypted()
    meanings = {
        pdfium_c.FPDF_ERR_FILE: ("文件无法读取", "the file cannot be read"),
        pdfium_c.FPDF_ERR_FORMAT: (
            "文件结构错误或文件不完整",
            "its structure is broken or the file is incomplete",
        ),
        pdfium_c.FPDF_ERR_SECURITY: ("使用了不支持的加密方式", "it uses an unsupported security handler"),
        pdfium_c.FPDF_ERR_PAGE: ("页面无法读取", "a page cannot be read"),
    }
    zh, en = meanings.get(exc.err_code, ("无法解析", "cannot be parsed"))
    return InputError(zh=f"PDF 已损坏：{zh}", en=f"damaged PDF: {en}")


def load_with_pdfminer(path: str) -> Document:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    from gkcheck.loaders.pdf_limits import check_limits, check_pages

    try:
        pdf = pdfplumber.open(path)
        try:
            check_limits(pdf.doc)
        except BaseException:
            pdf.stream.close()  # not pdf.close(): it reads every page, and so would run into the fault
            raise
        with pdf:
            check_pages(len(pdf.pages))
            return read_pdf(path, pdf, engine="pdfminer")
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, InputError):  # a limit, met inside pdfminer
            raise cause from None
        raise _input_error(cause) from None
    except _pdfminer_errors() as exc:
        raise _input_error(exc) from None
    except RecursionError as exc:
        raise _input_error(exc) from None


ENGINES = {"auto": load_pdf, "pdfium": load_with_pdfium, "pdfminer": load_with_pdfminer}


def _pdfminer_errors() -> tuple[type[Exception], ...]:
    """What pdfminer's parser raises for an encrypted or damaged file."""
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.psexceptions import PSException
    from pdfplumber.utils.exceptions import MalformedPDFException

    return (PDFPasswordIncorrect, PDFEncryptionError, PSException, MalformedPDFException)


def _encrypted() -> InputError:
    return InputError(
        zh="PDF 已加密：没有密码无法打开", en="encrypted PDF: cannot be opened without a password"
    )


def _input_error(cause: object) -> InputError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return _encrypted()
    if isinstance(cause, RecursionError):
        return InputError(
            zh="PDF 已损坏：对象嵌套过深，无法解析", en="damaged PDF: objects nested too deeply to be parsed"
        )
    detail = clean_detail(str(cause))
    if not detail:
        return InputError(zh="PDF 已损坏，无法解析", en="damaged PDF: cannot be parsed")
    return InputError(zh=f"PDF 已损坏，无法解析（{detail}）", en=f"damaged PDF: cannot be parsed ({detail})")


def read_pdf(path: str, pdf, ruling: bool = True, engine: str = "") -> Document:
    """Read an open pdfplumber PDF or `PdfiumDocument`; `engine` is kept as metadata "pdf_engine".

    `ruling=False` ignores ruling lines: tables then come from word positions only.
    """
    metadata = {**(pdf.metadata or {}), "pdf_engine": engine} if engine else dict(pdf.metadata or {})
    document = Document(path=path, format="pdf", page_count=len(pdf.pages), metadata=metadata)
    text_chars = 0
    for page in pdf.pages:
        blocks, chars = _page_blocks(page, ruling)
        document.blocks.extend(blocks)
        text_chars += chars
        page.close()
    document.has_text_layer = text_chars >= MIN_TEXT_CHARS
    return document


def _page_blocks(page, ruling: bool = True) -> tuple[list[Block], int]:
    """The page's lines and tables in reading order, and the number of text characters read."""
    from gkcheck.loaders.pdf_lines import words
    from gkcheck.loaders.pdf_tables import find_tables, find_unruled_tables, outside_tables

    tables = find_tables(page) if ruling else []
    lines = [line for line in _text_lines(page, tables) if line["text"].strip()]
    chars = sum(len(line["text"].strip()) for line in lines)
    outside = outside_tables(lines, tables)
    if sum(1 for line in outside if _ends_in_number(line["text"])) >= MIN_NUMBER_LINES:
        tables += find_unruled_tables(page, outside_tables(words(page.chars), tables))
    placed: list[tuple[float, Block]] = [(found.bbox[1], found.table) for found in tables]
    for line in outside:
        bbox = _bbox(line)
        if any(found.contains(bbox) for found in tables):
            continue
        placed.append((line["top"], Line(line["text"].strip(), Location(page=page.page_number, bbox=bbox))))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed], chars


def _text_lines(page, tables: list) -> list[dict]:
    """The text lines pdfplumber finds on the page, the characters of its tables left out.

    The lines inside a table are dropped anyway, and a table holds most of its page's characters.
    """
    from gkcheck.loaders.pdf_lines import text_lines
    from gkcheck.loaders.pdf_tables import outside_tables

    chars = outside_tables(page.chars, tables)
    return text_lines(chars) if chars else []


def _bbox(item: dict) -> tuple[float, float, float, float]:
    return (item["x0"], item["top"], item["x1"], item["bottom"])


def _ends_in_number(text: str) -> bool:
    words = text.split()
    return len(words) >= 2 and looks_like_value(words[-1])
