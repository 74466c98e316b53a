"""Render report text into a real PDF with a text layer (reportlab, built-in CJK font STSong-Light).

Tests use it to build defective reports from the samples: take a sample's text, change it, render
it, and run gkcheck's real PDF loader on the result.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from tests.support.edits import edit_text

FONT = "STSong-Light"
FONT_SIZE = 11
MARGIN = 72
LINE_HEIGHT = 18

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def wrap(text: str, width: float) -> list[str]:
    """Break a paragraph into lines that fit `width` points, character by character (CJK text)."""
    lines, current = [], ""
    for char in text:
        if pdfmetrics.stringWidth(current + char, FONT, FONT_SIZE) > width:
            lines.append(current)
            current = ""
        current += char
    return [*lines, current] if current else lines


def render_pdf(paragraphs: list[str], path: Path, page_numbers: bool = True, text_layer: bool = True) -> Path:
    """Write `paragraphs` (one per list item; tabs become spaces) as an A4 PDF at `path`.

    Without a `text_layer` each line is drawn as a bar of its width, as on a scanned page that
    was not run through OCR: the layout of the report, and no text.
    """
    page_width, page_height = A4
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(FONT, FONT_SIZE)
    y = page_height - MARGIN
    page = 1

    def draw(x: float, y: float, text: str, centred: bool = False) -> None:
        width = pdfmetrics.stringWidth(text, FONT, FONT_SIZE)
        if centred:
            x -= width / 2
        if text_layer:
            pdf.drawString(x, y, text)
        elif text.strip():
            pdf.rect(x, y, width, FONT_SIZE * 0.8, stroke=0, fill=1)

    def new_page():
        nonlocal y, page
        if page_numbers:
            draw(page_width / 2, MARGIN / 2, f"— {page} —", centred=True)
        pdf.showPage()
        pdf.setFont(FONT, FONT_SIZE)
        y = page_height - MARGIN
        page += 1

    for paragraph in paragraphs:
        text = paragraph.replace("\t", "  ").rstrip()
        for line in wrap(text, page_width - 2 * MARGIN) or [""]:
            if y < MARGIN + LINE_HEIGHT:
                new_page()
            draw(MARGIN, y, line)
            y -= LINE_HEIGHT
    if page_numbers:
        draw(page_width / 2, MARGIN / 2, f"— {page} —", centred=True)
    pdf.save()
    return path


def render_text_file(source: Path, path: Path, edit=None) -> Path:
    """Render a UTF-8 text file to PDF, after applying `edit` (a function str -> str) to its text."""
    text = source.read_text(encoding="utf-8")
    if edit is not None:
        text = edit(text)
    return render_pdf(text.splitlines(), path)


def render_scan(path: Path) -> Path:
    """A PDF whose page is only drawn shapes, like a scanned page image: no text layer."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for index in range(40):
        pdf.rect(72, 100 + index * 15, 400, 8, fill=1)
    pdf.showPage()
    pdf.save()
    return path


def replaced(text: str, replacements) -> str:
    """`text` with each (old, new) replacement made once; every `old` must be present."""
    return edit_text(text, replacements)


def render_edited(source: Path, path: Path, *replacements) -> Path:
    """A PDF of the text file `source` after the (old, new) replacements."""
    return render_text_file(source, path, lambda text: replaced(text, replacements))
