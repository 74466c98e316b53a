"""Traditional-character pages are read like Simplified ones (matched on an OpenCC copy)."""

from __future__ import annotations

import opencc
import pytest

from tests.support.paths import SAMPLES
from tests.support.results import rule_results

SAMPLE = SAMPLES / "001_c779024abbc6666e"
TO_TRADITIONAL = opencc.OpenCC("s2t").convert


def verdicts(gkcheck, path) -> dict[str, tuple[str, list]]:
    run = gkcheck(str(path), "--format", "json", "--select", "GK")
    [report] = run.json()["reports"]
    return {
        rule: (result["outcome"], [(f["expected"], f["actual"]) for f in result["findings"]])
        for rule, result in rule_results(report).items()
    }


@pytest.mark.parametrize("suffix", [".txt", ".html"])
def test_a_traditional_page_gets_the_verdicts_of_the_simplified_one(gkcheck, tmp_path, suffix):
    source = SAMPLE.with_suffix(suffix)
    traditional = tmp_path / f"traditional{suffix}"
    traditional.write_text(TO_TRADITIONAL(source.read_text(encoding="utf-8")), encoding="utf-8")
    assert "報告" in traditional.read_text(encoding="utf-8")
    assert verdicts(gkcheck, traditional) == verdicts(gkcheck, source)


def test_a_wrong_total_on_a_traditional_page_is_caught(gkcheck, tmp_path):
    text = SAMPLE.with_suffix(".txt").read_text(encoding="utf-8")
    text = text.replace("（七）总计\t44\t0\t0\t0\t0\t0\t44", "（七）总计\t44\t0\t0\t0\t0\t0\t45")
    traditional = tmp_path / "traditional.txt"
    traditional.write_text(TO_TRADITIONAL(text), encoding="utf-8")
    outcome, findings = verdicts(gkcheck, traditional)["GK303"]
    assert (outcome, findings) == ("failed", [(44, 45)])
