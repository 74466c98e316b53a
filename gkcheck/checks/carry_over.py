"""GK403: this year's carried-in applications are last year's carried-over ones."""

from __future__ import annotations

from gkcheck.report import ReportSummary
from gkcheck.rule import FindingCollector, rule, skip
from gkcheck.stat_tables import StatTable


@rule("GK403", severity="warning", title="上年结转与上年报告一致")
def carry_over(
    report: ReportSummary,
    previous_report: ReportSummary,  # first: without it the rule skips before reading the tables
    applications: StatTable,
    finding: FindingCollector,
) -> None:
    """二、上年结转 in table 三 equals last year's 四、结转下年度继续办理, column by column.

    **What it does**
    When the same body's report for the previous year is checked in the same run (bodies are
    matched on their whole name, region and body, however short: "洪泽区人民政府" and
    "淮安市洪泽区人民政府" are one body, "宿迁市" and "宿迁市人民政府" too; "区政府" is no match for
    "洪泽区政府"), compares this
    year's row 二、上年结转政府信息公开申请数量 with that report's row 四、结转下年度继续办理 in each
    of the seven columns. Skipped when there is no such report in the run, or its table 三 could
    not be read.

    **Why is this bad?**
    Applications still open at the end of one year are, by definition, the ones carried into the
    next: the national format's identity (一 + 二 = 三（七） + 四) only chains from year to year if
    the two rows agree. A difference means one of the two reports is wrong.

    **Example**
    Fails: the 2023 report carries 5 applications over, the 2024 report carries 0 in.
    Passes: 5 carried over in 2023, 5 carried in (all from 自然人) in 2024.
    """
    previous = previous_report.tables.get("applications")
    if previous is None or not previous.cells:
        skip(
            f"{previous_report.year}年报告的表三无法读取",
            f"table 三 of the {previous_report.year} report could not be read",
        )
    compared = 0
    for column, label in applications.spec.columns.items():
        carried_in = applications.value("carried_in", column)
        carried_out = previous.value("carried_out", column)
        if carried_in is None or carried_out is None:
            continue
        compared += 1
        if carried_in != carried_out:
            finding(
                f"表三“上年结转”{label}列为{carried_in}，{previous_report.year}年报告“结转下年度继续办理”为{carried_out}",
                f"table 三 carried_in, column {label}: {carried_in}; the {previous_report.year} report "
                f"carried {carried_out} over",
                where=applications.cells["carried_in"][column].location,
                expected=carried_out,
                actual=carried_in,
            )
    if not compared:
        skip("两年的结转数字均无法读取", "the carry-over rows of the two years could not be read")
