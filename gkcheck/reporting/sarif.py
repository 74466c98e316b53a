"""Built-in plugin: SARIF 2.1.0, for code-scanning tools.

In SARIF each rule is a reportingDescriptor and each finding a result, located by file and, for
PDFs, by page (SARIF has no pages: the page is given in the region's `properties` and the
message); text formats use line numbers as regions.
"""

from __future__ import annotations

import json

from gkcheck import __version__
from gkcheck.hookspec import hookimpl
from gkcheck.results import failed_findings

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


@hookimpl
def gkcheck_report_formats() -> list[str]:
    return ["sarif"]


@hookimpl
def gkcheck_render(format: str, session) -> str | None:
    if format == "sarif":
        return json.dumps(sarif_log(session), ensure_ascii=False, indent=2) + "\n"
    return None


def sarif_log(session) -> dict:
    lang = session.config.lang
    rules: dict[str, dict] = {}
    results = []
    for report, result, finding, waiver in failed_findings(session.results):
        rules.setdefault(result.rule_id, {"id": result.rule_id, "name": result.name})
        location: dict = {"physicalLocation": {"artifactLocation": {"uri": report.path}}}
        where = finding.location
        if where is not None and where.line is not None:
            location["physicalLocation"]["region"] = {"startLine": where.line}
        if where is not None and where.page is not None:
            location["physicalLocation"]["region"] = {"properties": {"page": where.page, "bbox": where.bbox}}
        place = where.describe(lang) if where else ""
        results.append(
            {
                "ruleId": result.rule_id,
                "level": SARIF_LEVEL[result.severity],
                "message": {
                    "text": f"{place}: {finding.message.text(lang)}" if place else finding.message.text(lang)
                },
                "locations": [location],
                **_suppressions(waiver),
            }
        )
    for report in session.results:
        if report.error is not None:
            results.append(
                {
                    "ruleId": "load",
                    "level": "error",
                    "message": {"text": report.error.text(lang)},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": report.path}}}],
                }
            )
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {"name": "gkcheck", "version": __version__, "rules": list(rules.values())}
                },
                "results": results,
            }
        ],
    }


def _suppressions(waiver) -> dict:
    """An accepted finding is a suppressed result (SARIF §3.27.23); an expired waiver is no longer one."""
    if waiver is None or waiver.expired:
        return {}
    return {
        "suppressions": [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f"{waiver.reason} (until {waiver.expires}; {waiver.source})",
            }
        ]
    }
