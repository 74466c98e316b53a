"""Built-in plugin: the checks that rule packs declare in TOML, without code.

A pack declares a check as a `[checks.ID]` table:

    [checks.SD101]
    title = "依申请公开情况"
    severity = "warning"
    section = "一"                                  # where to look; the whole text when absent
    must_contain = "依申请公开"                      # a regular expression (or: must_not_contain)
    when = "tables.applications.new.total > 0"      # optional condition (see gkcheck/condition.py)
    message = "第一部分未说明依申请公开情况"
    message_en = "section 一 does not describe disclosure on request"
    doc = "What it checks and why."

Each becomes a `Rule` like any Python rule: selected, re-rated and listed the same way, with the
same outputs. A declared rule runs only under a profile whose pack chain declares it. What a
`[checks.ID]` table may contain is checked when its pack is read (`gkcheck.packs.schema`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gkcheck.hookspec import hookimpl
from gkcheck.packs.condition import Condition, MissingData
from gkcheck.rule import Rule, skip
from gkcheck.text import FlatText

if TYPE_CHECKING:
    from gkcheck.config import Config
    from gkcheck.packs.profile import PackFile, Profile


@dataclass(frozen=True)
class DeclaredCheck:
    """A validated `[checks.ID]` table, ready to run on a report."""

    rule_id: str
    pattern: re.Pattern
    must_contain: bool
    message: str
    message_en: str
    section: str | None = None
    when: Condition | None = None

    def run(self, report, finding) -> None:
        if self.when is not None and not self._applies(report):
            return
        if self.section is not None:
            part = report.sections.get(self.section)
            if part is None:
                skip(f"未识别第{self.section}部分", f"section {self.section} was not found")
            lines, where = part.lines, part.location
        else:
            lines, where = report.lines, report.title_location
        flat = FlatText(lines)
        if self.must_contain:
            if flat.search(self.pattern) is None:
                finding(self.message, self.message_en, where=where, expected=self.pattern.pattern)
            return
        for match in flat.finditer(self.pattern):
            finding(
                self.message.replace("{match}", match.text),
                self.message_en.replace("{match}", match.text),
                where=match.location or where,
                actual=match.text,
            )

    def _applies(self, report) -> bool:
        when = self.when
        assert when is not None, "only checks with a condition are asked"
        try:
            if when.evaluate(report):
                return True
        except MissingData as exc:
            skip(
                f"条件“{when.source}”所需的 {exc.path} 在报告中未识别",
                f"the condition “{when.source}” needs {exc.path}, which was not found in the report",
            )
        skip(f"条件不成立：{when.source}", f"condition not met: {when.source}")
        return False


def declared_rule(pack: PackFile, rule_id: str, spec: dict[str, Any]) -> Rule:
    """The `Rule` for a `[checks.ID]` table of `pack` (already validated)."""
    must_contain = "must_contain" in spec
    check = DeclaredCheck(
        rule_id=rule_id,
        pattern=re.compile(spec["must_contain" if must_contain else "must_not_contain"]),
        must_contain=must_contain,
        message=spec["message"],
        message_en=spec.get("message_en", spec["message"]),
        section=spec.get("section"),
        when=Condition.parse(spec["when"]) if "when" in spec else None,
    )

    def run_declared_check(report, finding):
        check.run(report, finding)

    run_declared_check.__doc__ = _documentation(pack, rule_id, spec)
    name = spec.get("name") or f"{pack.name}-{rule_id.lower()}"
    origin = f"{pack.source}:{pack.toml.line_of(('checks', rule_id))}"
    severity = spec.get("severity", "error")
    return Rule(rule_id, name, severity, run_declared_check, origin, spec.get("title", ""), pack=pack.source)


def _documentation(pack: PackFile, rule_id: str, spec: dict[str, Any]) -> str:
    place = f"section {spec['section']}" if "section" in spec else "the whole text"
    verb = "must contain" if "must_contain" in spec else "must not contain"
    pattern = spec.get("must_contain", spec.get("must_not_contain"))
    lines = [
        spec.get("doc", "").strip() or spec.get("message_en", spec["message"]),
        "",
        f"**Declared in** {pack.source} ([checks.{rule_id}]): {place} {verb} /{pattern}/",
    ]
    if "when" in spec:
        lines.append(f"when {spec['when']}.")
    return "\n".join(lines)


def is_declared(item: Rule) -> bool:
    return item.pack is not None


@hookimpl
def gkcheck_collect_rules(config: Config) -> list[Rule]:
    """The declared checks of every profile this run can use, once per declaring pack."""
    rules: dict[tuple[str, str], Rule] = {}
    for profile in config.profiles_in_use():
        for pack, rule_id, spec in profile.declared_checks():
            if (pack.source, rule_id) not in rules:
                rules[(pack.source, rule_id)] = declared_rule(pack, rule_id, spec)
    return list(rules.values())


@hookimpl
def gkcheck_modify_rules(config: Config, profile: Profile, rules: list[Rule]) -> None:
    """A declared check runs only under the profiles whose pack chain declares it."""
    own = set(profile.sources)
    rules[:] = [item for item in rules if not is_declared(item) or item.pack in own]
