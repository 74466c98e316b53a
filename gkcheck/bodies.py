"""Bodies across years: which report of a run is a report's last year's, and why (`gkcheck inspect`).

The linking is the run index's (gkcheck.run_index: the same body's report for the year before,
bodies matched on their whole normalised name); this module explains it for each candidate.
"""

from __future__ import annotations

from typing import Any

from gkcheck.run_index import RunIndex, body_key, same_body


def describe_name(name: str | None) -> str:
    """A name as the matching reads it: "宿迁市人民政府" → "宿迁市 + (人民政府)"."""
    if not name:
        return "—"
    regions, body = body_key(name)
    if not regions:
        return body
    return " › ".join(regions) + (f" + {body}" if body else " (人民政府)")


def candidate(report, other) -> dict[str, Any]:
    """Whether `other` is `report`'s last year's, with the reason in both languages."""
    body = same_body(report.issuer, other.issuer)
    year = report.year is not None and other.year == report.year - 1
    theirs, mine = describe_name(other.issuer), describe_name(report.issuer)
    key_zh = f"“{other.issuer}”读作 {theirs}，“{report.issuer}”读作 {mine}"
    key_en = f"{other.issuer!r} reads as {theirs}, {report.issuer!r} as {mine}"
    if not body:
        zh, en = f"机关不同：{key_zh}", f"another body: {key_en}"
    elif not year:
        before = report.year - 1 if report.year else None
        zh = f"同一机关，但年度为{other.year}，不是{before or '上一年'}"
        en = f"same body, but its year is {other.year}, not {before or 'the year before'}"
    else:
        zh, en = (
            f"同一机关（{key_zh}），年度{other.year}为上一年",
            f"same body ({key_en}), year {other.year} is the year before",
        )
    return {
        "path": other.path,
        "issuer": other.issuer,
        "year": other.year,
        "linked": body and year,
        "why": {"zh": zh, "en": en},
    }


def previous_link(report, others: list) -> dict[str, Any]:
    """The `previous` entry of `gkcheck inspect --json`: the linked report (or None) and every candidate."""
    index = RunIndex([report, *others])
    linked = index.previous_of(report)
    return {
        "body": describe_name(report.issuer),
        "linked": linked.path if linked is not None else None,
        "candidates": [candidate(report, other) for other in others if other.path != report.path],
    }
