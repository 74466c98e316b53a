"""Traditional-character pages (mirror sites render reports so) read like Simplified ones.

A document whose text is in Traditional characters is matched on a converted copy: every line and
cell is converted with OpenCC (`t2s`, character by character and phrase by phrase as OpenCC's
dictionaries say), so that headings, table labels and narrative patterns written in Simplified
match. Locations are the original lines and cells; quoted text is the converted copy's.
"""

from __future__ import annotations

import re
from functools import cache

from gkcheck.document import Block, Cell, Document, Line, Table

# A document is read as Traditional when this many of its CJK characters change in conversion,
# and they are at least this share of the CJK text looked at.
MIN_CHANGED = 20
MIN_SHARE = 0.03
SAMPLE_CHARS = 6000
_CJK = re.compile(r"[\u4e00-\u9fff]")


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


def simplified(document: Document) -> Document:
    """The document itself, or a copy in Simplified characters when it is written in Traditional."""
    if not document.has_text_layer or not is_traditional(document):
        return document
    convert = _converter().convert
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
    )
