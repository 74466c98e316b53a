"""Fingerprints that name one finding across runs, for SARIF and GitLab Code Quality.

GitHub code scanning and GitLab track a finding over commits by its fingerprint: it must not
change when nothing about the finding changes, and must differ between two findings of one run.
It is made of the file, the rule, the finding's Chinese message (the same whatever `--lang`)
and the report-level place (section and table cell, not the PDF coordinates, which move when a
page is re-rendered); a second finding with all of these equal gets its rank among them.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterator

from gkcheck.results import ReportResult, RuleResult, WaiverNote, failed_findings
from gkcheck.rule import Finding


def _key(path: str, rule_id: str, finding: Finding) -> str:
    where = finding.location
    place = [where.section, where.table_key, where.row_key, where.column_key] if where else []
    return "\x1f".join([path, rule_id, finding.message.zh, *(str(item) for item in place)])


def fingerprinted_findings(
    results: list[ReportResult],
) -> Iterator[tuple[ReportResult, RuleResult, Finding, WaiverNote | None, str]]:
    """`failed_findings`, each with its fingerprint (64 hex digits)."""
    seen: Counter[str] = Counter()
    for report, result, finding, waiver in failed_findings(results):
        key = _key(report.path, result.rule_id, finding)
        seen[key] += 1
        digest = hashlib.sha256(f"{key}\x1e{seen[key]}".encode()).hexdigest()
        yield report, result, finding, waiver, digest


def load_error_fingerprint(path: str) -> str:
    """The fingerprint of "this file could not be read"."""
    return hashlib.sha256(f"{path}\x1fload".encode()).hexdigest()
