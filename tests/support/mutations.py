"""Mutations of the sample documents for the fuzz test: byte-level and structure-aware.

A mutation is a tuple, so that hypothesis can draw and shrink it and a script can draw it from
`random`: ("flip", where, bit), ("delete", where, length), ("duplicate", where, length),
("truncate", where), ("overwrite", where, data), ("insert", where, data), ("number", which, text),
("span", which, text). `where` is a fraction of the length; `which` picks the n-th match (modulo).
A DOCX is mutated in its main XML part and zipped again, or as raw ZIP bytes.
"""

from __future__ import annotations

import io
import re
import zipfile

SYNTAX = [
    b"%PDF-1.7",
    b"obj",
    b"endobj",
    b"stream",
    b"endstream",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"/Filter",
    b"/FlateDecode",
    b"xref",
    b"trailer",
    b"0 R",
    b"\x00",
    b"\xff\xfe",
    b"<",
    b">",
    b"<table>",
    b"<td colspan=",
    b"&#0;",
    b"<w:p>",
    b"</w:tc>",
    b'<w:gridSpan w:val=""/>',
    "一、".encode(),
    "（二）".encode(),
    b"\t",
    b"\r\n",
]
EXTREMES = [
    "0",
    "-1",
    "99999999999999999999999999",
    "NaN",
    "1e309",
    "９９",
    "9" * 400,
    "9999",
    "10000",
    "99999",
    "13月45日",
    "2月30日",
    "",
]
NUMBER = re.compile(rb"\d+")
SPAN = re.compile(rb'(?:colspan|rowspan|w:val)="(\d*)"')


def _at(data: bytes, where: float) -> int:
    return min(len(data), max(0, int(where * len(data))))


def apply(data: bytes, mutation: tuple) -> bytes:
    kind = mutation[0]
    if kind == "flip":
        position = min(_at(data, mutation[1]), len(data) - 1)
        if position < 0:
            return data
        return data[:position] + bytes([data[position] ^ (1 << mutation[2])]) + data[position + 1 :]
    if kind in ("delete", "duplicate"):
        start = _at(data, mutation[1])
        piece = data[start : start + mutation[2]]
        rest = data[start + len(piece) :]
        return data[:start] + (piece * 2 if kind == "duplicate" else b"") + rest
    if kind == "truncate":
        return data[: _at(data, mutation[1])]
    if kind in ("overwrite", "insert"):
        start = _at(data, mutation[1])
        skip = len(mutation[2]) if kind == "overwrite" else 0
        return data[:start] + mutation[2] + data[start + skip :]
    pattern = NUMBER if kind == "number" else SPAN
    found = list(pattern.finditer(data))
    if not found:
        return data
    match = found[mutation[1] % len(found)]
    group = 0 if kind == "number" else 1
    return data[: match.start(group)] + mutation[2].encode() + data[match.end(group) :]


def mutate(data: bytes, mutations: list[tuple]) -> bytes:
    for mutation in mutations:
        data = apply(data, mutation)
    return data


def mutate_docx_part(docx: bytes, mutations: list[tuple], part: str = "word/document.xml") -> bytes:
    """The DOCX with `part` mutated, every other member as it was."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(docx)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            content = source.read(member)
            target.writestr(
                member.filename, mutate(content, mutations) if member.filename == part else content
            )
    return out.getvalue()
