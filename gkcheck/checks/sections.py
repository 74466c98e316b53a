"""Section rules: the six numbered sections of the national format."""

from __future__ import annotations

from gkcheck.report import NUMERALS
from gkcheck.rule import rule


@rule("GK101", severity="error", title="六个部分齐全")
def required_sections(report, profile, finding):
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


@rule("GK105", severity="warning", title="标题用语")
def heading_wording(report, profile, finding):
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
            f"heading of section {numeral} “{section.heading}” differs from the format: expected “{expected}”",
            where=section.location,
            expected=expected,
            actual=section.heading,
        )
