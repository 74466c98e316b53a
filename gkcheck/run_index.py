"""The reports of one run, for rules that compare a report with another (last year's, say)."""

from __future__ import annotations

from gkcheck.patterns import LazyPattern
from gkcheck.report import ReportSummary
from gkcheck.text import fold

# A region's name at the start of a body's name: "淮安市", "洪泽区", "沭阳县" (at least one character
# before the administrative unit, so "市场监督管理局" is no region).
REGION = LazyPattern(r"^(.{1,8}?(?:自治区|自治州|自治县|省|市|州|盟|地区|县|区|旗))")
# What a people's government's name adds to its region: "宿迁市人民政府" is the body "宿迁市" names.
GOVERNMENT = LazyPattern(r"(?:人民)?政府$")


def body_key(name: str) -> tuple[tuple[str, ...], str]:
    """A name split into its regions (outermost first) and the body within them.

    "淮安市洪泽区人民政府" → (("淮安市", "洪泽区"), ""); "宿迁市" → (("宿迁市",), "");
    "上海市科学技术委员会" → (("上海市",), "科学技术委员会").
    """
    rest = fold(name)
    regions: list[str] = []
    while rest and (found := REGION.match(rest)):
        regions.append(found.group(1))
        rest = rest[found.end() :]
    if regions and GOVERNMENT.fullmatch(rest):
        rest = ""
    return tuple(regions), rest


def same_body(first: str | None, second: str | None) -> bool:
    """Whether two issuer names denote one body: the whole name, regions and body, is the same.

    Titles name the same body more or less fully from year to year: "洪泽区人民政府" and
    "淮安市洪泽区人民政府" are one body (the outer region may be left out), as are "宿迁市" and
    "宿迁市人民政府" (a region's name stands for its people's government). Names are compared whole,
    however short: "区政府" is not "洪泽区政府", "洪泽区财政局" not "淮安市财政局".
    """
    if not first or not second:
        return False
    (regions_a, body_a), (regions_b, body_b) = body_key(first), body_key(second)
    if body_a != body_b:
        return False
    if not regions_a or not regions_b:
        return regions_a == regions_b
    shorter, longer = sorted((regions_a, regions_b), key=len)
    return longer[len(longer) - len(shorter) :] == shorter


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
