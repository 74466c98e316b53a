"""Checking one file: selecting the rules, loading the report, resolving fixtures, running rules."""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gkcheck.config import Config
from gkcheck.document import Line
from gkcheck.errors import InputError, UsageError, clean_detail, describe_failure
from gkcheck.file_guards import MAX_MESSAGE_CHARS, FileTimeout, library_warnings, time_limit, timeout_error
from gkcheck.originals import Originals, printed, restore_findings
from gkcheck.packs.profile import Profile
from gkcheck.patterns import LazyPattern
from gkcheck.report import Report
from gkcheck.results import ERROR, FAILED, PASSED, SKIPPED, ReportResult, RuleResult
from gkcheck.rule import SEVERITIES, SEVERITY_RANK, Finding, FindingCollector, Fixture, Message, Rule, Skipped
from gkcheck.run_index import RunIndex

HEAD_BYTES = 8192  # what a loader sees of a file to recognise its format
CJK = LazyPattern(r"[\u4e00-\u9fff]")


class FixtureError(Exception):
    """A fixture raised: every rule needing it ends in `error` with the fixture's traceback."""

    def __init__(self, name: str, tb: str):
        super().__init__(name)
        self.name = name
        self.traceback = tb


@dataclass
class FixtureScope:
    """Fixture values for one report. Each fixture is computed once and shared by all rules."""

    fixtures: dict[str, Fixture]
    values: dict[str, Any] = field(default_factory=dict)
    failures: dict[str, BaseException] = field(default_factory=dict)

    def get(self, name: str, requested_by: str, chain: tuple[str, ...] = ()) -> Any:
        if name in self.values:
            return self.values[name]
        if name in self.failures:
            raise self.failures[name]
        if name in chain:
            cycle = " → ".join([*chain, name])
            raise UsageError(zh=f"fixture 循环依赖：{cycle}", en=f"fixture cycle: {cycle}")
        fixture = self.fixtures.get(name)
        if fixture is None:
            known = ", ".join(sorted(self.fixtures))
            raise UsageError(
                zh=f"{requested_by} 请求了未知的 fixture {name!r}（可用：{known}）",
                en=f"{requested_by} asks for unknown fixture {name!r} (known: {known})",
            )
        try:
            kwargs = {arg: self.get(arg, name, (*chain, name)) for arg in fixture.arguments}
            value = fixture.function(**kwargs)
        except (Skipped, FixtureError, UsageError) as exc:
            self.failures[name] = exc
            raise
        except Exception:
            error = FixtureError(name, traceback.format_exc())
            self.failures[name] = error
            raise error from None
        self.values[name] = value
        return value


def effective_severity(rule_severity: str, findings: list[Finding]) -> str:
    """The severity of a failed rule: its highest finding, each capped at the rule's severity.

    A rule whose findings are all `info` notes therefore fails at `info`, not at its default.
    """
    cap = SEVERITY_RANK[rule_severity]
    ranks = [min(cap, SEVERITY_RANK[item.severity or rule_severity]) for item in findings]
    return SEVERITIES[max(ranks)]


def run_rule(rule: Rule, scope: FixtureScope) -> RuleResult:
    """Run one rule with its fixtures; never raises for a rule's own failure.

    Two arguments belong to the rule itself: `finding`, its collector, and `params`, the values of
    its declared parameters under the profile.
    """
    started = time.perf_counter()
    collector = FindingCollector()
    result = RuleResult(rule.id, rule.name, rule.severity, PASSED)
    try:
        kwargs = {arg: _argument(rule, arg, scope, collector) for arg in rule.arguments}
        rule.function(**kwargs)
    except Skipped as exc:
        result.outcome, result.reason = SKIPPED, Message(exc.reason, exc.reason_en)
    except AssertionError as exc:
        text = str(exc) or f"assertion failed in {rule.id}"
        collector.findings.append(Finding(Message(text, text)))
    except FixtureError as exc:
        result.outcome, result.traceback = ERROR, exc.traceback
        result.reason = Message(f"夹具 {exc.name} 出错", f"fixture {exc.name} raised")
    except UsageError:
        raise
    except Exception as exc:
        result.outcome, result.traceback = ERROR, traceback.format_exc()
        detail = clean_detail(str(exc)) or type(exc).__name__
        result.reason = Message(
            f"规则 {rule.id} 自身出错（规则的缺陷，加 -v 显示调用栈）：{detail}",
            f"rule {rule.id} itself failed (a bug in the rule; -v shows the traceback): {detail}",
        )
    if result.outcome == PASSED and collector.findings:
        result.outcome = FAILED
        result.severity = effective_severity(rule.severity, collector.findings)
    result.findings = collector.findings
    result.duration = time.perf_counter() - started
    return result


def _argument(rule: Rule, name: str, scope: FixtureScope, collector: FindingCollector) -> Any:
    if name == "finding":
        return collector
    if name == "params":
        profile = scope.get("profile", f"rule {rule.id}")
        return rule.param_values(profile.rule_settings(rule.id))
    return scope.get(name, f"rule {rule.id}")


class Checker:
    """Checks files one at a time with the rules and fixtures of the configured plugins."""

    def __init__(self, config: Config):
        self.config = config
        self.fixtures = {
            item.name: item for group in config.hook.gkcheck_collect_fixtures(config=config) for item in group
        }
        self.all_rules = _unique_rules(config.hook.gkcheck_collect_rules(config=config))
        unknown = config.unknown_selectors({item.id for item in self.all_rules})
        if unknown:  # a typo here would silently switch rules off, or check nothing at all
            raise UsageError(
                zh=f"--select/--extend-select/--ignore 中的 {', '.join(unknown)} 不匹配任何规则"
                "（规则列表：gkcheck rules）",
                en=f"no rule matches {', '.join(unknown)} in --select/--extend-select/--ignore "
                "(see: gkcheck rules)",
            )
        if not any(config.is_selected(item.id) for item in self.all_rules):
            raise no_rules_selected(config, self.all_rules)
        self._rules_by_profile: dict[tuple, list[Rule]] = {}
        self._checked_profiles: set[str] = set()
        self._needs_run: dict[str, bool] = {}
        for profile in config.profiles_in_use():  # a wrong pack stops the run before any file is read
            self.check_profile(profile)

    def check_profile(self, profile: Profile) -> None:
        """The profile's `[rules.ID]` tables against the collected rules and their parameters, once."""
        if profile.key not in self._checked_profiles:
            check_rule_tables(self.config, self.all_rules, profile)
            self._checked_profiles.add(profile.key)

    @property
    def has_run_rules(self) -> bool:
        """Whether any installed rule compares reports of the run (and so needs their summaries)."""
        return any(self.needs_run(item) for item in self.all_rules)

    def needs_run(self, item: Rule) -> bool:
        """Whether the rule uses a run-scope fixture (directly or through other fixtures)."""
        if item.id not in self._needs_run:
            self._needs_run[item.id] = self._uses_run_fixture(item)
        return self._needs_run[item.id]

    def _uses_run_fixture(self, item: Rule) -> bool:
        pending, seen = list(item.arguments), set()
        while pending:
            name = pending.pop()
            fixture = self.fixtures.get(name)
            if name in seen or fixture is None:
                continue
            if fixture.scope == "run":
                return True
            seen.add(name)
            pending.extend(fixture.arguments)
        return False

    def rules_for(self, profile: Profile, config: Config | None = None) -> list[Rule]:
        """The rules selected by `config` (the run's, or one file's) with the profile's settings applied."""
        config = config or self.config
        key = (profile.key, config.selection_key)
        if key not in self._rules_by_profile:
            self.check_profile(profile)
            rules = [item for item in self.all_rules if config.is_selected(item.id)]
            if not rules:  # checking nothing would report every file "passed"
                raise no_rules_selected(config, self.all_rules)
            config.hook.gkcheck_modify_rules(config=config, profile=profile, rules=rules)
            self._rules_by_profile[key] = sorted(rules, key=lambda item: item.id)
        return self._rules_by_profile[key]

    def load(self, path: str, config: Config | None = None) -> Report:
        """Load and interpret one file; raises InputError with a one-line reason when it cannot."""
        config = config or self.config.for_path(path)
        file = Path(path)
        if not file.exists():
            raise InputError(zh=f"文件不存在：{path}", en=f"file not found: {path}")
        if not file.is_file():
            raise InputError(zh=f"不是文件：{path}", en=f"not a file: {path}")
        try:
            with file.open("rb") as handle:
                head = handle.read(HEAD_BYTES)
        except OSError as exc:
            raise InputError(
                zh=f"无法读取 {path}：{exc.strerror}", en=f"cannot read {path}: {exc.strerror}"
            ) from None
        if not head:
            raise InputError(zh="空文件", en="empty file")
        document = config.hook.gkcheck_load_document(path=path, head=head, config=config)
        if document is None:
            raise InputError(
                zh="无法识别的格式：不是 PDF、DOCX、HTML 或文本文件",
                en="unknown format: not a PDF, DOCX, HTML or text file",
            )
        if document.format == "txt" and not _has_chinese(document):
            raise InputError(
                zh="不是报告：文件中没有一个汉字（不是文本格式的年度报告）",
                en="not a report: the file holds no Chinese character (not an annual report in text form)",
            )
        report = config.hook.gkcheck_build_report(document=document, config=config)
        if report is None:
            raise InputError(
                zh="没有插件把该文档解读为报告（gkcheck_build_report 均返回 None）",
                en="no plugin interpreted the document as a report "
                "(every gkcheck_build_report returned None)",
            )
        return report

    def check(self, path: str) -> tuple[ReportResult, Report | None]:
        """Check one file (a kept result is the session's to look for); never raises for its faults."""
        config = self.config.for_path(path)
        result, report = self._check(path, config, time.perf_counter())
        config.hook.gkcheck_file_checked(path=path, result=result, config=config)
        return result, report

    def kept_result(self, path: str) -> ReportResult | None:
        """The file's result kept from an earlier run (`gkcheck_cached_result`), if there is one."""
        started = time.perf_counter()
        config = self.config.for_path(path)
        kept = config.hook.gkcheck_cached_result(path=path, config=config)
        if kept is not None:
            kept.duration = time.perf_counter() - started
        return kept

    def _check(self, path: str, config: Config, started: float) -> tuple[ReportResult, Report | None]:
        result = ReportResult(path=path)
        report = None
        try:
            with time_limit(config.get("timeout")), library_warnings(result.warnings):
                report = self.load(path, config)
                result.pages = report.document.page_count
                result.originals = Originals.of(report.document)
                shown = printed(result.originals)
                result.facts = {
                    "title": shown(report.title) if report.title else None,
                    "issuer": shown(report.issuer) if report.issuer else None,
                    "year": report.year,
                    "kind": report.kind,
                    "profile": config.profile_for(report.year).name,
                }
                result.summary = report.summary()
                result.results = self.run_rules(report, config)
                restore_findings(result.results, result.originals)
        except InputError as exc:
            result.error = Message(
                clean_detail(exc.zh, MAX_MESSAGE_CHARS), clean_detail(exc.message, MAX_MESSAGE_CHARS)
            )
        except FileTimeout:
            result.error = timeout_error(config.get("timeout"))
        except Exception as exc:  # whatever went wrong with this file is this file's error, never the run's
            result.error = describe_failure(exc)
        if result.error is not None:
            result.results, result.summary = [], None
        result.duration = time.perf_counter() - started
        return result, report

    def run_rules(self, report: Report, config: Config | None = None) -> list:
        config = config or self.config.for_path(report.path)
        profile = config.profile_for(report.year)
        scope = FixtureScope(
            self.fixtures,
            {"parsed_report": report, "document": report.document, "config": config, "profile": profile},
        )
        return [run_rule(item, scope) for item in self.rules_for(profile, config) if not self.needs_run(item)]

    def run_cross_report_rules(self, results: list[ReportResult]) -> None:
        """After every file is checked: the rules comparing a report with others of the run."""
        index = RunIndex([result.summary for result in results if result.summary is not None])
        for result in results:
            if result.summary is None:
                continue
            config = self.config.for_path(result.path)
            profile = config.profile_for(result.summary.year)
            scope = FixtureScope(
                self.fixtures,
                {"parsed_report": result.summary, "run": index, "config": config, "profile": profile},
            )
            later = [
                run_rule(item, scope) for item in self.rules_for(profile, config) if self.needs_run(item)
            ]
            restore_findings(later, result.originals)
            if later:
                result.results = sorted([*result.results, *later], key=lambda item: item.rule_id)


def no_rules_selected(config: Config, rules: list[Rule]) -> UsageError:
    if not rules:
        return UsageError(zh="没有已安装的规则", en="no rule is installed")
    given = " ".join(
        f"--{name.replace('_', '-')} {','.join(config.get(name))}"
        for name in ("select", "extend_select", "ignore")
        if config.get(name)
    )
    return UsageError(
        zh=f"没有选中任何规则（{given}），不检查任何规则就不能判定通过（规则列表：gkcheck rules）",
        en=f"no rule is selected ({given}): checking nothing cannot pass a report (see: gkcheck rules)",
    )


def check_rule_tables(config: Config, rules: list[Rule], profile: Profile) -> None:
    """Check the profile's `[rules.ID]` tables against the rules.

    They must name installed rules (or rules of a blocked built-in) and set only the parameters each
    rule declares, with values that fit.
    """
    from gkcheck.manager import blocked_rule_ids

    blocked = blocked_rule_ids(config.get("plugins") or [])
    known = None if blocked is None else {item.id for item in rules} | blocked
    profile.check_rule_tables({item.id: item.params for item in rules}, known)


def _unique_rules(groups: list[list[Rule]]) -> list[Rule]:
    by_id: dict[str, Rule] = {}
    for group in reversed(groups):  # pluggy calls the last registered plugin first
        for item in group:
            if item.id in by_id and by_id[item.id].function is not item.function:
                first = by_id[item.id].origin
                raise UsageError(
                    zh=f"规则编号 {item.id} 定义了两次：在 {first} 和 {item.origin} 中",
                    en=f"rule id {item.id} is defined twice: in {first} and in {item.origin}",
                )
            by_id[item.id] = item
    return list(by_id.values())


def _has_chinese(document) -> bool:
    """Whether any line or cell of the document holds a CJK character."""
    for block in document.blocks:
        texts = (
            [block.text] if isinstance(block, Line) else [cell for row in block.text_rows() for cell in row]
        )
        if any(CJK.search(text) for text in texts):
            return True
    return False
