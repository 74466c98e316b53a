"""Built-in plugin: GitHub Actions workflow commands, one annotation per finding."""

from __future__ import annotations

from gkcheck.hookspec import hookimpl
from gkcheck.results import failed_findings

GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


@hookimpl
def gkcheck_report_formats() -> list[str]:
    return ["github"]


@hookimpl
def gkcheck_render(format: str, session) -> str | None:
    return github_annotations(session) if format == "github" else None


def github_annotations(session) -> str:
    """`::error file=…,line=…,title=GK201::message` lines for GitHub Actions."""
    lang = session.config.lang
    lines = []
    for report, result, finding, waiver in failed_findings(session.results):
        if waiver is not None and not waiver.expired:
            continue  # accepted: no annotation
        where = finding.location
        params = [f"file={report.path}"]
        if where is not None and where.line is not None:
            params.append(f"line={where.line}")
        place = where.describe(lang) if where else ""
        message = f"{place}: {finding.message.text(lang)}" if place else finding.message.text(lang)
        params.append(f"title={result.rule_id} {result.name}")
        lines.append(f"::{GITHUB_LEVEL[result.severity]} {','.join(params)}::{_escape(message)}")
    for report in session.results:
        if report.error is not None:
            lines.append(f"::error file={report.path},title=load::{_escape(report.error.text(lang))}")
    return "\n".join(lines) + ("\n" if lines else "")


def _escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
