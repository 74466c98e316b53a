"""Plain-text loader: UTF-8 (with or without BOM), falling back to GB18030.

Reports are often published as web-page text. A crawler capture that puts its own header above a
`==== 正文 ====` line has that header dropped (kept in the document's metadata).
"""

from __future__ import annotations

import re
from pathlib import Path

from gkcheck.errors import InputError
from gkcheck.hookspec import hookimpl
from gkcheck.model import Document, Line, Location

BODY_MARKER = re.compile(r"^=+\s*正文\s*=+$")
ENCODINGS = ("utf-8-sig", "gb18030")


def looks_like_text(head: bytes) -> bool:
    """No NUL bytes and not a known binary container: a candidate for decoding as text."""
    return b"\x00" not in head and not head.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0"))


def decode(data: bytes) -> tuple[str, str]:
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InputError(
        "not a text file in UTF-8 or GB18030 (undecodable bytes)",
        "不是 UTF-8 或 GB18030 编码的文本文件（含无法解码的字节）",
    )


@hookimpl(trylast=True)
def gkcheck_load_document(path: str, head: bytes, config) -> Document | None:
    if not looks_like_text(head):
        return None
    text, encoding = decode(Path(path).read_bytes())
    return read_text(path, text, encoding)


def read_text(path: str, text: str, encoding: str = "utf-8") -> Document:
    document = Document(path=path, format="txt", page_count=1, metadata={"encoding": encoding})
    numbered = list(enumerate(text.splitlines(), start=1))
    for index, (_, line) in enumerate(numbered):
        if BODY_MARKER.match(line.strip()):
            document.metadata["header"] = "\n".join(text for _, text in numbered[:index])
            numbered = numbered[index + 1 :]
            break
    for number, line in numbered:
        if line.strip():
            document.blocks.append(Line(line.strip(), Location(line=number)))
    document.has_text_layer = any(block.text for block in document.blocks)
    return document
