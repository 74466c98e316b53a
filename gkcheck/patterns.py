"""Regular expressions compiled when first used, so that defining one costs nothing at start-up.

gkcheck's modules define over a hundred patterns as constants; compiling them all when the
modules were imported was a good part of the time before the first file is read, while a run
uses only those of the rules and loaders that meet its files (a run on cached files, almost none).
A `LazyPattern` is written where `re.compile` would be and answers the same methods; the first
call compiles it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any, AnyStr, Generic, TypeAlias

# What `sub` puts in place of a match: a template, or a function of the match.
Replacement: TypeAlias = "AnyStr | Callable[[re.Match[AnyStr]], AnyStr]"


class LazyPattern(Generic[AnyStr]):
    """`re.compile(pattern, flags)`, done on the first search, match, substitution or split."""

    def __init__(self, pattern: AnyStr, flags: int | re.RegexFlag = 0) -> None:
        self.pattern: AnyStr = pattern
        self._flags = flags

    @cached_property
    def compiled(self) -> re.Pattern[AnyStr]:
        """The compiled pattern; after the first use, its methods are this object's own."""
        compiled = re.compile(self.pattern, self._flags)
        # Bound to the instance, the compiled pattern's methods answer every later call directly.
        vars(self).update(
            search=compiled.search,
            match=compiled.match,
            fullmatch=compiled.fullmatch,
            finditer=compiled.finditer,
            findall=compiled.findall,
            sub=compiled.sub,
            subn=compiled.subn,
            split=compiled.split,
        )
        return compiled

    @property
    def flags(self) -> int:
        return self.compiled.flags

    @property
    def groups(self) -> int:
        return self.compiled.groups

    @property
    def groupindex(self) -> Any:
        return self.compiled.groupindex

    def search(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        return self.compiled.search(string, pos, endpos)

    def match(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[AnyStr] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[AnyStr]]:
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: AnyStr, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled.findall(string, pos, endpos)

    def sub(
        self, repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], string: AnyStr, count: int = 0
    ) -> AnyStr:
        return self.compiled.sub(repl, string, count)

    def subn(
        self, repl: AnyStr | Callable[[re.Match[AnyStr]], AnyStr], string: AnyStr, count: int = 0
    ) -> tuple[AnyStr, int]:
        return self.compiled.subn(repl, string, count)

    def split(self, string: AnyStr, maxsplit: int = 0) -> list[AnyStr | Any]:
        return self.compiled.split(string, maxsplit)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"

    def __reduce__(self) -> tuple[type, tuple[AnyStr, int | re.RegexFlag]]:
        return LazyPattern, (self.pattern, self._flags)
