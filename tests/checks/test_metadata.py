"""The five foundation rules on real sample reports and on defective reports built from them."""

from __future__ import annotations

import pytest

from tests.support.paths import DATA, SAMPLE_REPORTS, SAMPLES
from tests.support.pdfmaker import render_pdf, render_scan, render_text_file
from tests.support.results import rule_results

SAMPLE_003 = SAMPLES / "003_35beedbe3e7b0ed3.txt"
SAMPLE_000 = SAMPLES / "000_bd99d2d058b13537.txt"


def check(gkcheck, path, *args):
    run = gkcheck(path, "--format", "json", *args)
    assert run.exit_code in (0, 1), run.stderr
    (report,) = run.json()["reports"]
    return rule_results(report)


def test_sample_reports_pass_required_sections_and_period(gkcheck):
    for path in sorted(SAMPLE_REPORTS.glob("*.pdf")):
        results = check(gkcheck, path)
        for rule_id in ("GK001", "GK101", "GK201", "GK501"):
            assert results[rule_id]["outcome"] == "passed", (path.name, rule_id, results[rule_id])


def test_missing_section_three_heading_fails_gk101(gkcheck, tmp_path):
    def drop_heading(text):
        assert "三、收到和处理政府信息公开申请情况" in text
        return text.replace("三、收到和处理政府信息公开申请情况\n", "")

    pdf = render_text_file(SAMPLE_003, tmp_path / "no-three.pdf", drop_heading)
    result = check(gkcheck, pdf)["GK101"]
    assert result["outcome"] == "failed"
    (finding,) = result["findings"]
    assert finding["expected"] == "三、收到和处理政府信息公开申请情况"
    assert "第三部分" in finding["message"]
    assert finding["location"]["page"] >= 1


def test_period_sentence_passes_and_its_removal_fails_gk201(gkcheck, tmp_path):
    sentence = "本年度报告中所列数据的统计期限自 2023 年 1 月 1 日起,至 2023 年 12 月 31 日止。"
    kept = render_text_file(SAMPLE_003, tmp_path / "kept.pdf")
    assert check(gkcheck, kept)["GK201"]["outcome"] == "passed"

    removed = render_text_file(SAMPLE_003, tmp_path / "removed.pdf", lambda text: text.replace(sentence, ""))
    result = check(gkcheck, removed)["GK201"]
    assert result["outcome"] == "failed"
    assert "统计期限" in result["findings"][0]["message"]


def test_period_of_the_wrong_year_fails_gk201(gkcheck, tmp_path):
    pdf = render_text_file(
        SAMPLE_003,
        tmp_path / "wrong-year.pdf",
        lambda text: text.replace("自 2023 年 1 月 1 日起,至 2023 年", "自 2022 年 1 月 1 日起,至 2022 年"),
    )
    (finding,) = check(gkcheck, pdf, "--lang", "en")["GK201"]["findings"]
    assert finding["expected"] == 2023 and finding["actual"] == 2022
    assert finding["location"]["page"] == 1


def test_partial_year_period_fails_gk201(gkcheck, tmp_path):
    pdf = render_text_file(
        SAMPLE_003, tmp_path / "half.pdf", lambda text: text.replace("12 月 31 日止", "6 月 30 日止")
    )
    (finding,) = check(gkcheck, pdf)["GK201"]["findings"]
    assert finding["actual"] == "2023-01-01/2023-06-30"


def test_report_without_phone_number_fails_gk203(gkcheck, tmp_path):
    pdf = render_text_file(
        SAMPLE_003, tmp_path / "no-phone.pdf", lambda text: text.replace("电话:0533-3580633;", "")
    )
    result = check(gkcheck, pdf)["GK203"]
    assert result["outcome"] == "failed"
    assert [finding["expected"] for finding in result["findings"]] == ["phone"]


def test_phone_without_area_code_is_a_warning_on_the_real_sample(gkcheck):
    result = check(gkcheck, SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf")["GK203"]
    assert result["severity"] == "warning"
    assert [finding["actual"] for finding in result["findings"]] == ["3581178"]


def test_fullwidth_at_sign_in_email_fails_gk203(gkcheck):
    result = check(gkcheck, SAMPLE_REPORTS / "004_d68fabd84de01588.pdf")["GK203"]
    assert [finding["actual"] for finding in result["findings"]] == ["gxj3252082＠zz.shandong.cn"]


def test_complete_contact_passes_gk203(gkcheck):
    assert check(gkcheck, SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf")["GK203"]["outcome"] == "passed"


def test_missing_fee_statement_fails_gk501(gkcheck, tmp_path):
    pdf = render_text_file(
        SAMPLE_003,
        tmp_path / "no-fee.pdf",
        lambda text: text.replace("一、本年度依申请公开,未收取任何信息处理费。", "").replace(
            "未收取任何信息处理费", ""
        ),
    )
    result = check(gkcheck, pdf)["GK501"]
    assert result["outcome"] == "failed", result
    assert result["findings"][0]["location"]["page"] >= 1


def test_scanned_pdf_fails_gk001_and_skips_every_other_rule(gkcheck, tmp_path):
    results = check(gkcheck, render_scan(tmp_path / "scan.pdf"))
    assert results["GK001"]["outcome"] == "failed"
    assert "OCR" in results["GK001"]["findings"][0]["message"]
    others = [result for rule_id, result in results.items() if rule_id != "GK001"]
    assert others and all(result["outcome"] == "skipped" for result in others)
    assert all("无文本层" in result["reason"] for result in others)


def test_rule_outcomes_are_independent_of_output_language(gkcheck):
    path = SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"
    zh, en = check(gkcheck, path), check(gkcheck, path, "--lang", "en")
    assert {k: v["outcome"] for k, v in zh.items()} == {k: v["outcome"] for k, v in en.items()}
    assert "area code" in en["GK203"]["findings"][0]["message"]
    assert "区号" in zh["GK203"]["findings"][0]["message"]


@pytest.mark.parametrize("name", ["hongze-2023.pdf", "hongze-2024.pdf", "huaian-2024.pdf"])
def test_real_jiangsu_reports_state_their_fees(gkcheck, name):
    assert check(gkcheck, SAMPLE_REPORTS / name)["GK501"]["outcome"] == "passed"


def test_text_sample_reads_like_its_pdf(gkcheck, tmp_path):
    txt = check(gkcheck, SAMPLE_000)
    pdf = check(gkcheck, SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf")
    for rule_id in ("GK101", "GK201", "GK203", "GK501"):
        assert txt[rule_id]["outcome"] == pdf[rule_id]["outcome"], rule_id


def test_render_pdf_round_trip_keeps_text(tmp_path):
    import pdfplumber

    from gkcheck.loaders.pdf import read_pdf

    path = render_pdf(["淄博市测试局", "2023年政府信息公开工作年度报告"], tmp_path / "t.pdf")
    with pdfplumber.open(path) as pdf:
        document = read_pdf(str(path), pdf)
    assert [line.text for line in document.lines][:2] == ["淄博市测试局", "2023年政府信息公开工作年度报告"]


def test_unclosed_bracket_in_contact_sentence_is_a_note(gkcheck):
    seed = rule_results(
        gkcheck(DATA / "seeds" / "004_d68fabd84de01588.txt", "--format", "json").json()["reports"][0]
    )
    notes = [finding for finding in seed["GK203"]["findings"] if finding["expected"] == "）"]
    assert [note["severity"] for note in notes] == ["info"]
    closed = check(gkcheck, SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf")["GK203"]
    assert closed["outcome"] == "passed"
