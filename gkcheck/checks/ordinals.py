"""Item numbering inside a section: the ordinals that start lines, and the slips in their sequence.

GB/T 9704 orders the levels 一、 → （一） → 1. → （1）. A section heading is the 一、 level, so
items inside a section should start at （一）. Each level counts 1, 2, 3 … and restarts under a new
item of a higher level.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from gkcheck.document import Line, Location
from gkcheck.patterns import LazyPattern
from gkcheck.structure.headings import clean
from gkcheck.text import FlatText, chinese_to_int, squash

# Levels, outermost first.
TOP, CHINESE_PAREN, ARABIC_DOT, ARABIC_PAREN = 0, 1, 2, 3
STYLE_NAMES = {TOP: "一、", CHINESE_PAREN: "（一）", ARABIC_DOT: "1.", ARABIC_PAREN: "（1）"}

_CN = "[一二三四五六七八九十]{1,3}"
MARKER = LazyPattern(
    rf"^(?:(?P<open>[（(])\s*(?:(?P<cn_paren>{_CN})|(?P<ar_paren>\d{{1,2}}))\s*(?P<close>[）)])"
    rf"|(?P<top>{_CN})\s*、|(?P<ar_dot>\d{{1,2}})\s*[.．、](?![\d.．]))"
)
# "一是…二是…三是…" enumerations inside a paragraph; a numbered item (（二）, 2.) starts a new run.
SHI_ORDINAL = LazyPattern(
    r"(?P<item>[（(][一二三四五六七八九十\d]{1,3}[）)]|(?<![\d.])\d{1,2}[.．、](?!\d))"
    r"|(?:^|(?<=[。；;：:，,！？）)\s]))\s*(?P<shi>[一二三四五六七八九十]{1,2})是(?![否的])"
)


@dataclass(frozen=True)
class Item:
    """An ordinal at the start of a line: its level, value, the bracket width and the line."""

    level: int
    value: int
    marker: str
    line: Line
    full_width: bool | None = None  # for bracketed ordinals: （一） True, (一) False


@dataclass(frozen=True)
class Problem:
    """A numbering slip. `kind`: repeated, skipped, mixed-style, mixed-width, top-level, shi."""

    kind: str
    item: Item
    previous: Item | None = None


def items_in(lines: Iterable[Line]) -> list[Item]:
    """The numbered items of a run of lines, in order."""
    found = []
    for line in lines:
        text = squash(clean(line.text))
        match = MARKER.match(text)
        if not match or len(text) <= len(match.group(0)):
            continue
        level, raw = next(
            (level, match.group(name))
            for level, name in (
                (CHINESE_PAREN, "cn_paren"),
                (ARABIC_PAREN, "ar_paren"),
                (TOP, "top"),
                (ARABIC_DOT, "ar_dot"),
            )
            if match.group(name)
        )
        value = chinese_to_int(raw)
        if value is None:
            continue
        width = None
        if match.group("open"):
            width = match.group("open") == "（" and match.group("close") == "）"
        found.append(Item(level, value, match.group(0).strip(), line, width))
    return found


def numbering_problems(items: list[Item]) -> Iterator[Problem]:
    """Repeated or skipped ordinals, mixed styles and bracket widths at one level, 一、 items."""
    last: dict[int, Item] = {}
    mixed_reported: set[tuple[int, int]] = set()
    widths: dict[int, bool] = {}  # the bracket width first used at each level
    top_reported = False
    for item in items:
        level = item.level
        if level == TOP and not top_reported:
            top_reported = True
            yield Problem("top-level", item)
        if item.full_width is not None:
            first_width = widths.setdefault(level, item.full_width)
            if first_width != item.full_width and (level, -1) not in mixed_reported:
                mixed_reported.add((level, -1))  # one note per level is enough
                yield Problem("mixed-width", item)
        previous = last.get(level)
        if previous is None and item.value != 1:
            continued = _continued_level(item, last)
            if continued is not None:
                if (continued, level) not in mixed_reported:
                    mixed_reported.add((continued, level))
                    yield Problem("mixed-style", item, last[continued])
                level = continued
                previous = None
            else:
                yield Problem("skipped", item)
        elif previous is not None and item.value <= previous.value:
            yield Problem("repeated", item, previous)
        elif previous is not None and item.value > previous.value + 1:
            yield Problem("skipped", item, previous)
        last[level] = item
        for deeper in [key for key in last if key > level]:
            del last[deeper]


def _continued_level(item: Item, last: dict[int, Item]) -> int | None:
    """The level whose count this item continues in another style: （一） then （2）."""
    for level, previous in last.items():
        if level != item.level and previous.value == item.value - 1:
            return level
    return None


def shi_problems(lines: Iterable[Line]) -> Iterator[tuple[str, int, int, Location | None]]:
    """Slips in "一是…二是…三是" runs: (kind, expected, actual, location); kind repeated/skipped."""
    flat = FlatText(lines)
    previous = None
    for found in flat.finditer(SHI_ORDINAL):
        if found.group("item"):
            previous = None
            continue
        value = chinese_to_int(found.group("shi"))
        if value is None:
            continue
        if value == 1:
            previous = 1
            continue
        if previous is not None and value != previous + 1:
            yield ("repeated" if value <= previous else "skipped"), previous + 1, value, found.location
        previous = value
