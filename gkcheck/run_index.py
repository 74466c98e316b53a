"""The reports of one run, for rules that compare a report with another (last year's, say)."""

from __future__ import annotations

from gkcheck.report import ReportSummary
from gkcheck.text import fold

# Shorter names than this are too vague to identify a body ("区政府").
MIN_NAME_LENGTH = 4


def same_body(first: str | None, second: str | None) -> bool:
    """Whether two issuer names denote one body: equal, or one is the other with a longer prefix.

    Titles name the same body more or less fully from year to year: "洪泽区人民政府" and
    "淮安市洪泽区人民政府" are one body.
    """
    if not first or not second:
        return False
    a, b = fold(first), fold(second)
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= MIN_NAME_LENGTH and longer.endswith(shorter)


class RunIndex:
    """Summaries of every report checked in the run, searchable by body and year."""

    def __init__(self, summaries: list[ReportSummary]):
        self.summaries = summaries

    def report_of(
        self, issuer: str | None, year: int | None, exclude: str | None = None
    ) -> ReportSummary | None:
        for summary in self.summaries:
            if summary.year == year and summary.path != exclude and same_body(summary.issuer, issuer):
                return summary
        return None

    def previous_of(self, report: ReportSummary) -> ReportSummary | None:
        """The same body's report for the year before, if it was checked in this run."""
        if report.year is None:
            return None
        return self.report_of(report.issuer, report.year - 1, exclude=report.path)
