"""Finding the title and the six numbered section headings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from gkcheck.document import Line, merge_locations
from gkcheck.patterns import LazyPattern
from gkcheck.report import Section
from gkcheck.text import CONVERSION_DEBRIS, LONE_NUMBER, PAGE_NUMBER, chinese_to_int, fold

HEADING = LazyPattern(r"^([一二三四五六])[、.．，,]\s*(.+)$")
TITLE_MARK = "政府信息公开工作年度报告"
YEAR = LazyPattern(r"(\d{4}|[〇零○一二三四五六七八九]{4})\s*年")
# A heading must be at least this similar to an accepted wording (difflib ratio on folded text).
HEADING_SIMILARITY = 0.6


def clean(text: str) -> str:
    """The line without conversion leftovers such as "[bookmark: _GoBack]"."""
    return CONVERSION_DEBRIS.sub("", text).strip()


def is_noise(line: Line) -> bool:
    """Page numbers and other page furniture that are not part of the report's text."""
    text = clean(line.text)
    return not text or bool(PAGE_NUMBER.match(text) or LONE_NUMBER.match(text))


@dataclass(frozen=True)
class Title:
    text: str
    issuer: str | None
    year: int | None
    lines: tuple[Line, ...]


TITLE_SHAPE = LazyPattern(r"政府信息公开(?:工作)?年度报告")
# A title is short; a longer prefix before 年度报告 is a sentence citing the format, not the title.
MAX_TITLE_PREFIX = 60
# The second line of a title split in two is short ("工作年度报告", "年度报告").
MAX_TITLE_TAIL = 12


def find_title(lines: list[Line], search_first: int = 12) -> Title | None:
    """The title: the first line naming 政府信息公开工作年度报告.

    When the title is split in two, the body's name above it is part of it. In a page flattened into
    one line the title ends at 年度报告.
    """
    for index, line in enumerate(lines[:search_first]):
        text = fold(clean(line.text))
        found = TITLE_SHAPE.search(text)
        title_lines = [line]
        if not found and index + 1 < len(
            lines
        ):  # a title split over two lines: "…政府信息公开" / "工作年度报告"
            joined = text + fold(clean(lines[index + 1].text))
            split = TITLE_SHAPE.search(joined)
            if split and split.end() > len(text) and len(fold(lines[index + 1].text)) <= MAX_TITLE_TAIL:
                text, found, title_lines = joined, split, [line, lines[index + 1]]
        if (
            not found
            or found.start() > MAX_TITLE_PREFIX
            or re.search(r"[《〈<（(：:，,。]", text[: found.start()])
        ):
            continue
        text = text[: found.end()]
        if _starts_with_year(text) and index > 0 and _is_title_head(fold(clean(lines[index - 1].text))):
            title_lines.insert(0, lines[index - 1])
            text = fold(clean(lines[index - 1].text)) + text
        return Title(text, _issuer(text), _year(text), tuple(title_lines))
    return None


def title_from_text(text: str, lines: tuple[Line, ...] = ()) -> Title:
    """A title given as metadata (a web page's title, a crawler's 标题 line)."""
    text = fold(text)
    return Title(text, _issuer(text), _year(text), lines)


def _starts_with_year(text: str) -> bool:
    """True for a title line without the body's name: "2023年…报告", or "年…" after a split year."""
    return bool(re.match(r"^(\d{4}|[〇零○一二三四五六七八九]{4})?年", text))


# Page chrome a capture puts above the title, never part of the body's name.
NOT_A_TITLE_HEAD = frozenset(("正文", "全文", "文字版", "附件", "打印", "关闭"))


def _is_title_head(text: str) -> bool:
    return 0 < len(text) <= 40 and not re.search(r"[。；;：:，,]", text) and text not in NOT_A_TITLE_HEAD


def _issuer(title: str) -> str | None:
    """The body a title names.

    It stands before the title's year, or, in a year-first title
    ("2019年××市人民政府办公厅政府信息公开工作年度报告"), between the year and 政府信息公开.
    """
    found = YEAR.search(title)
    head = title[: found.start()] if found else title.split("政府信息公开")[0]
    if not head.strip() and found:
        head = re.sub(r"^度", "", title[found.end() :].split("政府信息公开")[0])
    return head.strip() or None


def _year(title: str) -> int | None:
    found = YEAR.search(title)
    return chinese_to_int(found.group(1)) if found else None


@dataclass(frozen=True)
class Heading:
    numeral: str
    text: str
    wording: str  # the heading without its numeral
    canonical: bool
    lines: tuple[Line, ...]
    index: int  # index of the heading's first line in the line list


INLINE_NUMERAL = LazyPattern(r"([一二三四五六])、")
# Lines longer than this may be a web page flattened into one line, with headings inside.
INLINE_MIN_LENGTH = 80
INLINE_SIMILARITY = 0.85


def split_inline_headings(lines: list[Line], sections: dict[str, dict]) -> list[Line]:
    """Split long lines before section headings that run on inside them.

    Web pages captured as text often come as one line per page; "…编制而成。一、总体情况2023年，…"
    becomes "…编制而成。" / "一、总体情况" / "2023年，…", each keeping the original line's location.
    """
    result: list[Line] = []
    for line in lines:
        text = clean(line.text)
        cuts = _inline_heading_spans(text, sections) if len(text) > INLINE_MIN_LENGTH else []
        if not cuts:
            result.append(line)
            continue
        position = 0
        for start, end in cuts:
            result += [
                Line(part, line.location) for part in (text[position:start], text[start:end]) if part.strip()
            ]
            position = end
        if text[position:].strip():
            result.append(Line(text[position:], line.location))
    return result


def _inline_heading_spans(text: str, sections: dict[str, dict]) -> list[tuple[int, int]]:
    spans = []
    for match in INLINE_NUMERAL.finditer(text):
        numeral = match.group(1)
        if match.start() == 0 or numeral not in sections:
            continue
        accepted = [sections[numeral]["canonical"], *sections[numeral].get("variants", [])]
        best_end, best_score = None, 0.0
        for option in accepted:
            for extra in (0, 1, 2):  # a heading with a stray character ("行政法复议")
                end = match.end() + len(option) + extra
                score = SequenceMatcher(None, text[match.end() : end], option).ratio()
                if score > best_score:
                    best_end, best_score = end, score
        if best_end is not None and best_score >= INLINE_SIMILARITY:
            spans.append((match.start(), best_end))
    return spans


def find_headings(lines: list[Line], sections: dict[str, dict]) -> list[Heading]:
    """Every line that reads as one of the six section headings, in document order."""
    found: list[Heading] = []
    index = 0
    while index < len(lines):
        heading = _heading_at(lines, index, sections)
        if heading is not None:
            found.append(heading)
            index += len(heading.lines)
        else:
            index += 1
    return found


def _heading_at(lines: list[Line], index: int, sections: dict[str, dict]) -> Heading | None:
    match = HEADING.match(fold(clean(lines[index].text)))
    if not match or match.group(1) not in sections:
        return None
    numeral = match.group(1)
    accepted = [sections[numeral]["canonical"], *sections[numeral].get("variants", [])]
    candidates: list[tuple[str, tuple[Line, ...]]] = [(match.group(2), (lines[index],))]
    if index + 1 < len(lines) and len(fold(lines[index + 1].text)) <= 12:  # a heading wrapped in two
        candidates.append(
            (match.group(2) + fold(clean(lines[index + 1].text)), (lines[index], lines[index + 1]))
        )
    score, wording, heading_lines = max(
        ((_similarity(text, accepted), text, span) for text, span in candidates), key=lambda item: item[0]
    )
    if score < HEADING_SIMILARITY:
        return None
    wording = wording.rstrip("。.:：")
    canonical = any(fold(wording) == fold(option) for option in accepted)
    return Heading(numeral, f"{numeral}、{wording}", wording, canonical, heading_lines, index)


def _similarity(text: str, accepted: list[str]) -> float:
    text = text.rstrip("。.:：")
    return max(SequenceMatcher(None, text, fold(option)).ratio() for option in accepted)


def build_sections(lines: list[Line], headings: list[Heading], end: int) -> dict[str, Section]:
    """The sections, in document order: each runs from its heading to the next heading (or `end`).

    A numeral that appears twice keeps its first heading; the repeat stays inside the text of the
    section before it, where the order rule can report it.
    """
    sections: dict[str, Section] = {}
    firsts = [
        heading
        for index, heading in enumerate(headings)
        if heading.numeral not in {h.numeral for h in headings[:index]}
    ]
    for position, heading in enumerate(firsts):
        stop = firsts[position + 1].index if position + 1 < len(firsts) else end
        body = tuple(line for line in lines[heading.index + len(heading.lines) : stop] if not is_noise(line))
        location = merge_locations(heading.lines[0].location, heading.lines[-1].location).with_(
            section=heading.numeral
        )
        sections[heading.numeral] = Section(heading.numeral, heading.text, location, body, heading.canonical)
    return sections
