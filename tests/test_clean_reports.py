"""Clean reports (samples with their defects repaired) pass every rule, as PDF and as text."""

from __future__ import annotations

import pytest

from tests.support.paths import DATA
from tests.support.pdfmaker import render_text_file

CLEAN = sorted((DATA / "clean").glob("*.txt"))


@pytest.fixture(scope="module")
def clean_pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clean")
    return [render_text_file(path, folder / f"{path.stem}.pdf") for path in CLEAN]


def test_there_are_at_least_three_clean_reports():
    assert len(CLEAN) >= 3


def test_clean_reports_pass_every_rule(gkcheck, clean_pdfs):
    # Every rule gkcheck ships (GK...), not those of plugins that happen to be installed.
    run = gkcheck(*clean_pdfs, *CLEAN, "--format", "json", "--fail-on", "info", "--select", "GK")
    reports = run.json()["reports"]
    assert len(reports) == 2 * len(CLEAN)
    for report in reports:
        fired = [
            (result["rule"], result["findings"])
            for result in report["results"]
            if result["outcome"] not in ("passed", "skipped")
        ]
        assert fired == [], report["path"]
        assert report["outcome"] == "passed"
    assert run.exit_code == 0


def test_clean_reports_are_checked_by_the_structure_and_text_rules(gkcheck, clean_pdfs):
    """The rules pass because they checked, not because they were skipped."""
    run = gkcheck(*clean_pdfs, "--format", "json", "--select", "GK1,GK2,GK404,GK5,GK6")
    for report in run.json()["reports"]:
        skipped = [result["rule"] for result in report["results"] if result["outcome"] == "skipped"]
        assert skipped == [], report["path"]
