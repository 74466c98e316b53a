"""The worker processes of `--jobs N`: files handed out one at a time, each watched by the clock.

Each worker checks one file at a time and sends its result back over a pipe. The main process
knows which file every worker holds and since when, so it can:
- end a worker that overruns the per-file `--timeout` and give its file the timeout error (no
  Unix signal needed, so the limit holds on Windows too);
- start a replacement when a worker dies, so the run stays parallel; the file it held is tried
  once more in a fresh worker and gets an error only when it kills that one too;
- end every worker at once when the run is interrupted, so that no worker outlives gkcheck.
"""

from __future__ import annotations

import argparse
import contextlib
import multiprocessing
import signal
import sys
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from gkcheck.errors import describe_failure
from gkcheck.file_guards import timeout_error, worker_died
from gkcheck.results import ReportResult
from gkcheck.runner import Checker

# How long past the limit a worker may go when its own clock (SIGALRM) should have stopped it.
GRACE_SECONDS = 2.0
# Every worker process alive, so that an abrupt exit can still end them all.
LIVE: set[multiprocessing.process.BaseProcess] = set()


def kill_all_workers() -> None:
    """End every live worker at once (on a second Ctrl-C, before exiting)."""
    for process in list(LIVE):
        with contextlib.suppress(Exception):
            process.kill()


def _serve(
    connection: Connection, options: argparse.Namespace, plugins: list[str], checker: Checker | None
) -> None:
    """A worker's life: its checker, then the files the main process sends, until told to stop.

    The checker is the one it was forked with, or else built here.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a terminal's Ctrl-C is the main process's to handle
    _die_with_parent()
    from gkcheck.worker import check_in_worker, start_worker, use_checker

    if checker is None:
        start_worker(options, plugins)
    else:
        use_checker(checker)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):  # the main process is gone
            return
        if task is None:
            return
        index, path = task
        try:
            result = check_in_worker(path)
        except Exception as exc:  # the checker never raises for a file; this is the last guard
            result = ReportResult(path=path, error=describe_failure(exc))
        try:
            connection.send((index, result))
        except (OSError, ValueError):
            return


def _die_with_parent() -> None:
    """On Linux, have the kernel end this worker when the main process dies, even by SIGKILL."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    task: tuple[int, str] | None = None
    started: float = 0.0


class WorkerPool:
    """`jobs` worker processes checking `paths`; `run()` yields (index in paths, result) as files finish.

    Where workers are forked, each starts with a copy of the main process's `checker` instead of
    building its plugins and configuration again; started otherwise (spawn), it builds them from
    `options` and `plugins`.
    """

    def __init__(
        self,
        jobs: int,
        options: argparse.Namespace,
        plugins: list[str],
        timeout: float | None,
        checker: Checker | None = None,
    ):
        self.jobs = jobs
        self.options = options
        self.plugins = plugins
        self.checker = checker if multiprocessing.get_start_method() == "fork" else None
        self.timeout = timeout or None
        # A worker stops itself at the limit where SIGALRM exists; the main process only steps in after.
        self.deadline = (
            None if not timeout else timeout + (GRACE_SECONDS if hasattr(signal, "setitimer") else 0)
        )
        self.workers: list[_Worker] = []

    def run(self, paths: list[str]) -> Iterator[tuple[int, ReportResult]]:
        pending = deque(enumerate(paths))
        retried: set[int] = set()
        try:
            self.workers = [self._start() for _ in range(min(self.jobs, len(paths)))]
            while pending or any(worker.task for worker in self.workers):
                for worker in self.workers:
                    if worker.task is None and pending:
                        self._assign(worker, pending.popleft())
                yield from self._collect(pending, retried)
        finally:
            self.close()

    def _collect(self, pending: deque, retried: set[int]) -> Iterator[tuple[int, ReportResult]]:
        busy = [worker for worker in self.workers if worker.task]
        waiting: dict[Any, _Worker] = {worker.connection: worker for worker in busy}
        waiting.update({worker.process.sentinel: worker for worker in busy})
        for ready in wait(list(waiting), timeout=self._wait_time(busy)):
            worker = waiting[ready]
            if worker.task is None:
                continue
            if ready is worker.connection:
                try:
                    index, result = worker.connection.recv()
                except (EOFError, OSError):
                    pass  # it died while sending
                else:
                    worker.task = None
                    yield index, result
                    continue
            yield from self._lost(worker, pending, retried)
        for worker in busy:
            if worker.task and self.deadline and time.monotonic() - worker.started > self.deadline:
                index, path = worker.task
                self._replace(worker)
                yield index, ReportResult(path=path, error=timeout_error(self.timeout or 0))

    def _lost(self, worker: _Worker, pending: deque, retried: set[int]) -> Iterator[tuple[int, ReportResult]]:
        """A worker died holding a file: try the file once more in a fresh worker, then give up on it."""
        assert worker.task is not None
        index, path = worker.task
        self._replace(worker)
        if index in retried:
            yield index, ReportResult(path=path, error=worker_died())
        else:
            retried.add(index)
            pending.appendleft((index, path))

    def _wait_time(self, busy: list[_Worker]) -> float | None:
        if not self.deadline or not busy:
            return None
        first = min(worker.started for worker in busy)
        return max(0.0, first + self.deadline - time.monotonic()) + 0.05

    def _start(self) -> _Worker:
        ours, theirs = multiprocessing.Pipe()
        process = multiprocessing.Process(
            target=_serve,
            args=(theirs, self.options, self.plugins, self.checker),
            daemon=True,
            name="gkcheck-worker",
        )
        process.start()
        theirs.close()
        LIVE.add(process)
        return _Worker(process, ours)

    def _assign(self, worker: _Worker, task: tuple[int, str]) -> None:
        worker.task, worker.started = task, time.monotonic()
        try:
            worker.connection.send(task)
        except OSError:  # died before it got the file: the wait sees its sentinel and retries it
            pass

    def _replace(self, worker: _Worker) -> None:
        with contextlib.suppress(Exception):
            worker.process.kill()
        _end(worker)
        fresh = self._start()
        worker.process, worker.connection, worker.task = fresh.process, fresh.connection, None

    def close(self) -> None:
        """Stop every worker: ask the idle ones to leave, end the busy ones, wait a moment for both."""
        for worker in self.workers:
            if worker.task is None:
                with contextlib.suppress(OSError, ValueError):
                    worker.connection.send(None)
            else:
                with contextlib.suppress(Exception):
                    worker.process.kill()
        for worker in self.workers:
            _end(worker)
        self.workers = []


def _end(worker: _Worker) -> None:
    process = worker.process
    process.join(1.0)
    if process.is_alive():
        process.kill()
        process.join(1.0)
    with contextlib.suppress(Exception):
        worker.connection.close()
    LIVE.discard(process)
