"""Built-in plugin: scores under a pack's assessment scheme (`[assessment]`), and the batch's ranking.

A pack may declare how an office scores reports: indicators worth some points, each tied to rules,
losing `deduct` points for each finding of those rules (a failed rule without findings counts as
one), never more than the indicator's points:

    [assessment]
    title = "年报质量测评（示例）"

    [[assessment.indicators]]
    name = "统计表勾稽关系"
    points = 30
    rules = ["GK303", "GK304", "GK305"]
    deduct = 5

A report's score is the sum of its indicators' points after deductions. The text report prints each
report's score and the ranking of the batch; the JSON document has them under `assessment`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gkcheck.hookspec import hookimpl
from gkcheck.results import FAILED
from gkcheck.rule import RULE_ID

INDICATOR_KEYS = {"name", "points", "rules", "deduct", "doc"}
ASSESSMENT_KEYS = {"title", "indicators", "doc"}


@dataclass(frozen=True)
class Indicator:
    name: str
    points: float
    rules: tuple[str, ...]
    deduct: float


def scheme_of(profile) -> tuple[str, list[Indicator]] | None:
    """The profile's assessment scheme (title, indicators), or None when it declares none."""
    data = profile.data.get("assessment")
    if not data:
        return None
    indicators = [
        Indicator(item["name"], item["points"], tuple(item["rules"]), item.get("deduct", item["points"]))
        for item in data.get("indicators", [])
    ]
    return data.get("title", profile.name), indicators


def failures(result) -> dict[str, int]:
    """The findings that count against a scheme, by rule: a failed rule without findings counts once."""
    return {item.rule_id: max(1, len(item.findings)) for item in result.results if item.outcome == FAILED}


def deductions(result, indicator: Indicator) -> list[tuple[str, int, float]]:
    """(rule, findings, points before the cap) for each of the indicator's rules that failed."""
    counted = failures(result)
    return [
        (rule_id, counted[rule_id], _number(counted[rule_id] * indicator.deduct))
        for rule_id in indicator.rules
        if rule_id in counted
    ]


def score(result, indicators: list[Indicator]) -> dict[str, Any]:
    """A report's score: total, full marks and each indicator's points after deductions."""
    counted = failures(result)
    parts: list[dict[str, Any]] = []
    for indicator in indicators:
        count = sum(counted.get(rule_id, 0) for rule_id in indicator.rules)
        lost = min(indicator.points, count * indicator.deduct)
        parts.append({"name": indicator.name, "points": indicator.points, "lost": lost, "findings": count})
    total = sum(indicator.points for indicator in indicators) - sum(part["lost"] for part in parts)
    return {"score": _number(total), "full": _number(sum(i.points for i in indicators)), "indicators": parts}


def assess(session) -> dict[str, Any] | None:
    """Every checked report's score and the ranking, or None when no profile of the run has a scheme."""
    scored = []
    title = None
    for result in session.results:
        if result.error is not None:
            continue
        scheme = scheme_of(session.config.profile_for(result.facts.get("year")))
        if scheme is None:
            continue
        title = scheme[0]
        scored.append({"path": result.path, **_facts(result), **score(result, scheme[1])})
    if not scored:
        return None
    ranking = sorted(scored, key=lambda item: (-item["score"], item["path"]))
    for rank, item in enumerate(ranking, 1):
        item["rank"] = rank
    return {"title": title, "reports": scored, "ranking": [item["path"] for item in ranking]}


def _facts(result) -> dict[str, Any]:
    return {"issuer": result.facts.get("issuer"), "year": result.facts.get("year")}


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 1)


@hookimpl
def gkcheck_results_document(session, document) -> None:
    assessment = assess(session)
    if assessment is not None:
        document["assessment"] = assessment


@hookimpl
def gkcheck_terminal_summary(session) -> list[str]:
    assessment = assess(session)
    if assessment is None:
        return []
    zh = session.config.lang == "zh"
    lines = [f"评分（{assessment['title']}）：" if zh else f"scores ({assessment['title']}):"]
    by_path = {item["path"]: item for item in assessment["reports"]}
    for path in assessment["ranking"]:
        item = by_path[path]
        lost = "，".join(f"{p['name']} −{_number(p['lost'])}" for p in item["indicators"] if p["lost"])
        rank = f"第{item['rank']}名" if zh else f"#{item['rank']}"
        lines.append(f"  {rank}  {item['score']}/{item['full']}  {path}" + (f"  （{lost}）" if lost else ""))
    return lines


def validate_assessment(pack, data: Any) -> None:
    """Check a pack's `[assessment]` table; raise a UsageError naming the file and line."""
    table = ("assessment",)
    if not isinstance(data, dict):
        raise pack.error(zh="[assessment] 应为表", en="[assessment] must be a table", table=table)
    pack.toml.check_keys(data, ASSESSMENT_KEYS, table)
    indicators = data.get("indicators", [])
    if not isinstance(indicators, list) or not indicators:
        raise pack.error(
            zh="[assessment] 应有至少一个 [[assessment.indicators]]",
            en="[assessment] needs at least one [[assessment.indicators]]",
            table=table,
        )
    for index, item in enumerate(indicators):
        _validate_indicator(pack, item, index)


def _validate_indicator(pack, item: dict[str, Any], index: int) -> None:
    table = ("assessment", "indicators")
    pack.toml.check_keys(item, INDICATOR_KEYS, table, occurrence=index)
    label = f"[[assessment.indicators]] #{index + 1}"
    problems = [
        (
            "name",
            isinstance(item.get("name"), str) and item["name"],
            "应为非空字符串",
            "must be a non-empty string",
        ),
        ("points", _positive(item.get("points")), "应为正数", "must be a positive number"),
        (
            "deduct",
            "deduct" not in item or _positive(item["deduct"]),
            "应为正数",
            "must be a positive number",
        ),
        (
            "rules",
            isinstance(item.get("rules"), list)
            and item["rules"]
            and all(isinstance(rule, str) and RULE_ID.match(rule) for rule in item["rules"]),
            '应为规则编号列表，例如 ["GK303"]',
            'must be a list of rule ids, e.g. ["GK303"]',
        ),
    ]
    for key, ok, zh, en in problems:
        if not ok:
            raise pack.toml.error(
                zh=f"{label} {key} {zh}", en=f"{label} {key} {en}", table=table, key=key, occurrence=index
            )


def _positive(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0
