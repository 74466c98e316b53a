"""`pytest --gkcheck`: reports checked as pytest tests, run by pytest itself in a subprocess."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from lxml import etree

from tests.support.paths import SAMPLE_REPORTS

FAILING = "001_c779024abbc6666e.pdf"  # its GK302 is the samples' only error
OUTCOME_TAGS = {"failure": "failed", "error": "error", "skipped": "skipped"}


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """A folder holding a copy of the sample reports, where pytest runs."""
    folder = tmp_path_factory.mktemp("repo")
    shutil.copytree(SAMPLE_REPORTS, folder / "reports")
    return folder


def pytest_run(folder, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def outcomes(junit) -> dict[tuple[str, str], str]:
    """(report, rule) → passed/failed/skipped, from pytest's --junitxml file."""
    found = {}
    for case in etree.parse(str(junit)).getroot().iter("testcase"):
        tags = [child.tag for child in case if child.tag in OUTCOME_TAGS]
        found[(case.get("classname"), case.get("name"))] = OUTCOME_TAGS[tags[0]] if tags else "passed"
    return found


def rule_count(gkcheck) -> int:
    return len(gkcheck("rules", "--format", "json").json()["rules"])


@pytest.fixture(scope="module")
def serial(reports):
    """`pytest --gkcheck reports --junitxml serial.xml`, once for the module."""
    done = pytest_run(reports, "--gkcheck", "reports", "--junitxml", "serial.xml", "-rs")
    return done, outcomes(reports / "serial.xml")


def test_defective_reports_fail_and_clean_ones_pass(serial, gkcheck, reports):
    done, found = serial
    assert done.returncode == 1, done.stdout
    assert len(found) == 5 * rule_count(gkcheck)  # one testcase per (report, rule)
    failed = [key for key, outcome in found.items() if outcome == "failed"]
    assert failed == [(f"reports.{FAILING}", "GK302-template-version")]
    assert "[error] 第5页: 2021年度报告的表三使用了2019年版格式，应使用2021年版格式" in done.stdout
    skipped = [key for key, outcome in found.items() if outcome == "skipped"]
    run = gkcheck(*sorted((reports / "reports").glob("*.pdf")), "--format", "json").json()
    results = [result for report in run["reports"] for result in report["results"]]
    assert len(skipped) == sum(result["outcome"] == "skipped" for result in results) > 0  # as gkcheck skips
    assert "SKIPPED [1] reports/002_587a12f256707b84.pdf:1: 表三未列出小计，无需核对" in done.stdout
    # a warning-level finding passes, shown in pytest's warnings summary
    assert "GkcheckFinding: GK203: [warning] 第1页: 联系电话“3581178”缺少区号" in done.stdout


def test_xdist_gives_the_same_outcomes(serial, reports):
    done = pytest_run(reports, "--gkcheck", "reports", "--junitxml", "parallel.xml", "-n", "2")
    assert done.returncode == 1, done.stdout
    assert outcomes(reports / "parallel.xml") == serial[1]


def test_keyword_selection_and_exitfirst(reports):
    done = pytest_run(reports, "--gkcheck", "reports", "-k", "GK3", "-x", "-q")
    assert done.returncode == 1
    # 000's eight GK3 rules (GK308 skipped), 001's GK301, then its GK302 fails and stops the run
    assert done.stdout.splitlines()[0] == ".......s.F"
    assert re.search(r"1 failed, 8 passed, 1 skipped, \d+ deselected", done.stdout)


def test_gkcheck_options_pass_through(reports):
    done = pytest_run(
        reports, "--gkcheck", "reports/000_bd99d2d058b13537.pdf", "--gkcheck-args", "--fail-on warning", "-q"
    )
    assert done.returncode == 1
    assert "FAILED reports/000_bd99d2d058b13537.pdf::GK203-contact-info" in done.stdout


def test_without_the_option_the_plugin_collects_nothing(reports):
    done = pytest_run(reports, "reports", "-q")
    assert done.returncode == 5  # pytest's "no tests collected"


def test_an_unreadable_report_fails_each_rule_with_the_reason(tmp_path):
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "damaged.pdf").write_bytes(b"%PDF-1.4\nnot a PDF body\n")
    # -rN: under CI (env CI set) pytest's short summary repeats each reason in full
    done = pytest_run(tmp_path, "--gkcheck", "reports", "-k", "GK101 or GK201", "-q", "-rN")
    assert done.returncode == 1
    assert "2 failed" in done.stdout
    assert done.stdout.count("无法检查：PDF 已损坏") == 2
