"""GK101–GK105: section rules: the six numbered sections of the national format and the title."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from gkcheck.checks.ordinals import STYLE_NAMES, items_in, numbering_problems, shi_problems
from gkcheck.packs.profile import Profile
from gkcheck.report import NUMERALS, Report
from gkcheck.rule import FindingCollector, rule
from gkcheck.structure.headings import HEADING, TITLE_MARK, clean, find_headings
from gkcheck.text import fold, int_to_chinese


@rule("GK101", severity="error", title="六个部分齐全")
def required_sections(report: Report, profile: Profile, finding: FindingCollector) -> None:
    """All six sections 一 … 六 are present.

    **What it does**
    Looks for the six numbered headings of the national format (国办公开办函〔2021〕30号):
    一、总体情况; 二、主动公开政府信息情况; 三、收到和处理政府信息公开申请情况;
    四、政府信息公开行政复议、行政诉讼情况; 五、存在的主要问题及改进情况; 六、其他需要报告的事项.
    A heading is recognised by its numeral and its wording; the accepted variants are listed in
    the profile (`[sections.N]` in `rules/national.toml`).

    **Why is this bad?**
    《政府信息公开条例》第五十条 fixes what an annual report contains and makes the national format
    binding; the 2021 notice says the content "不能遗漏". A missing section is missing content, or a
    table printed under the wrong heading (a table 三 under 二、 with no 三、 heading).

    **Example**
    Fails: the report goes from "二、主动公开政府信息情况" and its table straight to table 三 without
    the heading "三、收到和处理政府信息公开申请情况". Passes: all six headings, in order.
    """
    for numeral in NUMERALS:
        if numeral in report.sections:
            continue
        heading = f"{numeral}、{profile.sections[numeral]['canonical']}"
        where = _place_of_missing(report, numeral)
        finding(
            f"缺少第{numeral}部分“{heading}”",
            f"section {numeral} is missing: “{heading}”",
            where=where,
            expected=heading,
            actual=None,
        )


def _place_of_missing(report, numeral):
    """The location of the section that precedes the missing one, as the place to look."""
    before = [report.sections[n] for n in NUMERALS[: NUMERALS.index(numeral)] if n in report.sections]
    return before[-1].location if before else report.title_location


@rule("GK102", severity="error", title="部分顺序")
def section_order(report: Report, profile: Profile, finding: FindingCollector) -> None:
    """The six sections appear once each, in order 一 … 六, each under its own numeral.

    **What it does**
    Reads every line that is a section heading (numeral 一 … 六 with 、 and the wording of the
    format or an accepted variant) in document order and reports: a section heading that
    appears a second time; a section that comes after one it should precede (the fewest
    headings that break the order are named); and a heading worded as one section but numbered
    as another ("三、政府信息公开行政复议、行政诉讼情况"). Missing sections are GK101's.

    **Why is this bad?**
    《政府信息公开条例》第五十条 lists the content of the report and makes the national format
    (国办公开办函〔2021〕30号) uniform, so that the public can compare bodies and years. A repeated,
    swapped or misnumbered section breaks that comparison and usually hides an editing slip:
    text or a table under the wrong heading.

    **Example**
    Fails: "一、总体情况 … 三、收到和处理政府信息公开申请情况 … 二、主动公开政府信息情况 …";
    or "四、…行政诉讼情况" printed twice. Passes: 一、二、三、四、五、六, once each, in this order.
    """
    headings = find_headings(report.lines, profile.sections)
    seen: set[str] = set()
    firsts = []
    for heading in headings:
        if heading.numeral in seen:
            finding(
                f"第{heading.numeral}部分标题重复出现：“{heading.text}”",
                f"section {heading.numeral} heading appears a second time: “{heading.text}”",
                where=_heading_location(heading),
                expected=1,
                actual=sum(1 for item in headings if item.numeral == heading.numeral),
            )
            continue
        seen.add(heading.numeral)
        firsts.append(heading)
    in_order = _longest_ordered(firsts)
    for heading in firsts:
        if heading in in_order:
            continue
        finding(
            f"第{heading.numeral}部分“{heading.text}”的位置不对，各部分应按一至六的顺序排列",
            f"section {heading.numeral} “{heading.text}” is out of order: sections must run 一 to 六",
            where=_heading_location(heading),
            expected=" ".join(NUMERALS),
            actual=" ".join(item.numeral for item in firsts),
        )
    for line, numeral, meant in _misnumbered_headings(report.lines, profile.sections, headings):
        finding(
            f"标题“{clean(line.text)}”编号为{numeral}，但内容是第{meant}部分的标题",
            f"heading “{clean(line.text)}” is numbered {numeral} but is the heading of section {meant}",
            where=line.location,
            expected=meant,
            actual=numeral,
        )


def _heading_location(heading):
    return heading.lines[0].location.with_(section=heading.numeral)


def _longest_ordered(headings: list) -> list:
    """The longest subsequence of headings whose numerals increase (the ones in the right place)."""
    best: list[list] = []
    for position, heading in enumerate(headings):
        rank = NUMERALS.index(heading.numeral)
        candidates = [best[i] for i in range(position) if NUMERALS.index(headings[i].numeral) < rank]
        best.append([*max(candidates, key=len, default=[]), heading])
    return max(best, key=len, default=[])


MISNUMBERED_SIMILARITY = 0.8


def _misnumbered_headings(lines, sections: dict, headings: list):
    """Lines such as "三、政府信息公开行政复议、行政诉讼情况": another section's wording under a numeral."""
    heading_lines = {id(line) for heading in headings for line in heading.lines}
    for line in lines:
        match = HEADING.match(fold(clean(line.text)))
        if not match or id(line) in heading_lines:
            continue
        numeral, wording = match.group(1), match.group(2).rstrip("。.:：")
        for other, spec in sections.items():
            accepted = [spec["canonical"], *spec.get("variants", [])]
            if (
                other != numeral
                and max(_ratio(wording, option) for option in accepted) >= MISNUMBERED_SIMILARITY
            ):
                yield line, numeral, other
                break


def _ratio(text: str, option: str) -> float:
    return SequenceMatcher(None, text, fold(option)).ratio()


# Sections of free text; 二, 三 and 四 hold the tables, whose row labels are numbered by the template.
NARRATIVE_SECTIONS = ("一", "五", "六")


@rule("GK103", severity="warning", title="序号编排")
def item_numbering(report: Report, finding: FindingCollector) -> None:
    """Item numbers inside a section run without repeats or gaps, in one style per level.

    **What it does**
    In the free-text sections 一, 五 and 六 (the others hold the tables, whose row labels are
    numbered by the template), reads the ordinals that start lines — 一、 （一） 1. （1） — and
    reports: an ordinal repeated or going back (（一）（二）（三）（二）); a skipped one
    (（一）（三）); a level that changes style part-way (（一） then （2）（3）); top-level 一、二、
    used inside a section, where it collides with the section numbers (seed: 一、二、 under 六).
    Mixing full-width （二） and half-width (二) brackets at one level, and slips in "一是…二是…"
    runs inside a paragraph, are `info` notes.

    **Why is this bad?**
    The national format (国办公开办函〔2021〕30号) numbers the sections 一 … 六; official documents
    number the levels below as （一）, 1., （1） (GB/T 9704《党政机关公文格式》). A repeated or
    skipped number makes the reader wonder whether an item is missing, and "一、" inside section 六
    reads as a new top-level section of the report.

    **Example**
    Fails: under 六, "（一）依申请公开收费情况 （二）建议提案办理情况 （三）创新实践 （二）落实工作要点";
    or "（一）收取信息处理费的情况 （2）落实工作要点情况 （3）建议提案办理情况".
    Passes: "（一）… （二）… （三）… （四）…", with "1. 2. 3." under an item when needed.
    """
    for numeral in NARRATIVE_SECTIONS:
        section = report.sections.get(numeral)
        if section is None:
            continue
        for problem in numbering_problems(items_in(section.lines)):
            _report_numbering(problem, numeral, finding)
        for kind, expected, actual, where in shi_problems(section.lines):
            verb = "重复" if kind == "repeated" else "跳号"
            finding(
                f"第{numeral}部分“一是、二是……”序号{verb}：应为“{int_to_chinese(expected)}是”，实为“{int_to_chinese(actual)}是”",
                f"section {numeral}: “一是、二是…” run {kind}: expected {int_to_chinese(expected)}是, found "
                f"{int_to_chinese(actual)}是",
                where=where.with_(section=numeral) if where else None,
                expected=expected,
                actual=actual,
                severity="info",
            )


def _report_numbering(problem, numeral: str, finding) -> None:
    item, where = problem.item, problem.item.line.location.with_(section=numeral)
    marker, before = item.marker, problem.previous.marker if problem.previous else None
    if problem.kind == "top-level":
        finding(
            f"第{numeral}部分内使用了“{marker}”一级序号，与各部分标题的“一、二、……”冲突，应改用“（一）（二）”",
            f"section {numeral} numbers items “{marker}”, the level of the section headings: use "
            "（一）（二）",
            where=where,
            expected="（一）",
            actual=marker,
        )
    elif problem.kind == "mixed-width":
        finding(
            f"第{numeral}部分同一级序号混用全角、半角括号：“{marker}”",
            f"section {numeral} mixes full-width and half-width brackets at one level: “{marker}”",
            where=where,
            actual=marker,
            severity="info",
        )
    elif problem.kind == "mixed-style":
        finding(
            f"第{numeral}部分同一级序号样式不一致：“{before}”之后为“{marker}”",
            f"section {numeral} changes numbering style at one level: “{marker}” after “{before}”",
            where=where,
            expected=STYLE_NAMES[problem.previous.level],
            actual=marker,
        )
    elif problem.kind == "repeated":
        finding(
            f"第{numeral}部分序号重复或倒退：“{before}”之后又出现“{marker}”",
            f"section {numeral}: ordinal repeated or going back: “{marker}” after “{before}”",
            where=where,
            expected=problem.previous.value + 1,
            actual=item.value,
        )
    else:
        expected = problem.previous.value + 1 if problem.previous else 1
        finding(
            f"第{numeral}部分序号跳号：“{marker}”" + (f"紧接“{before}”" if before else "为该级第一项"),
            f"section {numeral}: ordinal skipped: “{marker}”"
            + (f" follows “{before}”" if before else " opens its level"),
            where=where,
            expected=expected,
            actual=item.value,
        )


@rule("GK104", severity="warning", title="报告标题")
def title(report: Report, finding: FindingCollector) -> None:
    """The title names the issuing body, the report year and 政府信息公开工作年度报告.

    **What it does**
    Reads the title at the top of the report (often split over two lines: the body's name, then
    "2023年政府信息公开工作年度报告") and reports a missing title, a title without the body's
    name or without the year, and a title that does not call itself 政府信息公开工作年度报告.
    The redundant "2023年度政府信息公开工作年度报告" (年度 twice) is an `info` note.

    **Why is this bad?**
    《政府信息公开条例》第四十九条 and 第五十条 require each body to publish its own annual report
    on the previous year; the national format (国办公开办函〔2021〕30号) titles it
    "<机关全称><年份>年政府信息公开工作年度报告". Without the body and the year in the title, a
    published report cannot be found, filed or told apart from the previous year's.

    **Example**
    Fails: "政府信息公开工作年度报告" (no body, no year); "淄博市某局2023年政务公开工作总结".
    Info: "淄博高新技术产业开发区发展改革局2023年度政府信息公开工作年度报告".
    Passes: "淄博高新技术产业开发区发展改革局2023年政府信息公开工作年度报告".
    """
    if report.title is None:
        first = next((line for line in report.lines if clean(line.text)), None)
        opening = clean(first.text) if first else ""
        finding(
            f"未找到含“{TITLE_MARK}”的标题（应为“<机关全称><年份>年{TITLE_MARK}”），首行为“{opening}”",
            f"no title naming “{TITLE_MARK}” (expected “<body><year>年{TITLE_MARK}”); the first line is "
            f"“{opening}”",
            where=first.location if first else None,
            expected=TITLE_MARK,
            actual=opening,
        )
        return
    where, text = report.title_location, report.title
    if not report.issuer:
        finding(
            f"标题“{text}”未写明发布机关",
            f"the title “{text}” does not name the issuing body",
            where=where,
            actual=text,
        )
    if report.year is None:
        finding(
            f"标题“{text}”未写明年份", f"the title “{text}” does not state the year", where=where, actual=text
        )
    if TITLE_MARK not in fold(text):
        finding(
            f"标题“{text}”应包含“{TITLE_MARK}”",
            f"the title “{text}” should contain “{TITLE_MARK}”",
            where=where,
            expected=TITLE_MARK,
            actual=text,
        )
    elif re.search(r"年度\s*政府信息公开工作年度报告", text):
        finding(
            f"标题“{text}”中“年度”重复，应为“{report.year or 'YYYY'}年{TITLE_MARK}”",
            f"the title “{text}” says 年度 twice: write “{report.year or 'YYYY'}年{TITLE_MARK}”",
            where=where,
            expected=f"{report.year}年{TITLE_MARK}",
            actual=text,
            severity="info",
        )


@rule("GK105", severity="warning", title="标题用语")
def heading_wording(report: Report, profile: Profile, finding: FindingCollector) -> None:
    """Section headings use the wording of the national format or an accepted variant.

    **What it does**
    For each section heading found, compares its wording with the template wording and the
    accepted variants of the profile. A heading recognisably meant as section N but worded
    differently is reported.

    **Why is this bad?**
    The national format prescribes the headings; a reworded heading (e.g. a hybrid such as
    "四、因政府信息公开行政复议、行政诉讼情况", with a dangling 因) makes reports harder to compare
    and usually comes from editing an older report by hand.

    **Example**
    Fails: "四、因政府信息公开行政复议、行政诉讼情况". Passes: "四、政府信息公开行政复议、行政诉讼情况".
    """
    for numeral, section in report.sections.items():
        if section.canonical:
            continue
        expected = f"{numeral}、{profile.sections[numeral]['canonical']}"
        finding(
            f"第{numeral}部分标题“{section.heading}”与格式规定不符，应为“{expected}”",
            f"heading of section {numeral} “{section.heading}” differs from the format: expected "
            f"“{expected}”",
            where=section.location,
            expected=expected,
            actual=section.heading,
        )
