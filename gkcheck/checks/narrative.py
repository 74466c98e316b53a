"""GK401–GK402, GK404: narrative rules: what the text says about applications and reviews must agree
with the tables, and no part it counts exceeds its whole. (GK403, the carry-over from last year's
report, is in `carry_over.py`.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from gkcheck.document import Line
from gkcheck.rule import rule, skip
from gkcheck.text import FlatText, Match, squash

TABLE_SECTIONS = ("二", "三", "四")
# A table row read as text: tab-separated cells, or a label followed by two or more numbers.
TABLE_ROW = re.compile(r"\t|(?:\s+[-—–]?\d+(?:\.\d+)?){2,}\s*$|^[\d\s.]+$")
SENTENCE = re.compile(r"[。，；：,;]")
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
    """A figure the text states, the table cell it must equal, and where the text says it."""

    what_zh: str
    what_en: str
    stated: int
    table_value: int | None
    match: Match


def _narrative(report, numerals: tuple[str, ...]) -> FlatText:
    lines = [
        line for numeral in numerals if numeral in report.sections for line in report.sections[numeral].lines
    ]
    return FlatText(lines)


def _total(table, row: str, column: str = "total") -> int | None:
    value = table.value(row, column)
    return value if isinstance(value, int) else None


APPLICATIONS_RECEIVED = re.compile(
    rf"(?:共|累计|全年|本年度?)?(?:收到|受理|新收|接收|接到){_CLAUSE}{{0,16}}?申请{_CLAUSE}{{0,6}}?(?:共计|共|合计)?(\d+)\s*件"
    rf"|(?:收到|受理|新收|接收)(\d+)\s*件{_CLAUSE}{{0,8}}?申请"
)
NO_APPLICATIONS = re.compile(rf"(?:未|没有)(?:收到|受理|接到|接收){_CLAUSE}{{0,10}}?申请")
ALL_NATURAL = re.compile(r"均为自然人|全部为自然人|申请人均为自然人")
NATURAL_COUNT = re.compile(r"自然人(?:申请)?(\d+)\s*件")
CONCLUDED = re.compile(
    rf"(?:办结|答复)(?:{_CLAUSE}{{0,10}}?)(\d+)\s*件|(\d+)\s*件{_CLAUSE}{{0,12}}?(?:已?办结|予以答复|进行答复)"
)
CARRIED_OUT = re.compile(
    rf"结转(?:到|至)?(?:下一?年度?|次年|\d{{4}}年)(?:继续办理)?(\d+)\s*件|(\d+)\s*件{_CLAUSE}{{0,4}}?结转(?:到|至)?(?:下一?年|次年|\d{{4}}年)"
)
ALL_CONCLUDED = re.compile(r"(?:所有|全部)申请均已办结|均已(?:全部)?办结")


def application_claims(text: FlatText, table) -> Iterator[Claim]:
    """The statements of §5.5 of the national format found in `text`, paired with table 三."""
    for found in text.finditer(APPLICATIONS_RECEIVED):
        stated = int(found.group(1) or found.group(2))
        sentence = text.text[max(0, found.match.start() - 30) : found.match.end() + 10]
        expected, carried_in = _total(table, "new"), _total(table, "carried_in")
        if "含上年" in sentence and expected is not None and carried_in is not None:
            expected += carried_in
        yield Claim("收到申请数", "applications received", stated, expected, found)
    for found in text.finditer(NO_APPLICATIONS):
        yield Claim(
            "未收到申请（新收申请数）",
            "no applications received (new applications)",
            0,
            _total(table, "new"),
            found,
        )
    for found in text.finditer(ALL_NATURAL):
        natural, total = _total(table, "new", "natural"), _total(table, "new")
        yield Claim(
            "“均为自然人”（自然人申请数）",
            "“all from natural persons” (natural persons)",
            total or 0,
            natural,
            found,
        )
    for found in text.finditer(NATURAL_COUNT):
        yield Claim(
            "自然人申请数",
            "applications from natural persons",
            int(found.group(1)),
            _total(table, "new", "natural"),
            found,
        )
    for found in text.finditer(CONCLUDED):
        yield Claim(
            "办结申请数",
            "applications concluded",
            int(found.group(1) or found.group(2)),
            _total(table, "r_total"),
            found,
        )
    for found in text.finditer(CARRIED_OUT):
        yield Claim(
            "结转下年度申请数",
            "applications carried over",
            int(found.group(1) or found.group(2)),
            _total(table, "carried_out"),
            found,
        )
    for found in text.finditer(ALL_CONCLUDED):
        yield Claim(
            "“均已办结”（结转下年度申请数）",
            "“all concluded” (carried over)",
            0,
            _total(table, "carried_out"),
            found,
        )


def _report_claims(claims: list[Claim], table_name_zh: str, table_name_en: str, finding) -> None:
    checked = [claim for claim in claims if claim.table_value is not None]
    if not checked:
        skip("正文未说明可与表格核对的数字", "the text states no figure that can be compared with the table")
    for claim in checked:
        if claim.stated != claim.table_value:
            finding(
                f"正文“{claim.match.text}”称{claim.what_zh}为{claim.stated}，{table_name_zh}为{claim.table_value}",
                f"the text “{claim.match.text}” gives {claim.what_en} as {claim.stated}; "
                f"{table_name_en} has {claim.table_value}",
                where=claim.match.location,
                expected=claim.table_value,
                actual=claim.stated,
            )


@rule("GK401", severity="warning", title="依申请公开正文与表三一致")
def narrative_applications(report, applications, finding):
    """Application counts stated in the text agree with table 三.

    **What it does**
    Finds the figures section 一 states about applications — "共收到政府信息公开申请N件",
    "未收到政府信息公开申请", "均为自然人", "办结N件", "结转下年度继续办理N件", "所有申请均已
    办结" — and compares each with the matching cell of table 三 (一、本年新收 总计, its 自然人
    column, （七）总计, 四、结转下年度继续办理). Skipped when the text states no such figure.

    **Why is this bad?**
    The narrative and the table report the same facts (《政府信息公开条例》第五十条(二)); when they
    disagree, at least one of them is wrong and readers cannot tell which. Reviewers check this
    first, and it is the most common inconsistency in published reports.

    **Example**
    Fails: "全区共收到政府信息公开申请49件" while table 三 row 一 总计 is 48.
    Passes: the same sentence with table 三 row 一 总计 49.
    """
    claims = list(application_claims(_narrative(report, ("一",)), applications))
    _report_claims(claims, "表三相应数字", "table 三", finding)


NO_REVIEWS = re.compile(
    rf"(?:未发生|没有发生|没有|未有|无|未收到|未出现|未被){_CLAUSE}{{0,24}}?(?:行政复议|行政诉讼)"
)
REVIEW_COUNT = re.compile(r"行政复议(?:案件)?(?:共|共计)?(\d+)\s*(?:件|起)|(\d+)\s*(?:件|起)行政复议")
LITIGATION_COUNT = re.compile(r"行政诉讼(?:案件)?(?:共|共计)?(\d+)\s*(?:件|起)|(\d+)\s*(?:件|起)行政诉讼")


def review_claims(text: FlatText, table) -> Iterator[Claim]:
    """Statements on reconsideration and litigation (national format §6), paired with table 四."""
    reviews, direct, after = (_total(table, group) for group in ("rev", "lit_direct", "lit_after"))
    litigation = None if direct is None or after is None else direct + after
    all_cases = None if reviews is None or litigation is None else reviews + litigation
    for found in text.finditer(NO_REVIEWS):
        yield Claim(
            "无行政复议、行政诉讼（表四合计）",
            "no reconsideration or litigation (table 四 in all)",
            0,
            all_cases,
            found,
        )
    for found in text.finditer(REVIEW_COUNT):
        yield Claim(
            "行政复议案件数", "reconsideration cases", int(found.group(1) or found.group(2)), reviews, found
        )
    for found in text.finditer(LITIGATION_COUNT):
        yield Claim(
            "行政诉讼案件数", "litigation cases", int(found.group(1) or found.group(2)), litigation, found
        )


@rule("GK402", severity="warning", title="复议诉讼正文与表四一致")
def narrative_reviews(report, reviews, finding):
    """Statements on administrative reconsideration and litigation agree with table 四.

    **What it does**
    Finds, in sections 一 and 四, sentences such as "全年没有收到政府信息公开行政复议案件和行政诉讼
    案件" (then all 15 cells of table 四 must be 0), "行政复议2件" (行政复议 总计) and "行政诉讼7件"
    (the two 行政诉讼 总计 together), and compares them with table 四. Skipped when the text states
    nothing about reconsideration or litigation.

    **Why is this bad?**
    《政府信息公开条例》第五十条(三) requires the report to state the reconsideration and litigation
    its disclosure work gave rise to; a text that denies cases the table counts (or the reverse)
    misinforms the public on exactly the point where the body's decisions were challenged.

    **Example**
    Fails: "无因信息公开申请而被提起行政复议和行政诉讼情况" while table 四 shows 1 行政复议 维持.
    Passes: the same sentence with every cell of table 四 0.
    """
    claims = list(review_claims(_narrative(report, ("一", "四")), reviews))
    _report_claims(claims, "表四", "table 四", finding)


UNITS = "条|件|篇|项|次|场|期|个"
PART_OF = re.compile(rf"(\d+)\s*({UNITS})\s*[。；;，,]?\s*其中[，,：:]?([^。]*)")


@rule("GK404", severity="warning", title="分项不超总数")
def narrative_part_whole(report, finding):
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
