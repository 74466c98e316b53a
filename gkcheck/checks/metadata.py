"""Front-matter rules GK201–GK203: statistics period, years, contact details."""

from __future__ import annotations

from typing import Any

from gkcheck.document import Location
from gkcheck.patterns import LazyPattern
from gkcheck.report import Report
from gkcheck.rule import FindingCollector, Param, rule, skip
from gkcheck.text import FlatText

AREA_CODE_PHONE = LazyPattern(r"^(?:\(?0\d{2,3}\)?-?\d{7,8}|1[3-9]\d{9})$")
VALID_EMAIL = LazyPattern(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$")


@rule("GK201", severity="error", title="统计期限")
def statistics_period(report: Report, finding: FindingCollector) -> None:
    """The statistics period is stated and runs from 1 January to 31 December of the report year.

    **What it does**
    Finds the sentence stating the period the figures cover (统计期限), usually in the preamble:
    "本年度报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止". Checks that it is there,
    that it starts on 1 January and ends on 31 December, and that its year is the report year.

    **Why is this bad?**
    Without a stated period the figures of the three tables cannot be compared across bodies or
    years; the national format's tables count "本年" events, and provincial standards (e.g. Sichuan
    DB51/T 2660—2019 §2.1) require the calendar year of the report.

    **Example**
    Fails: no sentence on the period; or "统计期限自2022年1月1日起至2022年12月31日止" in a 2023
    report. Passes: "统计期限自2023年1月1日起至2023年12月31日止" in the 2023 report.
    """
    period = report.period
    if period is None:
        finding(
            "未说明统计期限（如“本报告中所列数据的统计期限自XXXX年1月1日起至XXXX年12月31日止”）",
            "the statistics period is not stated (e.g. 统计期限自XXXX年1月1日起至XXXX年12月31日止)",
            where=report.title_location,
        )
        return
    if period.start is None or period.end is None:
        finding(
            f"统计期限无法识别为完整日期：“{period.text}”",
            f"the statistics period is not a complete date range: “{period.text}”",
            where=period.location,
        )
        return
    year = report.year or period.start.year
    if (period.start.month, period.start.day, period.end.month, period.end.day) != (1, 1, 12, 31):
        finding(
            f"统计期限应为{year}年1月1日至12月31日，实为{period.start:%Y-%m-%d}至{period.end:%Y-%m-%d}",
            f"the statistics period should be 1 Jan – 31 Dec {year}, found {period.start} to {period.end}",
            where=period.location,
            expected=f"{year}-01-01/{year}-12-31",
            actual=f"{period.start}/{period.end}",
        )
    elif report.year is not None and (period.start.year, period.end.year) != (report.year, report.year):
        finding(
            f"统计期限的年份（{period.start.year}年）与报告年度（{report.year}年）不一致",
            f"the statistics period is in {period.start.year}, the report year is {report.year}",
            where=period.location,
            expected=report.year,
            actual=period.start.year,
        )


# "2023年，…" / "2023年度，…" opening a sentence: the year the text says it is about.
NARRATIVE_YEAR = LazyPattern(r"(?:^|(?<=[。；;！]))\s*(\d{4})\s*年度?\s*[，,]")


@rule("GK202", severity="warning", title="年份一致")
def year_consistency(report: Report, finding: FindingCollector) -> None:
    """The years in the title, the statistics period, the text and the signature agree.

    **What it does**
    Compares the report year of the title with the other places that state it: the statistics
    period, sentences of section 一 that open with a year ("2023年，我局…"), and the signature
    date. Reports: a title year that disagrees with both the period and the text (the title is
    the odd one out; a period that disagrees with the title is GK201's finding); a signature
    dated within the report year itself, before the year it reports on was over; and, as `info`,
    a sentence of section 一 opening with another year, which is often text left over from the
    previous year's report.

    **Why is this bad?**
    《政府信息公开条例》第四十九条: the report covers the previous calendar year and is published in
    the following one; 第五十条 lists what it reports on that year. A year that differs between
    title, period and text makes it unclear which year the figures belong to, and is the typical
    trace of a report copied from last year's and not fully updated (rebuked as 雷同 under
    第四十七条 by the 2021 format notice).

    **Example**
    Fails: title "…2022年政府信息公开工作年度报告" with "统计期限自2023年1月1日起至2023年12月31日止"
    and "2023年，我局…"; or the 2023 report signed "2023年12月20日". Info: "2022年，我局…" in
    section 一 of the 2023 report. Passes: 2023 in the title, the period and the text, signed
    "2024年1月5日".
    """
    year = report.year
    if year is None:
        skip("标题中没有年份，无从比对", "the title states no year to compare with")
    text_years = _narrative_years(report)
    period_year = report.period.start.year if report.period and report.period.start else None
    if (
        period_year is not None
        and period_year != year
        and text_years
        and all(found == period_year for found, _ in text_years)
    ):
        finding(
            f"标题年份（{year}年）与统计期限和正文所述年份（{period_year}年）不一致",
            f"the title year {year} differs from the statistics period and the text ({period_year})",
            where=report.title_location,
            expected=period_year,
            actual=year,
        )
    signed = report.signature.date
    if signed is not None and signed.year <= year:
        finding(
            f"落款日期{signed:%Y-%m-%d}不晚于报告年度（{year}年），年度报告应在次年发布",
            f"signed on {signed} within or before the report year {year}: the report is published the "
            "year after",
            where=report.signature.location,
            expected=year + 1,
            actual=signed.year,
        )
    if period_year in (None, year):
        for found, where in text_years:
            if found != year:
                finding(
                    f"第一部分以“{found}年”开头叙述，与报告年度（{year}年）不同，请核对是否沿用了往年文字",
                    f"section 一 opens a sentence with {found}, not the report year {year}: check for "
                    "text from an earlier report",
                    where=where,
                    expected=year,
                    actual=found,
                    severity="info",
                )


def _narrative_years(report: Report) -> list[tuple[int, Location]]:
    section = report.sections.get("一")
    if section is None:
        return []
    return [
        (int(found.group(1)), found.location.with_(section="一") if found.location else section.location)
        for found in FlatText(section.lines).finditer(NARRATIVE_YEAR)
    ]


CONTACT_FIELDS = {
    "phone": ("联系电话", "phone number"),
    "address": ("地址", "address"),
    "email": ("电子邮箱", "e-mail address"),
    "postcode": ("邮编", "postcode"),
}


@rule(
    "GK203",
    severity="warning",
    title="联系方式",
    params={
        "required": Param(
            "list",
            default=["phone", "address"],
            choices=tuple(CONTACT_FIELDS),
            zh="缺少即为问题的联系方式字段",
            en="the contact fields whose absence is a finding",
        )
    },
)
def contact_info(report: Report, params: dict[str, Any], finding: FindingCollector) -> None:
    """Contact details are given: a phone number with area code and an address (e-mail advised).

    **What it does**
    Reads the contact passage ("如对本报告有疑问，请与…联系（地址：…；邮编：…；联系电话：…；
    电子邮箱：…）"). Reports each field of the `required` parameter that is missing (the national
    format asks for a phone number and an address and advises e-mail and postcode; a pack can
    require them), a phone number without an area code, and a malformed e-mail address (such as a
    full-width ＠). A bracket opened in the contact sentence and never closed is an info note.

    **Why is this bad?**
    The report is addressed to the public; readers with questions must be able to reach the body.
    A bare 7- or 8-digit number cannot be dialled from outside the city, and an address with a
    full-width ＠ does not work when copied into a mail program.

    **Example**
    Fails: "联系电话：3581178" (no area code); "电子邮箱：gxj3252082＠zz.shandong.cn".
    Passes: "联系电话：0533-3581178；电子邮箱：gxj3252082@zz.shandong.cn".
    """
    contact = report.contact
    where = contact.location or report.title_location
    present = {
        "phone": bool(contact.phones),
        "address": bool(contact.address),
        "email": bool(contact.email),
        "postcode": bool(contact.postcode),
    }
    for field in params["required"]:
        if not present[field]:
            zh, en = CONTACT_FIELDS[field]
            finding(
                f"联系方式缺少{zh}", f"contact details give no {en}", where=where, expected=field, actual=None
            )
    for phone in contact.phones:
        if not AREA_CODE_PHONE.match(phone):
            finding(
                f"联系电话“{phone}”缺少区号",
                f"phone number “{phone}” has no area code",
                where=where,
                expected="0xxx-xxxxxxx",
                actual=phone,
            )
    if contact.email and not VALID_EMAIL.match(contact.email):
        finding(
            f"电子邮箱“{contact.email}”格式不正确（“@”须为半角）"
            if "＠" in contact.email
            else f"电子邮箱“{contact.email}”格式不正确",
            f"e-mail address “{contact.email}” is malformed",
            where=where,
            actual=contact.email,
        )
    if contact.text and _unclosed(contact.text):
        finding(
            "联系方式一句的括号未闭合",
            "the bracket opened in the contact sentence is never closed",
            where=where,
            expected="）",
            actual=None,
            severity="info",
        )


def _unclosed(text: str) -> bool:
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")
