"""Built-in plugin: SARIF 2.1.0, for code-scanning tools (GitHub code scanning, VS Code, ...).

Each rule that ran is a reportingDescriptor with its documentation (short and full description,
help in text and Markdown, from the docstring) and each finding a result. SARIF has no pages: a
finding in a PDF gets a line-like region whose `startLine` is the page number, the page and the
bounding box kept in the region's `properties`; a finding in a text format has its line; one with
no place starts at line 1. `partialFingerprints` come from `gkcheck.reporting.fingerprint`, so
code scanning follows a finding from commit to commit.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

from gkcheck import __version__
from gkcheck.document import Location
from gkcheck.hookspec import hookimpl
from gkcheck.reporting.fingerprint import fingerprinted_findings, load_error_fingerprint
from gkcheck.results import RuleResult
from gkcheck.rule import Rule
from gkcheck.ruledocs import rule_doc

SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "gkcheckFinding/v1"
LOAD_RULE = {
    "id": "load",
    "name": "readable-file",
    "shortDescription": {"text": "The file can be read as a report."},
    "fullDescription": {
        "text": "The file exists, is in a format a loader reads (PDF, Word, web page, text) and is "
        "neither encrypted, damaged nor over the time limit."
    },
    "help": {
        "text": "Every input file must be readable; gkcheck says why this one is not.",
        "markdown": "Every input file must be readable; gkcheck says why this one is not.",
    },
    "defaultConfiguration": {"level": "error"},
    "properties": {"tags": ["gkcheck", "load"]},
}


@hookimpl
def gkcheck_addoption(parser) -> None:
    parser.add_argument("--sarif", metavar="FILE", help="also write SARIF to FILE")
    parser.add_argument(
        "--rule-doc-url",
        metavar="URL",
        help="address of a rule's documentation, {id} and {name} replaced (SARIF helpUri)",
    )
    parser.add_setting("rule-doc-url", kind="string", help="a rule's documentation, with {id} and {name}")


@hookimpl
def gkcheck_report_formats() -> list[str]:
    return ["sarif"]


@hookimpl
def gkcheck_output_files(config) -> list[tuple[str, str]]:
    return [("sarif", config.get("sarif"))] if config.get("sarif") else []


@hookimpl
def gkcheck_render(format: str, session) -> str | None:
    if format == "sarif":
        return json.dumps(sarif_log(session), ensure_ascii=False, indent=2) + "\n"
    return None


def sarif_log(session) -> dict:
    config = session.config
    lang = config.lang
    known = {item.id: item for group in config.hook.gkcheck_collect_rules(config=config) for item in group}
    ran: dict[str, RuleResult] = {}
    for report in session.results:
        for item in report.results:
            ran.setdefault(item.rule_id, item)
    rules = [
        rule_descriptor(item, known.get(item.rule_id), lang, config.get("rule_doc_url"))
        for item in ran.values()
    ]
    results = []
    for report, result, finding, waiver, fingerprint in fingerprinted_findings(session.results):
        place = finding.location.describe(lang) if finding.location else ""
        text = finding.message.text(lang)
        results.append(
            {
                "ruleId": result.rule_id,
                "level": SARIF_LEVEL[finding.severity or result.severity],
                "message": {"text": f"{place}: {text}" if place else text},
                "locations": [_location(report.path, finding.location)],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
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
                    "locations": [_location(report.path, None)],
                    "partialFingerprints": {FINGERPRINT_KEY: load_error_fingerprint(report.path)},
                }
            )
    if any(report.error is not None for report in session.results):
        rules.append(LOAD_RULE)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{"tool": {"driver": _driver(rules)}, "results": results, "columnKind": "unicodeCodePoints"}],
    }


def _driver(rules: list[dict]) -> dict:
    return {
        "name": "gkcheck",
        "version": __version__,
        "semanticVersion": __version__,
        "rules": rules,
    }


def rule_descriptor(result: RuleResult, rule: Rule | None, lang: str, doc_url: str | None) -> dict:
    """The rule's reportingDescriptor: descriptions and help from its documentation in `lang`."""
    doc = rule_doc(rule, lang)[1] if rule is not None else ""
    short = (doc.splitlines()[0] if doc else "") or result.name
    descriptor: dict = {
        "id": result.rule_id,
        "name": result.name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": doc.split("\n\n")[0].replace("\n", " ") if doc else short},
        "help": {"text": doc or short, "markdown": doc or short},
        "defaultConfiguration": {"level": SARIF_LEVEL[result.severity]},
        "properties": {"tags": _tags(result, rule)},
    }
    if doc_url:
        descriptor["helpUri"] = doc_url.format(id=result.rule_id, name=result.name)
    return descriptor


def _tags(result: RuleResult, rule: Rule | None) -> list[str]:
    """`gkcheck`, the rule's group (its id's hundred, GK3 for GK303) and its module."""
    tags = ["gkcheck", result.rule_id[:3]]
    if rule is not None:
        tags.append(rule.origin.rsplit(".", 1)[-1])
    return list(dict.fromkeys(tags))


def artifact_uri(path: str) -> str:
    """A relative path as a relative URI reference, an absolute one as a `file:` URI."""
    target = Path(path)
    return target.as_uri() if target.is_absolute() else quote(target.as_posix())


def _location(path: str, where: Location | None) -> dict:
    region: dict = {"startLine": 1}
    if where is not None and where.line is not None:
        region = {"startLine": where.line}
    elif where is not None and where.page is not None:
        properties: dict = {"page": where.page}
        if where.bbox is not None:
            properties["bbox"] = [round(value, 1) for value in where.bbox]
        region = {"startLine": where.page, "properties": properties}
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}, "region": region}}


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
