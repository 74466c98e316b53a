"""PDF loader (pdfplumber on pdfminer.six): text lines and ruled tables with page and bounding box.

The text lines that fall inside a ruled table are not emitted as lines: the table is emitted once,
as a `Table` block, in their place in reading order.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from gkcheck.document import Block, Document, Line, Location, looks_like_value
from gkcheck.errors import InputError, clean_detail
from gkcheck.hookspec import hookimpl
from gkcheck.loaders.pdf_limits import check_limits, check_pages
from gkcheck.loaders.pdf_tables import find_tables, find_unruled_tables

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
def gkcheck_load_document(path: str, head: bytes, config) -> Document | None:
    if not is_pdf(head):
        return None
    try:
        pdf = pdfplumber.open(path)
        try:
            check_limits(pdf.doc)
        except BaseException:
            pdf.stream.close()  # not pdf.close(): it reads every page, and so would run into the fault
            raise
        with pdf:
            check_pages(len(pdf.pages))
            return read_pdf(path, pdf)
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        if isinstance(cause, (TimeoutError, InputError)):  # the run's --timeout, or a limit, inside pdfminer
            raise cause from None
        raise _input_error(cause) from None
    except (PDFPasswordIncorrect, PDFEncryptionError, PSException, MalformedPDFException) as exc:
        raise _input_error(exc) from None
    except RecursionError:
        raise InputError(
            zh="PDF 已损坏：对象嵌套过深，无法解析", en="damaged PDF: objects nested too deeply to be parsed"
        ) from None


def _input_error(cause: object) -> InputError:
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
        return InputError(
            zh="PDF 已加密：没有密码无法打开", en="encrypted PDF: cannot be opened without a password"
        )
    if isinstance(cause, RecursionError):
        return InputError(
            zh="PDF 已损坏：对象嵌套过深，无法解析", en="damaged PDF: objects nested too deeply to be parsed"
        )
    detail = clean_detail(str(cause))
    if not detail:
        return InputError(zh="PDF 已损坏，无法解析", en="damaged PDF: cannot be parsed")
    return InputError(zh=f"PDF 已损坏，无法解析（{detail}）", en=f"damaged PDF: cannot be parsed ({detail})")


def read_pdf(path: str, pdf, ruling: bool = True) -> Document:
    """Read an open pdfplumber PDF.

    `ruling=False` ignores ruling lines: tables then come from word positions only.
    """
    document = Document(path=path, format="pdf", page_count=len(pdf.pages), metadata=dict(pdf.metadata or {}))
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
    tables = find_tables(page) if ruling else []
    lines = [line for line in page.extract_text_lines(return_chars=False) if line["text"].strip()]
    chars = sum(len(line["text"].strip()) for line in lines)
    outside = [line for line in lines if not any(found.contains(_bbox(line)) for found in tables)]
    if sum(1 for line in outside if _ends_in_number(line["text"])) >= MIN_NUMBER_LINES:
        words = [
            word for word in page.extract_words() if not any(found.contains(_bbox(word)) for found in tables)
        ]
        tables += find_unruled_tables(page, words)
    placed: list[tuple[float, Block]] = [(found.bbox[1], found.table) for found in tables]
    for line in outside:
        bbox = _bbox(line)
        if any(found.contains(bbox) for found in tables):
            continue
        placed.append((line["top"], Line(line["text"].strip(), Location(page=page.page_number, bbox=bbox))))
    placed.sort(key=lambda item: item[0])
    return [block for _, block in placed], chars


def _bbox(item: dict) -> tuple[float, float, float, float]:
    return (item["x0"], item["top"], item["x1"], item["bottom"])


def _ends_in_number(text: str) -> bool:
    words = text.split()
    return len(words) >= 2 and looks_like_value(words[-1])
