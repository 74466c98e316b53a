"""Decoding the bytes of text files, web pages and text embedded in Word files.

UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030; a file with a few undecodable bytes is
read with U+FFFD in their place and a warning, not refused. The plain-text, HTML and DOCX loaders
share these decoders.
"""

from __future__ import annotations

from gkcheck.document import Document
from gkcheck.errors import InputError

ENCODINGS = ("utf-8-sig", "gb18030")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # "Unicode" text as Windows Notepad saves it
REPLACEMENT = "\ufffd"
# Up to this many undecodable bytes (or one in a thousand) are replaced rather than refused.
MIN_TOLERATED_BAD_BYTES = 4


def decode(data: bytes) -> tuple[str, str]:
    """The text of `data` and the encoding it was read in; an InputError if it is not text."""
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    tolerated = decode_tolerantly(data, ENCODINGS)
    if tolerated is not None:
        return tolerated
    raise InputError(
        zh="不是 UTF-8 或 GB18030 编码的文本文件（含无法解码的字节）",
        en="not a text file in UTF-8 or GB18030 (undecodable bytes)",
    )


def decode_tolerantly(data: bytes, encodings) -> tuple[str, str] | None:
    """The decoding with the fewest undecodable bytes (shown as U+FFFD), if they are rare.

    A web capture cut inside a multi-byte character, or one damaged byte, should not make a whole
    report unreadable; text in the wrong encoding has undecodable bytes everywhere.
    """
    best: tuple[int, str, str] | None = None
    for encoding in dict.fromkeys(encodings):
        try:
            text = data.decode(encoding, errors="replace")
        except LookupError:
            continue
        bad = text.count(REPLACEMENT)
        if best is None or bad < best[0]:
            best = (bad, text, encoding)
    if best is not None and best[0] <= max(MIN_TOLERATED_BAD_BYTES, len(data) // 1000):
        return best[1], best[2]
    return None


def note_replacements(document: Document, text: str) -> None:
    """A warning on `document` for the undecodable bytes `text` shows as U+FFFD."""
    count = text.count(REPLACEMENT)
    if count:
        document.warnings.append(f"{count} undecodable byte(s) shown as U+FFFD")
