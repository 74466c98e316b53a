"""The scores in the HTML report, when a pack of the run declares an assessment scheme (`[assessment]`).

The summary table gets a score and a rank column, the batch's ranking follows it, and each report's
section shows its score by indicator with the deductions: which rules' findings cost how many
points, and where an indicator's points capped them. The figures are those of the JSON document's
`assessment` (gkcheck.assessment); without a scheme nothing of this is shown.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from gkcheck.assessment import assess, deductions, scheme_of

if TYPE_CHECKING:
    from gkcheck.reporting.html_parts import T


def scores(session) -> dict[str, Any] | None:
    """The run's assessment with its reports by path, or None when no scheme is in use."""
    assessment = assess(session)
    if assessment is None:
        return None
    return {**assessment, "by_path": {item["path"]: item for item in assessment["reports"]}}


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _num(value: float) -> str:
    return f"{value:g}"


def summary_headers(t: T) -> list[tuple[str, str]]:
    """The (sort kind, label) of the score and rank columns."""
    return [("num", t("得分", "score")), ("num", t("名次", "rank"))]


def summary_cells(item: dict[str, Any] | None) -> list[str]:
    """A report's score and rank cells; empty when it was not scored (not read, or no scheme)."""
    if item is None:
        return ['<td class="score"></td>', '<td class="rank"></td>']
    return [
        f'<td class="score" title="{_num(item["score"])}/{_num(item["full"])}">{_num(item["score"])}</td>',
        f'<td class="rank">{item["rank"]}</td>',
    ]


def ranking(assessment: dict[str, Any], numbers: dict[str, int], t: T) -> str:
    """The batch's ranking, best first, each report linked to its section."""
    rows = []
    for path in assessment["ranking"]:
        item = assessment["by_path"][path]
        rows.append(
            f'<li value="{item["rank"]}"><a href="#report-{numbers[path]}">{esc(path)}</a> '
            f"{esc(item['issuer'])} {esc(item['year'])} · "
            f'<b class="score">{_num(item["score"])}</b>/{_num(item["full"])}</li>'
        )
    title = t("排名", "Ranking")
    return (
        f'<section id="ranking"><h2>{title} <small>{esc(assessment["title"])}</small></h2>'
        f'<ol class="ranking">{"".join(rows)}</ol></section>'
    )


def report_score(index: int, result, assessment: dict[str, Any] | None, config, t: T) -> str:
    """A report's score by indicator, with each indicator's deductions; empty when it was not scored."""
    item = assessment["by_path"].get(result.path) if assessment is not None else None
    scheme = scheme_of(config.profile_for(result.facts.get("year"))) if item else None
    if assessment is None or item is None or scheme is None:
        return ""
    rows = [
        _indicator_row(index, result, indicator, part, t)
        for indicator, part in zip(scheme[1], item["indicators"], strict=True)
    ]
    head = "".join(
        f"<th>{t(zh, en)}</th>"
        for zh, en in (
            ("指标", "indicator"),
            ("分值", "points"),
            ("扣分", "lost"),
            ("扣分明细", "deductions"),
        )
    )
    heading = t(
        f"评分：{_num(item['score'])}/{_num(item['full'])}（第{item['rank']}名）",
        f"Score: {_num(item['score'])}/{_num(item['full'])} (rank {item['rank']})",
    )
    return (
        f'<div class="assessment" id="score-{index}"><h3>{heading} <small>{esc(assessment["title"])}</small>'
        f'</h3><table class="indicators"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody>'
        "</table></div>"
    )


def _indicator_row(index: int, result, indicator, part: dict[str, Any], t: T) -> str:
    found = deductions(result, indicator)
    items = [
        f'<li><a href="#rule-{index}-{rule}">{esc(rule)}</a> '
        + t(
            f"{count} 条 × {_num(indicator.deduct)} 分 = {_num(points)} 分",
            f"{count} × {_num(indicator.deduct)} = {_num(points)} points",
        )
        + "</li>"
        for rule, count, points in found
    ]
    if sum(points for _rule, _count, points in found) > indicator.points:
        items.append(
            '<li class="cap">'
            + t(
                f"以本项分值 {_num(indicator.points)} 分为限",
                f"capped at its {_num(indicator.points)} points",
            )
            + "</li>"
        )
    detail = f'<ul class="deductions">{"".join(items)}</ul>' if items else ""
    css = ' class="lost"' if part["lost"] else ""
    return (
        f"<tr{css}><td>{esc(part['name'])}</td><td>{_num(part['points'])}</td>"
        f'<td class="lost">{_num(part["lost"])}</td><td>{detail}</td></tr>'
    )
