"""Section 六 rules: what 其他需要报告的事项 must state."""

from __future__ import annotations

import re

from gkcheck.rule import rule, skip
from gkcheck.text import FlatText

FEE_STATEMENT = re.compile(
    r"信息处理费|(?:未|没有|无|不)(?:收取|收)[^。；;]{0,12}?(?:费用|费)|收费(?:和|及)?减免|"
    r"(?:未发生|无)[^。；;]{0,10}?收费|收取[^。；;]{0,10}?费用"
)


@rule("GK501", severity="error", title="信息处理费说明")
def fee_statement(report, profile, finding):
    """Section 六 states whether information-processing fees (信息处理费) were charged.

    **What it does**
    For report years from 2021 (configurable as `from_year` under `[rules.GK501]`), looks in
    section 六 for a statement on 信息处理费: the amount collected, or that none was collected
    ("未收取信息处理费", "无收取…信息处理费", "没有收取费用"). A statement only in section 一 is
    accepted, as many reports put it under 依申请公开.

    **Why is this bad?**
    《政府信息公开信息处理费管理办法》(国办函〔2020〕109号) allows bodies to charge applicants who
    exceed reasonable numbers of requests; the 2021 national format asks every report to state
    what was charged under it, so that the public can see whether the fee is being used.

    **Example**
    Fails: section 六 says only "无其他需要报告的事项". Passes: "（一）本年度依申请公开，未收取任何
    信息处理费。" or "收取信息处理费共计3940元".
    """
    from_year = profile.rule_param("GK501", "from_year", 2021)
    if report.year is not None and report.year < from_year:
        skip(f"{report.year}年度报告无须说明信息处理费（自{from_year}年度起）",
             f"not required for report year {report.year} (required from {from_year})")
    six = report.sections.get("六")
    places = [six] if six else []
    places += [report.sections[n] for n in ("一", "三") if n in report.sections]
    for section in places:
        if FlatText(section.lines).search(FEE_STATEMENT):
            return
    finding(
        "第六部分未说明信息处理费收取情况（如“本年度未收取信息处理费”）",
        "section 六 does not state whether information-processing fees were charged",
        where=six.location if six else report.title_location,
    )
