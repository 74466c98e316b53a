"""GK202 year consistency, GK204 signature, GK205 publication deadline on real and edited reports."""

from __future__ import annotations

from tests.support.paths import DATA, SAMPLE_REPORTS, SAMPLES
from tests.support.pdfmaker import render_edited, render_text_file
from tests.support.results import check_rule

SAMPLE_003 = SAMPLES / "003_35beedbe3e7b0ed3.txt"
CLEAN_002 = DATA / "clean" / "002_repaired.txt"
SIGNED_003 = "2024年1月15日"


# GK202 year consistency


def test_consistent_years_pass_gk202(gkcheck):
    for name in ("000_bd99d2d058b13537.pdf", "003_35beedbe3e7b0ed3.pdf", "004_d68fabd84de01588.pdf"):
        assert check_rule(gkcheck, SAMPLE_REPORTS / name, "GK202")["outcome"] == "passed", name


def test_title_year_left_from_last_year_fails_gk202(gkcheck, tmp_path):
    pdf = render_edited(
        SAMPLE_003,
        tmp_path / "title-2022.pdf",
        ("应急管理中心2023年政府信息公开", "应急管理中心2022年政府信息公开"),
    )
    result = check_rule(gkcheck, pdf, "GK202")
    (finding,) = result["findings"]
    assert finding["message"] == "标题年份（2022年）与统计期限和正文所述年份（2023年）不一致"
    assert (finding["expected"], finding["actual"], finding["location"]["page"]) == (2023, 2022, 1)


def test_signed_within_the_report_year_fails_gk202(gkcheck, tmp_path):
    pdf = render_edited(SAMPLE_003, tmp_path / "early.pdf", (SIGNED_003, "2023年12月20日"))
    (finding,) = check_rule(gkcheck, pdf, "GK202")["findings"]
    assert (finding["expected"], finding["actual"]) == (2024, 2023)
    assert finding["location"]["page"] == 3  # the last page of the rendered report


def test_other_year_opening_section_one_is_an_info_note(gkcheck, tmp_path):
    pdf = render_edited(
        SAMPLE_003,
        tmp_path / "old-text.pdf",
        ("2023 年,淄博高新区应急管理中心全面", "2022 年,淄博高新区应急管理中心全面"),
    )
    result = check_rule(gkcheck, pdf, "GK202")
    assert result["severity"] == "info"
    (finding,) = result["findings"]
    assert (finding["expected"], finding["actual"], finding["location"]["section"]) == (2023, 2022, "一")


# GK204 signature


def test_sample_002_without_signature_fails_gk204(gkcheck):
    result = check_rule(gkcheck, SAMPLE_REPORTS / "002_587a12f256707b84.pdf", "GK204")
    assert result["outcome"] == "failed" and result["severity"] == "warning"
    (finding,) = result["findings"]
    assert finding["message"] == "报告末尾没有落款（发布机关名称和日期）"
    assert finding["location"]["page"] == 5


def test_signature_by_the_office_of_the_titled_body_is_an_info_note(gkcheck):
    result = check_rule(gkcheck, SAMPLE_REPORTS / "001_c779024abbc6666e.pdf", "GK204")
    assert result["severity"] == "info"
    (finding,) = result["findings"]
    assert (finding["expected"], finding["actual"]) == (
        "淄博高新技术产业开发区",
        "淄博高新技术产业开发区管理委员会办公室",
    )


def test_signature_without_body_name_fails_gk204(gkcheck, tmp_path):
    pdf = render_edited(
        SAMPLE_003,
        tmp_path / "no-name.pdf",
        ("等信息。\n\n淄博高新技术产业开发区应急管理中心\n", "等信息。\n\n"),
    )
    (finding,) = check_rule(gkcheck, pdf, "GK204")["findings"]
    assert finding["message"] == "落款缺少发布机关名称"


def test_signed_reports_pass_gk204(gkcheck, tmp_path):
    assert check_rule(gkcheck, SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf", "GK204")["outcome"] == "passed"
    pdf = render_text_file(CLEAN_002, tmp_path / "signed-002.pdf")
    assert check_rule(gkcheck, pdf, "GK204")["outcome"] == "passed"


# GK205 publication deadline


def test_department_report_signed_in_february_fails_gk205(gkcheck, tmp_path):
    pdf = render_edited(SAMPLE_003, tmp_path / "late.pdf", (SIGNED_003, "2024年2月20日"))
    inferred = check_rule(gkcheck, pdf, "GK205")
    assert inferred["outcome"] == "failed" and inferred["severity"] == "warning"
    (finding,) = inferred["findings"]
    assert (finding["expected"], finding["actual"]) == ("2024-01-31", "2024-02-20")
    assert finding["location"]["page"] == 3  # the last page of the rendered report
    assert check_rule(gkcheck, pdf, "GK205", "--kind", "department")["severity"] == "error"
    assert check_rule(gkcheck, pdf, "GK205", "--kind", "government")["outcome"] == "passed"


def test_unknown_body_kind_between_deadlines_is_an_info_note(gkcheck):
    result = check_rule(gkcheck, SAMPLE_REPORTS / "001_c779024abbc6666e.pdf", "GK205")
    assert result["severity"] == "info"
    (finding,) = result["findings"]
    assert (finding["expected"], finding["actual"]) == ("2022-01-31", "2022-02-17")


def test_unknown_body_kind_after_march_is_a_warning(gkcheck, tmp_path):
    pdf = render_edited(
        SAMPLES / "001_c779024abbc6666e.txt", tmp_path / "april.pdf", ("2022年2月17日", "2022年4月6日")
    )
    result = check_rule(gkcheck, pdf, "GK205")
    assert result["severity"] == "warning"
    assert result["findings"][0]["expected"] == "2022-03-31"


def test_provincial_pack_sets_an_earlier_deadline(gkcheck, tmp_path):
    pack = tmp_path / "early.toml"
    pack.write_text(
        '[pack]\nname = "early"\nextends = "national"\n\n[rules.GK205]\ndepartment = "01-10"\n',
        encoding="utf-8",
    )
    sample = SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf"
    assert check_rule(gkcheck, sample, "GK205")["outcome"] == "passed"
    (finding,) = check_rule(gkcheck, sample, "GK205", "--profile", str(pack))["findings"]
    assert (finding["expected"], finding["actual"]) == ("2024-01-10", "2024-01-15")


def test_malformed_deadline_in_a_pack_is_a_usage_error(gkcheck, tmp_path):
    pack = tmp_path / "bad.toml"
    pack.write_text(
        '[pack]\nname = "bad"\nextends = "national"\n\n[rules.GK205]\ndepartment = "Jan 31"\n',
        encoding="utf-8",
    )
    run = gkcheck(SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf", "--select", "GK205", "--profile", str(pack))
    assert run.exit_code == 4
    assert "[rules.GK205] department = 'Jan 31'" in run.stderr and "Traceback" not in run.stderr


def test_report_without_signature_date_skips_gk205(gkcheck):
    result = check_rule(gkcheck, SAMPLE_REPORTS / "002_587a12f256707b84.pdf", "GK205")
    assert result["outcome"] == "skipped"
    assert "GK204" in result["reason"]


# GK205 with the publication date of a web page


def test_web_capture_without_signature_is_held_to_its_publication_date(gkcheck):
    capture = DATA / "corpus" / "pingtan_2022_80629_page.txt"  # 发布时间: 2023-02-20, a 管委会
    unknown = check_rule(gkcheck, capture, "GK205")
    (note,) = unknown["findings"]
    assert unknown["severity"] == "info" and note["actual"] == "2023-02-20" and "发布日期" in note["message"]
    assert check_rule(gkcheck, capture, "GK205", "--kind", "government")["outcome"] == "passed"
    late = check_rule(gkcheck, capture, "GK205", "--kind", "department")
    assert (late["severity"], late["findings"][0]["expected"]) == ("error", "2023-01-31")


def test_html_page_publication_date_meta_tag(gkcheck, tmp_path):
    page = (SAMPLES / "002_587a12f256707b84.html").read_text(encoding="utf-8")  # no signature
    assert "<head>" in page
    dated = tmp_path / "002.html"
    dated.write_text(
        page.replace("<head>", '<head><meta name="PubDate" content="2024-02-20 09:30">', 1), encoding="utf-8"
    )
    (finding,) = check_rule(gkcheck, dated, "GK205")["findings"]
    assert (finding["expected"], finding["actual"]) == ("2024-01-31", "2024-02-20")
    assert check_rule(gkcheck, SAMPLES / "002_587a12f256707b84.html", "GK205")["outcome"] == "skipped"
