"""The PDFium engine reads every PDF exactly as the pdfminer reference does.

Both engines run on every PDF the suite has (the samples, documents rendered here, the published
reports of the shared corpus), and what gkcheck makes of each must be the same: every line, table
cell and finding with its bounding box.

Tolerated difference: where a subset font maps several character codes to one Unicode character
with different widths (LibreOffice's digit glyphs), PDFium cannot tell which code a character
used, so its right edge may differ from pdfminer's by up to 0.15 pt. Coordinates are compared
within 0.2 pt; no finding or table cell depends on that.

A font the file does not embed (the documents rendered here use STSong-Light so) PDFium draws with
a font of this machine, and without a CJK font installed it drops some spaces and a line holding
only "。". The default engine reads such files with pdfminer; the comparison of PDFium's own
reading of them needs a CJK font (CI installs fonts-noto-cjk) and says so where there is none.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from gkcheck.loaders.pdf import load_pdf, load_with_pdfium, load_with_pdfminer
from gkcheck.loaders.pdf_fonts import read_fonts
from tests.loaders.test_pdf_tables import render_borderless_table
from tests.support.paths import CORPUS, NO_CORPUS, SAMPLE_REPORTS, SAMPLES
from tests.support.pdfmaker import FONT, render_scan, render_text_file

SAMPLE_PDFS = sorted(SAMPLE_REPORTS.glob("*.pdf"))
# The width allowance above, in points.
TOLERANCE = 0.2
VOLATILE = ("duration", "elapsed")


def plain(value):
    """Dataclasses as dicts and tuples as lists, timings left out, so readings compare field by field."""
    if is_dataclass(value) and not isinstance(value, type):
        return plain(asdict(value))
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items() if key not in VOLATILE}
    return value


def differences(reference, other, where: str = "") -> list[str]:
    """Where `other` differs from `reference`, numbers compared within TOLERANCE."""
    if isinstance(reference, float) or isinstance(other, float):
        ok = isinstance(reference, (int, float)) and isinstance(other, (int, float))
        return [] if ok and abs(reference - other) <= TOLERANCE else [f"{where}: {reference!r} != {other!r}"]
    if isinstance(reference, dict) and isinstance(other, dict):
        keys = sorted(set(reference) | set(other))
        return [
            found
            for key in keys
            for found in differences(reference.get(key), other.get(key), f"{where}.{key}")
        ]
    if isinstance(reference, list) and isinstance(other, list) and len(reference) == len(other):
        pairs = enumerate(zip(reference, other))
        return [found for index, (a, b) in pairs for found in differences(a, b, f"{where}[{index}]")]
    return [] if reference == other else [f"{where}: {str(reference)[:200]} != {str(other)[:200]}"]


def findings(gkcheck, path: Path, engine: str) -> list:
    run = gkcheck(path, "--format", "json", "--pdf-engine", engine)
    assert run.exit_code in (0, 1), run.stderr
    return plain(run.json()["reports"])


def fonts_of(path: Path):
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfparser import PDFParser

    with open(path, "rb") as stream:
        return read_fonts(PDFDocument(PDFParser(stream)))


@pytest.fixture(scope="session")
def pdfium_has_a_cjk_font(tmp_path_factory) -> bool:
    """Whether PDFium, on this machine, reads a line holding only "。" in a font not embedded."""
    text = tmp_path_factory.mktemp("probe") / "probe.txt"
    text.write_text("甲乙丙丁\n。\n", encoding="utf-8")
    probe = load_with_pdfium(str(render_text_file(text, text.with_suffix(".pdf"))))
    return "。" in [block.text for block in probe.blocks]


@pytest.fixture
def same_reading(gkcheck, pdfium_has_a_cjk_font):
    """`same_reading(path)` asserts that both engines read `path` the same."""
    return lambda path: assert_same_reading(gkcheck, path, pdfium_has_a_cjk_font)


def assert_same_reading(gkcheck, path: Path, cjk_font: bool) -> None:
    """The same document (every line, table cell and box) and the same findings from both engines."""
    if fonts_of(path).not_embedded and not cjk_font:
        pytest.skip(
            "PDFium finds no CJK font on this machine (install fonts-noto-cjk) to draw the fonts not embedded"
        )
    reference, pdfium = load_with_pdfminer(str(path)), load_with_pdfium(str(path))
    assert differences(plain(reference.blocks), plain(pdfium.blocks)) == []
    assert (pdfium.page_count, pdfium.has_text_layer) == (reference.page_count, reference.has_text_layer)
    assert differences(findings(gkcheck, path, "pdfminer"), findings(gkcheck, path, "pdfium")) == []


@pytest.mark.parametrize("path", SAMPLE_PDFS, ids=lambda path: path.stem)
def test_samples_read_the_same(same_reading, path):
    same_reading(path)


def test_every_corpus_pdf_reads_the_same(same_reading):
    found = sorted(CORPUS.rglob("*.pdf")) if CORPUS.exists() else []
    if not found:
        pytest.skip(NO_CORPUS)
    for path in found:
        same_reading(path)


def test_rendered_report_reads_the_same(same_reading, tmp_path):
    path = render_text_file(SAMPLES / "000_bd99d2d058b13537.txt", tmp_path / "rendered.pdf")
    same_reading(path)


def test_borderless_table_reads_the_same(same_reading, tmp_path):
    rows = [("（一）予以公开", ["3", "0", "0", "0", "0", "0", "3"]), ("（二）部分公开", ["1"] * 7)]
    path = render_borderless_table(rows, tmp_path / "borderless.pdf")
    same_reading(path)


def test_scan_reads_the_same(same_reading, tmp_path):
    same_reading(render_scan(tmp_path / "scan.pdf"))


def render_grid_in_form(path: Path, rotation: int = 0) -> Path:
    """A ruled table drawn inside a form XObject (as some exporters do), on a page rotated by `rotation`."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setPageRotation(rotation)
    pdf.beginForm("grid")
    pdf.setLineWidth(0.5)
    for row in range(5):
        pdf.line(72, 700 - 20 * row, 472, 700 - 20 * row)
    for column in range(5):
        pdf.line(72 + 100 * column, 700, 72 + 100 * column, 620)
    pdf.endForm()
    pdf.doForm("grid")
    pdf.setFont(FONT, 10)
    pdf.drawString(72, 740, "二、主动公开政府信息情况")
    for row, label in enumerate(["信息内容", "规章", "行政规范性文件", "行政许可"]):
        pdf.drawString(76, 686 - 20 * row, label)
        for column in range(1, 4):
            pdf.drawString(76 + 100 * column, 686 - 20 * row, str(row * column))
    pdf.showPage()
    pdf.save()
    return path


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_form_xobject_grid_on_rotated_pages_reads_the_same(same_reading, tmp_path, rotation):
    path = render_grid_in_form(tmp_path / f"grid-{rotation}.pdf", rotation)
    same_reading(path)
    if rotation == 0:
        (table,) = load_with_pdfium(str(path)).tables
        assert [cell.text for cell in table.rows[2]] == ["行政规范性文件", "2", "4", "6"]


@pytest.mark.parametrize("engine", ["pdfium", "pdfminer"])
def test_damaged_and_encrypted_pdfs_give_the_same_errors(gkcheck, tmp_path, engine):
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(SAMPLE_PDFS[0].read_bytes()[:3000])
    encrypted = tmp_path / "encrypted.pdf"
    pdf = canvas.Canvas(str(encrypted), encrypt="secret")
    pdf.drawString(72, 720, "encrypted report")
    pdf.save()
    run = gkcheck(truncated, encrypted, "--pdf-engine", engine, "--format", "json", "--lang", "en")
    errors = {Path(report["path"]).name: report["error"] for report in run.json()["reports"]}
    assert errors["truncated.pdf"].startswith("damaged PDF")
    assert errors["encrypted.pdf"] == "encrypted PDF: cannot be opened without a password"


def engine_shown(gkcheck, path: Path, *args: str) -> str:
    run = gkcheck("inspect", path, "--json", *args)
    assert run.exit_code == 0, run.stderr
    return run.json()["engine"]


def test_engine_can_be_chosen_in_the_configuration_file(gkcheck, tmp_path, monkeypatch):
    assert engine_shown(gkcheck, SAMPLE_PDFS[0]) == "pdfium"
    (tmp_path / "gkcheck.toml").write_text('pdf-engine = "pdfminer"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert engine_shown(gkcheck, SAMPLE_PDFS[0]) == "pdfminer"
    wrong = tmp_path / "wrong" / "gkcheck.toml"
    wrong.parent.mkdir()
    wrong.write_text('pdf-engine = "mupdf"\n', encoding="utf-8")
    run = gkcheck(SAMPLE_PDFS[0], "--config", wrong, "--lang", "en")
    assert run.exit_code == 4 and "pdf-engine" in run.stderr


def test_a_file_with_fonts_not_embedded_is_read_with_pdfminer_by_default(gkcheck, tmp_path):
    rendered = render_text_file(SAMPLES / "000_bd99d2d058b13537.txt", tmp_path / "rendered.pdf")
    assert fonts_of(rendered).not_embedded == {FONT}
    assert fonts_of(SAMPLE_PDFS[0]).not_embedded == set()  # its CJK subsets are embedded
    assert load_pdf(str(rendered)).metadata["pdf_engine"] == "pdfminer"
    assert load_pdf(str(SAMPLE_PDFS[0])).metadata["pdf_engine"] == "pdfium"
    assert engine_shown(gkcheck, rendered) == "pdfminer"
    forced = tmp_path / "pdfium.toml"
    forced.write_text('pdf-engine = "pdfium"\n', encoding="utf-8")
    assert engine_shown(gkcheck, rendered, "--config", str(forced)) == "pdfium"


def test_the_standard_fonts_need_no_font_of_the_machine(tmp_path):
    path = tmp_path / "latin.pdf"
    pdf = canvas.Canvas(str(path))
    for y, font in enumerate(("Helvetica", "Times-Bold", "Courier-Oblique")):
        pdf.setFont(font, 12)
        pdf.drawString(72, 720 - 20 * y, "statistics period")
    pdf.save()
    assert fonts_of(path).not_embedded == set()
    assert load_pdf(str(path)).metadata["pdf_engine"] == "pdfium"
