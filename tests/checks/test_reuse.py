"""GK406's share on the rule cases' pairs, measured (threshold 0), in PDF, text and DOCX, alone and
across worker processes: about 80 % and 20 % of sample 001's prose, the passages where they stand."""

from __future__ import annotations

import pytest

from tests.support.paths import RULE_CASES
from tests.support.results import rule_results
from tests.support.rule_cases import read_recipe

MEASURE = '[pack]\nname = "measure"\nextends = "national"\n[rules.GK406]\nmax_share = 0\n'


def measured(gkcheck, tmp_path, case: str, fmt: str, *args: str) -> list[dict]:
    recipe = read_recipe(RULE_CASES / "GK406" / f"{case}.toml")
    assert recipe.previous is not None
    previous = recipe.previous.render(fmt, tmp_path / f"previous.{fmt}")
    this_year = recipe.document.render(fmt, tmp_path / f"this.{fmt}")
    pack = tmp_path / "measure.toml"
    pack.write_text(MEASURE, encoding="utf-8")
    done = gkcheck(
        previous, this_year, "--profile", str(pack), "--format", "json", "--select", "GK406", *args
    )
    return rule_results(done.json()["reports"][1])["GK406"]["findings"]


@pytest.mark.parametrize("fmt", ["pdf", "txt", "docx"])
def test_four_fifths_repeated(gkcheck, tmp_path, fmt):
    share, *passages = measured(gkcheck, tmp_path, "repeats-most-of-last-year", fmt)
    assert 78 <= share["actual"] <= 84
    assert "表格数值100%与上年相同" in share["message"]
    # The longest passages: section 六's innovation items, then section 五, then part of section 一.
    assert [p["location"]["section"] for p in passages[:3]] == ["六", "五", "一"]
    if fmt == "pdf":
        assert [p["location"]["page"] for p in passages[:3]] == [3, 3, 1]


def test_a_fifth_repeated(gkcheck, tmp_path):
    share, *passages = measured(gkcheck, tmp_path, "repeats-a-fifth", "pdf", "-j", "2")
    assert 17 <= share["actual"] <= 22
    assert [p["location"]["section"] for p in passages[:2]] == ["五", "六"]
