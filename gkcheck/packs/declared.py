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
same outputs. A declared rule runs only under a profile whose pack chain declares it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from gkcheck.hookspec import hookimpl
from gkcheck.packs.condition import Condition, ConditionError, MissingData
from gkcheck.report import NUMERALS
from gkcheck.rule import SEVERITIES, Rule, skip
from gkcheck.text import FlatText

if TYPE_CHECKING:
    from gkcheck.config import Config
    from gkcheck.packs.profile import PackFile, Profile

CHECK_KEYS = {
    "title",
    "name",
    "severity",
    "section",
    "must_contain",
    "must_not_contain",
    "when",
    "message",
    "message_en",
    "doc",
}
PATTERN_KEYS = ("must_contain", "must_not_contain")


def validate_check(pack: PackFile, rule_id: str, spec: dict[str, Any]) -> None:
    """Check one `[checks.ID]` table; raise a UsageError at the offending line."""
    where = ("checks", rule_id)
    pack.toml.check_keys(spec, CHECK_KEYS, where)
    for key in ("title", "name", "section", "message", "message_en", "doc", "when", *PATTERN_KEYS):
        if key in spec and not isinstance(spec[key], str):
            raise pack.error(f"[checks.{rule_id}] {key} must be a string", *where, key=key)
    given = [key for key in PATTERN_KEYS if key in spec]
    if len(given) != 1:
        raise pack.error(f"[checks.{rule_id}] needs exactly one of must_contain, must_not_contain", *where)
    try:
        re.compile(spec[given[0]])
    except re.error as exc:
        raise pack.error(
            f"[checks.{rule_id}] {given[0]}: bad regular expression: {exc}", *where, key=given[0]
        ) from None
    if spec.get("severity", "error") not in SEVERITIES:
        raise pack.error(
            f"[checks.{rule_id}] severity {spec['severity']!r} must be one of {', '.join(SEVERITIES)}",
            *where,
            key="severity",
        )
    if "section" in spec and spec["section"] not in NUMERALS:
        raise pack.error(
            f"[checks.{rule_id}] section {spec['section']!r} must be one of {'、'.join(NUMERALS)}",
            *where,
            key="section",
        )
    if "message" not in spec:
        raise pack.error(f"[checks.{rule_id}] needs a message (in Chinese; message_en in English)", *where)
    if "when" in spec:
        try:
            Condition.parse(spec["when"])
        except ConditionError as exc:
            raise pack.error(f"[checks.{rule_id}] when: {exc}", *where, key="when") from None


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
        try:
            if self.when.evaluate(report):
                return True
        except MissingData as exc:
            skip(
                f"条件“{self.when.source}”所需的 {exc.path} 在报告中未识别",
                f"the condition “{self.when.source}” needs {exc.path}, which was not found in the report",
            )
        skip(f"条件不成立：{self.when.source}", f"condition not met: {self.when.source}")
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
    run_declared_check.gkcheck_pack = pack.source
    name = spec.get("name") or f"{pack.name}-{rule_id.lower()}"
    origin = f"{pack.source}:{pack.toml.line_of(('checks', rule_id))}"
    return Rule(
        rule_id, name, spec.get("severity", "error"), run_declared_check, origin, spec.get("title", "")
    )


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
    return hasattr(item.function, "gkcheck_pack")


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
    rules[:] = [item for item in rules if not is_declared(item) or item.function.gkcheck_pack in own]
