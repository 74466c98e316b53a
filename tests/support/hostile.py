"""Hostile documents built in the tests: decompression bombs and reference loops, a few KB each."""

from __future__ import annotations

import shutil
import zipfile
import zlib
from pathlib import Path

MB = 2**20


def minimal_pdf(objects: list[bytes]) -> bytes:
    """A PDF of numbered objects (1 = catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def page_with_contents(contents: bytes) -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        contents,
    ]


def zeros_deflated(size: int) -> bytes:
    packer = zlib.compressobj(9)
    chunk = bytes(MB)
    parts = [packer.compress(chunk) for _ in range(size // MB)]
    return b"".join(parts) + packer.flush()


def bomb_pdf(path: Path, inflated_mb: int = 1024) -> Path:
    """A page whose content stream is zeros deflated twice: a few KB that inflate to `inflated_mb`."""
    data = zlib.compress(zeros_deflated(inflated_mb * MB), 9)
    stream = (
        b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(data) + data + b"\nendstream"
    )
    path.write_bytes(minimal_pdf(page_with_contents(stream)))
    return path


def reference_loop_pdf(path: Path) -> Path:
    """A page whose /Contents is object 4, which names object 5, which names object 4 again."""
    path.write_bytes(minimal_pdf([*page_with_contents(b"5 0 R"), b"4 0 R"]))
    return path


def bomb_docx(path: Path, source: Path, inflated_mb: int = 512) -> Path:
    """A copy of `source` with an image part of zeros that inflates to `inflated_mb`."""
    shutil.copy(source, path)
    chunk = bytes(MB)
    with zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("word/media/image99.png", "w", force_zip64=True) as member:
            for _ in range(inflated_mb):
                member.write(chunk)
    return path
