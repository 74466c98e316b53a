"""Outcomes: one result per (report, rule), gathered per report."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from gkcheck.rule import SEVERITY_RANK, Finding, Message

PASSED, FAILED, SKIPPED, ERROR = "passed", "failed", "skipped", "error"


@dataclass(frozen=True)
class WaiverNote:
    """A waiver that matched a finding: it accepts the finding, or did until it expired."""

    reason: str
    expires: str
    expired: bool
    source: str

    def to_dict(self) -> dict:
        return {
            "reason": self.reason,
            "expires": self.expires,
            "expired": self.expired,
            "source": self.source,
        }


@dataclass
class RuleResult:
    """The outcome of one rule on one report.

    `waivers` is empty, or holds for each finding the waiver that matched it (None if none did).
    A failed rule whose every finding is accepted by an unexpired waiver is `waived`: it is shown
    as such and does not count toward the exit code.
    """

    rule_id: str
    name: str
    severity: str
    outcome: str
    findings: list[Finding] = field(default_factory=list)
    reason: Message | None = None
    traceback: str | None = None
    duration: float = 0.0
    waivers: list[WaiverNote | None] = field(default_factory=list)

    def waiver(self, index: int) -> WaiverNote | None:
        """The waiver that matched finding `index`, if any."""
        return self.waivers[index] if index < len(self.waivers) else None

    def is_waived(self, index: int) -> bool:
        note = self.waiver(index)
        return note is not None and not note.expired

    @property
    def waived(self) -> bool:
        return (
            self.outcome == FAILED
            and bool(self.findings)
            and all(self.is_waived(index) for index in range(len(self.findings)))
        )

    def to_dict(self, lang: str) -> dict:
        out: dict[str, Any] = {
            "rule": self.rule_id,
            "name": self.name,
            "severity": self.severity,
            "outcome": self.outcome,
            "reason": self.reason.text(lang) if self.reason else None,
            "findings": [self._finding_dict(index, lang) for index in range(len(self.findings))],
        }
        if self.waivers:
            out["waived"] = self.waived
        return out

    def _finding_dict(self, index: int, lang: str) -> dict:
        out = self.findings[index].to_dict(lang)
        note = self.waiver(index)
        if note is not None:
            out["waived"] = not note.expired
            out["waiver"] = note.to_dict()
        return out


@dataclass
class ReportResult:
    """Everything gkcheck found out about one input file.

    `error` is set when the file could not be checked at all (unreadable, not a report format,
    timed out); `results` then is empty. `facts` keeps the interpreted report's metadata (as in
    `gkcheck inspect --json`) so that outputs can name the issuer and year.
    """

    path: str
    results: list[RuleResult] = field(default_factory=list)
    error: Message | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    summary: Any = None  # ReportSummary, for the rules that compare reports of one run
    pages: int = 0
    duration: float = 0.0
    warnings: list[str] = field(default_factory=list)  # the libraries' own, while reading it (shown with -v)
    # For a document matched on a converted copy: its own characters, to quote it in (gkcheck.originals).
    originals: Any = None

    def failed_at(self, fail_on: str) -> list[RuleResult]:
        threshold = SEVERITY_RANK[fail_on]
        return [
            result
            for result in self.results
            if result.outcome == FAILED and not result.waived and SEVERITY_RANK[result.severity] >= threshold
        ]

    def outcome(self, fail_on: str = "error") -> str:
        """`error` if unreadable or a rule crashed, `failed` if a rule failed at/above `fail_on`."""
        if self.error is not None or any(result.outcome == ERROR for result in self.results):
            return ERROR
        return FAILED if self.failed_at(fail_on) else PASSED

    def to_dict(self, lang: str, fail_on: str) -> dict:
        return {
            "path": self.path,
            "outcome": self.outcome(fail_on),
            "year": self.facts.get("year"),
            "issuer": self.facts.get("issuer"),
            "kind": self.facts.get("kind"),
            "profile": self.facts.get("profile"),
            "pages": self.pages,
            "error": self.error.text(lang) if self.error else None,
            "results": [result.to_dict(lang) for result in self.results],
        }


def failed_findings(
    results: list[ReportResult],
) -> Iterator[tuple[ReportResult, RuleResult, Finding, WaiverNote | None]]:
    """Every finding of failed rules: (report's result, rule's result, finding, its waiver or None)."""
    for report in results:
        for result in report.results:
            if result.outcome == FAILED:
                for index, finding in enumerate(result.findings):
                    yield report, result, finding, result.waiver(index)
