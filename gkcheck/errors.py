"""Errors that reach users: each carries a one-line message, in Chinese and English."""

from __future__ import annotations


class GkcheckError(Exception):
    """Base class for errors shown to users without a traceback."""

    def __init__(self, message: str, zh: str | None = None):
        super().__init__(message)
        self.message = message
        self.zh = zh or message


class InputError(GkcheckError):
    """A file cannot be checked: missing, unreadable, encrypted, corrupt or of an unknown format."""


class UsageError(GkcheckError):
    """The command line, a configuration file or a rule pack is wrong (exit code 4)."""
