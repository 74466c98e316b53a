"""Errors that reach users, and the exit codes of the command line.

Each error carries a one-line message in Chinese and English, Chinese first as every message
of gkcheck: `UsageError(zh="…", en="…")`. Both are keyword-only, so a swapped pair cannot pass
unnoticed: `UsageError("…", "…")` is a TypeError.
"""

from __future__ import annotations

import enum
import functools


class ExitCode(enum.IntEnum):
    """The exit status of `gkcheck`, as pytest's."""

    OK = 0
    FAILED = 1  # a rule failed at or above --fail-on, or a file could not be read
    INTERRUPTED = 2
    INTERNAL_ERROR = 3
    USAGE_ERROR = 4
    NO_REPORTS = 5


class ParseExit(Exception):
    """argparse has printed help, the version or a usage message; `code` is its exit status."""

    def __init__(self, code: int | str | None):
        super().__init__(code)
        self.code = code

    @property
    def exit_code(self) -> ExitCode:
        """0 after help or the version; a usage error after a message."""
        return ExitCode.OK if self.code == 0 else ExitCode.USAGE_ERROR


class GkcheckError(Exception):
    """Base class for errors shown to users without a traceback."""

    def __init__(self, *, zh: str, en: str):
        super().__init__(en)
        self.message = en
        self.zh = zh

    def __reduce__(self):
        # Errors cross the process boundary under -j; the default would call cls(en) and fail.
        return functools.partial(type(self), zh=self.zh, en=self.message), ()

    def text(self, lang: str) -> str:
        """The message in `lang` ("zh" or "en")."""
        return self.message if lang == "en" else self.zh


class InputError(GkcheckError):
    """A file cannot be checked: missing, unreadable, encrypted, corrupt or of an unknown format."""


class UsageError(GkcheckError):
    """The command line, a configuration file or a rule pack is wrong (exit code 4)."""


class Interrupted(KeyboardInterrupt):
    """The run was stopped by a signal: Ctrl-C (SIGINT) or SIGTERM. Raised in the main process only."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


MAX_DETAIL_CHARS = 80


def clean_detail(text: str, limit: int = MAX_DETAIL_CHARS) -> str:
    """A library's message made fit for one short line: whitespace folded, control characters gone, cut."""
    words = "".join(char if char.isprintable() else " " for char in str(text)).split()
    line = " ".join(words)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def describe_failure(exc: BaseException):
    """The one-line message, in words, of an unexpected exception while reading or checking a file."""
    from gkcheck.rule import Message

    if isinstance(exc, GkcheckError):
        return Message(clean_detail(exc.zh, 200), clean_detail(exc.message, 200))
    if isinstance(exc, RecursionError):
        return Message(
            "文件内容嵌套过深，无法读取（文件已损坏？）", "nested too deeply to be read (a damaged file?)"
        )
    if isinstance(exc, MemoryError):
        return Message("文件内容过大，内存不足，无法读取", "too large to be read: out of memory")
    if isinstance(exc, OSError) and exc.strerror:
        return Message(f"读取时出错：{exc.strerror}", f"cannot be read: {exc.strerror}")
    detail = clean_detail(str(exc))
    return Message(
        f"文件内容已损坏或不受支持，无法读取{f'（{detail}）' if detail else ''}",
        f"damaged or unsupported content: cannot be read{f' ({detail})' if detail else ''}",
    )
