"""The per-body sheet of `--xlsx`: a body's reports across years, linked, with the rules across years."""

from __future__ import annotations

import openpyxl

from tests.support.paths import SAMPLES
from tests.support.pdfmaker import render_edited

SAMPLE_001 = SAMPLES / "001_c779024abbc6666e.txt"


def test_per_body_sheet_links_the_years(tmp_path, gkcheck):
    this_year = render_edited(
        SAMPLE_001,
        tmp_path / "2022.pdf",
        ("2021年政府信息公开工作年度报告", "2022年政府信息公开工作年度报告"),
        ("统计期限自2021年1月1日起，至2021年12月31日止", "统计期限自2022年1月1日起，至2022年12月31日止"),
        ("2022年2月17日", "2023年2月17日"),
        ("行政规范性文件\t11\t4\t54", "行政规范性文件\t5\t2\t60"),
    )
    other = SAMPLES / "000_bd99d2d058b13537.txt"
    workbook_path = tmp_path / "out.xlsx"
    gkcheck(this_year, SAMPLE_001, other, "--xlsx", str(workbook_path), "-q")
    rows = list(openpyxl.load_workbook(workbook_path)["逐年对比"].values)
    assert rows[0][6:11] == (
        "上年报告",
        "上年结转衔接（GK403）",
        "表二衔接（GK405）",
        "与上年重复（GK406）",
        "第五部分（GK503）",
    )
    by_year = {row[1]: row for row in rows[1:] if row[0] == "淄博高新技术产业开发区"}
    assert list(by_year) == [2021, 2022]  # one body, in year order
    assert by_year[2021][6] is None and by_year[2021][7:10] == ("跳过", "跳过", "跳过")
    # 2022 is linked to 2021: its stock of normative documents does not follow (54 + 5 − 2 ≠ 60), and
    # it is 2021's text with the years changed.
    assert by_year[2022][6] == str(SAMPLE_001)
    assert by_year[2022][8:10] == ("未通过", "未通过")
    assert by_year[2022][11] == str(this_year)


def test_unwritable_workbook_is_a_usage_error(tmp_path, gkcheck):
    target = tmp_path / "missing" / "out.xlsx"
    done = gkcheck(SAMPLE_001, "--xlsx", str(target))
    assert done.exit_code == 4
    assert f"--xlsx：无法写入 {target}" in done.stderr
