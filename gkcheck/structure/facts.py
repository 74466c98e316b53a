"""Reading the facts of the front and back matter: statistics period, contact details, signature."""

from __future__ import annotations

import datetime as dt
import re

from gkcheck.document import Line
from gkcheck.patterns import LazyPattern
from gkcheck.report import Contact, Period, Signature
from gkcheck.structure.headings import clean, is_noise
from gkcheck.text import FlatText, chinese_to_int, fold

_Y = r"(\d{4}|[〇零○一二三四五六七八九]{4})"
_M = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
PERIOD = LazyPattern(
    rf"统计(?:期限|期|时限|时间|区间)[^。；;]{{0,24}}?(?:{_Y}年)?{_M}月{_M}日[起]?[，,、]?"
    rf"(?:至|到|—|－|-|~|～)(?:{_Y}年)?{_M}月{_M}日"
)
EMAIL = LazyPattern(r"[A-Za-z0-9._%+\-]+\s*[@＠]\s*[A-Za-z0-9\-]+(?:\s*\.\s*[A-Za-z0-9\-]+)+")
POSTCODE = LazyPattern(r"邮(?:政)?编(?:码)?[:：]?\s*(\d{6})")
PHONE_LABEL = LazyPattern(r"(?:联系|咨询|服务|办公|监督)?(?:电话|热线|手机)(?:号码)?(?:[/／、]传真)?[:：]?")
PHONE = LazyPattern(r"(?<![\d])(?:\(?0\d{2,3}\)?\s*[-—–－]?\s*)?\d{7,8}(?![\d])|(?<![\d])1[3-9]\d{9}(?![\d])")
ADDRESS = LazyPattern(r"(?:通讯|联系|办公)?地址[:：]\s*([^；;，,。）)]+)")
DATE_LINE = LazyPattern(rf"^(.*?){_Y}年{_M}月{_M}日$")
ORG_END = LazyPattern(
    r"(政府|办公室|办公厅|局|委员会|委|中心|厅|院|办|处|站|所|队|管委会|公司|集团|部|署|会|室|街道|镇|乡)$"
)


def find_period(flat: FlatText) -> Period | None:
    found = flat.search(PERIOD)
    if found is None:
        return None
    y1, m1, d1, y2, m2, d2 = found.match.groups()
    start_year = chinese_to_int(y1) if y1 else None
    end_year = chinese_to_int(y2) if y2 else start_year
    return Period(
        start=_date(start_year, m1, d1),
        end=_date(end_year, m2, d2),
        text=_sentence_around(flat.text, found.match.start(), found.match.end()),
        location=found.location,
    )


def _date(year: int | None, month: str, day: str) -> dt.date | None:
    month_number, day_number = chinese_to_int(month), chinese_to_int(day)
    if not year or month_number is None or day_number is None:
        return None
    try:
        return dt.date(year, month_number, day_number)
    except ValueError:
        return None


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(mark, 0, start) for mark in "。；;") + 1
    rights = [pos for pos in (text.find(mark, end) for mark in "。；;") if pos >= 0]
    return text[left : (min(rights) + 1 if rights else len(text))].strip()


def find_contact(flat: FlatText) -> Contact:
    """Contact details, preferring the passage that asks readers to get in touch (联系)."""
    anchor = flat.search(r"(?:如对|若对|如有|对本报告)[^。]{0,30}?(?:疑问|问题|意见)[^。]{0,40}?联系")
    start = anchor.match.start() if anchor else 0
    window_end = _window_end(flat.text, start)
    text = flat.text[start:window_end]
    phones = tuple(_phones(text))
    email = EMAIL.search(text)
    postcode = POSTCODE.search(text)
    address = ADDRESS.search(text)
    if not (phones or email or postcode or address):
        return Contact()
    return Contact(
        address=address.group(1).strip() if address else None,
        postcode=postcode.group(1) if postcode else None,
        phones=phones,
        email=re.sub(r"\s+", "", email.group(0)) if email else None,
        text=text,
        location=flat.location(start, window_end),
    )


CONTACT_LABEL = LazyPattern(r"地址|电话|邮编|邮政编码|邮箱|电子信箱|传真")
MAX_CONTACT_LENGTH = 300


def _window_end(text: str, start: int) -> int:
    """Where the contact passage ends.

    The passage is its first sentence, and the sentences after it that carry contact fields
    ("…请与办公室联系。联系地址：…；电话：…。"), at most 300 characters.
    """
    end = _sentence_end(text, start)
    while end < len(text) and end - start < MAX_CONTACT_LENGTH:
        following = _sentence_end(text, end)
        if not CONTACT_LABEL.search(text[end:following]):
            break
        end = following
    return min(end, start + MAX_CONTACT_LENGTH)


def _sentence_end(text: str, start: int) -> int:
    stop = text.find("。", start)
    return len(text) if stop == -1 else stop + 1


def _phones(text: str) -> list[str]:
    phones = []
    for label in PHONE_LABEL.finditer(text):
        tail = text[label.end() : label.end() + 60]
        tail = re.split(r"[；;。]|(?:邮箱|邮编|地址|传真|电子)", tail)[0]
        for number in PHONE.finditer(tail):
            phones.append(re.sub(r"[—–－]", "-", re.sub(r"\s+", "", number.group(0))))
    return list(dict.fromkeys(phones))


def find_signature(lines: list[Line], after: int) -> tuple[Signature, int]:
    """The signature block among the last lines (from index `after`): body name and date.

    Returns the signature and the index of its first line (len(lines) when there is none).
    """
    tail = [(index, line) for index, line in enumerate(lines) if index >= after and not is_noise(line)][-4:]
    date_at = None
    for position in range(len(tail) - 1, -1, -1):
        index, line = tail[position]
        match = DATE_LINE.match(fold(clean(line.text)))
        if match and len(match.group(1)) <= 40 and not re.search(r"[。；;]", match.group(1)):
            date_at = position
            break
    if date_at is None:
        return Signature(), len(lines)
    index, line = tail[date_at]
    match = DATE_LINE.match(fold(clean(line.text)))
    assert match is not None, "date_at is a line DATE_LINE matches"
    prefix, year, month, day = match.groups()
    date = _date(chinese_to_int(year), month, day)
    body, first, location = (prefix or None), index, line.location
    if not body:
        names = _name_lines_before(tail[:date_at])
        if names:
            body = "".join(fold(clean(item.text)) for _, item in names)
            first, location = names[0][0], names[0][1].location
    return Signature(body=body, date=date, date_text=fold(line.text), location=location), first


def _name_lines_before(candidates: list[tuple[int, Line]]) -> list[tuple[int, Line]]:
    """The body's name above the date.

    One line ending like an organisation, or two (a long name wrapped: "淄博高新技术产业开发区" /
    "管理委员会办公室").
    """
    names: list[tuple[int, Line]] = []
    for index, line in reversed(candidates[-2:]):
        text = fold(clean(line.text))
        if (
            len(text) > 40
            or re.search(r"[。；;：:，,、]", text)
            or re.match(r"^[（(]?[一二三四五六七八九十\d]+[）)、.．]", text)
        ):
            break
        if not names and not ORG_END.search(text):
            break
        names.insert(0, (index, line))
    return names
