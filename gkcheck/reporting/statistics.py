"""Built-in plugin: `--statistics`, the count of findings per rule, as ruff prints it.

In the text report, before the summary line: one line per rule that found something, the most
frequent first, `  12  GK203  contact-info  [警告]` (the gravest severity it was rated). Waived findings
are not counted.
"""

from __future__ import annotations

from collections import Counter

from gkcheck.hookspec import hookimpl
from gkcheck.results import failed_findings
from gkcheck.rule import SEVERITY_RANK

SEVERITY_NAMES = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


@hookimpl
def gkcheck_addoption(parser) -> None:
    parser.add_argument(
        "--statistics", action="store_true", default=None, help="count the findings of each rule"
    )
    parser.add_setting("statistics", kind="boolean", default=False)


def rule_counts(results) -> list[tuple[int, str, str, str]]:
    """(count, rule id, name, gravest severity) for each rule with unwaived findings, most first."""
    counts: Counter[tuple[str, str]] = Counter()
    gravest: dict[str, str] = {}
    for _report, result, _finding, waiver in failed_findings(results):
        if waiver is None or waiver.expired:
            counts[(result.rule_id, result.name)] += 1
            severity = gravest.get(result.rule_id, result.severity)
            gravest[result.rule_id] = max(severity, result.severity, key=SEVERITY_RANK.__getitem__)
    rows = [(count, rule_id, name, gravest[rule_id]) for (rule_id, name), count in counts.items()]
    return sorted(rows, key=lambda row: (-row[0], row[1]))


@hookimpl
def gkcheck_terminal_summary(session) -> list[str]:
    config = session.config
    if not config.get("statistics"):
        return []
    lang = "en" if config.lang == "en" else "zh"
    rows = rule_counts(session.results)
    width = max((len(str(count)) for count, *_ in rows), default=1)
    name_width = max((len(name) for _count, _id, name, _severity in rows), default=1)
    lines = [config.text(zh="各规则的问题数：", en="findings per rule:")]
    lines += [
        f"  {count:>{width}}  {rule_id}  {name:<{name_width}}  [{SEVERITY_NAMES[lang][severity]}]"
        for count, rule_id, name, severity in rows
    ]
    if not rows:
        lines.append(config.text(zh="  （无）", en="  (none)"))
    return lines
