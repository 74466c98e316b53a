"""`gkcheck inspect FILE OTHER…`: which report of the run is linked as last year's, and why."""

from __future__ import annotations

from tests.support.paths import SAMPLES
from tests.support.pdfmaker import render_edited

SAMPLE_001 = SAMPLES / "001_c779024abbc6666e.txt"
TO_2022 = (
    ("2021年政府信息公开工作年度报告", "2022年政府信息公开工作年度报告"),
    ("统计期限自2021年1月1日起，至2021年12月31日止", "统计期限自2022年1月1日起，至2022年12月31日止"),
    ("2022年2月17日", "2023年2月17日"),
)


def test_inspect_shows_the_linked_report_and_why(tmp_path, gkcheck):
    this_year = render_edited(SAMPLE_001, tmp_path / "2022.pdf", *TO_2022)
    other_body = SAMPLES / "000_bd99d2d058b13537.txt"
    done = gkcheck("inspect", "--json", str(this_year), str(SAMPLE_001), str(other_body))
    assert done.exit_code == 0, done.stderr
    previous = done.json()["previous"]
    assert previous["linked"] == str(SAMPLE_001)
    linked, other = previous["candidates"]
    assert linked["linked"] is True and linked["year"] == 2021
    assert (
        linked["why"]["en"].startswith("same body") and "year 2021 is the year before" in linked["why"]["en"]
    )
    assert other["linked"] is False and other["issuer"] == "淄博高新技术产业开发区发展改革局"
    assert other["why"]["zh"].startswith("机关不同")


def test_same_body_in_another_year_is_not_linked(tmp_path, gkcheck):
    later = render_edited(
        SAMPLE_001,
        tmp_path / "2023.pdf",
        *((old, new.replace("2022", "2023").replace("2023年2月", "2024年2月")) for old, new in TO_2022),
    )
    done = gkcheck("inspect", "--json", str(later), str(SAMPLE_001))
    previous = done.json()["previous"]
    assert previous["linked"] is None
    assert previous["candidates"][0]["why"]["en"] == "same body, but its year is 2021, not 2022"


def test_inspect_without_others_has_no_link(gkcheck):
    assert "previous" not in gkcheck("inspect", "--json", str(SAMPLE_001)).json()
