"""GK401–GK402, GK404: narrative rules, the figures the text states against the tables.

What the text says about applications and reviews must agree with the tables, and no part it counts
exceeds its whole. (GK403, the carry-over from last year's report, is in `carry_over.py`.)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gkcheck.document import Line
from gkcheck.patterns import LazyPattern
from gkcheck.report import Report
from gkcheck.rule import FindingCollector, rule, skip
from gkcheck.stat_tables import StatTable
from gkcheck.text import FlatText, Match, squash

TABLE_SECTIONS = ("二", "三", "四")
# A table row read as text: tab-separated cells, or a label followed by two or more numbers.
TABLE_ROW = LazyPattern(r"\t|(?:\s+[-—–]?\d+(?:\.\d+)?){2,}\s*$|^[\d\s.]+$")
SENTENCE = LazyPattern(r"[。，；：,;]")
# Clauses never cross these; a number and its subject must sit in one clause.
_CLAUSE = r"[^。；;，,！!？?]"


def narrative_lines(report) -> list[Line]:
    """The lines of running text: preamble and sections, without lines read from tables.

    In sections 二, 三 and 四 (the tables) only lines with sentence punctuation are kept.
    """
    picked: list[Line] = list(report.preamble)
    for numeral, section in report.sections.items():
        for line in section.lines:
            text = line.text
            if TABLE_ROW.search(text):
                continue
            if numeral in TABLE_SECTIONS and not SENTENCE.search(text):
                continue
            picked.append(line)
    return picked


@dataclass(frozen=True)
class Claim:
    """A figure the text states, the readings of the table it may equal, and where the text says it.

    `readings` are (description zh, description en, value) pairs: the claim holds when the stated
    figure equals any of them (e.g. 受理 N 件 counted as 本年新收, or as 新收 + 上年结转).
    """

    what_zh: str
    what_en: str
    stated: int
    readings: tuple[tuple[str, str, int | None], ...]
    match: Match
    sentence: str = ""

    @property
    def table_value(self) -> int | None:
        return self.readings[0][2] if self.readings else None

    @property
    def checkable(self) -> bool:
        return any(value is not None for _, _, value in self.readings)

    @property
    def holds(self) -> bool:
        return any(value == self.stated for _, _, value in self.readings if value is not None)


def _narrative(report, numerals: tuple[str, ...]) -> FlatText:
    lines = [
        line for numeral in numerals if numeral in report.sections for line in report.sections[numeral].lines
    ]
    if not lines or "一" not in report.sections:
        lines = list(report.preamble) + lines  # a missing heading: the narrative is where it stands
    return FlatText(lines)


def _total(table, row: str, column: str = "total") -> int | None:
    """A cell of the table as a count.

    A 总计 left blank beside figures is the sum of its row's parts (GK301 warns of the blank; the text
    is compared with what the row says).
    """
    value = table.number(row, column)
    cell = table.cells.get(row, {}).get(column)
    parts = [key for key in table.spec.columns if key != "total"]
    if column == "total" and cell is not None and cell.kind == "blank" and table.key == "applications":
        values = [table.number(row, key) for key in parts]
        if all(isinstance(item, int) for item in values):
            return sum(item for item in values if isinstance(item, int))
    return value if isinstance(value, int) else None


def _sum(table, rows, column: str = "total") -> int | None:
    """The sum of the cells of `rows` in `column`; None when any cannot be read."""
    values = [_total(table, row, column) for row in rows]
    known = [value for value in values if value is not None]
    return sum(known) if values and len(known) == len(values) else None


# A count as printed: Arabic digits (spaces and separators inside already removed) or Chinese numerals.
# A lone 一 or 两 is idiom more often than a count ("办结一件申请、解决一个问题"): not read.
NUM = r"(\d+|[零〇一二两三四五六七八九十百千万]{2,}|[三四五六七八九十])"


def number(text: str) -> int | None:
    """A count as written: "92" → 92; "三十二" → 32 (Chinese numerals read with cn2an); None otherwise."""
    if text.isdigit():
        return int(text)
    import cn2an  # imported on first use: it is slow to import and most reports write digits

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError):
        return None
    return int(value) if value == int(value) else None


def sentence_of(text: str, start: int, end: int, limit: int = 90) -> str:
    """The sentence of `text` around [start, end), cut to about `limit` characters around the match."""
    left = max(text.rfind(mark, 0, start) for mark in "。；;！？") + 1
    rights = [pos for pos in (text.find(mark, end) for mark in "。；;！？") if pos >= 0]
    right = min(rights) + 1 if rights else len(text)
    if right - left > limit:
        left = max(left, start - limit // 3)
        right = min(right, max(end, left + limit))
    return text[left:right].strip()


def _first_number(found: Match) -> int | None:
    groups = [group for group in found.match.groups() if group]
    return number(groups[0]) if groups else None


APPLICATIONS_RECEIVED = LazyPattern(
    rf"(?:共|累计|全年|本年度?)?(?:收到|受理|新收|接收|接到|收办){_CLAUSE}{{0,16}}?申请(?:案件)?{_CLAUSE}{{0,6}}?"
    rf"(?:共计|共|合计)?{NUM}\s*件"
    rf"|(?:收到|受理|新收|接收){NUM}\s*件{_CLAUSE}{{0,8}}?申请"
)
NO_APPLICATIONS = LazyPattern(rf"(?:未|没有)(?:收到|受理|接到|接收){_CLAUSE}{{0,10}}?申请")
ALL_NATURAL = LazyPattern(r"均为自然人|全部为自然人|申请人均为自然人")
NATURAL_COUNT = LazyPattern(rf"自然人(?:申请|提出(?:的)?申请)?{NUM}\s*件")
CONCLUDED = LazyPattern(
    rf"(?:办结|答复){_CLAUSE}{{0,10}}?{NUM}\s*件|共办理{NUM}\s*件|{NUM}\s*件{_CLAUSE}{{0,12}}?(?:已?办结|予以答复|进行答复)"
)
CARRIED_OUT = LazyPattern(
    rf"(?:结转|转)(?:到|至)?(?:下一?年度?|次年|\d{{4}}年)[^。；;，,]{{0,8}}?{NUM}\s*件"
    rf"|{NUM}\s*件{_CLAUSE}{{0,4}}?结转(?:到|至)?(?:下一?年|次年|\d{{4}}年)"
)
ALL_CONCLUDED = LazyPattern(
    r"(?:所有|全部)申请均已[^。；;，,]{0,6}?(?:办结|办理完成|办理完毕)|均已(?:全部)?办结"
)
# Per-outcome counts (national format §5.5), each with the rows of table 三 it adds up.
_PAREN = r"(?:[（(][^）)]{0,24}[）)])?"
OUTCOMES = (
    (
        "予以公开及部分公开",
        "opened in full or in part",
        r"予以公开(?:及|和|与)部分公开",
        ("r1_open", "r2_partial"),
    ),
    ("予以公开", "opened", r"(?:予以公开|同意公开)(?!(?:及|和|与)部分公开)", ("r1_open",)),
    ("部分公开", "partly opened", r"(?<!及)(?<!和)(?<!与)部分公开", ("r2_partial",)),
    ("不予公开", "refused", r"不予公开", tuple(f"r3_{k}" for k in range(1, 9))),
    ("无法提供", "could not be provided", r"无法提供", ("r4_1", "r4_2", "r4_3")),
    ("不予处理", "not processed", r"不予处理", tuple(f"r5_{k}" for k in range(1, 6))),
    ("其他处理", "otherwise handled", r"其他处理", ("r6_1", "r6_2", "r6_3")),
)


def _outcome_rows(table, rows: tuple[str, ...]) -> tuple[str, ...]:
    """The rows as the table's template has them: 2019's single （六）其他处理 row is `r6`."""
    if rows == ("r6_1", "r6_2", "r6_3") and "r6" in {row.key for row in table.spec.rows}:
        return ("r6",)
    return rows


def _readings_new(table, sentence: str, column: str = "total"):
    new, carried_in = _total(table, "new", column), _total(table, "carried_in", column)
    both = None if new is None or carried_in is None else new + carried_in
    combined = ("本年新收加上年结转", "new plus carried in", both)
    if "含上年" in sentence:
        return (combined,)
    return (("本年新收", "new this year", new), combined)


def application_claims(text: FlatText, table) -> Iterator[Claim]:
    """The statements of §5.5 of the national format found in `text`, paired with table 三."""
    for found in text.finditer(APPLICATIONS_RECEIVED):
        window = text.text[max(0, found.match.start() - 30) : found.match.end() + 10]
        yield _claim(text, found, "收到申请数", "applications received", _readings_new(table, window))
    for found in text.finditer(NO_APPLICATIONS):
        readings = (("本年新收", "new this year", _total(table, "new")),)
        yield _claim(text, found, "未收到申请（新收申请数）", "no applications received", readings, stated=0)
    for found in text.finditer(ALL_NATURAL):
        natural, total = _total(table, "new", "natural"), _total(table, "new")
        readings = (("本年新收中的自然人", "new from natural persons", natural),)
        yield _claim(
            text, found, "“均为自然人”（自然人申请数）", "“all from natural persons”", readings, total or 0
        )
    for found in text.finditer(NATURAL_COUNT):
        yield _claim(
            text,
            found,
            "自然人申请数",
            "applications from natural persons",
            _readings_new(table, "", "natural"),
        )
    for found in text.finditer(CONCLUDED):
        readings = (("（七）总计", "（七）总计", _total(table, "r_total")),)
        yield _claim(text, found, "办结申请数", "applications concluded", readings)
    for found in text.finditer(CARRIED_OUT):
        readings = (("结转下年度继续办理", "carried over", _total(table, "carried_out")),)
        yield _claim(text, found, "结转下年度申请数", "applications carried over", readings)
    for found in text.finditer(ALL_CONCLUDED):
        readings = (("结转下年度继续办理", "carried over", _total(table, "carried_out")),)
        yield _claim(
            text, found, "“均已办结”（结转下年度申请数）", "“all concluded” (carried over)", readings, 0
        )
    for zh, en, pattern, rows in OUTCOMES:
        regex = rf"{pattern}(?:答复|决定)?(?:的)?{_PAREN}(?:共)?{NUM}\s*件"
        for found in text.finditer(regex):
            readings = (("表三相应各行之和", "the matching rows", _sum(table, _outcome_rows(table, rows))),)
            yield _claim(text, found, f"“{zh}”件数", f"applications {en}", readings)


def _claim(text: FlatText, found: Match, zh: str, en: str, readings, stated: int | None = None) -> Claim:
    value = stated if stated is not None else _first_number(found)
    sentence = sentence_of(text.text, found.match.start(), found.match.end())
    return Claim(zh, en, value if value is not None else -1, tuple(readings), found, sentence)


def _report_claims(claims: list[Claim], table_name_zh: str, table_name_en: str, finding) -> None:
    checked = [claim for claim in claims if claim.checkable and claim.stated >= 0]
    if not checked:
        skip("正文未说明可与表格核对的数字", "the text states no figure that can be compared with the table")
    for claim in checked:
        if claim.holds:
            continue
        readings = [(zh, en, value) for zh, en, value in claim.readings if value is not None]
        readings = [
            item for index, item in enumerate(readings) if item[2] not in {r[2] for r in readings[:index]}
        ]
        zh_readings = "，".join(f"按{zh}为{value}" for zh, _, value in readings)
        en_readings = "; ".join(f"{en}: {value}" for _, en, value in readings)
        finding(
            f"正文“{claim.sentence}”称{claim.what_zh}为{claim.stated}，{table_name_zh}{zh_readings}",
            f"the text “{claim.sentence}” gives {claim.what_en} as {claim.stated}; {table_name_en} "
            f"has {en_readings}",
            where=claim.match.location,
            expected=readings[0][2],
            actual=claim.stated,
        )


@rule("GK401", severity="warning", title="依申请公开正文与表三一致")
def narrative_applications(report: Report, applications: StatTable, finding: FindingCollector) -> None:
    r"""Application counts stated in the text agree with table 三.

    **What it does**
    Finds the figures section 一 states about applications — "共收到政府信息公开申请N件",
    "未收到政府信息公开申请", "均为自然人", "自然人申请N件", "办结N件", "结转下年度继续办理N件",
    "所有申请均已办结", and the outcomes "予以公开N件", "部分公开N件", "不予公开N件", "无法提供N件",
    "不予处理N件", "其他处理N件" — and compares each with table 三 (一、本年新收 总计 and its 自然人
    column, （七）总计, 四、结转下年度继续办理, the sum of each outcome's rows). Figures are read as
    printed: with spaces or a line break inside ("9\n2 件"), in full-width digits, or in Chinese
    numerals ("三十二件"). Reports count applications received (受理, 收到) either as 本年新收 or as
    新收 + 上年结转 (the applications handled this year): the figure is flagged only when it matches
    neither, and the finding names both readings. When the heading of section 一 is missing, the
    text before the first heading is read instead. Skipped when the text states no such figure.
    Each finding quotes the sentence it read.

    **Why is this bad?**
    The narrative and the table report the same facts (《政府信息公开条例》第五十条(二)); when they
    disagree, at least one of them is wrong and readers cannot tell which. Reviewers check this
    first, and it is the most common inconsistency in published reports.

    **Example**
    Fails: "全区共收到政府信息公开申请49件" while table 三 row 一 总计 is 48 (and 二 is 0).
    Passes: the same sentence with 一 总计 49; or "共受理申请749件" with 新收 713 and 上年结转 36.
    """
    claims = list(application_claims(_narrative(report, ("一",)), applications))
    _report_claims(claims, "表三", "table 三", finding)


NO_REVIEWS = LazyPattern(
    rf"(?:未发生|没有发生|没有|未有|无|未收到|未出现|未被){_CLAUSE}{{0,24}}?(?:行政复议|行政诉讼)"
)
# Words of an outcome: a negation that names one denies that outcome, not that cases were brought
# ("未发生…被行政复议纠错或行政诉讼败诉的情况": no decision overturned, no suit lost).
CORRECTED = LazyPattern(r"纠错|纠正|撤销|确认违法|被改变")
LOST = LazyPattern(r"败诉")
NO_OUTCOME = LazyPattern(
    rf"(?:未发生|没有发生|没有|未有|无|未出现|未被){_CLAUSE}{{0,30}}?(?:纠错|纠正|败诉|被撤销|确认违法)"
)
REVIEW_COUNT = LazyPattern(
    rf"行政复议(?:案件)?(?:数|数量)?(?:为|共|共计)?{NUM}\s*(?:件|起)|{NUM}\s*(?:件|起){_CLAUSE}{{0,16}}?行政复议"
)
LITIGATION_COUNT = LazyPattern(
    rf"行政诉讼(?:案件)?(?:数|数量)?(?:为|共|共计)?{NUM}\s*(?:件|起)|{NUM}\s*(?:件|起){_CLAUSE}{{0,16}}?行政诉讼"
)


def _group_sum(table, groups: tuple[str, ...], column: str) -> int | None:
    return _sum(table, groups, column)


def _count_readings(table, groups: tuple[str, ...]):
    total = _group_sum(table, groups, "total")
    pending = _group_sum(table, groups, "pending")
    concluded = None if total is None or pending is None else total - pending
    return (
        ("总计", "the total", total),
        ("总计减尚未审结（已审结）", "concluded (total less pending)", concluded),
    )


def review_claims(text: FlatText, table) -> Iterator[Claim]:
    """Statements on reconsideration and litigation (national format §6), paired with table 四."""
    groups = ("rev", "lit_direct", "lit_after")
    outcome_spans = []
    for found in text.finditer(NO_OUTCOME):
        clause = found.text
        denied = []
        if CORRECTED.search(clause) and "复议" in clause:
            denied.append("rev")
        if LOST.search(clause) or (CORRECTED.search(clause) and "诉讼" in clause):
            denied += ["lit_direct", "lit_after"]
        denied = denied or list(groups)
        readings = (("结果纠正", "corrected", _group_sum(table, tuple(denied), "corrected")),)
        outcome_spans.append((found.match.start(), found.match.end()))
        yield _claim(
            text, found, "无纠错、败诉（表四“结果纠正”）", "no decision corrected or suit lost", readings, 0
        )
    for found in text.finditer(NO_REVIEWS):
        if any(start <= found.match.start() < end for start, end in outcome_spans):
            continue
        readings = (("全部合计", "in all", _group_sum(table, groups, "total")),)
        yield _claim(
            text, found, "无行政复议、行政诉讼（表四合计）", "no reconsideration or litigation", readings, 0
        )
    for found in text.finditer(REVIEW_COUNT):
        yield _claim(text, found, "行政复议案件数", "reconsideration cases", _count_readings(table, ("rev",)))
    for found in text.finditer(LITIGATION_COUNT):
        readings = _count_readings(table, ("lit_direct", "lit_after"))
        yield _claim(text, found, "行政诉讼案件数", "litigation cases", readings)


@rule("GK402", severity="warning", title="复议诉讼正文与表四一致")
def narrative_reviews(report: Report, reviews: StatTable, finding: FindingCollector) -> None:
    """Statements on administrative reconsideration and litigation agree with table 四.

    **What it does**
    Finds, in sections 一 and 四, sentences such as "全年没有收到政府信息公开行政复议案件和行政诉讼
    案件" (then all 15 cells of table 四 must be 0), "行政复议2件" (行政复议 总计) and "行政诉讼7件"
    (the two 行政诉讼 总计 together), and compares them with table 四. A count is accepted as the
    total or as the cases concluded (总计 less 尚未审结: reports that count 备案 or 审结 cases); a
    finding names both. A negation of an outcome — "未发生…被行政复议纠错或行政诉讼败诉的情况",
    "无败诉" — says that no decision was corrected (结果纠正 0), not that there were no cases.
    Skipped when the text states nothing about reconsideration or litigation. Each finding quotes
    the sentence it read.

    **Why is this bad?**
    《政府信息公开条例》第五十条(三) requires the report to state the reconsideration and litigation
    its disclosure work gave rise to; a text that denies cases the table counts (or the reverse)
    misinforms the public on exactly the point where the body's decisions were challenged.

    **Example**
    Fails: "无因信息公开申请而被提起行政复议和行政诉讼情况" while table 四 shows 1 行政复议 维持;
    "未发生行政诉讼败诉" while 行政诉讼 结果纠正 is 1. Passes: the first sentence with every cell of
    table 四 0; "未发生被行政复议纠错的情况" with 55 复议 cases, none 纠正.
    """
    claims = list(review_claims(_narrative(report, ("一", "四")), reviews))
    _report_claims(claims, "表四", "table 四", finding)


UNITS = "条|件|篇|项|次|场|期|个"
PART_OF = LazyPattern(rf"(\d+)\s*({UNITS})\s*[。；;，,]?\s*其中[，,：:]?([^。]*)")


@rule("GK404", severity="warning", title="分项不超总数")
def narrative_part_whole(report: Report, finding: FindingCollector) -> None:
    """In the text, no part counted after 其中 exceeds the total it belongs to.

    **What it does**
    In the running text, reads totals followed by their parts — "主动公开政府信息217条。其中，
    通过政府门户网站…23条，…通过微信公众号…228条" — and reports each part (a count with the same
    unit, in the sentence after 其中) that is larger than the total. Parts that sum to more than
    the total are not reported: the same item is often published on several channels.

    **Why is this bad?**
    《政府信息公开条例》第五十条 asks the report to state the body's disclosure work; the 2021 format
    notice (国办公开办函〔2021〕30号) names inaccurate content as grounds for accountability under
    第四十七条. A part larger than its whole is an error in one of the two figures.

    **Example**
    Fails: "主动公开政府信息217条。其中，…通过微信公众号发布信息228条。".
    Passes: "主动公开信息65条，其中在区政府门户网站公开59条，政务新媒体公开5条，其他渠道公开1条。".
    """
    text = FlatText(narrative_lines(report))
    for whole in text.finditer(PART_OF):
        total, unit, clause = int(whole.group(1)), whole.group(2), whole.group(3)
        clause_start = whole.match.start(3)
        for part in re.finditer(rf"(\d+)\s*(?:{unit})", clause):
            if int(part.group(1)) > total:
                start, end = clause_start + part.start(), clause_start + part.end()
                finding(
                    f"分项“{squash(part.group(0))}”大于总数“{total}{unit}”",
                    f"a part ({squash(part.group(0))}) exceeds its total ({total}{unit})",
                    where=text.location(whole.match.start(), end) or text.location(start, end),
                    expected=f"<= {total}",
                    actual=int(part.group(1)),
                )
