"""A checking session: find the input files, check each one in isolation, keep every result."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gkcheck.config import Config
from gkcheck.errors import Interrupted
from gkcheck.report import Report
from gkcheck.results import ReportResult
from gkcheck.runner import Checker
from gkcheck.summaries import SummaryStore


def find_inputs(paths: list[str], config: Config) -> list[str]:
    """Files as given, and under folders the files a loader claims (see `gkcheck.collect.find_files`)."""
    from gkcheck.collect import find_files

    return find_files(paths, config)


@dataclass
class Session:
    """All the files of one run and their results, in input order.

    Results are recorded in input order as soon as every earlier file is done; when the run is
    interrupted, the files that finished out of order are recorded too, so none is lost.
    """

    config: Config
    paths: list[str]
    results: list[ReportResult] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None
    interrupted: bool = False
    stopped_by: int | None = None  # the signal that interrupted the run, when it was one
    stdout_closed: bool = False
    shouldstop: bool = False  # set by a plugin (`-x`): no further file is checked
    executor: Any = None  # a plugin's, from `gkcheck_make_executor`; None: gkcheck's own processes
    listeners: list[Callable[[ReportResult], None]] = field(default_factory=list)  # told of each result
    _arrived: dict[int, ReportResult] = field(default_factory=dict, repr=False)
    _summaries: SummaryStore = field(default_factory=SummaryStore, repr=False)
    _keeps_summaries: bool = field(default=True, repr=False)

    @property
    def duration(self) -> float:
        return (self.finished or time.perf_counter()) - self.started

    def run(self) -> None:
        checker = Checker(self.config)
        self._keeps_summaries = checker.has_run_rules
        try:
            self.executor = self.config.hook.gkcheck_make_executor(session=self)
            self.config.hook.gkcheck_session_start(session=self)
            todo = self._take_kept_results(checker)
            if todo and (self.executor is not None or self._in_workers(len(todo))):
                self._run_parallel(todo, checker, self.executor)
            else:
                for index, path in todo:
                    result, report = checker.check(path)
                    self._arrive(index, result, report)
                    if self.shouldstop:
                        break
            checker.run_cross_report_rules(self.results)
            self.config.hook.gkcheck_run_complete(session=self)
        except KeyboardInterrupt as exc:
            self._stop(exc.signum if isinstance(exc, Interrupted) else None)
        except BrokenPipeError:  # the text report was piped into `head` or the like, which has exited
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            self.stdout_closed = True
            self._stop(getattr(signal, "SIGPIPE", 13))
        finally:
            self._summaries.close()  # the outputs need results, not summaries
            for result in self.results:
                result.summary = None
        self.finished = time.perf_counter()

    def _stop(self, signum: int | None) -> None:
        """The run ends early: keep every result that is finished, in input order."""
        self.interrupted, self.stopped_by = True, signum
        for index in sorted(self._arrived):
            self.results.append(self._arrived.pop(index))

    def _take_kept_results(self, checker: Checker) -> list[tuple[int, str]]:
        """The files to check: those whose results were kept from an earlier run arrive at once.

        Asked here, not in the workers, so that an unchanged batch starts no worker at all.
        """
        todo = []
        for index, path in enumerate(self.paths):
            kept = checker.kept_result(path)
            if kept is None:
                todo.append((index, path))
            else:
                self._arrive(index, kept, None)
            if self.shouldstop:
                return []
        return todo

    def _in_workers(self, files: int) -> bool:
        """Worker processes for -j N; for -j 1 too when the per-file limit needs them (no SIGALRM)."""
        if self.jobs > 1 and files > 1:
            return True
        return bool(self.config.get("timeout")) and not hasattr(signal, "setitimer")

    @property
    def jobs(self) -> int:
        return self.config.get("jobs") or os.cpu_count() or 1

    @property
    def worker_processes(self) -> int:
        """How many of gkcheck's own worker processes check the files (0: this process does)."""
        if self.executor is not None:
            return 0
        return min(self.jobs, len(self.paths)) if self._in_workers(len(self.paths)) else 0

    def _arrive(self, index: int, result: ReportResult, report: Report | None) -> None:
        self._arrived[index] = result
        if index == len(self.results):
            self._record(self._arrived.pop(index), report)
        while len(self.results) in self._arrived:
            self._record(self._arrived.pop(len(self.results)), None)

    def _record(self, result: ReportResult, report: Report | None) -> None:
        self.results.append(result)
        self.config.hook.gkcheck_report_checked(result=result, report=report, config=self.config)
        for listener in self.listeners:
            listener(result)
        if result.warnings and self.config.get("verbose"):
            label = self.config.text(zh="读取时的库警告", en="library warning while reading")
            for note in result.warnings:
                print(f"{result.path}: {label}: {note}", file=sys.stderr)
        if result.summary is not None:  # only the cross-report rules need it, and they read it from disk
            result.summary = self._summaries.add(result.summary) if self._keeps_summaries else None

    def _run_parallel(self, todo: list[tuple[int, str]], checker: Checker, executor=None) -> None:
        """Check the files elsewhere: in a plugin's executor, or in gkcheck's own worker processes."""
        from gkcheck.pool import WorkerPool  # multiprocessing only for a run that has workers

        plugins = list(getattr(self.config.options, "plugins", None) or [])
        pool = executor or WorkerPool(
            self.jobs, self.config.options, plugins, self.config.get("timeout"), checker
        )
        try:
            for index, result in pool.run([path for _index, path in todo]):
                self._arrive(todo[index][0], result, None)
                if self.shouldstop:
                    break
        finally:
            pool.close()
