"""Limits a PDF must keep before it is read: no reference loops, no stream that inflates without end.

pdfminer inflates a stream whole, and follows a reference that names a reference for ever: a
4 KB file with two Flate layers asks for gigabytes, a 700-byte file with `7 0 R` → `8 0 R` → `7 0 R`
spins until the timeout. Every object of the file is looked at once, before the pages are read
(the parsed objects are cached, so the pages do not parse them again): reference chains are
followed with a memory of where they have been, and each Flate-compressed stream is inflated
piece by piece, counting and discarding, up to the limit. Either fault makes the file damaged.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from pdfminer.pdftypes import PDFObjRef, PDFStream
from pdfminer.psparser import LIT

from gkcheck.errors import InputError

# A stream inflating to more than this is refused: a report's largest page content or image is far smaller.
MAX_STREAM_MB = 128
# A document with more pages than this is refused (an annual report has tens).
MAX_PAGES = 1000
CHUNK = 1 << 20
MAX_CHAIN = 64  # references to references followed before giving up
FLATE = {LIT("FlateDecode"), LIT("Fl")}


def too_large(limit_mb: int = MAX_STREAM_MB) -> InputError:
    return InputError(
        zh=f"PDF 已损坏：其中的数据流解压后超过 {limit_mb} MB（解压炸弹？）",
        en=f"damaged PDF: a stream expands beyond {limit_mb} MB (a decompression bomb?)",
    )


def reference_loop(objid: int) -> InputError:
    return InputError(
        zh=f"PDF 已损坏：对象 {objid} 的引用循环指向自身",
        en=f"damaged PDF: object {objid} refers to itself in a loop",
    )


def too_many_pages(count: int) -> InputError:
    return InputError(
        zh=f"PDF 页数过多：{count} 页（上限 {MAX_PAGES} 页），不像一份年度报告",
        en=f"too many pages for an annual report: {count} (the limit is {MAX_PAGES})",
    )


def check_pages(page_count: int) -> None:
    if page_count > MAX_PAGES:
        raise too_many_pages(page_count)


def check_limits(document, limit_mb: int = MAX_STREAM_MB) -> None:
    """Raise InputError if the pdfminer `document` holds a reference loop or a stream over the limit."""
    objects = list(_objects(document))
    for objid, value in objects:
        if isinstance(value, PDFObjRef):
            _follow(document, objid, value)
    for _objid, value in objects:
        if isinstance(value, PDFStream) and value.rawdata is not None:
            layers = _flate_layers(value)
            if layers and _inflates_beyond(value.rawdata, layers, limit_mb * CHUNK):
                raise too_large(limit_mb)


def _objects(document) -> Iterator[tuple[int, object]]:
    seen: set[int] = set()
    for xref in document.xrefs:
        for objid in xref.get_objids():
            if objid in seen:
                continue
            seen.add(objid)
            try:
                obj = document.getobj(objid)
            except Exception:  # a damaged object: pdfminer reports it, or reads around it, later
                continue
            yield objid, obj


def _follow(document, objid: int, value: PDFObjRef) -> None:
    visited = {objid}
    for _ in range(MAX_CHAIN):
        if value.objid in visited:
            raise reference_loop(objid)
        visited.add(value.objid)
        try:
            value = document.getobj(value.objid)
        except Exception:
            return
        if not isinstance(value, PDFObjRef):
            return
    raise reference_loop(objid)


def _flate_layers(stream: PDFStream) -> int:
    """How many Flate layers the stream's filter list starts with (the rest are not measured)."""
    filters = stream.attrs.get("Filter", stream.attrs.get("F"))
    if isinstance(filters, PDFObjRef):
        return 0  # an indirect filter list: too unusual to measure here
    names = filters if isinstance(filters, list) else [filters]
    count = 0
    for name in names:
        if name not in FLATE:
            break
        count += 1
    return count


def _inflates_beyond(data: bytes, layers: int, limit: int) -> bool:
    """Whether inflating `data` through `layers` Flate layers gives more than `limit` bytes, in all."""
    inflaters = [zlib.decompressobj() for _ in range(layers)]
    total = 0

    def feed(level: int, chunk: bytes) -> None:
        nonlocal total
        inflater = inflaters[level]
        while not inflater.eof:
            out = inflater.decompress(chunk, CHUNK)
            if not chunk and not out:
                return
            total += len(out)
            if total > limit:
                raise OverflowError
            if level + 1 < layers and out:
                feed(level + 1, out)
            chunk = inflater.unconsumed_tail

    try:
        feed(0, data)
    except OverflowError:
        return True
    except zlib.error:  # damaged data: pdfminer reads what it can of it
        return False
    return False
