"""Guards around the check of one file: its time limit, and the libraries' warnings kept with it."""

from __future__ import annotations

import logging
import signal
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from gkcheck.errors import clean_detail
from gkcheck.rule import Message

MAX_MESSAGE_CHARS = 200  # a file's error is one line of at most this many characters


def timeout_error(seconds: float) -> Message:
    return Message(f"超时：{seconds:g} 秒内未完成检查", f"timed out: not checked within {seconds:g} s")


def worker_died() -> Message:
    return Message(
        "检查进程在检查该文件时异常退出（内存不足或被终止）",
        "worker died while checking this file (out of memory or killed)",
    )


MAX_WARNINGS = 20  # of one file: a damaged file can make a library warn thousands of times


class _Collector(logging.Handler):
    def __init__(self, notes: list[str]):
        super().__init__(logging.WARNING)
        self.notes = notes

    def emit(self, record: logging.LogRecord) -> None:
        _note(self.notes, f"{record.name}: {record.getMessage()}")


def _note(notes: list[str], text: str) -> None:
    text = clean_detail(text, MAX_MESSAGE_CHARS)
    if text not in notes and len(notes) < MAX_WARNINGS:
        notes.append(text)


@contextmanager
def library_warnings(notes: list[str]) -> Iterator[None]:
    """Collect into `notes` what the libraries log or warn while one file is read, instead of stderr."""
    collector = _Collector(notes)
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield
    finally:
        root.removeHandler(collector)
    for item in caught:
        _note(notes, f"{item.category.__name__}: {item.message}")


class FileTimeout(BaseException):
    """A file's check ran past `--timeout`.

    Not an `Exception` (as `KeyboardInterrupt` is not), so that no `except Exception` or
    `except OSError` in a library or a rule can take it for a fault of its own and swallow it.
    """


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise `FileTimeout` in the main thread after `seconds` (no limit when None or 0)."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise FileTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    # Fire again every 0.1 s: an exception raised where Python ignores it (a garbage-collector
    # callback, a destructor) or code that swallows one must not let the file escape its limit.
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
