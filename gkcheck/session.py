"""A checking session: find the input files, check each one in isolation, keep every result."""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from gkcheck.config import Config
from gkcheck.errors import GkcheckError
from gkcheck.report import Report
from gkcheck.results import ReportResult
from gkcheck.rule import Message
from gkcheck.runner import Checker, describe_exception
from gkcheck.worker import check_in_worker, start_worker


def find_inputs(paths: list[str], config: Config) -> list[str]:
    """Files as given, and under folders the files a loader claims (see `gkcheck.collect.find_files`)."""
    from gkcheck.collect import find_files

    return find_files(paths, config)


@dataclass
class Session:
    """All the files of one run and their results, in input order."""

    config: Config
    paths: list[str]
    results: list[ReportResult] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None
    interrupted: bool = False
    shouldstop: bool = False  # set by a plugin (`-x`): no further file is checked

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
                    if self.shouldstop:
                        break
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
                if self.shouldstop:
                    pool.shutdown(cancel_futures=True)
                    break

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
                path=path,
                error=Message(
                    f"检查进程异常退出：{describe_exception(exc)}", f"worker died: {describe_exception(exc)}"
                ),
            )
