"""GK601 on a PDF: a repeat across a line break is located over both lines.

The rule cases (tests/data/rules/GK601/) hold the findings; their locations leave out the box.
"""

from __future__ import annotations

from tests.support.paths import SAMPLES
from tests.support.pdfmaker import render_edited
from tests.support.results import check_rule

SAMPLE_003 = SAMPLES / "003_35beedbe3e7b0ed3.txt"


def test_phrase_doubled_across_a_pdf_line_break_is_boxed_over_both_lines(gkcheck, tmp_path):
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
