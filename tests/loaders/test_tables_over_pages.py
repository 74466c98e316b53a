"""Tables 四 and 二 printed over a page break, as real ruled PDFs, read by both PDF engines.

Table 三 is joined across pages by the labels of its rows; tables 四 and 二 are joined the same way
wherever the break falls: between table 四's header and its values, inside its header, between its
行政复议 and 行政诉讼 groups (each with its own header and values), or between rows of table 二.
Truth: the sample's values in tests/data/tables/samples.json.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4

from gkcheck.loaders.pdf import load_with_pdfium, load_with_pdfminer
from gkcheck.structure.table_mapping import map_tables
from tests.support.paths import DATA
from tests.support.pdfmaker import LINE_HEIGHT, MARGIN, render_pdf
from tests.support.results import rule_results
from tests.support.ruled_tables import (
    DISCLOSURE_LABELS,
    DISCLOSURE_SECTIONS,
    OUTCOMES,
    GridCell,
    disclosure_rows,
    render_pages,
    restarted,
    reviews_header,
    reviews_values,
)

SAMPLES_TRUTH = json.loads((DATA / "tables" / "samples.json").read_text(encoding="utf-8"))["samples"]
SAMPLE = "001_c779024abbc6666e"  # the sample with figures in table 四: 行政复议 7+1=8, 复议后起诉 3
REVIEWS_HEADING = "四、政府信息公开行政复议、行政诉讼情况"
AFTER_REVIEWS = "五、存在的主要问题及改进情况"
DISCLOSURE_HEADING = "二、主动公开政府信息情况"
AFTER_DISCLOSURE = "三、收到和处理政府信息公开申请情况"
# Lines of text on one page of tests.support.pdfmaker's A4 pages.
PAGE_LINES = int((A4[1] - 2 * MARGIN - LINE_HEIGHT) // LINE_HEIGHT) + 1
ENGINES = {"pdfminer": load_with_pdfminer, "pdfium": load_with_pdfium}


def review_figures(sample: str) -> list[str]:
    truth = SAMPLES_TRUTH[sample]["reviews"]
    return [value for row in ("rev", "lit_direct", "lit_after") for value in truth[row]]


def reviews_pages(layout: str, figures: list[str]) -> list[list]:
    """Table 四 over two pages, the page break where `layout` says."""
    header, values = reviews_header(), reviews_values(figures, 3)
    first, second = {
        "between-header-and-values": (header, [values]),
        "inside-the-header": (header[:2], [header[2], values]),
        "header-repeated": (header, [*header, values]),
        "between-groups": _groups(figures),
    }[layout]
    return [[REVIEWS_HEADING, restarted(first)], [restarted(second), AFTER_REVIEWS]]


def _groups(figures: list[str]) -> tuple[list, list]:
    """行政复议 with its header and five values on one page, 行政诉讼 with its ten on the next."""
    review = [
        [GridCell("行政复议", 0, 0, colspan=5)],
        [GridCell(text, 1, col) for col, text in enumerate(OUTCOMES)],
        reviews_values(figures[:5], 2),
    ]
    litigation = [
        [GridCell("行政诉讼", 0, 0, colspan=10)],
        [GridCell("未经复议直接起诉", 1, 0, colspan=5), GridCell("复议后起诉", 1, 5, colspan=5)],
        [GridCell(text, 2, col) for col, text in enumerate(OUTCOMES * 2)],
        [GridCell(text, 3, col) for col, text in enumerate(figures[5:])],
    ]
    return review, litigation


def disclosure_pages(cut: int, rows: dict[str, list[str]]) -> list[list]:
    """Table 二 over two pages, the first `cut` printed rows on the first."""
    grid = disclosure_rows(rows, DISCLOSURE_LABELS, DISCLOSURE_SECTIONS)
    return [[DISCLOSURE_HEADING, restarted(grid[:cut])], [restarted(grid[cut:]), AFTER_DISCLOSURE]]


def printed(table) -> dict[str, list[str]]:
    return {row: [cell.text for cell in columns.values()] for row, columns in table.cells.items()}


def read_both(path: Path, key: str):
    """The table `key` as each engine's reading maps it; the two must be the same."""
    tables = {name: map_tables(load(str(path)).blocks) for name, load in ENGINES.items()}
    assert all(key in found for found in tables.values()), f"table {key} not found"
    readings = {name: (printed(found[key]), found[key].shape_problems) for name, found in tables.items()}
    assert readings["pdfminer"] == readings["pdfium"]
    return tables["pdfminer"][key]


LAYOUTS = ["between-header-and-values", "inside-the-header", "header-repeated", "between-groups"]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("sample", ["000_bd99d2d058b13537", SAMPLE])
def test_reviews_over_two_pages_read_exactly(tmp_path, layout, sample):
    path = render_pages(reviews_pages(layout, review_figures(sample)), tmp_path / "reviews.pdf")
    table = read_both(path, "reviews")
    assert (table.shape_problems, table.missing_rows) == ([], [])
    assert printed(table) == SAMPLES_TRUTH[sample]["reviews"]
    pages = {cell.location.page for columns in table.cells.values() for cell in columns.values()}
    assert pages == ({1, 2} if layout == "between-groups" else {2})


def gk3_results(gkcheck, path: Path, engine: str) -> dict[str, dict]:
    run = gkcheck(path, "--format", "json", "--select", "GK3", "--pdf-engine", engine)
    assert run.exit_code in (0, 1), run.stderr
    return rule_results(run.json()["reports"][0])


def findings_about(results: dict, rule: str, numeral: str) -> list[dict]:
    return [finding for finding in results[rule]["findings"] if f"表{numeral}" in finding["message"]]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("layout", LAYOUTS)
def test_reviews_over_two_pages_pass_and_a_wrong_total_fails(gkcheck, tmp_path, layout, engine):
    figures = review_figures(SAMPLE)
    clean = render_pages(reviews_pages(layout, figures), tmp_path / "clean.pdf")
    results = gk3_results(gkcheck, clean, engine)
    assert results["GK306"]["outcome"] == "passed"
    assert findings_about(results, "GK301", "四") == []
    wrong = [*figures[:14], "4"]  # 复议后起诉 总计: 3 printed as 4, on the continuation page
    results = gk3_results(gkcheck, render_pages(reviews_pages(layout, wrong), tmp_path / "wrong.pdf"), engine)
    assert results["GK306"]["outcome"] == "failed"
    (finding,) = results["GK306"]["findings"]
    assert (finding["location"]["row"], finding["location"]["page"]) == ("lit_after", 2)
    assert (finding["expected"], finding["actual"]) == (3, 4)


@pytest.mark.parametrize("cut", [3, 7, 9])
def test_disclosure_over_two_pages_read_exactly(tmp_path, cut):
    """Breaks after a row of 第二十条第（一）项, between two of its sections, and after a section heading."""
    path = render_pages(
        disclosure_pages(cut, SAMPLES_TRUTH[SAMPLE]["active_disclosure"]), tmp_path / "t2.pdf", 110
    )
    table = read_both(path, "active_disclosure")
    assert (table.shape_problems, table.missing_rows) == ([], [])
    assert printed(table) == SAMPLES_TRUTH[SAMPLE]["active_disclosure"]


@pytest.mark.parametrize("engine", ENGINES)
def test_disclosure_over_two_pages_passes_and_a_bad_count_fails(gkcheck, tmp_path, engine):
    """Table 二 has no 总计: its rule checks each figure, so the defect is a count that is no count."""
    rows = SAMPLES_TRUTH[SAMPLE]["active_disclosure"]
    clean = render_pages(disclosure_pages(3, rows), tmp_path / "clean.pdf", 110)
    results = gk3_results(gkcheck, clean, engine)
    assert results["GK307"]["outcome"] == "passed"
    assert findings_about(results, "GK301", "二") == []
    wrong = {**rows, "a20_6.chufa": ["966.5"]}
    results = gk3_results(
        gkcheck, render_pages(disclosure_pages(3, wrong), tmp_path / "wrong.pdf", 110), engine
    )
    (finding,) = results["GK307"]["findings"]
    assert (finding["location"]["row"], finding["location"]["page"], finding["actual"]) == (
        "a20_6.chufa",
        2,
        "966.5",
    )


def test_reviews_in_two_groups_printed_as_text_lines(tmp_path):
    """No ruling at all: 行政复议 and its five values end page 1, 行政诉讼 and its ten start page 2."""
    figures = review_figures(SAMPLE)
    outcomes = "  ".join(OUTCOMES)
    first = [REVIEWS_HEADING, "行政复议", outcomes, "  ".join(figures[:5])]
    second = ["行政诉讼", "未经复议直接起诉  复议后起诉", f"{outcomes}  {outcomes}", "  ".join(figures[5:])]
    filler = [""] * (PAGE_LINES - len(first))
    path = render_pdf([*first, *filler, *second, AFTER_REVIEWS], tmp_path / "lines.pdf")
    table = read_both(path, "reviews")
    assert (table.shape_problems, table.missing_rows) == ([], [])
    assert printed(table) == SAMPLES_TRUTH[SAMPLE]["reviews"]
    assert {cell.location.page for cell in table.cells["rev"].values()} == {1}
    assert {cell.location.page for cell in table.cells["lit_after"].values()} == {2}
