"""`--statistics`: the findings per rule, counted as the JSON results count them."""

from __future__ import annotations

from collections import Counter

from tests.support.paths import SAMPLE_REPORTS

SAMPLES = sorted(SAMPLE_REPORTS.glob("*.pdf"))


def test_statistics_count_each_rules_findings_most_frequent_first(gkcheck):
    document = gkcheck(*SAMPLES, "--format", "json").json()
    expected = Counter(
        r["rule"] for report in document["reports"] for r in report["results"] for _ in r["findings"]
    )
    text = gkcheck(*SAMPLES, "--statistics", "-q", "-q", "--lang", "en").stdout
    lines = text[text.index("findings per rule:") :].splitlines()[1 : len(expected) + 1]
    counted = {line.split()[1]: int(line.split()[0]) for line in lines}
    assert counted == dict(expected)
    assert [int(line.split()[0]) for line in lines] == sorted(expected.values(), reverse=True)
    assert "  1  GK302  template-version      [error]" in lines
    assert "  4  GK103  item-numbering        [warning]" in lines


def test_statistics_can_be_set_in_the_configuration_file(gkcheck, tmp_path):
    (tmp_path / "gkcheck.toml").write_text("statistics = true\n", encoding="utf-8")
    text = gkcheck(SAMPLES[0], "--config", tmp_path / "gkcheck.toml", "-q", "-q").stdout
    assert "各规则的问题数：\n" in text
    assert "各规则的问题数" not in gkcheck(SAMPLES[0], "-q", "-q").stdout
