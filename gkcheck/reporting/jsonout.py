"""Built-in plugin: the JSON report (`"schema": 1`, see gkcheck/schema/results.schema.json)."""

from __future__ import annotations

import json

from gkcheck import __version__
from gkcheck.hookspec import hookimpl
from gkcheck.results import ERROR, FAILED, PASSED


def results_document(session) -> dict:
    config = session.config
    lang, fail_on = config.lang, config.get("fail_on")
    reports = [result.to_dict(lang, fail_on) for result in session.results]
    summary = {"reports": len(reports), PASSED: 0, FAILED: 0, ERROR: 0}
    for report in reports:
        summary[report["outcome"]] += 1
    document = {
        "schema": 1,
        "gkcheck": __version__,
        "profile": config.get("profile") or "national",
        "lang": lang,
        "fail_on": fail_on,
        "reports": reports,
        "summary": summary,
    }
    config.hook.gkcheck_results_document(session=session, document=document)
    return document


@hookimpl
def gkcheck_addoption(parser) -> None:
    parser.add_argument("--json", metavar="FILE", help="also write JSON to FILE")


@hookimpl
def gkcheck_report_formats() -> list[str]:
    return ["json"]


@hookimpl
def gkcheck_output_files(config) -> list[tuple[str, str]]:
    return [("json", config.get("json"))] if config.get("json") else []


@hookimpl
def gkcheck_render(format: str, session) -> str | None:
    if format != "json":
        return None
    return json.dumps(results_document(session), ensure_ascii=False, indent=2) + "\n"
