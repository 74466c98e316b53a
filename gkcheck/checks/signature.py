"""Back-matter rules GK204–GK205: the signature block (落款) and the publication deadline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from gkcheck.config import Config
from gkcheck.document import Location
from gkcheck.report import Report
from gkcheck.rule import FindingCollector, Param, rule, skip
from gkcheck.text import fold

KIND_NAMES = {"government": ("人民政府", "people's government"), "department": ("部门", "department")}


@rule("GK204", severity="warning", title="落款")
def signature(report: Report, finding: FindingCollector) -> None:
    """The report ends with a signature: the issuing body's name and the date.

    **What it does**
    Looks at the last lines after section 六 for the signature block (落款): the body's full name
    on its own line and the date "2024年1月5日" (Arabic or Chinese digits) below it. Reports a
    missing block, a missing name or date, and a date that is not a real day. A name that
    differs from the body named in the title is an `info` note: a government's report is often
    signed by its office (title "淄博高新技术产业开发区", signed "…管理委员会办公室").

    **Why is this bad?**
    The signature says who answers for the report and when it was issued; the deadline of
    《政府信息公开条例》第四十九条 (31 January or 31 March) can only be checked against a date.
    The national format (国办公开办函〔2021〕30号) ends each report with the body and date, and
    local notices require the head of the body to sign it off (e.g. 岳阳市, 怀化市).

    **Example**
    Fails: the report ends with the last item of section 六 and no name or date. Passes:
    "淄博高新技术产业开发区发展改革局" / "2024年1月5日" as the last two lines.
    """
    signed = report.signature
    where = signed.location or _last_line_location(report)
    if signed.body is None and signed.date is None:
        finding(
            "报告末尾没有落款（发布机关名称和日期）",
            "the report has no signature at the end (issuing body and date)",
            where=where,
        )
        return
    if signed.date is None:
        finding(
            f"落款日期“{signed.date_text}”不是有效日期" if signed.date_text else "落款缺少日期",
            f"the signature date “{signed.date_text}” is not a valid date"
            if signed.date_text
            else "the signature has no date",
            where=where,
            actual=signed.date_text,
        )
    if signed.body is None:
        finding("落款缺少发布机关名称", "the signature does not name the issuing body", where=where)
    elif report.issuer and fold(signed.body) != fold(report.issuer):
        finding(
            f"落款机关“{signed.body}”与标题中的机关“{report.issuer}”不同",
            f"the signature names “{signed.body}”, the title “{report.issuer}”",
            where=where,
            expected=report.issuer,
            actual=signed.body,
            severity="info",
        )


def _last_line_location(report: Report) -> Location | None:
    return report.lines[-1].location if report.lines else None


@rule(
    "GK205",
    severity="error",
    title="发布时限",
    params={
        "department": Param(
            "month-day",
            default="01-31",
            zh="部门（及其他机关）年度报告在次年的发布时限",
            en="the last day of publication, in the next year, of a department's (or other body's) report",
        ),
        "government": Param(
            "month-day",
            default="03-31",
            zh="人民政府年度报告在次年的发布时限",
            en="the last day of publication, in the next year, of a people's government's report",
        ),
    },
)
def publication_deadline(
    report: Report, config: Config, params: dict[str, Any], finding: FindingCollector
) -> None:
    """The signature date is no later than 31 January (departments) or 31 March (governments).

    **What it does**
    Compares the signature date (or, for a report without one, the publication date its web page
    states: a `PubDate` meta tag, or the 发布时间 line of a saved page) with the deadline of the
    year after the report year: 31 January for a department or other body, 31 March for a
    people's government. The body kind is read
    from the title ("…人民政府" is a government; development zones and their 管委会 are left
    unknown) or set with `--kind government|department` or `kind = ...` in the configuration.
    A late report is an `error` when the kind was set, a `warning` when it was inferred from the
    name. When the kind is unknown, a date after 31 March is a `warning`, and a date between the
    two deadlines an `info` note (late if the body is a department). The two deadlines are the
    parameters `department` and `government`, so that a provincial pack can set its earlier
    internal dates. Skipped when the report has neither date.

    **Why is this bad?**
    《政府信息公开条例》第四十九条: departments of people's governments at county level and above
    publish their report for the previous year by 31 January; the 主管部门 publishes the report of
    its people's government by 31 March. Late publication is named in the 2021 format notice as
    grounds for accountability under 第四十七条.

    **Example**
    Fails: a 2023 department report signed "2024年2月20日". Passes: the same report signed
    "2024年1月5日", or a people's government's report signed "2024年3月15日".
    """
    signed, dated = _dated(report)
    if signed is None:
        skip(
            "没有落款日期或发布日期，无法检查发布时限（见 GK204）",
            "no signature or publication date to check the deadline against (see GK204)",
        )
    if report.year is None:
        skip("报告年度不明，无法确定发布时限", "the report year is unknown, so the deadline is unknown")
    if report.year >= dt.MAXYEAR:  # the deadline would fall past the last year a date can hold
        skip(
            f"报告年度 {report.year} 超出日历范围，无法确定发布时限",
            f"the report year {report.year} is beyond the calendar, so the deadline is unknown",
        )
    configured = config.get("kind")
    kind = configured or report.kind
    deadlines = {name: params[name].in_year(report.year + 1) for name in KIND_NAMES}
    if kind in deadlines:
        if signed > deadlines[kind]:
            _late(finding, report, dated, signed, deadlines[kind], kind, "error" if configured else "warning")
        return
    if signed > deadlines["government"]:
        _late(finding, report, dated, signed, deadlines["government"], None, "warning")
    elif signed > deadlines["department"]:
        government = deadlines["government"]
        finding(
            f"{dated[0]}{signed:%Y-%m-%d}晚于部门报告时限{deadlines['department']:%Y-%m-%d}；发布机关类型不明"
            f"（人民政府报告时限为{government.month}月{government.day}日），可用 --kind 指明",
            f"{dated[1]} {signed}, after the department deadline {deadlines['department']}; the body kind is "
            f"unknown (a people's government has until {government}): set it with --kind",
            where=report.signature.location,
            expected=deadlines["department"].isoformat(),
            actual=signed.isoformat(),
            severity="info",
        )


def _dated(report: Report) -> tuple[dt.date | None, tuple[str, str]]:
    """The date to hold against the deadline: the signature's, else the page's publication date."""
    if report.signature.date is not None:
        return report.signature.date, ("落款日期", "signed")
    return getattr(report, "published", None), ("发布日期", "published")


def _late(
    finding: FindingCollector,
    report: Report,
    dated: tuple[str, str],
    signed: dt.date,
    deadline: dt.date,
    kind: str | None,
    severity: str,
) -> None:
    zh_kind, en_kind = (
        KIND_NAMES[kind] if kind else ("人民政府（最晚时限）", "people's government (the later deadline)")
    )
    finding(
        f"{dated[0]}{signed:%Y-%m-%d}晚于{zh_kind}年度报告的发布时限{deadline:%Y-%m-%d}",
        f"{dated[1]} {signed}, after the publication deadline for a {en_kind} report, {deadline}",
        where=report.signature.location,
        expected=deadline.isoformat(),
        actual=signed.isoformat(),
        severity=severity,
    )
