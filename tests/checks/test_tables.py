"""Table rules GK301–GK307 on real documents: the samples, the published PDFs, and defective PDFs
rendered from a sample's text with one figure changed."""

from __future__ import annotations

import pdfplumber
import pytest

from tests.support.docxedit import edited_copy, set_row_values
from tests.support.paths import DATA, SAMPLE_REPORTS, SAMPLES
from tests.support.pdfmaker import render_text_file
from tests.support.results import rule_results

SAMPLE = SAMPLES / "001_c779024abbc6666e.txt"
SEEDS = DATA / "seeds"
NEW_ROW = "一、本年新收政府信息公开申请数量\t49\t0\t0\t0\t0\t0\t49"
CARRIED_OUT_ROW = "四、结转下年度继续办理\t5\t0\t0\t0\t0\t0\t5"
OTHER_ROW = "（六）其他处理\t1\t0\t0\t0\t0\t0\t1"
TOTAL_ROW = "（七）总计\t44\t0\t0\t0\t0\t0\t44"
REVIEWS_ROW = "7\t0\t1\t0\t8\t0\t0\t0\t0\t0\t3\t0\t0\t0\t3"
FEE_ROW = "行政事业性收费\t5953.02496"


def defective(tmp_path, old: str, new: str):
    """Sample 001 rendered to PDF with `old` replaced by `new` (exactly once)."""
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    return render_text_file(SAMPLE, tmp_path / "defective.pdf", edit=lambda source: source.replace(old, new))


def page_of(pdf_path, label: str) -> int:
    with pdfplumber.open(pdf_path) as pdf:
        return next(page.page_number for page in pdf.pages if label in (page.extract_text() or ""))


def table_results(gkcheck, path) -> dict[str, dict]:
    run = gkcheck(path, "--format", "json", "--select", "GK3")
    assert run.exit_code in (0, 1), run.stderr
    return rule_results(run.json()["reports"][0])


def only_finding(result: dict) -> dict:
    assert result["outcome"] == "failed", result
    assert len(result["findings"]) == 1, result["findings"]
    return result["findings"][0]


def test_sample_tables_pass_except_old_layout(gkcheck):
    results = table_results(gkcheck, SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf")
    assert {rule: result["outcome"] for rule, result in results.items()} == {
        **{f"GK30{n}": "passed" for n in range(1, 8)},
        "GK308": "skipped",  # the report prints no subtotal
    }


@pytest.mark.parametrize("name", ["001_c779024abbc6666e", "hongze-2023", "hongze-2024"])
def test_old_single_row_other_processing_is_caught(name, gkcheck):
    finding = only_finding(table_results(gkcheck, SAMPLE_REPORTS / f"{name}.pdf")["GK302"])
    assert (finding["expected"], finding["actual"]) == ("2021", "2019")
    assert finding["location"]["table"] == "applications"
    assert (
        finding["location"]["page"] == {"001_c779024abbc6666e": 5, "hongze-2023": 4, "hongze-2024": 4}[name]
    )


def test_published_report_with_wrong_review_totals(gkcheck):
    """hongze-2023 prints 行政复议 10 1 0 0 with 总计 0, and 复议后起诉 5 0 0 0 with 总计 0."""
    result = table_results(gkcheck, SAMPLE_REPORTS / "hongze-2023.pdf")["GK306"]
    found = [
        (f["location"]["row"], f["location"]["column"], f["expected"], f["actual"], f["location"]["page"])
        for f in result["findings"]
    ]
    assert found == [("rev", "total", 11, 0, 4), ("lit_after", "total", 5, 0, 4)]


def test_row_total_wrong(gkcheck, tmp_path):
    pdf = defective(tmp_path, NEW_ROW, NEW_ROW[:-2] + "48")
    results = table_results(gkcheck, pdf)
    finding = only_finding(results["GK303"])
    location = finding["location"]
    assert (location["row"], location["column"], finding["expected"], finding["actual"]) == (
        "new",
        "total",
        49,
        48,
    )
    assert location["page"] == page_of(pdf, "本年新收政府信息公开申请数量")
    assert results["GK301"]["outcome"] == "passed"


def test_balance_wrong(gkcheck, tmp_path):
    pdf = defective(tmp_path, CARRIED_OUT_ROW, CARRIED_OUT_ROW.replace("5", "4"))
    results = table_results(gkcheck, pdf)
    found = [(f["location"]["column"], f["expected"], f["actual"]) for f in results["GK304"]["findings"]]
    assert found == [("natural", 49, 48), ("total", 49, 48)]
    assert results["GK303"]["outcome"] == "passed"
    assert results["GK305"]["outcome"] == "passed"


def test_results_total_wrong(gkcheck, tmp_path):
    pdf = defective(tmp_path, OTHER_ROW, OTHER_ROW.replace("1", "2"))
    results = table_results(gkcheck, pdf)
    found = [
        (f["location"]["row"], f["location"]["column"], f["expected"], f["actual"])
        for f in results["GK305"]["findings"]
    ]
    assert found == [("r_total", "natural", 45, 44), ("r_total", "total", 45, 44)]
    assert results["GK305"]["findings"][0]["location"]["page"] == page_of(pdf, "（七）总计")


def test_review_total_wrong(gkcheck, tmp_path):
    pdf = defective(tmp_path, REVIEWS_ROW, REVIEWS_ROW.replace("1\t0\t8", "1\t0\t9", 1))
    finding = only_finding(table_results(gkcheck, pdf)["GK306"])
    location = finding["location"]
    assert (location["row"], location["column"], finding["expected"], finding["actual"]) == (
        "rev",
        "total",
        8,
        9,
    )


def test_fee_with_unit_is_reported(gkcheck, tmp_path):
    pdf = defective(tmp_path, FEE_ROW, "行政事业性收费\t5953元")
    finding = only_finding(table_results(gkcheck, pdf)["GK307"])
    assert finding["location"]["row"] == "a20_8.fee" and finding["location"]["column"] == "amount_wan"
    assert finding["actual"] == "5953元"


def test_row_with_six_values_is_reported_not_guessed(gkcheck, tmp_path):
    pdf = defective(tmp_path, TOTAL_ROW, "（七）总计\t44\t0\t0\t0\t0\t44")
    results = table_results(gkcheck, pdf)
    finding = only_finding(results["GK301"])
    assert (finding["location"]["row"], finding["expected"], finding["actual"]) == ("r_total", 7, 6)
    assert results["GK305"]["outcome"] == "skipped" or results["GK305"]["outcome"] == "passed"
    assert all(f["location"]["row"] != "r_total" for f in results["GK303"]["findings"])


def test_missing_table_skips_its_rules(gkcheck, tmp_path):
    text = SAMPLE.read_text(encoding="utf-8").splitlines()
    start = text.index("三、收到和处理政府信息公开申请情况") + 1
    end = text.index("四、政府信息公开行政复议、行政诉讼情况")
    pdf = render_text_file(
        SAMPLE, tmp_path / "no-table.pdf", edit=lambda _: "\n".join(text[:start] + text[end:])
    )
    results = table_results(gkcheck, pdf)
    for rule in ("GK303", "GK304", "GK305"):
        assert results[rule]["outcome"] == "skipped"
        assert "三" in results[rule]["reason"]
    assert results["GK306"]["outcome"] == "passed"
    assert any(f["expected"] == "三" for f in results["GK301"]["findings"])


def test_seed_rows_of_six_and_sixteen_values_are_reported(gkcheck):
    """Seed 003 (as saved from the original) has table 三 rows of 6 values and a table 四 row of 16."""
    results = table_results(gkcheck, SEEDS / "003_35beedbe3e7b0ed3.txt")
    findings = results["GK301"]["findings"]
    shapes = [
        (f["location"]["table"], f["location"].get("row"), f["expected"], f["actual"])
        for f in findings
        if f["location"]
    ]
    assert ("applications", "new", 7, 6) in shapes
    assert ("applications", "r_total", 7, 8) in shapes
    assert ("reviews", "rev,lit_direct,lit_after", 15, 16) in shapes
    assert results["GK306"]["outcome"] == "skipped"


def test_old_layout_is_right_for_a_2020_report(gkcheck, tmp_path):
    """The same tables in a report for 2020 (2019 trial format still in force): no GK302 finding."""
    pdf = render_text_file(
        SAMPLE, tmp_path / "report-2020.pdf", edit=lambda text: text.replace("2021年", "2020年")
    )
    results = table_results(gkcheck, pdf)
    assert results["GK302"]["outcome"] == "passed"
    assert results["GK305"]["outcome"] == "passed"


def test_blank_cell_is_a_warning_and_a_dash_a_note(gkcheck, tmp_path):
    row = "二、上年结转政府信息公开申请数量"
    blank = edited_copy(
        SAMPLE_003_DOCX, tmp_path / "blank.docx", lambda d: set_row_values(d, row, ["", 0, 0, 0, 0, 0, 0])
    )
    dash = edited_copy(
        SAMPLE_003_DOCX, tmp_path / "dash.docx", lambda d: set_row_values(d, row, ["—", 0, 0, 0, 0, 0, 0])
    )
    with_blank, with_dash = (found["GK301"] for found in _docx_results(gkcheck, blank, dash))
    assert (with_blank["outcome"], with_blank["severity"]) == ("failed", "warning")
    assert with_blank["findings"][0]["location"]["row"] == "carried_in"
    assert (with_dash["outcome"], with_dash["severity"]) == ("failed", "info")


SAMPLE_003_DOCX = SAMPLES / "003_35beedbe3e7b0ed3.docx"


def _docx_results(gkcheck, *paths):
    document = gkcheck(*paths, "--format", "json", "--select", "GK301")
    return [rule_results(report) for report in document.json()["reports"]]
