"""The terminal the text report is written to: whether to colour, its width, a progress line with ETA.

Colour follows the conventions of other tools: `NO_COLOR` (any value) turns it off, `FORCE_COLOR`
(any value but 0) turns it on, otherwise a terminal gets it and a pipe or file does not. The
progress line is shown only on an interactive terminal, never in CI (`CI` set) or when stderr is
redirected.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from typing import TextIO

from gkcheck.textwidth import shorten, width

CODES = {
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "cyan": "36",
    "bold": "1",
    "dim": "2",
    "bold-red": "1;31",
    "bold-green": "1;32",
}
DEFAULT_COLUMNS = 100


def wants_colour(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    forced = os.environ.get("FORCE_COLOR")
    if forced:
        return forced != "0"
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def is_interactive(stream: TextIO) -> bool:
    """A person watches `stream`: a terminal, and not a CI job."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not os.environ.get("CI")


def enable_windows_colours() -> None:
    """Let a Windows console read ANSI colour codes (virtual terminal processing)."""
    if os.name != "nt":
        return
    try:
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.GetStdHandle(-11)
        mode = ctypes.c_uint32()
        if kernel32.GetConsoleMode(handle, ctypes.byref(mode)):
            kernel32.SetConsoleMode(handle, mode.value | 0x0004)
    except (AttributeError, OSError):
        return


@dataclass
class Style:
    """Colours text when `enabled`."""

    enabled: bool = False

    def __call__(self, text: str, colour: str) -> str:
        if not self.enabled or not text or colour not in CODES:
            return text
        return f"\033[{CODES[colour]}m{text}\033[0m"


def columns() -> int:
    return shutil.get_terminal_size((DEFAULT_COLUMNS, 24)).columns


def duration_text(seconds: float, lang: str) -> str:
    """'2分05秒' / '2m05s', '45秒' / '45s'."""
    minutes, rest = divmod(int(round(seconds)), 60)
    if lang == "en":
        return f"{minutes}m{rest:02d}s" if minutes else f"{rest}s"
    return f"{minutes}分{rest:02d}秒" if minutes else f"{rest}秒"


@dataclass
class Progress:
    """A line on stderr, rewritten after each file: `[12/500] 剩余约 3分20秒 path`."""

    total: int
    lang: str
    stream: TextIO = field(default_factory=lambda: sys.stderr)
    done: int = 0
    started: float = field(default_factory=time.perf_counter)
    shown: bool = False

    def eta(self) -> str:
        if not self.done or self.done >= self.total:
            return ""
        left = (time.perf_counter() - self.started) / self.done * (self.total - self.done)
        text = duration_text(left, self.lang)
        return f"ETA {text}" if self.lang == "en" else f"剩余约 {text}"

    def advance(self, path: str) -> None:
        self.done += 1
        head = f"[{self.done}/{self.total}] "
        eta = self.eta()
        room = max(10, columns() - width(head) - width(eta) - 3)
        line = f"{head}{shorten(path, room)}{'  ' + eta if eta else ''}"
        self.stream.write(f"\r\033[K{line}")
        self.shown = True
        self.stream.flush()
        if self.done >= self.total:  # done: the line goes, as a progress bar does
            self.clear()

    def clear(self) -> None:
        """Remove the line before something else is written to the terminal."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False
