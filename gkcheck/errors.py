"""Errors that reach users, and the exit codes of the command line.

Each error carries a one-line message in Chinese and English, Chinese first as every message
of gkcheck: `UsageError(zh="…", en="…")`.
"""

from __future__ import annotations

import enum


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

    def __init__(
        self,
        message: str | None = None,
        zh_text: str | None = None,
        *,
        zh: str | None = None,
        en: str | None = None,
    ):
        en = en or message or zh or ""
        super().__init__(en)
        self.message = en
        self.zh = zh or zh_text or en

    def text(self, lang: str) -> str:
        """The message in `lang` ("zh" or "en")."""
        return self.message if lang == "en" else self.zh


class InputError(GkcheckError):
    """A file cannot be checked: missing, unreadable, encrypted, corrupt or of an unknown format."""


class UsageError(GkcheckError):
    """The command line, a configuration file or a rule pack is wrong (exit code 4)."""
