"""pytest plugin: `pytest --gkcheck reports/` checks reports as tests (entry point `pytest11`).

Follows pytest's pattern for non-Python test files: `pytest_collect_file` makes a `ReportFile`
node of each file a gkcheck loader claims, and the node holds one `RuleItem` per rule, so that
`-k GK3`, `-x`, `--junitxml`, `-n` (pytest-xdist) and pytest's own reporting work on reports.

A rule failing at or above gkcheck's `--fail-on` fails its item, the findings as the failure's
text; one failing below it passes with a `GkcheckFinding` warning per finding (pytest's warnings
summary shows them; `-W error::gkcheck.pytest_plugin.GkcheckFinding` makes them fail) and the
findings as `user_properties` (written by `--junitxml`). A skipped rule is a skip with gkcheck's
reason. A file that cannot be read fails every item with the reason.

Without `--gkcheck` the plugin does nothing. The files are checked once per process, all
together, when the first item runs (so the rules comparing two years' reports see both);
gkcheck's own options go in `--gkcheck-args "..."` or the `gkcheck_args` ini setting.
"""

from __future__ import annotations

import os
import shlex
import warnings
from pathlib import Path
from typing import Any, NoReturn

import pytest

RUN_KEY = pytest.StashKey["GkcheckRun"]()


class GkcheckFinding(UserWarning):
    """A finding of a rule that failed below `--fail-on`: reported, not failing."""


class RuleFailed(Exception):
    """A rule failed at or above `--fail-on`: the findings, one a line."""


class RuleCrashed(Exception):
    """The rule itself raised, or the file could not be checked."""


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("gkcheck", "checking reports with gkcheck")
    group.addoption(
        "--gkcheck",
        action="store_true",
        help="check the report files (.pdf .docx .html .txt ...) found, one test per rule",
    )
    group.addoption(
        "--gkcheck-args",
        default=None,
        metavar="ARGS",
        help="gkcheck options for the check, e.g. '--profile shandong --fail-on warning'",
    )
    parser.addini("gkcheck_args", "gkcheck options for --gkcheck", type="args", default=[])


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("gkcheck"):
        given = config.getoption("gkcheck_args")
        args = shlex.split(given) if given is not None else list(config.getini("gkcheck_args"))
        config.stash[RUN_KEY] = GkcheckRun(args, [str(Path(arg)) for arg in config.args])


class GkcheckRun:
    """gkcheck's configuration for the pytest run, and the results once the files are checked."""

    def __init__(self, args: list[str], paths: list[str]):
        from gkcheck.commands.check import check_config
        from gkcheck.runner import Checker

        # JSON to nowhere: gkcheck's terminal reporter stays quiet inside pytest's output.
        self.config = check_config([*args, *paths, "--format", "json", "-o", os.devnull, "-q", "-q"])
        checker = Checker(self.config)
        by_id = {
            item.id: item for profile in self.config.profiles_in_use() for item in checker.rules_for(profile)
        }
        self.rules = [by_id[rule_id] for rule_id in sorted(by_id)]
        self.paths: list[str] = []
        self.results: dict[str, Any] | None = None

    def claims(self, file_path: Path) -> bool:
        return bool(self.config.hook.gkcheck_collect_file(file_path=file_path, config=self.config))

    def result(self, path: str):
        """The file's `ReportResult`, checking every collected file on the first call."""
        if self.results is None:
            from gkcheck.session import Session

            session = Session(self.config, list(self.paths))
            session.run()
            if session.interrupted:
                raise KeyboardInterrupt
            self.results = {result.path: result for result in session.results}
        return self.results[path]


def pytest_collect_file(file_path: Path, parent: pytest.Collector):
    run = parent.config.stash.get(RUN_KEY, None)
    if run is not None and run.claims(file_path):
        return ReportFile.from_parent(parent, path=file_path)
    return None


class ReportFile(pytest.File):
    """A report file: one item per rule that may run on it."""

    def collect(self):
        run = self.config.stash[RUN_KEY]
        run.paths.append(str(self.path))
        for rule in run.rules:
            yield RuleItem.from_parent(self, name=f"{rule.id}-{rule.name}", rule_id=rule.id)


class RuleItem(pytest.Item):
    """One rule on one report."""

    def __init__(self, *, rule_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rule_id = rule_id

    def runtest(self) -> None:
        from gkcheck.results import ERROR, FAILED, SKIPPED
        from gkcheck.rule import SEVERITY_RANK

        run = self.config.stash[RUN_KEY]
        lang, fail_on = run.config.lang, run.config.get("fail_on")
        report = run.result(str(self.path))
        if report.error is not None:
            raise RuleCrashed(run.config.text(zh="无法检查：", en="not checked: ") + report.error.text(lang))
        item = next((result for result in report.results if result.rule_id == self.rule_id), None)
        if item is None:
            profile = report.facts.get("profile")
            skip(run.config.text(zh=f"规则包 {profile} 未启用该规则", en=f"not enabled in profile {profile}"))
        if item.outcome == SKIPPED:
            skip(item.reason.text(lang) if item.reason else "")
        if item.outcome == ERROR:
            raise RuleCrashed(item.traceback or (item.reason.text(lang) if item.reason else ""))
        if item.outcome != FAILED:
            return
        lines = finding_lines(item, lang)
        self.user_properties.extend(("finding", line) for line in lines)
        if item.waived:
            skip(run.config.text(zh="问题均已豁免", en="every finding is waived"))
        if SEVERITY_RANK[item.severity] >= SEVERITY_RANK[fail_on]:
            raise RuleFailed("\n".join(lines))
        for finding, line in zip(item.findings, lines):
            where = finding.location
            number = (where.line or where.page or 0) if where is not None else 0
            warnings.warn_explicit(GkcheckFinding(f"{self.rule_id}: {line}"), None, str(self.path), number)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, (RuleFailed, RuleCrashed)):
            return f"{self.rule_id} {self.name.split('-', 1)[-1]}\n{excinfo.value}"
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, 0, f"{self.path.name}::{self.rule_id}"


def skip(reason: str) -> NoReturn:
    """Skip the item, the skip reported at the report file (as a skip mark is) rather than here."""
    raise pytest.skip.Exception(reason, _use_item_location=True)


def finding_lines(item, lang: str) -> list[str]:
    """`[warning] 第1页: message` for each finding, waived ones marked."""
    lines = []
    for index, finding in enumerate(item.findings):
        place = finding.location.describe(lang) if finding.location else ""
        waived = " (waived)" if item.is_waived(index) else ""
        severity = finding.severity or item.severity
        lines.append(f"[{severity}] {place + ': ' if place else ''}{finding.message.text(lang)}{waived}")
    return lines
