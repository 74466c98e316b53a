"""Word's automatic list numbers ("一、", "（二）", "3.") rendered as text.

A heading numbered by Word's list feature carries no "一、" in its text: the number lives in
numbering.xml and is drawn when the document is shown. Section and row labels are recognised by
those numbers, so the DOCX loader puts them back, counting paragraphs in document order.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gkcheck.text import CHINESE_DIGITS, int_to_chinese

# The WordprocessingML namespace of document.xml and numbering.xml.
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
ROMAN = tuple(
    zip((1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1), "M CM D CD C XC L XL X IX V IV I".split())
)


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _int(value: str | None, default: int) -> int:
    """A number attribute; a missing or malformed one (files are not always well made) is the default."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _val(element, path: str) -> str | None:
    found = element.find(path.replace("w:", f"{{{W}}}"))
    return None if found is None else found.get(_w("val"))


@dataclass(frozen=True)
class Level:
    format: str
    text: str
    start: int


@dataclass
class ListNumbering:
    """The list definitions of one document and the running count of each list."""

    levels: dict[str, dict[int, Level]] = field(default_factory=dict)
    style_lists: dict[str, tuple[str, int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, numbering_xml, styles_xml) -> ListNumbering:
        numbering = cls()
        if numbering_xml is not None:
            numbering._read_numbering(numbering_xml)
        if styles_xml is not None:
            numbering._read_styles(styles_xml)
        return numbering

    def _read_numbering(self, root) -> None:
        abstract = {
            item.get(_w("abstractNumId")): {
                _int(lvl.get(_w("ilvl")), 0): _level(lvl) for lvl in item.iter(_w("lvl"))
            }
            for item in root.iter(_w("abstractNum"))
        }
        for num in root.iter(_w("num")):
            levels = dict(abstract.get(_val(num, "w:abstractNumId"), {}))
            for override in num.iter(_w("lvlOverride")):
                ilvl, start = _int(override.get(_w("ilvl")), 0), _val(override, "w:startOverride")
                if start is not None and ilvl in levels:
                    levels[ilvl] = Level(levels[ilvl].format, levels[ilvl].text, _int(start, 1))
            self.levels[num.get(_w("numId"))] = levels

    def _read_styles(self, root) -> None:
        direct: dict[str, tuple[str | None, str | None, str | None]] = {}
        for style in root.iter(_w("style")):
            direct[style.get(_w("styleId"))] = (
                _val(style, "w:pPr/w:numPr/w:numId"),
                _val(style, "w:pPr/w:numPr/w:ilvl"),
                _val(style, "w:basedOn"),
            )
        for style_id in direct:
            num_id, ilvl, seen = None, None, set()
            current: str | None = style_id
            while current in direct and current not in seen and num_id is None:
                seen.add(current)
                num_id, ilvl, current = direct[current]
            if num_id:
                self.style_lists[style_id] = (num_id, _int(ilvl, 0))

    def label(self, paragraph) -> str:
        """The list number drawn before this paragraph ("" when it is not numbered); counts it."""
        num_id = _val(paragraph, "w:pPr/w:numPr/w:numId")
        ilvl = _val(paragraph, "w:pPr/w:numPr/w:ilvl")
        style = _val(paragraph, "w:pPr/w:pStyle")
        if num_id is None and style in self.style_lists:
            num_id, style_level = self.style_lists[style]
            ilvl = ilvl if ilvl is not None else str(style_level)
        levels = self.levels.get(num_id or "0")
        level = _int(ilvl, 0)
        if not levels or level not in levels:
            return ""
        counts = self.counters.setdefault(num_id or "0", {})
        counts[level] = counts.get(level, levels[level].start - 1) + 1
        for deeper in [key for key in counts if key > level]:
            del counts[deeper]
        return _render(levels, counts, level)


def _level(lvl) -> Level:
    return Level(
        _val(lvl, "w:numFmt") or "decimal", _val(lvl, "w:lvlText") or "", _int(_val(lvl, "w:start"), 1)
    )


def _render(levels: dict[int, Level], counts: dict[int, int], level: int) -> str:
    if levels[level].format in ("bullet", "none"):
        return ""
    text = levels[level].text
    for index in range(level, -1, -1):
        if index in levels:
            count = counts.get(index, levels[index].start)
            text = text.replace(f"%{index + 1}", format_number(count, levels[index].format))
    return text


def format_number(number: int, number_format: str) -> str:
    """A list counter in one of Word's number formats (the ones Chinese documents use)."""
    if number_format in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting"):
        return int_to_chinese(number)
    if number_format == "chineseLegalSimplified":
        return int_to_chinese(number, LEGAL_DIGITS, "拾")
    if number_format == "ideographDigital":
        return "".join(CHINESE_DIGITS[int(digit)] for digit in str(number))
    if number_format == "ideographTraditional":
        return HEAVENLY_STEMS[(number - 1) % 10]
    if number_format == "ideographZodiac":
        return EARTHLY_BRANCHES[(number - 1) % 12]
    if number_format in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= number <= 20:
        return chr(0x2460 + number - 1)
    if number_format in ("decimalFullWidth", "decimalFullWidth2"):
        return str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if number_format in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter if number_format == "upperLetter" else letter.lower()
    if number_format in ("upperRoman", "lowerRoman"):
        roman = _roman(number)
        return roman if number_format == "upperRoman" else roman.lower()
    if number_format == "decimalZero":
        return f"{number:02d}"
    return str(number)


def _roman(number: int) -> str:
    out = ""
    for value, letters in ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out
