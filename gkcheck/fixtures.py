"""Built-in fixtures: what every rule can ask for by name.

The runner provides `document`, `config` and `profile` directly, and to each rule its own
`finding` collector and `params` (its declared parameters under the profile); the fixtures here
derive from them. Plugins add their own with `@fixture`.
"""

from __future__ import annotations

from gkcheck.report import Report
from gkcheck.rule import fixture, skip


@fixture
def report(parsed_report: Report) -> Report:
    """The interpreted report. Skips every rule that needs it when the file has no text layer."""
    if not parsed_report.has_text_layer:
        skip("无文本层（扫描件），无法检查", "no text layer (scanned document): cannot be checked")
    return parsed_report


@fixture
def lang(config) -> str:
    """The output language, "zh" or "en"."""
    return config.lang


@fixture(scope="run")
def previous_report(report, run):
    """The same body's report for the previous year, when it is checked in the same run."""
    previous = run.previous_of(report)
    if previous is None:
        year = f"{report.year - 1}年" if report.year else "上一年"
        skip(
            f"本次检查中没有{report.issuer or '同一机关'}{year}的报告",
            f"no {report.year - 1 if report.year else 'previous'} report of {report.issuer or 'this body'} in this run",
        )
    return previous
