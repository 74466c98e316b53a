"""GK102 section order, GK103 item numbering, GK104 title: real reports and defective ones built from them."""

from __future__ import annotations

from tests.support.paths import DATA, SAMPLE_REPORTS, SAMPLES
from tests.support.pdfmaker import render_edited, render_text_file
from tests.support.results import check_rule

SAMPLE_000 = SAMPLES / "000_bd99d2d058b13537.txt"
SAMPLE_002 = SAMPLES / "002_587a12f256707b84.txt"
SAMPLE_003 = SAMPLES / "003_35beedbe3e7b0ed3.txt"
CLEAN_003 = DATA / "clean" / "003_repaired.txt"


def messages(result):
    return [finding["message"] for finding in result["findings"]]


# GK102 section order


def test_sections_in_order_pass_gk102(gkcheck):
    assert check_rule(gkcheck, SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf", "GK102")["outcome"] == "passed"


def test_section_two_moved_after_four_fails_gk102(gkcheck, tmp_path):
    text = SAMPLE_003.read_text(encoding="utf-8")
    two_start, three_start = (
        text.index("二、主动公开政府信息情况"),
        text.index("三、收到和处理政府信息公开申请情况"),
    )
    five_start = text.index("五、存在的主要问题及改进情况")
    moved = text[:two_start] + text[three_start:five_start] + text[two_start:three_start] + text[five_start:]
    source = tmp_path / "moved.txt"
    source.write_text(moved, encoding="utf-8")
    result = check_rule(gkcheck, render_text_file(source, tmp_path / "moved.pdf"), "GK102")
    assert result["outcome"] == "failed"
    (finding,) = result["findings"]
    assert finding["message"].startswith("第二部分“二、主动公开政府信息情况”的位置不对")
    assert finding["actual"] == "一 三 四 二 五 六"
    assert finding["location"]["section"] == "二" and finding["location"]["page"] >= 2


def test_repeated_and_misnumbered_headings_fail_gk102(gkcheck, tmp_path):
    pdf = render_edited(
        SAMPLE_003,
        tmp_path / "repeated.pdf",
        ("五、存在的主要问题及改进情况\n", "五、存在的主要问题及改进情况\n五、存在的主要问题及改进情况\n"),
        ("六、其他需要报告的事项", "三、其他需要报告的事项"),
    )
    result = check_rule(gkcheck, pdf, "GK102")
    assert messages(result) == [
        "第五部分标题重复出现：“五、存在的主要问题及改进情况”",
        "标题“三、其他需要报告的事项”编号为三，但内容是第六部分的标题",
    ]
    assert [finding["location"]["page"] for finding in result["findings"]] == [3, 3]


# GK103 item numbering


def test_sample_000_repeated_ordinal_and_half_width_bracket_fail_gk103(gkcheck):
    result = check_rule(gkcheck, SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf", "GK103")
    assert result["outcome"] == "failed" and result["severity"] == "warning"
    assert messages(result) == [
        "第一部分同一级序号混用全角、半角括号：“(二)”",
        "第六部分序号重复或倒退：“（三）”之后又出现“（二）”",
    ]
    width, repeat = result["findings"]
    assert width["severity"] == "info" and "severity" not in repeat
    assert (repeat["expected"], repeat["actual"], repeat["location"]["section"]) == (4, 2, "六")


def test_sample_003_top_level_numbers_inside_section_six_fail_gk103(gkcheck):
    result = check_rule(gkcheck, SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf", "GK103")
    (finding,) = result["findings"]
    assert finding["message"].startswith("第六部分内使用了“一、”一级序号")
    assert finding["location"]["page"] == 4


def test_sample_004_style_change_at_one_level_fails_gk103(gkcheck):
    result = check_rule(gkcheck, SAMPLE_REPORTS / "004_d68fabd84de01588.pdf", "GK103")
    (finding,) = result["findings"]
    assert finding["message"] == "第六部分同一级序号样式不一致：“（一）”之后为“（2）”"
    assert finding["expected"] == "（一）"


def test_skipped_ordinal_fails_gk103(gkcheck, tmp_path):
    pdf = render_edited(
        CLEAN_003,
        tmp_path / "skip.pdf",
        ("（三）本年度创新", "（四）本年度创新"),
        ("（四）2023年政务公开", "（五）2023年政务公开"),
    )
    result = check_rule(gkcheck, pdf, "GK103")
    (finding,) = result["findings"]
    assert finding["message"] == "第六部分序号跳号：“（四）”紧接“（二）”"
    assert (finding["expected"], finding["actual"]) == (3, 4)


def test_arabic_list_with_a_number_twice_fails_gk103(gkcheck, tmp_path):
    pdf = render_edited(SAMPLE_002, tmp_path / "arabic.pdf", ("3. 政府信息管理情况", "4. 政府信息管理情况"))
    result = check_rule(gkcheck, pdf, "GK103")
    assert [(finding["expected"], finding["actual"]) for finding in result["findings"]] == [(3, 4), (5, 4)]
    assert messages(result) == [
        "第一部分序号跳号：“4.”紧接“2.”",
        "第一部分序号重复或倒退：“4.”之后又出现“4.”",
    ]


def test_slip_in_yi_shi_er_shi_run_is_only_info(gkcheck, tmp_path):
    pdf = render_edited(
        SAMPLE_002,
        tmp_path / "shi.pdf",
        ("不到位，在报送信息", "不到位，在报送信息"),
        ("。二是政府信息公开的宣传", "。三是政府信息公开的宣传"),
    )
    result = check_rule(gkcheck, pdf, "GK103")
    assert result["outcome"] == "failed" and result["severity"] == "info"
    (finding,) = result["findings"]
    assert finding["message"] == "第五部分“一是、二是……”序号跳号：应为“二是”，实为“三是”"


def test_yi_shi_run_restarts_under_a_new_numbered_item(gkcheck, tmp_path):
    """Each （一）/（二） item may run its own "一是、二是"; only a slip inside one run is noted."""
    path = tmp_path / "runs.txt"
    text = SAMPLE_002.read_text(encoding="utf-8").replace(
        "五、存在的主要问题及改进情况\n",
        "五、存在的主要问题及改进情况\n（一）存在问题：一是培训不足，二是宣传不够，三是队伍不稳。"
        "（二）改进措施：一是加强培训，二是加大宣传。\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    assert check_rule(gkcheck, path, "GK103")["outcome"] == "passed"
    path.write_text(text.replace("二是加大宣传", "三是加大宣传"), encoding="utf-8")
    (finding,) = check_rule(gkcheck, path, "GK103")["findings"]
    assert (finding["expected"], finding["actual"]) == (2, 3)


def test_well_numbered_report_passes_gk103(gkcheck, tmp_path):
    pdf = render_text_file(CLEAN_003, tmp_path / "clean.pdf")
    assert check_rule(gkcheck, pdf, "GK103")["outcome"] == "passed"


# GK104 title


def test_redundant_niandu_in_title_is_an_info_note(gkcheck):
    result = check_rule(gkcheck, SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf", "GK104")
    assert result["outcome"] == "failed" and result["severity"] == "info"
    (finding,) = result["findings"]
    assert finding["actual"] == "淄博高新技术产业开发区发展改革局2023年度政府信息公开工作年度报告"
    assert finding["expected"] == "2023年政府信息公开工作年度报告"
    assert finding["location"]["page"] == 1


def test_title_without_body_and_year_fails_gk104(gkcheck, tmp_path):
    pdf = render_edited(
        SAMPLE_003,
        tmp_path / "title.pdf",
        ("淄博高新技术产业开发区应急管理中心2023年政府信息公开工作年度报告", "政府信息公开工作年度报告"),
    )
    result = check_rule(gkcheck, pdf, "GK104")
    assert result["severity"] == "warning"
    assert messages(result) == [
        "标题“政府信息公开工作年度报告”未写明发布机关",
        "标题“政府信息公开工作年度报告”未写明年份",
    ]


def test_title_not_calling_itself_annual_report_fails_gk104(gkcheck, tmp_path):
    pdf = render_edited(
        SAMPLE_003,
        tmp_path / "work-report.pdf",
        ("2023年政府信息公开工作年度报告", "2023年政府信息公开工作报告"),
    )
    (finding,) = check_rule(gkcheck, pdf, "GK104")["findings"]
    assert finding["expected"] == "政府信息公开工作年度报告"
    assert finding["actual"] == "淄博高新技术产业开发区应急管理中心2023年政府信息公开工作报告"
    assert finding["location"]["page"] == 1


def test_full_title_passes_gk104(gkcheck):
    for name in ("003_35beedbe3e7b0ed3.pdf", "004_d68fabd84de01588.pdf"):
        assert check_rule(gkcheck, SAMPLE_REPORTS / name, "GK104")["outcome"] == "passed", name
