"""Shared test helpers: paths to the real documents and a way to run the real command line."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from gkcheck.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_REPORTS = ROOT / "sample_reports"
DATA = Path(__file__).resolve().parent / "data"
SAMPLES = DATA / "samples"


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        return json.loads(self.stdout)


@pytest.fixture
def gkcheck(capsys):
    """Run the gkcheck command line in-process: `gkcheck("a.pdf", "--lang", "en")` → Run."""

    def run(*args: str) -> Run:
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def rule_results(report_json: dict) -> dict[str, dict]:
    """The results of one report of a JSON run, by rule id."""
    return {result["rule"]: result for result in report_json["results"]}


def check_rule(run, path, rule_id: str, *args: str) -> dict:
    """Run only `rule_id` on one file through the command line; its result as JSON."""
    done = run(path, "--format", "json", "--select", rule_id, *args)
    assert done.exit_code in (0, 1), done.stderr
    (report,) = done.json()["reports"]
    return rule_results(report)[rule_id]
