"""Every cell of the three statistics tables, read from real PDFs by the real loader and mapping.

Truth: tests/data/tables/samples.json (the five sample reports) and tests/data/tables/<name>.json
(the three published reports in sample_reports/, read page by page from the PDFs).
"""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.table import TableFinder

from gkcheck.document import Line, Table
from gkcheck.loaders.pdf import read_pdf
from gkcheck.loaders.pdf_grid import IndexedTableFinder
from gkcheck.loaders.pdf_tables import cell_texts, ruled_page
from gkcheck.structure.table_mapping import map_tables
from tests.support.paths import (
    DATA,
    HONGZE_2023,
    HONGZE_2024,
    HUAIAN_2024,
    SAMPLE_REPORTS,
    SAMPLES,
    corpus_file,
)
from tests.support.pdfmaker import render_text_file

TRUTH = DATA / "tables"
SAMPLE_TRUTH = json.loads((TRUTH / "samples.json").read_text(encoding="utf-8"))["samples"]
# The published PDFs in the shared corpus, by the name of their truth file in tests/data/tables/.
PUBLISHED = {"hongze-2023": HONGZE_2023, "hongze-2024": HONGZE_2024, "huaian-2024": HUAIAN_2024}


def load(path: Path):
    with pdfplumber.open(path) as pdf:
        return read_pdf(str(path), pdf)


@pytest.fixture(scope="session")
def documents():
    cache = {}

    def get(path: Path):
        if path not in cache:
            cache[path] = load(path)
        return cache[path]

    return get


def printed(table) -> dict[str, list[str]]:
    return {row: [cell.text for cell in columns.values()] for row, columns in table.cells.items()}


def assert_tables_equal(tables, truth: dict) -> None:
    assert set(tables) == {"active_disclosure", "applications", "reviews"}
    for key in ("active_disclosure", "applications", "reviews"):
        assert tables[key].shape_problems == []
        assert tables[key].missing_rows == []
        assert printed(tables[key]) == truth[key]


@pytest.mark.parametrize("sample", sorted(SAMPLE_TRUTH))
def test_sample_pdf_tables_exact(sample, documents):
    document = documents(SAMPLE_REPORTS / f"{sample}.pdf")
    tables = map_tables(document.blocks)
    truth = SAMPLE_TRUTH[sample]
    assert_tables_equal(tables, truth)
    assert tables["applications"].template == truth["template"]
    for columns in tables["applications"].cells.values():
        for cell in columns.values():
            assert cell.location.page is not None and cell.location.bbox is not None


@pytest.mark.parametrize("name", PUBLISHED)
def test_published_pdf_tables_exact(name, documents):
    truth = json.loads((TRUTH / f"{name}.json").read_text(encoding="utf-8"))["tables"]
    tables = map_tables(documents(corpus_file(PUBLISHED[name])).blocks)
    assert_tables_equal(tables, {key: value["rows"] for key, value in truth.items()})
    for key, table in tables.items():
        assert table.template == truth[key]["template"]
        pages = {row: next(iter(columns.values())).location.page for row, columns in table.cells.items()}
        assert pages == truth[key]["pages"]


@pytest.mark.parametrize("sample", sorted(SAMPLE_TRUTH))
def test_tables_printed_as_text_lines(sample, tmp_path):
    """The sample text rendered as plain lines ("label  0  0 …", long rows wrapped): no ruling at all."""
    pdf = render_text_file(SAMPLES / f"{sample}.txt", tmp_path / f"{sample}.pdf")
    document = load(pdf)
    with pdfplumber.open(pdf) as opened:
        assert not any(page.lines or page.rects for page in opened.pages)
    assert_tables_equal(map_tables(document.blocks), SAMPLE_TRUTH[sample])


@pytest.mark.parametrize("name", [*sorted(SAMPLE_TRUTH), *PUBLISHED])
def test_tables_from_word_positions_when_ruling_is_ignored(name):
    """Every PDF read again with its ruling lines ignored: the tables come from word positions alone."""
    path = corpus_file(PUBLISHED[name]) if name in PUBLISHED else SAMPLE_REPORTS / f"{name}.pdf"
    with pdfplumber.open(path) as pdf:
        document = read_pdf(str(path), pdf, ruling=False)
    assert document.tables, "tables drawn without lines are found from word positions"
    if name in SAMPLE_TRUTH:
        truth = SAMPLE_TRUTH[name]
    else:
        published = json.loads((TRUTH / f"{name}.json").read_text(encoding="utf-8"))["tables"]
        truth = {key: value["rows"] for key, value in published.items()}
    assert_tables_equal(map_tables(document.blocks), truth)


def test_table_split_over_pages_is_joined(documents):
    """huaian-2024: table 三 starts on page 4 and ends on page 5, with the page number between."""
    document = documents(corpus_file(HUAIAN_2024))
    table = map_tables(document.blocks)["applications"]
    assert table.cells["r4_1"]["total"].location.page == 4
    assert table.cells["r4_2"]["total"].location.page == 5
    assert table.cells["r4_2"]["total"].value == 11


def test_lines_inside_tables_are_not_repeated_as_lines(documents):
    document = documents(corpus_file(HUAIAN_2024))
    texts = [block.text for block in document.blocks if isinstance(block, Line)]
    assert not any("本年新收政府信息公开申请数量" in text for text in texts)
    assert any(text.startswith("三、收到和处理政府信息公开申请情况") for text in texts)
    tables = [block for block in document.blocks if isinstance(block, Table)]
    assert [table.location.page for table in tables] == [3, 4, 4, 5, 5]


def test_typo_label_and_old_single_row_are_mapped(documents):
    """hongze-2023 prints "2.其他法律行政止公开" and the 2019 single row "（六）其他处理"."""
    table = map_tables(documents(corpus_file(HONGZE_2023)).blocks)["applications"]
    assert table.labels["r3_2"] == "2.其他法律行政止公开"
    assert table.template == "2019"
    assert "r6" in table.cells and "r6_1" not in table.cells


def test_inspect_json_uses_template_keys(gkcheck):
    run = gkcheck("inspect", corpus_file(HUAIAN_2024), "--json")
    assert run.exit_code == 0, run.stderr
    tables = run.json()["tables"]
    assert tables["applications"]["cells"]["r_total"]["natural"]["value"] == 2932
    assert tables["reviews"]["cells"]["rev"]["total"]["value"] == 351
    assert tables["active_disclosure"]["cells"]["a20_8.fee"]["amount_wan"]["value"] == 96171.6
    location = tables["applications"]["cells"]["r_total"]["natural"]["location"]
    assert location["page"] == 5 and location["row"] == "r_total" and location["column"] == "natural"


def test_inspect_text_shows_grids_with_labels(gkcheck):
    run = gkcheck("inspect", corpus_file(HONGZE_2024), "--lang", "en")
    assert run.exit_code == 0, run.stderr
    assert "（七）总计" in run.stdout
    row = next(line for line in run.stdout.splitlines() if "（七）总计" in line)
    assert row.split()[-8:-1] == ["95", "0", "0", "0", "0", "0", "95"]
    assert row.endswith("(p.4)")


@pytest.mark.parametrize("suffix", ["txt", "docx", "html"])
@pytest.mark.parametrize("sample", sorted(SAMPLE_TRUTH))
def test_same_mapping_for_other_formats(sample, suffix, gkcheck):
    """The loaders of every format yield Table blocks that the same mapping reads exactly."""
    run = gkcheck("inspect", SAMPLES / f"{sample}.{suffix}", "--json")
    assert run.exit_code == 0, run.stderr
    tables = run.json()["tables"]
    truth = SAMPLE_TRUTH[sample]
    for key in ("active_disclosure", "applications", "reviews"):
        cells = {
            row: [cell["text"] for cell in columns.values()] for row, columns in tables[key]["cells"].items()
        }
        assert cells == truth[key]
        assert tables[key]["shape_problems"] == []


def test_full_width_digits_and_spaced_labels(tmp_path):
    """Labels split by spaces ("属于国家 秘密", "予以 公开") and full-width digits still map exactly."""
    sample = "001_c779024abbc6666e"

    def edit(text: str) -> str:
        text = text.replace("1．属于国家秘密", "1． 属于国家 秘密").replace(
            "（一）予以公开", "（一）予以 公开"
        )
        return text.replace("（七）总计\t44\t0\t0\t0\t0\t0\t44", "（七）总计\t４４\t0\t0\t0\t0\t0\t４４")

    pdf = render_text_file(SAMPLES / f"{sample}.txt", tmp_path / "spaced.pdf", edit=edit)
    tables = map_tables(load(pdf).blocks)
    applications = tables["applications"]
    assert applications.cells["r_total"]["natural"].value == 44
    assert applications.cells["r_total"]["natural"].text == "４４"
    assert applications.labels["r3_1"].endswith("1．属于国家秘密")
    assert applications.cells["r1_open"]["total"].value == 27
    truth = SAMPLE_TRUTH[sample]["applications"]
    values = {row: [cell.value for cell in columns.values()] for row, columns in applications.cells.items()}
    assert values == {row: [int(value) for value in cells] for row, cells in truth.items()}


def render_borderless_table(rows: list[tuple[str, list[str]]], path: Path) -> Path:
    """Table 三 as word processors print it without borders: values in fixed columns, labels wrapped."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from tests.support.pdfmaker import FONT

    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont(FONT, 9)
    pdf.drawString(72, 790, "三、收到和处理政府信息公开申请情况")
    y = 760
    for label, values in rows:
        parts = [label[start : start + 14] for start in range(0, len(label), 14)]
        for index, part in enumerate(parts):
            pdf.drawString(72, y + 5.5 * (len(parts) - 1) - 11 * index, part)
        for column, value in enumerate(values):
            pdf.drawRightString(320 + 34 * column, y, value)
        y -= max(20, 11 * len(parts) + 6)
    pdf.drawString(72, y - 20, "四、政府信息公开行政复议、行政诉讼情况")
    pdf.save()
    return path


def test_borderless_table_with_an_empty_cell(tmp_path):
    """Without ruling an empty cell is just a gap: the value columns of the other rows place it."""
    sample = "001_c779024abbc6666e"
    rows = []
    for line in (SAMPLES / f"{sample}.txt").read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 8 and all(cell.isdigit() for cell in cells[-7:]):
            rows.append(("".join(cells[:-7]), cells[-7:]))
    blanked = next(index for index, (label, _) in enumerate(rows) if "属于国家秘密" in label)
    rows[blanked] = (rows[blanked][0], ["", *rows[blanked][1][1:]])
    document = load(render_borderless_table(rows, tmp_path / "borderless.pdf"))
    assert document.tables
    table = map_tables(document.blocks)["applications"]
    assert table.shape_problems == [] and table.missing_rows == []
    blank = table.cells["r3_1"]["natural"]
    assert (blank.kind, blank.value, blank.text) == ("blank", None, "")
    truth = {**SAMPLE_TRUTH[sample]["applications"]}
    truth["r3_1"] = ["", *truth["r3_1"][1:]]
    assert printed(table) == truth


def ruled_pages(which: str):
    """(file name, page number, the page as the table finder sees it) of the samples or the published PDFs."""
    published = [corpus_file(path) for path in PUBLISHED.values()] if which == "published" else []
    for path in sorted(SAMPLE_REPORTS.glob("*.pdf")) if which == "samples" else published:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                yield path.name, page.page_number, ruled_page(page)


@pytest.mark.parametrize("which", ["samples", "published"])
def test_cell_text_is_what_pdfplumber_extracts(which):
    """The indexed cell-text step gives exactly pdfplumber's `extract()`, cell for cell."""
    compared = 0
    for name, page_number, ruled in ruled_pages(which):
        for table in ruled.find_tables():
            assert cell_texts(table) == table.extract(), f"{name} p.{page_number}"
            compared += sum(len(row) for row in table.extract())
    assert compared > 500


@pytest.mark.parametrize("which", ["samples", "published"])
def test_cells_are_those_pdfplumber_finds(which):
    """The indexed table finder gives pdfplumber's own cells and tables, in the same order."""
    compared = 0
    for name, page_number, ruled in ruled_pages(which):
        theirs, ours = TableFinder(ruled), IndexedTableFinder(ruled)
        assert ours.cells == theirs.cells, f"{name} p.{page_number}"
        assert [table.bbox for table in ours.tables] == [table.bbox for table in theirs.tables]
        compared += len(ours.cells)
    assert compared > 500
