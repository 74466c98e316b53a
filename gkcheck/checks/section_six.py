"""Section 六 rules GK501–GK502: what 其他需要报告的事项 must state."""

from __future__ import annotations

from typing import Any

from gkcheck.patterns import LazyPattern
from gkcheck.report import Report
from gkcheck.rule import FindingCollector, Param, rule, skip
from gkcheck.text import FlatText

FEE_STATEMENT = LazyPattern(
    r"信息处理费|(?:未|没有|无|不)(?:收取|收)[^。；;]{0,12}?(?:费用|费)|收费(?:和|及)?减免|"
    r"(?:未发生|无)[^。；;]{0,10}?收费|收取[^。；;]{0,10}?费用"
)


@rule(
    "GK501",
    severity="error",
    title="信息处理费说明",
    params={
        "from_year": Param(
            "int",
            default=2021,
            zh="自该报告年度起须说明信息处理费（收费办法自2021年起施行）",
            en="the first report year that must state the information-processing fee "
            "(the fee rules took effect in 2021)",
        )
    },
)
def fee_statement(report: Report, params: dict[str, Any], finding: FindingCollector) -> None:
    """Section 六 states whether information-processing fees (信息处理费) were charged.

    **What it does**
    For report years from `from_year` on (the fee rules took effect in 2021), looks in section 六
    for a statement on 信息处理费: the amount collected, or that none was collected
    ("未收取信息处理费", "无收取…信息处理费", "没有收取费用"). A statement only in section 一 is
    accepted, as many reports put it under 依申请公开; when the heading of 六 is missing (GK101
    reports that), the statement is looked for wherever it stands.

    **Why is this bad?**
    《政府信息公开信息处理费管理办法》(国办函〔2020〕109号) allows bodies to charge applicants who
    exceed reasonable numbers of requests; the 2021 national format asks every report to state
    what was charged under it, so that the public can see whether the fee is being used.

    **Example**
    Fails: section 六 says only "无其他需要报告的事项". Passes: "（一）本年度依申请公开，未收取任何
    信息处理费。" or "收取信息处理费共计3940元".
    """
    from_year = params["from_year"]
    if report.year is not None and report.year < from_year:
        skip(
            f"{report.year}年度报告无须说明信息处理费（自{from_year}年度起）",
            f"not required for report year {report.year} (required from {from_year})",
        )
    six = report.sections.get("六")
    places = [six.lines] if six else []
    places += [report.sections[n].lines for n in ("一", "三") if n in report.sections]
    if six is None:  # a missing heading: the statement is where it stands, in the text before or after
        places += [report.preamble, *(section.lines for section in report.sections.values())]
    for lines in places:
        if FlatText(lines).search(FEE_STATEMENT):
            return
    finding(
        "第六部分未说明信息处理费收取情况（如“本年度未收取信息处理费”）",
        "section 六 does not state whether information-processing fees were charged",
        where=six.location if six else report.title_location,
    )


WORK_POINTS = LazyPattern(
    r"工作要点|(?:政务公开|政府信息公开)[^。；;]{0,8}?(?:工作)?方案[^。；;]{0,6}?落实|落实[^。；;]{0,20}?(?:工作要点|工作方案)"
)
PROPOSALS = LazyPattern(r"提案")
SUGGESTIONS = LazyPattern(r"代表建议|人大建议|建议(?:和|及|、|与)?(?:政协)?(?:委员)?提案|建议办理")
INNOVATION = LazyPattern(r"创新")
LAST_YEARS_POINTS = LazyPattern(r"上一?年度?(?:政务公开|政府信息公开)?工作要点")


@rule(
    "GK502",
    severity="warning",
    title="第六部分事项",
    params={
        "from_year": Param(
            "int",
            default=2021,
            zh="自该报告年度起第六部分须包含2021年版格式的事项（此前为2019年试行格式）",
            en="the first report year whose section 六 must cover the items of the 2021 format "
            "(earlier years used the 2019 trial format)",
        )
    },
)
def section_six_items(report: Report, params: dict[str, Any], finding: FindingCollector) -> None:
    """Section 六 reports on the annual work points, deputies' proposals and innovation.

    **What it does**
    For report years from `from_year` on (the 2021 format), looks in section 六 for the items
    reports following the 2021 format list there (docs/format.md §8): how the year's 政务公开
    工作要点 (or the local 工作方案) was carried out; how 人大代表建议 and 政协委员提案 were handled
    (stating that there were none is fine); the body's innovation in open-government work
    (创新). Reports each missing item; mentioning only 提案 without the deputies' 建议, and
    reporting on "上年度" work points instead of this year's, are `info` notes. Skipped when
    there is no section 六 (GK101 reports that).

    **Why is this bad?**
    The 2021 format (国办公开办函〔2021〕30号) asks section 六 to report these items, and provincial
    notices (e.g. Shandong) check them; their absence usually means the section was copied from
    an older report. Whether the national text itself lists them could not be confirmed, so the
    rule is a `warning` (a provincial pack may raise it).

    **Example**
    Fails: section 六 with only "（一）创新工作情况 …（二）本年度收取信息处理费情况 …".
    Passes: "（一）收取信息处理费的情况 （二）落实上级年度政务公开工作要点情况 （三）人大代表建议和
    政协委员提案办理情况 （四）本行政机关年度政务公开工作创新情况".
    """
    from_year = params["from_year"]
    if report.year is not None and report.year < from_year:
        skip(
            f"{report.year}年度报告适用旧格式，无此要求（自{from_year}年度起）",
            f"not required for report year {report.year} (required from {from_year})",
        )
    six = report.sections.get("六")
    if six is None:
        skip("没有第六部分（见 GK101）", "there is no section 六 (see GK101)")
    text = FlatText(six.lines).text
    missing = [
        (
            WORK_POINTS,
            "落实上级年度政务公开工作要点情况",
            "how the annual open-government work points were carried out",
        ),
        (INNOVATION, "本行政机关年度政务公开工作创新情况", "the body's innovation in open-government work"),
    ]
    for pattern, zh, en in missing:
        if not pattern.search(text):
            finding(
                f"第六部分未报告“{zh}”", f"section 六 does not report {en}", where=six.location, expected=zh
            )
    if WORK_POINTS.search(text) and (last_years := LAST_YEARS_POINTS.search(text)):
        finding(
            "第六部分报告的是“上年度”政务公开工作要点的落实情况，应为本年度上级工作要点",
            "section 六 reports on last year's work points: it should be this year's points from above",
            where=six.location,
            expected="落实上级年度政务公开工作要点情况",
            actual=last_years.group(0),
            severity="info",
        )
    has_proposals, has_suggestions = bool(PROPOSALS.search(text)), bool(SUGGESTIONS.search(text))
    if not (has_proposals or has_suggestions):
        finding(
            "第六部分未报告“人大代表建议和政协委员提案办理情况”",
            "section 六 does not report how deputies' suggestions and CPPCC proposals were handled",
            where=six.location,
            expected="人大代表建议和政协委员提案办理情况",
        )
    elif not (has_proposals and has_suggestions):
        found, absent = ("提案", "人大代表建议") if has_proposals else ("人大代表建议", "政协委员提案")
        finding(
            f"第六部分只提到{found}，未提及{absent}的办理情况",
            f"section 六 mentions only {found}, not {absent}",
            where=six.location,
            expected="人大代表建议和政协委员提案办理情况",
            actual=found,
            severity="info",
        )
