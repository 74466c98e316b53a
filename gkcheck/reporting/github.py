"""Built-in plugin: GitHub Actions workflow commands, one annotation per finding, and a step summary.

`::error file=…,line=…,title=…::message`, escaped as GitHub's toolkit does: in the message `%`,
CR and LF; in a property value also `:` and `,` (a file name with a comma would otherwise end
the `file=` value). Waived findings get no annotation. With `--format github` in a workflow
(`GITHUB_STEP_SUMMARY` set), a Markdown summary of the run is appended to the job's summary.
"""

from __future__ import annotations

import os

from gkcheck.hookspec import hookimpl
from gkcheck.results import ReportResult, failed_findings

GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}
SUMMARY_ROWS = 50  # findings listed in the step summary, beyond that a count


@hookimpl
def gkcheck_report_formats() -> list[str]:
    return ["github"]


@hookimpl
def gkcheck_render(format: str, session) -> str | None:
    return github_annotations(session) if format == "github" else None


@hookimpl
def gkcheck_session_finish(session, exitstatus: int) -> None:
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if target and session.config.get("format") == "github":
        with open(target, "a", encoding="utf-8") as summary:
            summary.write(step_summary(session))


def escape_data(text: str) -> str:
    """A workflow command's message, as `escapeData` of GitHub's @actions/core."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value, as `escapeProperty` of GitHub's @actions/core."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(level: str, message: str, **properties: object) -> str:
    params = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{level} {params}::{escape_data(message)}"


def github_annotations(session) -> str:
    """`::error file=…,line=…,title=GK201 …::message` lines for GitHub Actions."""
    lang = session.config.lang
    lines = []
    for report, result, finding, waiver in failed_findings(session.results):
        if waiver is not None and not waiver.expired:
            continue  # accepted: no annotation
        where = finding.location
        properties: dict[str, object] = {"file": report.path}
        if where is not None and where.line is not None:
            properties["line"] = where.line
        properties["title"] = f"{result.rule_id} {result.name}"
        place = where.describe(lang) if where else ""
        message = f"{place}: {finding.message.text(lang)}" if place else finding.message.text(lang)
        lines.append(command(GITHUB_LEVEL[finding.severity or result.severity], message, **properties))
    for report in session.results:
        if report.error is not None:
            lines.append(command("error", report.error.text(lang), file=report.path, title="load"))
    return "\n".join(lines) + ("\n" if lines else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def step_summary(session) -> str:
    """The run in Markdown: a table of the reports, then the findings that fail the run."""
    config = session.config
    lang, fail_on = config.lang, config.get("fail_on")
    zh = lang != "en"
    lines = ["## gkcheck", ""]
    lines += [
        "| 报告 | 结果 | 未通过的规则 |" if zh else "| report | outcome | failed rules |",
        "|---|---|---|",
    ]
    for report in session.results:
        outcome = report.outcome(fail_on)
        icon = {"passed": "✅", "failed": "❌"}.get(outcome, "⚠️")
        failed = ", ".join(item.rule_id for item in report.failed_at(fail_on)) or _error_text(report, lang)
        lines.append(f"| `{_cell(report.path)}` | {icon} {outcome} | {_cell(failed)} |")
    failing = [(report, item) for report in session.results for item in report.failed_at(fail_on)]
    if failing:
        lines += ["", "### 问题" if zh else "### Failures", ""]
        for report, item in failing[:SUMMARY_ROWS]:
            for finding in item.findings:
                place = finding.location.describe(lang) if finding.location else ""
                text = f"{place}: {finding.message.text(lang)}" if place else finding.message.text(lang)
                lines.append(f"- `{report.path}` **{item.rule_id} {item.name}**: {_cell(text)}")
        if len(failing) > SUMMARY_ROWS:
            lines.append(f"- … {len(failing) - SUMMARY_ROWS}")
    return "\n".join(lines) + "\n\n"


def _error_text(report: ReportResult, lang: str) -> str:
    return report.error.text(lang) if report.error is not None else ""
