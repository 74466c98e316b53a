"""Text measured in terminal columns: a Chinese character takes two, a combining mark none."""

from __future__ import annotations

from functools import cache


@cache
def wcwidth(char: str) -> int:
    """The columns of one character (wcwidth is imported on the first measure, not at start-up)."""
    from wcwidth import wcwidth as measure

    return measure(char)


def width(text: str) -> int:
    """The columns `text` takes on a terminal (control characters count as none)."""
    if text.isascii() and text.isprintable():
        return len(text)
    from wcwidth import wcswidth

    total = wcswidth(text)
    if total >= 0:
        return total
    return sum(max(wcwidth(char), 0) for char in text)


def pad(text: str, columns: int) -> str:
    """`text` followed by spaces up to `columns` columns."""
    return text + " " * max(0, columns - width(text))


def shorten(text: str, columns: int) -> str:
    """`text` cut to fit `columns` columns, ending with "…" when cut."""
    if width(text) <= columns:
        return text
    out, used = [], 0
    for char in text:
        used += max(wcwidth(char), 0)
        if used > columns - 1:
            break
        out.append(char)
    return "".join(out) + "…"


def wrap(text: str, columns: int) -> list[str]:
    """`text` in lines of at most `columns` columns, broken at spaces, or between Chinese characters."""
    lines: list[str] = []
    line, used = "", 0
    for word in _words(text):
        size = width(word)
        if line and used + size > columns:
            lines.append(line.rstrip())
            line, used = "", 0
            word = word.lstrip()
            size = width(word)
        line += word
        used += size
    if line.strip():
        lines.append(line.rstrip())
    return lines or [""]


def _words(text: str) -> list[str]:
    """Pieces a line may break after: a word with its following space, or one wide character."""
    pieces: list[str] = []
    current = ""
    for char in text:
        if wcwidth(char) == 2:
            if current:
                pieces.append(current)
            pieces.append(char)
            current = ""
        elif char == " ":
            pieces.append(current + char)
            current = ""
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces
