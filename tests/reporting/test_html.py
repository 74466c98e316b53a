"""The HTML report, read back with a real HTML parser: summary, findings, boxed pages, grids, docs."""

from __future__ import annotations

import re

import lxml.html
import pytest

from tests.support.html_reports import make_reports
from tests.support.paths import SAMPLE_REPORTS


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    return make_reports(tmp_path_factory.mktemp("html-reports"))


@pytest.fixture(scope="module")
def page(reports, tmp_path_factory):
    """The Chinese HTML report of the four reports, parsed."""
    from gkcheck.cli import main

    out = tmp_path_factory.mktemp("html-out") / "report.html"
    code = main(
        [str(reports[role]) for role in ("pdf", "docx", "html", "clean")] + ["--html", str(out), "-q"]
    )
    assert code == 1
    return lxml.html.fromstring(out.read_text(encoding="utf-8"))


def section(page, number: int):
    return page.get_element_by_id(f"report-{number}")


def test_summary_has_a_row_per_report_with_counts_and_verdict(page):
    rows = page.cssselect("#summary-table tbody tr")
    assert [row.get("data-verdict") for row in rows] == ["failed", "failed", "failed", "passed"]
    first = [cell.text_content() for cell in rows[0].cssselect("td")]
    assert first[2] == "淄博高新技术产业开发区" and first[3] == "2021" and first[4] == "national"
    assert first[5:8] == ["4", "2", "2"]  # findings: GK302-305 errors, GK502's two warnings, GK204/205 notes
    assert first[8] == "未通过"
    assert [cell.text_content() for cell in rows[3].cssselect("td")][5:9] == ["0", "0", "0", "通过"]
    assert rows[0].cssselect("a")[0].get("href") == "#report-1"


def test_no_scores_without_an_assessment_scheme(page):
    headers = [th.text_content() for th in page.cssselect("#summary-table thead th")]
    assert "得分" not in headers and "名次" not in headers and len(headers) == 9
    assert all(len(row.cssselect("td")) == 9 for row in page.cssselect("#summary-table tbody tr"))
    assert not page.cssselect("#ranking") and not page.cssselect(".assessment")


def test_a_pdf_finding_is_boxed_on_its_page(page):
    pdf = section(page, 1)
    figures = pdf.cssselect("figure.page")
    assert [figure.get("id") for figure in figures] == ["page-1-3", "page-1-4"]  # pages with findings only
    image = figures[0].cssselect("img")[0]
    assert image.get("src").startswith("data:image/")
    finding = next(
        item
        for item in pdf.cssselect("li.finding")
        if "（七）总计" in item.text_content() and "GK303" in item.text_content()
    )
    number = finding.get("value")
    box = figures[0].cssselect(f'a.box[href="#finding-1-{number}"]')[0]
    left, top = (float(value) for value in re.findall(r"(?:left|top):([\d.]+)%", box.get("style")))
    # The row label of （七）总计 in the test's PDF: x 72 pt of 595, top 226 pt of 842.
    assert 11 < left < 12.5 and 26 < top < 27
    assert finding.cssselect("a.to-page")[0].get("href") == "#page-1-3"


def test_the_wrong_cell_is_marked_in_the_grid(page):
    for number in (1, 2, 3):
        grid = section(page, number).cssselect("table.grid.applications")[0]
        bad = [cell.text_content() for cell in grid.cssselect("td.bad")]
        assert any(text.startswith("45") for text in bad), number  # 自然人 of （七）总计
        assert any(text.startswith("44") for text in bad), number  # 总计 of （七）总计


def test_docx_and_html_findings_show_the_text_with_the_fault_highlighted(page):
    for number in (2, 3):
        marks = [mark.text_content() for mark in section(page, number).cssselect(".excerpt mark")]
        assert "加强加强" in marks, number
    assert not section(page, 2).cssselect("figure.page")


def test_every_rule_outcome_is_listed_with_its_documentation(page):
    rows = section(page, 1).cssselect("table.outcomes tbody tr")
    outcomes = {
        row.cssselect("td")[0].text_content(): row.cssselect("td.outcome")[0].text_content() for row in rows
    }
    assert outcomes["GK303"] == "未通过" and outcomes["GK101"] == "通过"
    assert "跳过" in outcomes.values()
    gk303 = section(page, 1).cssselect("#rule-1-GK303 details")[0]
    assert "总计" in gk303.text_content()


def test_the_clean_report_says_so_and_has_no_pictures(page):
    clean = section(page, 4)
    assert "没有发现问题" in clean.text_content()
    assert not clean.cssselect("img")


def test_the_file_is_self_contained(page):
    sources = [element.get("src") for element in page.cssselect("[src]")]
    assert sources and all(source.startswith("data:") for source in sources)
    assert not page.cssselect("link[rel=stylesheet]") and not page.cssselect("script[src]")


def test_english_with_lang_en(gkcheck, tmp_path):
    out = tmp_path / "en.html"
    run = gkcheck(SAMPLE_REPORTS / "001_c779024abbc6666e.pdf", "--format", "html", "-o", out, "--lang", "en")
    assert run.exit_code == 1
    page = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    assert page.get("lang") == "en"
    assert page.cssselect("#summary-table td.verdict")[0].text_content() == "failed"
    assert "template-version" in page.text_content() and "未通过" not in page.text_content()


def test_reports_checked_in_worker_processes_are_read_again_for_the_report(gkcheck, tmp_path, reports):
    out = tmp_path / "jobs.html"
    gkcheck(reports["pdf"], reports["docx"], "-j", "2", "--html", out, "-q")
    page = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    assert page.cssselect("#report-1 figure.page img")
    assert page.cssselect("#report-2 table.grid.applications td.bad")


def test_a_file_that_cannot_be_read_has_its_reason(gkcheck, tmp_path):
    out = tmp_path / "missing.html"
    run = gkcheck(tmp_path / "nowhere.pdf", SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf", "--html", out, "-q")
    assert run.exit_code == 1
    page = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    assert "文件不存在" in page.get_element_by_id("report-1").cssselect(".load-error")[0].text_content()
    assert page.cssselect("#summary-table tbody tr")[0].get("data-verdict") == "error"
    assert page.get_element_by_id("report-2").cssselect("figure.page img")  # the other report as usual


def test_findings_on_one_line_share_an_excerpt_and_table_findings_link_to_the_grid(page):
    docx = section(page, 2)
    excerpt = docx.cssselect('.excerpt:has(a[id="excerpt-2-7"])')[0]
    assert excerpt.cssselect('a[id="excerpt-2-8"]')  # GK502's two findings, both on line 18
    gk303 = next(item for item in docx.cssselect("li.finding") if "GK303" in item.text_content())
    assert gk303.cssselect("a.to-page")[0].get("href") == "#grid-2-applications"
    assert docx.cssselect("#grid-2-applications td.bad")


def test_a_printed_subtotal_is_in_the_grid_and_marked_when_wrong(gkcheck, tmp_path):
    from tests.support.html_reports import SAMPLE_001
    from tests.support.pdfmaker import render_edited

    old = "（四）无法提供\t1．本机关不掌握相关政府信息\t16\t0\t0\t0\t0\t0\t16"
    new = "（四）无法提供\t16\t0\t0\t0\t0\t0\t17\n\t1．本机关不掌握相关政府信息\t16\t0\t0\t0\t0\t0\t16"
    pdf = render_edited(SAMPLE_001.with_suffix(".txt"), tmp_path / "subtotal.pdf", (old, new))
    out = tmp_path / "subtotal.html"
    gkcheck(pdf, "--select", "GK308", "--html", out, "-q")
    grid = lxml.html.fromstring(out.read_text(encoding="utf-8")).cssselect("table.grid.applications")[0]
    (row,) = grid.cssselect("tr.subtotal")
    assert row.cssselect("th")[0].text_content().startswith("（四）无法提供")
    assert [cell.text_content() for cell in row.cssselect("td.bad")] == ["171"]  # 17, finding 1
