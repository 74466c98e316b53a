"""TOML files that users write (packs, configuration, waivers): parsing, and errors at the line.

tomllib reports the line of a syntax error; for a semantic error (an unknown key, a bad value)
the line is found again in the file's text, so every message reads `file:line: what is wrong`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gkcheck.errors import UsageError
from gkcheck.patterns import LazyPattern

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_HEADER = LazyPattern(r"^\s*\[\[?\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_AT_LINE = LazyPattern(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class TomlFile:
    """A parsed TOML file: where it came from, its text and its data."""

    source: str
    text: str
    data: dict[str, Any]

    def line_of(self, table: tuple[str, ...], key: str | None = None, occurrence: int = 0) -> int:
        """The line of `key` in table `table` (or of the table's header); 1 when not found.

        `occurrence` picks the n-th `[[table]]` of an array of tables.
        """
        current: tuple[str, ...] = ()
        seen = -1
        header_line = None
        for number, line in enumerate(self.text.splitlines(), 1):
            header = _HEADER.match(line)
            if header:
                current = header_parts(header.group(1))
                if current == table:
                    seen += 1
                    if seen == occurrence:
                        header_line = number
                continue
            if key is not None and current == table and seen == occurrence and _defines(line, key):
                return number
        if header_line is not None:
            return header_line
        return self._fallback_line(table, key)

    def _fallback_line(self, table: tuple[str, ...], key: str | None) -> int:
        """Dotted keys and inline tables: the first line naming the innermost part and the key."""
        wanted = [part for part in (*table[-1:], key) if part]
        for number, line in enumerate(self.text.splitlines(), 1):
            if wanted and all(part in line for part in wanted):
                return number
        return 1

    def error(
        self,
        *,
        zh: str,
        en: str,
        table: tuple[str, ...] = (),
        key: str | None = None,
        occurrence: int = 0,
    ) -> UsageError:
        """A UsageError `source:line: …` at `key` of `table` (the n-th `[[table]]` for `occurrence`)."""
        line = self.line_of(table, key, occurrence)
        return UsageError(zh=f"{self.source}:{line}: {zh}", en=f"{self.source}:{line}: {en}")

    def check_keys(
        self, mapping: dict[str, Any], allowed: Iterable[str], table: tuple[str, ...], occurrence: int = 0
    ) -> None:
        """Raise at the line of the first key of `mapping` that is not in `allowed`."""
        allowed = set(allowed)
        for key in mapping:
            if key not in allowed:
                names = ", ".join(sorted(allowed))
                dotted = f"[{'.'.join(table)}]"
                zh_where, en_where = (f"{dotted} 中", dotted) if table else ("顶层", "the top level")
                raise self.error(
                    zh=f"{zh_where}有未知的键 {key!r}（可用的键：{names}）",
                    en=f"unknown key {key!r} in {en_where} (allowed: {names})",
                    table=table,
                    key=key,
                    occurrence=occurrence,
                )


def parse_toml(text: str, source: str) -> TomlFile:
    """Parse TOML text; a syntax error becomes a UsageError `source:line: invalid TOML: …`."""
    try:
        return TomlFile(source, text, tomllib.loads(text))
    except tomllib.TOMLDecodeError as exc:
        found = _AT_LINE.search(str(exc))
        line = found.group(1) if found else max(1, len(text.splitlines()))
        reason = _AT_LINE.sub("", str(exc))
        at_end = "(at end of document)" in reason
        reason = reason.replace("(at end of document)", "").strip()
        raise UsageError(
            zh=f"{source}:{line}: TOML 语法错误{'（文件末尾）' if at_end else ''}：{reason}",
            en=f"{source}:{line}: invalid TOML: {reason}{' at the end of the file' if at_end else ''}",
        ) from None


def header_parts(raw: str) -> tuple[str, ...]:
    """`rules."GK203"` → ("rules", "GK203"); `sections."一"` → ("sections", "一")."""
    parts = re.findall(r'"([^"]*)"|\'([^\']*)\'|([^.\s]+)', raw)
    return tuple(next(piece for piece in part if piece) if any(part) else "" for part in parts)


def _defines(line: str, key: str) -> bool:
    return re.match(rf"""\s*["']?{re.escape(key)}["']?\s*[=.]""", line) is not None
