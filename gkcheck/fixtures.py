"""Built-in fixtures: what every rule can ask for by name.

The runner provides `document`, `config` and `profile` directly, and to each rule its own
`finding` collector and `params` (its declared parameters under the profile); the fixtures here
derive from them. Plugins add their own with `@fixture`.

The table fixtures `active_disclosure`, `applications` and `reviews` give the statistics tables
mapped onto the template (`gkcheck.stat_tables.StatTable`); a table that was not found or could not
be read skips every rule that needs it, whichever plugin the rule belongs to.
"""

from __future__ import annotations

from gkcheck.config import Config
from gkcheck.report import Report, ReportSummary
from gkcheck.rule import fixture, skip
from gkcheck.run_index import RunIndex
from gkcheck.stat_tables import TABLE_NUMERALS, StatTable


@fixture
def report(parsed_report: Report) -> Report:
    """The interpreted report. Skips every rule that needs it when the file has no text layer."""
    if not parsed_report.has_text_layer:
        skip("无文本层（扫描件），无法检查", "no text layer (scanned document): cannot be checked")
    return parsed_report


@fixture
def lang(config: Config) -> str:
    """The output language, "zh" or "en"."""
    return config.lang


@fixture(scope="run")
def previous_report(report: ReportSummary, run: RunIndex) -> ReportSummary:
    """The same body's report for the previous year, when it is checked in the same run."""
    previous = run.previous_of(report)
    if previous is None:
        year = f"{report.year - 1}年" if report.year else "上一年"
        skip(
            f"本次检查中没有{report.issuer or '同一机关'}{year}的报告",
            f"no {report.year - 1 if report.year else 'previous'} report of "
            f"{report.issuer or 'this body'} in this run",
        )
    return previous


def _table(report: Report, key: str) -> StatTable:
    table = report.tables.get(key)
    numeral = TABLE_NUMERALS[key]
    if table is None:
        skip(f"未找到表{numeral}或无法读取", f"table {numeral} not found / could not be read")
    if table.values_run_together:
        skip(*run_together_message(numeral))
    if not table.cells:
        skip(
            f"表{numeral}的行无法与格式对齐，已由GK301报告",
            f"table {numeral}: no row could be aligned (see GK301)",
        )
    return table


@fixture
def active_disclosure(report: Report) -> StatTable:
    """Table 二 (主动公开政府信息情况), mapped onto the template."""
    return _table(report, "active_disclosure")


@fixture
def applications(report: Report) -> StatTable:
    """Table 三 (收到和处理政府信息公开申请情况), mapped onto the template."""
    return _table(report, "applications")


@fixture
def reviews(report: Report) -> StatTable:
    """Table 四 (政府信息公开行政复议、行政诉讼情况), mapped onto the template."""
    return _table(report, "reviews")


def run_together_message(numeral: str) -> tuple[str, str]:
    """What to say of a table whose labels are printed but whose numbers run together."""
    return (
        f"表{numeral}的标题和行名存在，但数值无法分开读取（数字连在一起），无法核对",
        f"table {numeral} is present but its values cannot be separated (digits run together); it "
        "cannot be checked",
    )
