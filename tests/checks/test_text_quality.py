"""GK601 duplicated text, GK602 leftover markup, GK404 part versus whole, on real and edited reports."""

from __future__ import annotations

from tests.support.paths import DATA, SAMPLE_REPORTS, SAMPLES
from tests.support.pdfmaker import render_edited, render_text_file, replaced
from tests.support.results import check_rule

SAMPLE_003 = SAMPLES / "003_35beedbe3e7b0ed3.txt"
CLEAN_003 = DATA / "clean" / "003_repaired.txt"
CLEAN_002 = DATA / "clean" / "002_repaired.txt"


def edited_text(source, tmp_path, name, *replacements):
    """The edited report kept as a text file (read by the text loader)."""
    path = tmp_path / name
    path.write_text(replaced(source.read_text(encoding="utf-8"), replacements), encoding="utf-8")
    return path


# GK601 duplicated text


def test_sample_000_doubled_sentence_and_word_fail_gk601(gkcheck):
    result = check_rule(gkcheck, SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf", "GK601")
    assert result["outcome"] == "failed" and result["severity"] == "warning"
    sentence, word = result["findings"]
    assert sentence["actual"] == "现将有关情况报告如下现将有关情况报告如下" and "severity" not in sentence
    assert (word["actual"], word["severity"]) == ("财政财政", "info")
    assert sentence["location"]["page"] == 1


def test_sample_004_doubled_full_stop_is_an_info_note(gkcheck):
    result = check_rule(gkcheck, SAMPLE_REPORTS / "004_d68fabd84de01588.pdf", "GK601")
    assert result["severity"] == "info"
    (finding,) = result["findings"]
    assert finding["message"] == "标点重复：“。。”"


def test_phrase_doubled_across_a_pdf_line_break_fails_gk601(gkcheck, tmp_path):
    sentence = "在高新区政府网站主动向社会公开发布信息 75 条,"
    long_paragraph = "2023 年,淄博高新区应急管理中心以高新区政府网站、政务新媒体为主要平台,"
    pdf = render_edited(
        SAMPLE_003,
        tmp_path / "doubled.pdf",
        (long_paragraph + sentence, long_paragraph + "在高新区政府网站主动向社会公开发布" + sentence),
    )
    (finding,) = check_rule(gkcheck, pdf, "GK601")["findings"]
    assert finding["actual"] == "在高新区政府网站主动向社会公开发布在高新区政府网站主动向社会公开发布"
    assert finding["location"]["bbox"][3] - finding["location"]["bbox"][1] > 20  # spans two lines


def test_legitimate_repeats_pass_gk601(gkcheck, tmp_path):
    pdf = render_edited(
        CLEAN_003,
        tmp_path / "repeats.pdf",
        (
            "不断增强政府信息公开质量和水平",
            "对群众来信一一答复，常常开展自查，不断增强政府信息公开质量和水平",
        ),
    )
    assert check_rule(gkcheck, pdf, "GK601")["outcome"] == "passed"


# GK602 leftover markup


def test_placeholders_and_bookmarks_fail_gk602(gkcheck, tmp_path):
    pdf = render_edited(
        CLEAN_003,
        tmp_path / "leftovers.pdf",
        ("领导小组办公室设在中心综合科", "领导小组办公室设在XX科[bookmark: _GoBack]"),
        ("（三）本年度创新实践情况。", "（三）本年度创新实践情况。（文字描述）"),
    )
    result = check_rule(gkcheck, pdf, "GK602")
    assert [finding["actual"] for finding in result["findings"]] == [
        "[bookmark: _GoBack]",
        "XX",
        "（文字描述）",
    ]
    assert result["findings"][0]["message"] == "文档转换残留的书签标记：“[bookmark: _GoBack]”"


def test_unfilled_year_in_a_text_report_fails_gk602(gkcheck, tmp_path):
    path = edited_text(
        CLEAN_003, tmp_path, "year.txt", ("统计期限自 2023 年 1 月 1 日起", "统计期限自 XXXX 年 1 月 1 日起")
    )
    (finding,) = check_rule(gkcheck, path, "GK602")["findings"]
    assert finding["actual"] == "XXXX" and finding["location"]["line"] == 3


def test_filled_report_with_email_and_url_passes_gk602(gkcheck):
    for name in ("003_35beedbe3e7b0ed3.pdf", "001_c779024abbc6666e.pdf"):
        assert check_rule(gkcheck, SAMPLE_REPORTS / name, "GK602")["outcome"] == "passed", name


# GK404 part versus whole in the narrative


def test_sample_002_part_larger_than_total_fails_gk404(gkcheck):
    result = check_rule(gkcheck, SAMPLE_REPORTS / "002_587a12f256707b84.pdf", "GK404")
    (finding,) = result["findings"]
    assert finding["message"] == "分项“228条”大于总数“217条”"
    assert (finding["expected"], finding["actual"], finding["location"]["page"]) == ("<= 217", 228, 1)


def test_parts_within_their_total_pass_gk404(gkcheck, tmp_path):
    assert (
        check_rule(gkcheck, render_text_file(CLEAN_002, tmp_path / "002.pdf"), "GK404")["outcome"] == "passed"
    )
    assert check_rule(gkcheck, SAMPLE_REPORTS / "004_d68fabd84de01588.pdf", "GK404")["outcome"] == "passed"
