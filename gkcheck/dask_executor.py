"""Checking a batch on a Dask cluster: `gkcheck --executor dask --scheduler tcp://HOST:PORT reports/`.

Each file's bytes go to a Dask worker, which checks them with a checker built once per worker
process from the run's own options and plugins, and sends the result back; the workers need no
access to the files. Results stream back as files finish; the rules comparing reports with each
other (GK403) run afterwards in this process on the results' summaries, as with local workers.
The results are kept in this process's cache under each file's own path (the workers keep none),
so the next run, on the cluster or not, finds them.

The guarantees of local workers hold: a file that kills its worker gets the "worker died" error
(after Dask's `allowed-failures` retries), and a file still unfinished `--timeout` seconds after it
was handed out gets the timeout error, and the worker busy with it is restarted (Dask cannot stop
a running task, and a per-file signal does not work in a worker's threads). Only a few files per
worker thread are in flight at once, so memory stays bounded on any batch.

Needs `pip install gkcheck[dask]`; see docs/en/dask.md for running a scheduler and workers.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import pickle
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gkcheck.errors import GkcheckError, UsageError, describe_failure
from gkcheck.file_guards import timeout_error, worker_died
from gkcheck.hookspec import hookimpl
from gkcheck.results import ReportResult
from gkcheck.rule import Message
from gkcheck.summaries import renamed

if TYPE_CHECKING:
    from gkcheck.config import Config

# Files in flight per worker thread: enough to keep every thread busy, few enough to bound memory.
IN_FLIGHT_PER_THREAD = 2
GRACE_SECONDS = 5.0
RESTART_SECONDS = 60


@hookimpl
def gkcheck_addoption(parser) -> None:
    parser.add_argument(
        "--executor", choices=("local", "dask"), help="where files are checked (default: local)"
    )
    parser.add_argument("--scheduler", metavar="ADDRESS", help="the Dask scheduler, e.g. tcp://10.0.0.5:8786")
    parser.add_setting("executor", choices=("local", "dask"), default="local", help="where files are checked")
    parser.add_setting("scheduler", help="the Dask scheduler's address")


@hookimpl
def gkcheck_make_executor(session) -> DaskExecutor | None:
    config = session.config
    if config.get("executor") != "dask":
        return None
    address = config.get("scheduler")
    if not address:
        raise UsageError(
            zh="--executor dask 需要 --scheduler 指明 Dask 调度器地址（如 tcp://10.0.0.5:8786）",
            en="--executor dask needs --scheduler, the Dask scheduler's address (e.g. tcp://10.0.0.5:8786)",
        )
    plugins = list(getattr(config.options, "plugins", None) or [])
    return DaskExecutor(address, config.options, plugins, config.get("timeout"), kept_in=config)


class DaskExecutor:
    """The files of a run, checked by the workers of a Dask cluster."""

    def __init__(
        self,
        address: str,
        options: argparse.Namespace,
        plugins: list[str],
        timeout: float | None,
        kept_in: Config | None = None,
    ):
        """`kept_in`: the configuration of the run whose cache keeps the results (the workers keep none)."""
        try:
            import distributed
        except ImportError:
            raise UsageError(
                zh="--executor dask 需要安装 Dask：pip install 'gkcheck[dask]'",
                en="--executor dask needs Dask: pip install 'gkcheck[dask]'",
            ) from None
        self._distributed = distributed
        try:
            self.client = distributed.Client(address, timeout="20s")
        except OSError as exc:
            raise UsageError(
                zh=f"无法连接 Dask 调度器 {address}：{exc}",
                en=f"cannot reach the Dask scheduler {address}: {exc}",
            ) from None
        self.timeout = timeout or None
        self.kept_in = kept_in
        worker_options = argparse.Namespace(**{**vars(options), "timeout": 0, "cache": False})
        self.payload = pickle.dumps((worker_options, plugins))
        import uuid

        self.run_id = uuid.uuid4().hex[:8]

    def run(self, paths: list[str]) -> Iterator[tuple[int, ReportResult]]:
        threads = sum(self.client.nthreads().values()) or 1
        window = threads * IN_FLIGHT_PER_THREAD
        queued = list(enumerate(paths))[::-1]
        flying: dict[Any, tuple[int, str, float]] = {}
        done = self._distributed.as_completed()
        while queued or flying:
            while queued and len(flying) < window:
                index, path = queued.pop()
                future = self._submit(index, path)
                flying[future] = (index, path, time.monotonic())
                done.add(future)
            finished = self._next(done, flying)
            if finished is None:
                yield from self._expire(flying)
                continue
            index, path, _ = flying.pop(finished)
            result = self._result(finished, path)
            self._keep(path, result)
            yield index, result

    def _submit(self, index: int, path: str):
        data = Path(path).read_bytes()
        key = f"gkcheck-{self.run_id}-{index}"
        return self.client.submit(check_bytes, path, data, self.payload, key=key, pure=False)

    def _next(self, done, flying: dict) -> Any | None:
        """The next finished file, or None when the oldest unfinished one has run out of time."""
        wait = None
        if self.timeout:
            oldest = min(started for _, _, started in flying.values())
            wait = max(0.0, oldest + self.timeout + GRACE_SECONDS - time.monotonic())
        try:
            return next(done) if wait is None else _next_within(done, wait)
        except TimeoutError:
            return None

    def _expire(self, flying: dict) -> Iterator[tuple[int, ReportResult]]:
        now = time.monotonic()
        late = [future for future, (_, _, started) in flying.items() if now - started >= self.timeout]
        try:
            busy = self.client.processing()
        except Exception:  # the scheduler is slow to answer: the late files still end, unrestarted
            busy = {}
        for future in late:
            index, path, _ = flying.pop(future)
            workers = [worker for worker, keys in busy.items() if future.key in keys]
            future.cancel()
            if workers:  # a restart that fails or is slow costs the cluster a thread, never the run
                with contextlib.suppress(Exception):
                    self.client.restart_workers(workers, timeout=RESTART_SECONDS, raise_for_error=False)
            yield index, ReportResult(path=path, error=timeout_error(self.timeout or 0))

    def _result(self, future, path: str) -> ReportResult:
        try:
            return future.result()
        except self._distributed.KilledWorker:
            return ReportResult(path=path, error=worker_died())
        except GkcheckError as exc:  # e.g. a -p plugin the workers cannot import
            return ReportResult(path=path, error=Message(exc.zh, exc.message))
        except Exception as exc:
            return ReportResult(path=path, error=describe_failure(exc))

    def _keep(self, path: str, result: ReportResult) -> None:
        """Announce the fresh result under the file's own path, as a local check does (the cache keeps it)."""
        if self.kept_in is not None:
            with contextlib.suppress(OSError):  # the file is gone or unreadable: nothing to keep it by
                config = self.kept_in.for_path(path)
                config.hook.gkcheck_file_checked(path=path, result=result, config=config)

    def close(self) -> None:
        self.client.close()


def _next_within(done, seconds: float):
    """The next future of `done` to finish, waiting at most `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if done.has_ready():
            return next(done)
        time.sleep(0.05)
    raise TimeoutError


# On the workers

_checkers: dict[bytes, Any] = {}


def check_bytes(path: str, data: bytes, payload: bytes) -> ReportResult:
    """Check a file sent as bytes, as `path`, with the checker of the run that sent it.

    Where the worker sees the same file at the same path (a shared file system), it is checked in
    place, so `[[overrides]]` for its path apply; elsewhere a copy of the bytes is checked.
    """
    checker = _checkers.get(payload)
    if checker is None:
        checker = _checkers[payload] = _make_checker(payload)
    if _same_file(path, data):
        result, _report = checker.check(path)
        return result
    folder = tempfile.mkdtemp(prefix="gkcheck-")
    local = os.path.join(folder, os.path.basename(path) or "report")
    try:
        with open(local, "wb") as handle:
            handle.write(data)
        result, _report = checker.check(local)
    finally:
        Path(local).unlink(missing_ok=True)
        os.rmdir(folder)
    result.path = path
    if result.summary is not None:
        result.summary = renamed(result.summary, path)
    return result


def _same_file(path: str, data: bytes) -> bool:
    try:
        return os.path.getsize(path) == len(data) and Path(path).read_bytes() == data
    except OSError:
        return False


def _make_checker(payload: bytes):
    from gkcheck.commands import settings_of
    from gkcheck.config import Config
    from gkcheck.manager import make_plugin_manager
    from gkcheck.runner import Checker

    options, plugins = pickle.loads(payload)
    manager = make_plugin_manager(plugins)
    config = Config(manager, options, settings=settings_of(manager))
    config.complete(getattr(options, "paths", None) or [])
    return Checker(config)
