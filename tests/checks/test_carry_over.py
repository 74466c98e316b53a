"""GK403 when the reports of two years are checked in different worker processes."""

from __future__ import annotations

from tests.support.docxedit import edited_copy, replace_text, set_row_values
from tests.support.paths import SAMPLES

SAMPLE_001 = SAMPLES / "001_c779024abbc6666e.docx"  # 2021: 49 received, 44 concluded, 5 carried over


def next_year_of_001(tmp_path, carried_in: list[int]):
    """Sample 001 made into the same body's 2022 report, with `carried_in` as 二、上年结转."""
    return edited_copy(
        SAMPLE_001,
        tmp_path / f"2022-{carried_in[0]}.docx",
        lambda d: replace_text(d, "2021年政府信息公开工作年度报告", "2022年政府信息公开工作年度报告"),
        lambda d: set_row_values(d, "二、上年结转政府信息公开申请数量", carried_in),
    )


def test_carry_over_runs_across_worker_processes(gkcheck, tmp_path):
    this_year = next_year_of_001(tmp_path, [4, 0, 0, 0, 0, 0, 4])
    document = gkcheck(SAMPLE_001, this_year, "--format", "json", "--select", "GK403", "-j", "2").json()
    assert [report["results"][0]["outcome"] for report in document["reports"]] == ["skipped", "failed"]
