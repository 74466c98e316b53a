"""A sample report in Traditional characters, as mirror sites render it, in each of its formats.

The sample (after any edits, made as `tests.support.edits` makes them) is converted with OpenCC
(`s2t`) text run by text run, so the DOCX keeps its paragraphs and tables and the HTML its markup;
the PDF is the converted text rendered by `tests.support.pdfmaker`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import docx
import opencc
from docx.oxml.ns import qn

from tests.support.edits import Edit, edit_docx, edit_html, edit_text
from tests.support.pdfmaker import render_pdf

to_traditional = opencc.OpenCC("s2t").convert
to_simplified = opencc.OpenCC("t2s").convert
FORMATS = ("pdf", "docx", "html", "txt")


def simplified_copy(sample: Path, form: str, target: Path, edits: Iterable[Edit] = ()) -> Path:
    """The sample in `form` ("pdf", "docx", "html", "txt") at `target`, with `edits` made."""
    edits = list(edits)
    if form == "docx":
        return edit_docx(sample.with_suffix(".docx"), target, edits)
    if form == "html":
        return edit_html(sample.with_suffix(".html"), target, edits)
    text = edit_text(sample.with_suffix(".txt").read_text(encoding="utf-8"), edits)
    if form == "pdf":
        return render_pdf(text.splitlines(), target)
    target.write_text(text, encoding="utf-8")
    return target


def traditional_copy(sample: Path, form: str, folder: Path, edits: Iterable[Edit] = ()) -> Path:
    """The sample in `form`, with `edits` made, in Traditional characters: `folder`/traditional.<form>."""
    target = folder / f"traditional.{form}"
    if form == "pdf":
        text = edit_text(sample.with_suffix(".txt").read_text(encoding="utf-8"), list(edits))
        return render_pdf(to_traditional(text).splitlines(), target)
    simplified = simplified_copy(sample, form, folder / f"simplified-source.{form}", edits)
    if form == "docx":
        document = docx.Document(str(simplified))
        for run in document.element.body.iter(qn("w:t")):
            run.text = to_traditional(run.text or "")
        document.save(str(target))
    else:
        target.write_text(to_traditional(simplified.read_text(encoding="utf-8")), encoding="utf-8")
    return target
