"""Table rules GK301–GK308 beyond their rule cases (tests/data/rules/GK30*/): what the other table
rules do when one of them finds a defect, and a table that is missing or cannot be aligned."""

from __future__ import annotations

import pytest

from tests.support.paths import SAMPLES
from tests.support.pdfmaker import render_text_file
from tests.support.results import rule_results
from tests.support.rule_cases import load_cases

SAMPLE = SAMPLES / "001_c779024abbc6666e.txt"
TOTAL_ROW = "（七）总计\t44\t0\t0\t0\t0\t0\t44"


def defective(tmp_path, old: str, new: str):
    """Sample 001 rendered to PDF with `old` replaced by `new` (exactly once)."""
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    return render_text_file(SAMPLE, tmp_path / "defective.pdf", edit=lambda source: source.replace(old, new))


def table_results(gkcheck, path) -> dict[str, dict]:
    run = gkcheck(path, "--format", "json", "--select", "GK3")
    assert run.exit_code in (0, 1), run.stderr
    return rule_results(run.json()["reports"][0])


def only_finding(result: dict) -> dict:
    assert result["outcome"] == "failed", result
    assert len(result["findings"]) == 1, result["findings"]
    return result["findings"][0]


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


# A defect of the arithmetic is reported by the rules whose sums hold the wrong figure; the other
# table rules say what they said of the report before the edit. A 总计 is itself a term of the
# balance (GK304), and （七）总计 also the sum of the results (GK305).
DEFECT_SEEN_BY = {
    "GK302/2019-layout-in-2020": set(),
    "GK303/new-applications-total-short": {"GK303", "GK304"},
    "GK303/results-total-printed-one-more": {"GK303", "GK304", "GK305"},
    "GK304/carried-over-one-short": {"GK304"},
    "GK305/other-processing-one-more": {"GK305"},
    "GK306/review-total-one-more": {"GK306"},
    "GK307/fee-with-unit": {"GK307"},
    "GK307/negative-count": {"GK307"},
    "GK308/group-subtotal-one-more": {"GK308"},
    "GK308/group-subtotal-right": set(),
    "GK401/text-counts-differ": set(),  # the text, not the tables
    "GK402/no-reviews-said-one-in-table": set(),  # a review upheld, 总计 1: table 四 adds up
}
CASES = {case.id: case for case in load_cases() if case.id in DEFECT_SEEN_BY}


def failing_table_rules(gkcheck, path) -> set[str]:
    return {rule for rule, result in table_results(gkcheck, path).items() if result["outcome"] == "failed"}


@pytest.mark.parametrize("case_id", sorted(DEFECT_SEEN_BY))
def test_a_defect_is_reported_by_its_own_rule_alone(case_id, gkcheck, tmp_path):
    case = CASES[case_id]
    as_published = case.document.path.with_suffix(".txt")
    edited = case.document.render("txt", tmp_path / "edited.txt")
    before = failing_table_rules(gkcheck, as_published)
    after = failing_table_rules(gkcheck, edited)
    if case_id == "GK302/2019-layout-in-2020":  # the 2019 layout was right for 2020: GK302 no longer fails
        before -= {"GK302"}
    assert after == before | DEFECT_SEEN_BY[case_id]
