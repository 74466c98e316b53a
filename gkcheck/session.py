"""A checking session: find the input files, check each one in isolation, keep every result."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from gkcheck.config import Config
from gkcheck.errors import GkcheckError, InputError, UsageError
from gkcheck.execute import FixtureScope, run_rule
from gkcheck.profile import Profile
from gkcheck.report import Report
from gkcheck.results import ReportResult
from gkcheck.rule import Message, Rule
from gkcheck.run_index import RunIndex
from gkcheck.worker import check_in_worker, start_worker

# .doc is collected to be refused with a clear reason rather than skipped in silence.
REPORT_SUFFIXES = (".pdf", ".docx", ".doc", ".html", ".htm", ".mht", ".mhtml", ".txt")
HEAD_BYTES = 8192


def find_inputs(paths: list[str]) -> list[str]:
    """Expand directories (recursively, report formats only); keep files as given, even missing ones."""
    found: list[str] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(
                str(child)
                for child in sorted(path.rglob("*"))
                if child.is_file() and child.suffix.lower() in REPORT_SUFFIXES
            )
        else:
            found.append(given)
    return found


class Checker:
    """Checks files one at a time with the rules and fixtures of the configured plugins."""

    def __init__(self, config: Config):
        self.config = config
        self.fixtures = {item.name: item for group in config.hook.gkcheck_collect_fixtures(config=config) for item in group}
        self.all_rules = _unique_rules(config.hook.gkcheck_collect_rules(config=config))
        unknown = config.unknown_selectors({item.id for item in self.all_rules})
        if unknown:  # a typo here would silently switch rules off, or check nothing at all
            raise UsageError(f"no rule matches {', '.join(unknown)} in --select/--extend-select/--ignore (see: gkcheck rules)")
        self._rules_by_profile: dict[tuple, list[Rule]] = {}

    def needs_run(self, item: Rule) -> bool:
        """Whether the rule uses a run-scope fixture (directly or through other fixtures)."""
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
            check_rule_ids(config, self.all_rules, profile)
            rules = [item for item in self.all_rules if config.is_selected(item.id)]
            config.hook.gkcheck_modify_rules(config=config, profile=profile, rules=rules)
            self._rules_by_profile[key] = sorted(rules, key=lambda item: item.id)
        return self._rules_by_profile[key]

    def load(self, path: str, config: Config | None = None) -> Report:
        """Load and interpret one file; raises InputError with a one-line reason when it cannot."""
        config = config or self.config.for_path(path)
        file = Path(path)
        if not file.exists():
            raise InputError(f"file not found: {path}", f"文件不存在：{path}")
        if not file.is_file():
            raise InputError(f"not a file: {path}", f"不是文件：{path}")
        try:
            with file.open("rb") as handle:
                head = handle.read(HEAD_BYTES)
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror}", f"无法读取 {path}：{exc.strerror}") from None
        if not head:
            raise InputError("empty file", "空文件")
        document = config.hook.gkcheck_load_document(path=path, head=head, config=config)
        if document is None:
            raise InputError(
                "unknown format: not a PDF, DOCX, HTML or text file",
                "无法识别的格式：不是 PDF、DOCX、HTML 或文本文件",
            )
        return config.hook.gkcheck_build_report(document=document, config=config)

    def check(self, path: str) -> tuple[ReportResult, Report | None]:
        """Check one file. Never raises for a problem with the file itself."""
        started = time.perf_counter()
        result = ReportResult(path=path)
        report = None
        config = self.config.for_path(path)
        try:
            with time_limit(config.get("timeout")):
                report = self.load(path, config)
                result.pages = report.document.page_count
                result.facts = {"title": report.title, "issuer": report.issuer, "year": report.year, "kind": report.kind,
                                "profile": config.profile_for(report.year).name}
                result.summary = report.summary()
                result.results = self.run_rules(report, config)
        except InputError as exc:
            result.error = Message(exc.zh, exc.message)
        except TimeoutError:
            seconds = config.get("timeout")
            result.error = Message(f"超时：{seconds:g} 秒内未完成检查", f"timed out: not checked within {seconds:g} s")
        except UsageError:
            raise
        except Exception as exc:  # a loader or the structure layer crashed on this file
            result.error = Message(f"无法读取：{_describe(exc)}", f"cannot be read: {_describe(exc)}")
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
            later = [run_rule(item, scope) for item in self.rules_for(profile, config) if self.needs_run(item)]
            if later:
                result.results = sorted([*result.results, *later], key=lambda item: item.rule_id)


def check_rule_ids(config: Config, rules: list[Rule], profile: Profile) -> None:
    """The profile's `[rules.ID]` tables must name installed rules (or rules of a blocked built-in)."""
    from gkcheck.manager import blocked_rule_ids

    blocked = blocked_rule_ids(config.get("plugins") or [])
    if blocked is not None:
        profile.check_rule_ids({item.id for item in rules} | blocked)


def _unique_rules(groups: list[list[Rule]]) -> list[Rule]:
    by_id: dict[str, Rule] = {}
    for group in reversed(groups):  # pluggy calls the last registered plugin first
        for item in group:
            if item.id in by_id and by_id[item.id].function is not item.function:
                raise UsageError(f"rule id {item.id} is defined twice: in {by_id[item.id].origin} and in {item.origin}")
            by_id[item.id] = item
    return list(by_id.values())


def _describe(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise TimeoutError in the main thread after `seconds` (no limit when None or 0)."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expire)
    # Fire again every 0.1 s: library code that swallows one exception must not escape the limit.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class Session:
    """All the files of one run and their results, in input order."""

    config: Config
    paths: list[str]
    results: list[ReportResult] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None
    interrupted: bool = False

    @property
    def duration(self) -> float:
        return (self.finished or time.perf_counter()) - self.started

    def run(self) -> None:
        checker = Checker(self.config)
        self.config.hook.gkcheck_session_start(session=self)
        jobs = self.config.get("jobs") or os.cpu_count() or 1
        try:
            if jobs > 1 and len(self.paths) > 1:
                self._run_parallel(jobs)
            else:
                for path in self.paths:
                    result, report = checker.check(path)
                    self._record(result, report)
            checker.run_cross_report_rules(self.results)
            self.config.hook.gkcheck_run_complete(session=self)
        except KeyboardInterrupt:
            self.interrupted = True
        self.finished = time.perf_counter()

    def _record(self, result: ReportResult, report: Report | None) -> None:
        self.results.append(result)
        self.config.hook.gkcheck_report_checked(result=result, report=report, config=self.config)

    def _run_parallel(self, jobs: int) -> None:
        with self._pool(jobs) as pool:
            futures = [pool.submit(check_in_worker, path) for path in self.paths]
            for path, future in zip(self.paths, futures):
                try:
                    result = future.result()
                except GkcheckError:
                    raise
                except Exception:  # a worker died (out of memory, killed): the pool is broken
                    result = self._check_alone(path)
                self._record(result, None)

    def _pool(self, jobs: int) -> ProcessPoolExecutor:
        plugins = list(getattr(self.config.options, "plugins", None) or [])
        return ProcessPoolExecutor(jobs, initializer=start_worker, initargs=(self.config.options, plugins))

    def _check_alone(self, path: str) -> ReportResult:
        """Check one file in a fresh process of its own, after a worker died during a batch.

        Every file the dead worker's pool had not finished comes here, so only the file that
        kills its worker again gets the error; the others get their real results.
        """
        try:
            with self._pool(1) as pool:
                return pool.submit(check_in_worker, path).result()
        except GkcheckError:
            raise
        except Exception as exc:
            return ReportResult(
                path=path, error=Message(f"检查进程异常退出：{_describe(exc)}", f"worker died: {_describe(exc)}")
            )
