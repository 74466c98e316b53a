"""Built-in plugin: SARIF 2.1.0 (code-scanning tools) and GitHub Actions annotations.

In SARIF each rule is a reportingDescriptor and each finding a result, located by file and, for
PDFs, by page (SARIF has no pages: the page is given in the region's `properties` and the
message); text formats use line numbers as regions.
"""

from __future__ import annotations

import json

from gkcheck import __version__
from gkcheck.hookspec import hookimpl
from gkcheck.results import FAILED

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


@hookimpl
def gkcheck_render(format: str, session) -> str | None:
    if format == "sarif":
        return json.dumps(sarif_log(session), ensure_ascii=False, indent=2) + "\n"
    if format == "github":
        return github_annotations(session)
    return None


def _failures(session):
    for report in session.results:
        for result in report.results:
            if result.outcome == FAILED:
                for index, finding in enumerate(result.findings):
                    yield report, result, finding, result.waiver(index)


def sarif_log(session) -> dict:
    lang = session.config.lang
    rules: dict[str, dict] = {}
    results = []
    for report, result, finding, waiver in _failures(session):
        rules.setdefault(result.rule_id, {"id": result.rule_id, "name": result.name})
        location: dict = {"physicalLocation": {"artifactLocation": {"uri": report.path}}}
        where = finding.location
        if where is not None and where.line is not None:
            location["physicalLocation"]["region"] = {"startLine": where.line}
        if where is not None and where.page is not None:
            location["physicalLocation"]["region"] = {"properties": {"page": where.page, "bbox": where.bbox}}
        place = where.describe(lang) if where else ""
        results.append({
            "ruleId": result.rule_id,
            "level": SARIF_LEVEL[result.severity],
            "message": {"text": f"{place}: {finding.message.text(lang)}" if place else finding.message.text(lang)},
            "locations": [location],
            **_suppressions(waiver),
        })
    for report in session.results:
        if report.error is not None:
            results.append({
                "ruleId": "load",
                "level": "error",
                "message": {"text": report.error.text(lang)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": report.path}}}],
            })
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "gkcheck", "version": __version__, "rules": list(rules.values())}},
            "results": results,
        }],
    }


def _suppressions(waiver) -> dict:
    """An accepted finding is a suppressed result (SARIF §3.27.23); an expired waiver is no longer one."""
    if waiver is None or waiver.expired:
        return {}
    return {"suppressions": [{"kind": "external", "status": "accepted",
                              "justification": f"{waiver.reason} (until {waiver.expires}; {waiver.source})"}]}


def github_annotations(session) -> str:
    """`::error file=…,line=…,title=GK201::message` lines for GitHub Actions."""
    lang = session.config.lang
    lines = []
    for report, result, finding, waiver in _failures(session):
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
