"""Text helpers for CJK reports: normalisation and searching across wrapped lines.

Real reports put stray spaces inside words ("结果 维持", "邮 编 ："), use full-width digits and
punctuation, and wrap sentences over lines (PDF). Rules match against a *flat* text in which these
differences are gone, and map each match back to the line, page and position it came from.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from gkcheck.document import Line, Location, merge_locations
from gkcheck.patterns import LazyPattern

_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’—…·"
_SPACE_NEAR_CJK = LazyPattern(rf"(?<=[{_CJK}])[ \t\u3000\xa0]+|[ \t\u3000\xa0]+(?=[{_CJK}])")
_SPACES = LazyPattern(r"[ \t\u3000\xa0]+")
_WHITESPACE = LazyPattern(r"\s+")
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# What a conversion to text leaves behind from Word's hidden markup: "[bookmark: _GoBack]".
CONVERSION_DEBRIS = LazyPattern(r"\[bookmark:[^\]]*\]")
# A line that is only a page number, printed as page furniture: "- 3 -", "—3—", "第3页", "第3页 共10页".
PAGE_NUMBER = LazyPattern(r"^[-—–－―─]+\s*\d{1,3}\s*[-—–－―─]+$|^第\s*\d+\s*页(\s*[,，/]?\s*共\s*\d+\s*页)?$")
# A line that is only a short number, perhaps with a dash beside it ("3", "- 3"): a page number in
# running text, but in a table it can be a value that wrapped onto a line of its own.
LONE_NUMBER = LazyPattern(r"^[-—–－―─\s]*\d{1,3}[-—–－―─\s]*$")


# Rules squash and fold the same labels and lines many times over, in one report and from report to report.
@lru_cache(maxsize=8192)
def squash(text: str) -> str:
    """Remove spaces next to CJK characters and runs of spaces; full-width digits become ASCII.

    "2023 年 1 月 1 日" → "2023年1月1日"; "邮 编 ： 255035" → "邮编：255035".
    """
    text = text.translate(_FULLWIDTH_DIGITS)
    text = _SPACE_NEAR_CJK.sub("", text)
    return _SPACES.sub(" ", text).strip()


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """A matching key: squashed, NFKC-folded (full-width → half-width), without any whitespace."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", squash(text)))


@dataclass(frozen=True)
class Match:
    """A regular-expression match in a flat text, with the location of the lines it spans."""

    match: re.Match
    location: Location | None

    def group(self, *names):
        return self.match.group(*names)

    @property
    def text(self) -> str:
        return self.match.group(0)


class FlatText:
    r"""Lines joined into one squashed string (no line breaks), searchable across wrapped lines.

    Joining without a separator is right for CJK text wrapped at the page edge; where both sides
    of a break are Latin letters or digits a space is kept, so "Room\n12" stays two words.
    """

    def __init__(self, lines: Iterable[Line]):
        self.lines: list[Line] = []
        self._starts: list[int] = []
        parts: list[str] = []
        length = 0
        for line in lines:
            text = squash(line.text)
            if not text:
                continue
            if parts and _needs_space(parts[-1], text):
                parts.append(" ")
                length += 1
            self.lines.append(line)
            self._starts.append(length)
            parts.append(text)
            length += len(text)
        self.text = "".join(parts)

    def location(self, start: int, end: int) -> Location | None:
        """The location of the lines covering text[start:end]."""
        if not self.lines:
            return None
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        last = max(first, bisect.bisect_right(self._starts, max(start, end - 1)) - 1)
        return merge_locations(self.lines[first].location, self.lines[last].location)

    def search(self, pattern: str | re.Pattern[str] | LazyPattern[str]) -> Match | None:
        found = _compiled(pattern).search(self.text)
        return Match(found, self.location(found.start(), found.end())) if found else None

    def finditer(self, pattern: str | re.Pattern[str] | LazyPattern[str]) -> Iterator[Match]:
        for found in _compiled(pattern).finditer(self.text):
            yield Match(found, self.location(found.start(), found.end()))


def _compiled(pattern: str | re.Pattern[str] | LazyPattern[str]) -> re.Pattern[str] | LazyPattern[str]:
    return re.compile(pattern) if isinstance(pattern, str) else pattern


def _needs_space(before: str, after: str) -> bool:
    r"""Whether a line break between `before` and `after` becomes a space when the lines are joined.

    A space between Latin words broken over two lines ("Room\n12"); none inside a number a line
    break cut in two ("9\n2 件", as Word → PDF exports wrap a sentence).
    """
    if before[-1].isdigit() and after[0].isdigit():
        return False
    return before[-1].isascii() and before[-1].isalnum() and after[0].isascii() and after[0].isalnum()


CHINESE_DIGITS = "〇一二三四五六七八九"
# Zero is also written 零, ○ or a letter O in dates ("二O二四年").
_DIGIT_VALUES = {
    **{digit: value for value, digit in enumerate(CHINESE_DIGITS)},
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "O": 0,
}


def chinese_to_int(text: str) -> int | None:
    """Read "2024", "二〇二四", "十二", "三十一", "十" as an integer; None if not a number."""
    text = text.strip().translate(_FULLWIDTH_DIGITS)
    if text.isdigit():
        return int(text)
    if not text or any(char not in _DIGIT_VALUES and char != "十" for char in text):
        return None
    if "十" not in text:
        return int("".join(str(_DIGIT_VALUES[char]) for char in text))
    tens, _, ones = text.partition("十")
    return (_DIGIT_VALUES[tens] if tens else 1) * 10 + (_DIGIT_VALUES[ones] if ones else 0)


def int_to_chinese(number: int, digits: str = CHINESE_DIGITS, ten: str = "十") -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (up to 99; other numbers in digits).

    `digits` and `ten` give another set of numerals: "零壹贰叁肆伍陆柒捌玖" and "拾".
    """
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    if tens == 0:
        return digits[ones]
    return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")
