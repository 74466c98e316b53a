"""Running the real command line in process, and reading its JSON results."""

from __future__ import annotations

import json
from dataclasses import dataclass


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> dict:
        return json.loads(self.stdout)


def rule_results(report_json: dict) -> dict[str, dict]:
    """The results of one report of a JSON run, by rule id."""
    return {result["rule"]: result for result in report_json["results"]}


def check_rule(run, path, rule_id: str, *args: str) -> dict:
    """Run only `rule_id` on one file through the command line (`run` is the `gkcheck` fixture)."""
    done = run(path, "--format", "json", "--select", rule_id, *args)
    assert done.exit_code in (0, 1), done.stderr
    (report,) = done.json()["reports"]
    return rule_results(report)[rule_id]
