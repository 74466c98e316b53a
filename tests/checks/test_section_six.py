"""GK502 section-six items on the samples and on a report whose section 六 lost its items."""

from __future__ import annotations

from tests.support.paths import DATA, SAMPLE_REPORTS
from tests.support.pdfmaker import render_text_file
from tests.support.results import rule_results

CLEAN_004 = DATA / "clean" / "004_repaired.txt"


def check(gkcheck, path, *args):
    run = gkcheck(path, "--format", "json", "--select", "GK502", *args)
    assert run.exit_code in (0, 1), run.stderr
    (report,) = run.json()["reports"]
    return rule_results(report)["GK502"]


def test_sample_001_without_work_points_and_proposals_fails_gk502(gkcheck):
    result = check(gkcheck, SAMPLE_REPORTS / "001_c779024abbc6666e.pdf")
    assert result["outcome"] == "failed" and result["severity"] == "warning"
    assert [finding["expected"] for finding in result["findings"]] == [
        "落实上级年度政务公开工作要点情况",
        "人大代表建议和政协委员提案办理情况",
    ]
    assert all(finding["location"]["section"] == "六" for finding in result["findings"])


def test_sample_003_mentioning_only_proposals_is_an_info_note(gkcheck):
    result = check(gkcheck, SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf")
    assert result["severity"] == "info"
    (finding,) = result["findings"]
    assert finding["actual"] == "提案"


def test_sample_000_reporting_last_years_work_points_is_an_info_note(gkcheck):
    result = check(gkcheck, SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf")
    assert result["severity"] == "info"
    (finding,) = result["findings"]
    assert finding["actual"] == "上年度政务公开工作要点"


def test_section_six_with_the_fee_alone_fails_gk502(gkcheck, tmp_path):
    def keep_fee_only(text):
        start = text.index("（二）落实上级年度政务公开工作要点情况")
        end = text.index("市中区工业和信息化局\n2024年1月11日")
        return text[:start] + text[end:]

    result = check(gkcheck, render_text_file(CLEAN_004, tmp_path / "fee-only.pdf", keep_fee_only))
    assert len(result["findings"]) == 3


def test_complete_section_six_passes_gk502(gkcheck, tmp_path):
    assert check(gkcheck, SAMPLE_REPORTS / "004_d68fabd84de01588.pdf")["outcome"] == "passed"
    assert check(gkcheck, render_text_file(CLEAN_004, tmp_path / "004.pdf"))["outcome"] == "passed"


def test_gk502_does_not_apply_before_2021(gkcheck, tmp_path):
    def to_2020(text):
        return text.replace("2023", "2020").replace("2024年1月11日", "2021年1月11日")

    result = check(
        gkcheck, render_text_file(CLEAN_004, tmp_path / "2020.pdf", to_2020), "--profile", "national"
    )
    assert result["outcome"] == "skipped"
