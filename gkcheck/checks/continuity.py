"""GK405: table 二's stock of rules and normative documents continues last year's."""

from __future__ import annotations

from gkcheck.report import ReportSummary
from gkcheck.rule import FindingCollector, rule, skip
from gkcheck.stat_tables import StatTable

# The rows of table 二 that count a stock (现行有效件数) with its flows (本年制发, 本年废止).
STOCK_ROWS = {"a20_1.guizhang": "规章", "a20_1.guifanxing": "行政规范性文件"}
STOCK_COLUMNS = ("made", "repealed", "in_force")


@rule("GK405", severity="warning", title="表二现行有效件数逐年衔接")
def stock_continuity(
    report: ReportSummary,
    previous_report: ReportSummary,  # first: without it the rule skips before reading the tables
    active_disclosure: StatTable,
    finding: FindingCollector,
) -> None:
    """In table 二, this year's 现行有效件数 = last year's + 本年制发件数 − 本年废止件数.

    **What it does**
    When the same body's report for the previous year is checked in the same run (bodies matched
    as for GK403), checks for 规章 and for 行政规范性文件 that this year's 现行有效件数 equals last
    year's 现行有效件数 plus this year's 本年制发件数 minus this year's 本年废止件数. Skipped when there
    is no such report in the run, when either table 二 could not be read, or when either follows a
    template without these columns (the 2019 trial layout counts differently).

    **Why is this bad?**
    The documents in force at the end of a year are those in force a year before, plus those
    issued, minus those repealed. A stock that does not follow means one of the two reports
    miscounts its documents, or that documents were repealed or issued without being reported.

    **Example**
    Fails: 2023 reports 11 规章 in force; 2024 issues 2, repeals 1 and reports 15 in force.
    Passes: 2023: 11 in force; 2024: 2 issued, 1 repealed, 12 in force.
    """
    previous = previous_report.tables.get("active_disclosure")
    if previous is None or not previous.cells:
        skip(
            f"{previous_report.year}年报告的表二无法读取",
            f"table 二 of the {previous_report.year} report could not be read",
        )
    if not _has_stock_columns(active_disclosure) or not _has_stock_columns(previous):
        skip(
            "表格格式没有“本年制发件数、本年废止件数、现行有效件数”列",
            "the template has no 本年制发件数 / 本年废止件数 / 现行有效件数 columns",
        )
    compared = 0
    for row, label in STOCK_ROWS.items():
        made, repealed, in_force = (active_disclosure.number(row, column) for column in STOCK_COLUMNS)
        before = previous.number(row, "in_force")
        if None in (made, repealed, in_force, before):
            continue
        compared += 1
        expected = before + made - repealed
        if in_force != expected:
            year = previous_report.year
            finding(
                f"表二{label}现行有效件数为{in_force}，应为{year}年的{before} + 本年制发{made} − "
                f"本年废止{repealed} = {expected}",
                f"table 二, {label}: {in_force} in force; {year} had {before}, + {made} issued − "
                f"{repealed} repealed = {expected}",
                where=active_disclosure.cells[row]["in_force"].location,
                expected=expected,
                actual=in_force,
            )
    if not compared:
        skip("两年的表二件数均无法读取", "the counts of table 二 could not be read in both years")


def _has_stock_columns(table) -> bool:
    columns = getattr(table.spec, "columns", {})
    return all(column in columns for column in STOCK_COLUMNS)
