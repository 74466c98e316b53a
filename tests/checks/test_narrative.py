"""GK401-GK403: the text against the tables, and this year's report against last year's."""

from __future__ import annotations

from tests.support.docxedit import edited_copy, replace_text, set_last_row_of_table, set_row_values
from tests.support.paths import SAMPLE_REPORTS, SAMPLES
from tests.support.results import rule_results

SAMPLE_001 = SAMPLES / "001_c779024abbc6666e.docx"  # 2021: 49 received, 44 concluded, 5 carried over
SAMPLE_003 = SAMPLES / "003_35beedbe3e7b0ed3.docx"  # 2023: "没有收到…行政复议案件和行政诉讼案件"


def results(gkcheck, *paths):
    document = gkcheck(*paths, "--format", "json", "--select", "GK3,GK4")
    return [rule_results(report) for report in document.json()["reports"]]


def test_narrative_matching_table_three_passes(gkcheck):
    (found,) = results(gkcheck, SAMPLE_001)
    assert found["GK401"]["outcome"] == "passed"


def test_narrative_count_differing_from_table_three_fails(gkcheck, tmp_path):
    edited = edited_copy(
        SAMPLE_001,
        tmp_path / "48.docx",
        lambda d: replace_text(d, "全区共收到政府信息公开申请件49件", "全区共收到政府信息公开申请件48件"),
        lambda d: replace_text(d, "5件结转到下年继续办理", "4件结转到下年继续办理"),
    )
    (found,) = results(gkcheck, edited)
    result = found["GK401"]
    assert result["outcome"] == "failed" and result["severity"] == "warning"
    assert [(f["expected"], f["actual"]) for f in result["findings"]] == [(49, 48), (5, 4)]
    assert "48" in result["findings"][0]["message"] and result["findings"][0]["location"]["line"] > 0
    assert found["GK303"]["outcome"] == "passed"  # the table itself is consistent


def test_text_without_figures_skips_gk401_with_reason(gkcheck, tmp_path):
    edited = edited_copy(
        SAMPLE_001,
        tmp_path / "silent.docx",
        lambda d: replace_text(
            d,
            "全区共收到政府信息公开申请件49件，同比增长58%。其中均为自然人申请，申请内容涉及征地补偿、棚户区改造、社会保障等领域，44件依法依规进行答复，5件结转到下年继续办理，",
            "",
        ),
    )
    (found,) = results(gkcheck, edited)
    assert found["GK401"]["outcome"] == "skipped"
    assert found["GK401"]["reason"] == "正文未说明可与表格核对的数字"


def test_no_reviews_statement_matching_zero_table_passes(gkcheck):
    (found,) = results(gkcheck, SAMPLE_003)
    assert found["GK402"]["outcome"] == "passed"


def test_no_reviews_statement_with_cases_in_table_four_fails(gkcheck, tmp_path):
    edited = edited_copy(
        SAMPLE_003,
        tmp_path / "review.docx",
        lambda d: set_last_row_of_table(d, "结果维持", [1, 0, 0, 0, 1] + [0] * 10),
    )
    (found,) = results(gkcheck, edited)
    assert found["GK306"]["outcome"] == "passed"
    (finding,) = found["GK402"]["findings"]
    assert (finding["expected"], finding["actual"]) == (1, 0)
    assert "没有收到政府信息公开行政复议" in finding["message"]


def next_year_of_001(tmp_path, carried_in: list[int]):
    """Sample 001 made into the same body's 2022 report, with `carried_in` as 二、上年结转."""
    return edited_copy(
        SAMPLE_001,
        tmp_path / f"2022-{carried_in[0]}.docx",
        lambda d: replace_text(d, "2021年政府信息公开工作年度报告", "2022年政府信息公开工作年度报告"),
        lambda d: set_row_values(d, "二、上年结转政府信息公开申请数量", carried_in),
    )


def test_carry_over_matching_last_year_passes(gkcheck, tmp_path):
    this_year = next_year_of_001(tmp_path, [5, 0, 0, 0, 0, 0, 5])
    last, this = results(gkcheck, SAMPLE_001, this_year)
    assert this["GK403"]["outcome"] == "passed"
    assert last["GK403"]["outcome"] == "skipped" and "2020" in last["GK403"]["reason"]


def test_carry_over_differing_from_last_year_fails(gkcheck, tmp_path):
    this_year = next_year_of_001(tmp_path, [4, 0, 0, 0, 0, 0, 4])
    this, _last = results(gkcheck, this_year, SAMPLE_001)
    assert [(f["expected"], f["actual"], f["location"]["column"]) for f in this["GK403"]["findings"]] == [
        (5, 4, "natural"),
        (5, 4, "total"),
    ]


def test_carry_over_runs_across_worker_processes(gkcheck, tmp_path):
    this_year = next_year_of_001(tmp_path, [4, 0, 0, 0, 0, 0, 4])
    document = gkcheck(SAMPLE_001, this_year, "--format", "json", "--select", "GK403", "-j", "2").json()
    assert [report["results"][0]["outcome"] for report in document["reports"]] == ["skipped", "failed"]


def test_real_district_pair_2023_2024_agrees(gkcheck):
    last, this = results(gkcheck, SAMPLE_REPORTS / "hongze-2023.pdf", SAMPLE_REPORTS / "hongze-2024.pdf")
    assert this["GK403"]["outcome"] == "passed"
