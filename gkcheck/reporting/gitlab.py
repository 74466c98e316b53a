"""Built-in plugin: GitLab Code Quality, the JSON report `artifacts:reports:codequality` reads.

A JSON array with an issue per finding: `description`, `check_name` (the rule), `fingerprint`
(stable across runs, see `gkcheck.reporting.fingerprint`), `severity` (GitLab's scale: an error
is `critical`, a warning `minor`, an info note `info`) and `location` (`path` relative to the
working directory, as GitLab links it in the repository; `lines.begin`, the page of a PDF,
the line of a text format, else 1). Waived findings are left out; a file that cannot be read
is a `blocker`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from gkcheck.hookspec import hookimpl
from gkcheck.reporting.fingerprint import fingerprinted_findings, load_error_fingerprint

GITLAB_SEVERITY = {"error": "critical", "warning": "minor", "info": "info"}


@hookimpl
def gkcheck_addoption(parser) -> None:
    parser.add_argument("--gitlab", metavar="FILE", help="also write GitLab Code Quality JSON to FILE")


@hookimpl
def gkcheck_report_formats() -> list[str]:
    return ["gitlab"]


@hookimpl
def gkcheck_output_files(config) -> list[tuple[str, str]]:
    return [("gitlab", config.get("gitlab"))] if config.get("gitlab") else []


@hookimpl
def gkcheck_render(format: str, session) -> str | None:
    if format != "gitlab":
        return None
    return json.dumps(code_quality(session), ensure_ascii=False, indent=2) + "\n"


def repository_path(path: str) -> str:
    """`path` relative to the working directory (the repository's root in a CI job), with `/`."""
    target = Path(path)
    if target.is_absolute():
        try:
            target = target.relative_to(Path.cwd())
        except ValueError:
            return target.as_posix()
    return Path(os.path.normpath(target)).as_posix()


def _issue(description: str, check: str, fingerprint: str, severity: str, path: str, line: int) -> dict:
    return {
        "type": "issue",
        "description": description,
        "check_name": check,
        "fingerprint": fingerprint,
        "severity": severity,
        "location": {"path": repository_path(path), "lines": {"begin": line}},
    }


def code_quality(session) -> list[dict]:
    lang = session.config.lang
    issues = []
    for report, result, finding, waiver, fingerprint in fingerprinted_findings(session.results):
        if waiver is not None and not waiver.expired:
            continue
        where = finding.location
        line = (where.line or where.page or 1) if where is not None else 1
        place = where.describe(lang) if where is not None else ""
        text = finding.message.text(lang)
        description = f"{result.rule_id} {result.name}: {place + ': ' if place else ''}{text}"
        severity = GITLAB_SEVERITY[finding.severity or result.severity]
        issues.append(_issue(description, result.rule_id, fingerprint, severity, report.path, line))
    for report in session.results:
        if report.error is not None:
            fingerprint = load_error_fingerprint(report.path)
            issues.append(_issue(report.error.text(lang), "load", fingerprint, "blocker", report.path, 1))
    return issues
