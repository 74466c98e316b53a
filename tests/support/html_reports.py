"""The reports the HTML tests check: sample 001 with a wrong （七）总计 cell as PDF, DOCX and HTML
(the DOCX and HTML also with a word printed twice), and the repaired sample 000 as a clean PDF."""

from __future__ import annotations

from pathlib import Path

from tests.support.edits import edit_docx, edit_html
from tests.support.paths import DATA
from tests.support.pdfmaker import render_edited, render_text_file

SAMPLE_001 = DATA / "samples" / "001_c779024abbc6666e"
CLEAN_000 = DATA / "clean" / "000_repaired.txt"
WRONG_TOTAL = ("（七）总计\t44\t0\t0\t0\t0\t0\t44", "（七）总计\t45\t0\t0\t0\t0\t0\t44")
WORD_TWICE = ("进一步规范和加强政策解读工作", "进一步规范和加强加强政策解读工作")


def make_reports(folder: Path) -> dict[str, Path]:
    """The four reports, by role: `pdf`, `docx`, `html` (failing) and `clean`."""
    return {
        "pdf": render_edited(SAMPLE_001.with_suffix(".txt"), folder / "failing.pdf", WRONG_TOTAL),
        "docx": edit_docx(
            SAMPLE_001.with_suffix(".docx"), folder / "failing.docx", [WRONG_TOTAL, WORD_TWICE]
        ),
        "html": edit_html(
            SAMPLE_001.with_suffix(".html"), folder / "failing.html", [WRONG_TOTAL, WORD_TWICE]
        ),
        "clean": render_text_file(CLEAN_000, folder / "clean.pdf"),
    }
