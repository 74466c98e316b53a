"""GK102 on a report whose section 二 was moved after 四 (the other cases: tests/data/rules/GK1*/)."""

from __future__ import annotations

from tests.support.paths import SAMPLES
from tests.support.pdfmaker import render_text_file
from tests.support.results import check_rule

SAMPLE_003 = SAMPLES / "003_35beedbe3e7b0ed3.txt"


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
