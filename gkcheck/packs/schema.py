"""The pack format: what a `[rules.ID]` and a `[checks.ID]` table may contain.

`profile` checks each pack file against it when the file is read; a `[rules.ID]` table's
parameters are checked once the rules are collected, against the parameters the rule declares
(`@rule(params=...)`). Every error names the pack file and the line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from gkcheck.errors import UsageError
from gkcheck.packs.condition import Condition, ConditionError
from gkcheck.report import NUMERALS
from gkcheck.rule import RULE_ID, SETTING_KEYS, SEVERITIES, Param, ParamError

if TYPE_CHECKING:
    from gkcheck.packs.profile import PackFile

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


def validate_assessment(pack: PackFile, data: Any) -> None:
    """An `[assessment]` scheme: its indicators, points, deductions and rules (gkcheck.assessment)."""
    from gkcheck.assessment import validate_assessment as validate

    validate(pack, data)


def validate_rule_settings(pack: PackFile, rule_id: str, settings: dict[str, Any]) -> None:
    """The part of a `[rules.ID]` table every rule shares: its id, `severity` and `enabled`."""
    where = ("rules", rule_id)
    if not RULE_ID.match(rule_id):
        raise pack.error(
            zh=f"[rules.{rule_id}]：规则编号应为大写字母加数字，例如 GK203",
            en=f"[rules.{rule_id}]: a rule id is capital letters then digits, e.g. GK203",
            table=where,
        )
    severity = settings.get("severity")
    if severity is not None and severity not in SEVERITIES:
        raise pack.error(
            zh=f"[rules.{rule_id}] severity {severity!r} 应为 {', '.join(SEVERITIES)} 之一",
            en=f"[rules.{rule_id}] severity {severity!r} must be one of {', '.join(SEVERITIES)}",
            table=where,
            key="severity",
        )
    if not isinstance(settings.get("enabled", True), bool):
        raise pack.error(
            zh=f"[rules.{rule_id}] enabled 应为 true 或 false",
            en=f"[rules.{rule_id}] enabled must be true or false",
            table=where,
            key="enabled",
        )


def validate_rule_params(
    pack: PackFile, rule_id: str, settings: dict[str, Any], params: Mapping[str, Param]
) -> None:
    """The other keys of a `[rules.ID]` table: each a parameter the rule declares, with a value that fits."""
    for key, value in settings.items():
        if key in SETTING_KEYS:
            continue
        at = pack.where("rules", rule_id, key=key)
        param = params.get(key)
        if param is None:
            allowed = ", ".join([*SETTING_KEYS, *params])
            raise UsageError(
                zh=f"{at}: [rules.{rule_id}] 中的 {key!r} 不是该规则的参数"
                f"（可用：{allowed}；见 gkcheck --explain {rule_id}）",
                en=f"{at}: [rules.{rule_id}] {key!r} is not a parameter of {rule_id} "
                f"(allowed: {allowed}; see: gkcheck --explain {rule_id})",
            )
        try:
            param.read(value)
        except ParamError as exc:
            raise UsageError(
                zh=f"{at}: [rules.{rule_id}] {key} = {value!r}：{exc.zh}",
                en=f"{at}: [rules.{rule_id}] {key} = {value!r}: {exc.en}",
            ) from None


def validate_check(pack: PackFile, rule_id: str, spec: dict[str, Any]) -> None:
    """Check one `[checks.ID]` table; raise a UsageError at the offending line."""
    where = ("checks", rule_id)
    if not RULE_ID.match(rule_id):
        raise pack.error(
            zh=f"[checks.{rule_id}]：编号应为大写字母加数字，例如 SD101",
            en=f"[checks.{rule_id}]: an id is capital letters then digits, e.g. SD101",
            table=where,
        )
    pack.toml.check_keys(spec, CHECK_KEYS, where)
    for key in ("title", "name", "section", "message", "message_en", "doc", "when", *PATTERN_KEYS):
        if key in spec and not isinstance(spec[key], str):
            raise pack.error(
                zh=f"[checks.{rule_id}] {key} 应为字符串",
                en=f"[checks.{rule_id}] {key} must be a string",
                table=where,
                key=key,
            )
    given = [key for key in PATTERN_KEYS if key in spec]
    if len(given) != 1:
        raise pack.error(
            zh=f"[checks.{rule_id}] 须写 must_contain、must_not_contain 二者之一，且只写一个",
            en=f"[checks.{rule_id}] needs exactly one of must_contain, must_not_contain",
            table=where,
        )
    try:
        re.compile(spec[given[0]])
    except re.error as exc:
        raise pack.error(
            zh=f"[checks.{rule_id}] {given[0]}：正则表达式有误：{exc}",
            en=f"[checks.{rule_id}] {given[0]}: bad regular expression: {exc}",
            table=where,
            key=given[0],
        ) from None
    if spec.get("severity", "error") not in SEVERITIES:
        raise pack.error(
            zh=f"[checks.{rule_id}] severity {spec['severity']!r} 应为 {', '.join(SEVERITIES)} 之一",
            en=f"[checks.{rule_id}] severity {spec['severity']!r} must be one of {', '.join(SEVERITIES)}",
            table=where,
            key="severity",
        )
    if "section" in spec and spec["section"] not in NUMERALS:
        raise pack.error(
            zh=f"[checks.{rule_id}] section {spec['section']!r} 应为 {'、'.join(NUMERALS)} 之一",
            en=f"[checks.{rule_id}] section {spec['section']!r} must be one of {'、'.join(NUMERALS)}",
            table=where,
            key="section",
        )
    if "message" not in spec:
        raise pack.error(
            zh=f"[checks.{rule_id}] 缺少 message（中文提示；英文提示写在 message_en）",
            en=f"[checks.{rule_id}] needs a message (in Chinese; message_en in English)",
            table=where,
        )
    if "when" in spec:
        try:
            Condition.parse(spec["when"])
        except ConditionError as exc:
            raise pack.error(
                zh=f"[checks.{rule_id}] when：{exc.zh}",
                en=f"[checks.{rule_id}] when: {exc}",
                table=where,
                key="when",
            ) from None
