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
