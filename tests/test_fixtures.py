"""`-p no:NAME` blocks one plugin's rules and nothing that other plugins' rules need.

The table fixtures (`active_disclosure`, `applications`, `reviews`) live in `gkcheck.fixtures`, so
blocking the table rules GK301–GK307 (`-p no:tables`) leaves GK308 and GK401–GK403 running with
the same outcomes; GK404 belongs to the narrative rules, not to the text-quality ones.
"""

from __future__ import annotations

from tests.support.docxedit import edited_copy, insert_group_row
from tests.support.paths import HONGZE_2023, HONGZE_2024, SAMPLES, corpus_file


def hongze() -> tuple:
    """洪泽区's 2023 and 2024 reports, from the shared corpus."""
    return corpus_file(HONGZE_2023), corpus_file(HONGZE_2024)


TABLE_DEPENDENT = ("GK308", "GK401", "GK402", "GK403")


def results_by_report(gkcheck, paths, *args: str) -> dict[str, dict[str, dict]]:
    """Each report's results by rule id, of a JSON run over `paths`."""
    run = gkcheck(*paths, "--format", "json", *args)
    assert run.exit_code in (0, 1), run.stderr
    return {
        report["path"]: {result["rule"]: result for result in report["results"]}
        for report in run.json()["reports"]
    }


def outcomes(results: dict[str, dict[str, dict]], rules: tuple[str, ...]) -> dict:
    """What each rule concluded on each report: outcome, reason and findings."""
    return {
        (path, rule): (by_rule[rule]["outcome"], by_rule[rule].get("reason"), by_rule[rule]["findings"])
        for path, by_rule in results.items()
        for rule in rules
    }


def wrong_group_subtotal(tmp_path):
    """A real report (2019 layout) whose （四）无法提供 row prints a total of 17 over sub-rows of 16."""

    def edit(document):
        insert_group_row(
            document,
            "（四）无法提供",
            "1．本机关不掌握相关政府信息",
            "（二）部分公开",
            [16, 0, 0, 0, 0, 0, 17],
        )

    return edited_copy(SAMPLES / "001_c779024abbc6666e.docx", tmp_path / "subtotal.docx", edit)


def test_blocking_the_table_rules_keeps_the_rules_that_read_the_tables(tmp_path, gkcheck):
    paths = (*hongze(), wrong_group_subtotal(tmp_path))
    selection = ("--select", "GK3,GK4")
    everything = results_by_report(gkcheck, paths, *selection)
    without_tables = results_by_report(gkcheck, paths, *selection, "-p", "no:tables")

    for by_rule in without_tables.values():
        assert not any(rule in by_rule for rule in ("GK301", "GK302", "GK303", "GK307"))
        assert set(TABLE_DEPENDENT) <= set(by_rule)
    assert outcomes(without_tables, TABLE_DEPENDENT) == outcomes(everything, TABLE_DEPENDENT)

    # The comparison is not between two runs that skipped everything.
    edited = without_tables[str(paths[2])]
    assert edited["GK308"]["outcome"] == "failed"
    hongze_2024 = without_tables[str(paths[1])]
    assert hongze_2024["GK401"]["outcome"] == "failed"
    assert hongze_2024["GK403"]["outcome"] == "passed"


def test_the_part_whole_rule_belongs_to_the_narrative_rules(gkcheck):
    path = hongze()[:1]
    without_text_quality = results_by_report(gkcheck, path, "-p", "no:text_quality")
    (by_rule,) = without_text_quality.values()
    assert by_rule["GK404"]["outcome"] == "passed"
    assert "GK601" not in by_rule and "GK602" not in by_rule

    without_narrative = results_by_report(gkcheck, path, "-p", "no:narrative")
    (by_rule,) = without_narrative.values()
    assert not any(rule in by_rule for rule in ("GK401", "GK402", "GK404"))
    assert "GK601" in by_rule and "GK403" in by_rule
