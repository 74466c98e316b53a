"""Traditional-character pages (mirror sites render reports so) read like Simplified ones.

A document whose text is in Traditional characters is matched on a converted copy: every line and
cell is converted with OpenCC (`t2s`, character by character and phrase by phrase as OpenCC's
dictionaries say), so that headings, table labels and narrative patterns written in Simplified
match. Locations are the original lines and cells. The copy keeps the original's length, character
for character (a text whose phrase conversion would change its length is converted one character
at a time), and keeps the original document beside it, so that what rules quote from the copy is
reported in the document's own characters (`gkcheck.originals`).
"""

from __future__ import annotations

from functools import cache

from gkcheck.document import Block, Cell, Document, Line, Table
from gkcheck.patterns import LazyPattern

# A document is read as Traditional when this many of its CJK characters change in conversion,
# and they are at least this share of the CJK text looked at.
MIN_CHANGED = 20
MIN_SHARE = 0.03
SAMPLE_CHARS = 6000
_CJK = LazyPattern(r"[\u4e00-\u9fff]")


@cache
def _converter():
    import opencc  # imported only for a Traditional document

    return opencc.OpenCC("t2s")


def is_traditional(document: Document) -> bool:
    """True when the document's text is written in Traditional characters."""
    text = "".join(line.text for line in document.lines)[:SAMPLE_CHARS]
    cjk = _CJK.findall(text)
    if len(cjk) < MIN_CHANGED:
        return False
    sample = "".join(cjk)
    converted = _converter().convert(sample)
    changed = sum(1 for a, b in zip(sample, converted) if a != b)
    return changed >= MIN_CHANGED and changed >= MIN_SHARE * len(cjk)


def _one_for_one(text: str) -> str:
    """`text` in Simplified characters, with as many characters as it has."""
    convert = _converter().convert
    converted = convert(text)
    if len(converted) == len(text):
        return converted
    return "".join(simple if len(simple := convert(char)) == 1 else char for char in text)


def simplified(document: Document) -> Document:
    """The document itself, or a copy in Simplified characters when it is written in Traditional.

    The copy's `original` is the document as printed; each of its lines and cells has the length of
    the original's.
    """
    if not document.has_text_layer or not is_traditional(document):
        return document
    convert = _one_for_one
    blocks: list[Block] = []
    for block in document.blocks:
        if isinstance(block, Line):
            blocks.append(Line(convert(block.text), block.location))
        else:
            rows = tuple(
                tuple(
                    Cell(convert(cell.text), cell.row, cell.col, cell.location, cell.rowspan, cell.colspan)
                    for cell in row
                )
                for row in block.rows
            )
            blocks.append(Table(rows, block.location))
    metadata = {
        key: convert(value) if isinstance(value, str) else value for key, value in document.metadata.items()
    }
    metadata["script"] = "traditional"
    return Document(
        path=document.path,
        format=document.format,
        blocks=blocks,
        page_count=document.page_count,
        metadata=metadata,
        has_text_layer=document.has_text_layer,
        warnings=list(document.warnings),
        original=document,
    )
