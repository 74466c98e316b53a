"""Rules and fixtures: the two things a plugin module defines.

A rule is a function decorated with `@rule("GKnnn", severity=...)`. Its arguments are fixtures,
requested by name, as in pytest. It reports faults by calling the `finding` fixture, or with a
plain `assert`. Its docstring is its documentation.

A rule that a pack can tune declares its parameters, `@rule("GK203", params={"required": Param(...)})`,
and asks for the `params` argument: their values under the profile in use, read and typed, the
declared default where the pack sets none. Packs are checked against the declarations when they
are loaded, so a misspelt key or a wrong value is an error at its line, not a silent default.

A fixture is a function decorated with `@fixture`; it may itself request other fixtures. A fixture
that cannot be provided calls `skip(reason)`, and every rule that needs it is skipped with that reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import inspect
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn

from gkcheck.document import Location
from gkcheck.patterns import LazyPattern

SEVERITIES = ("info", "warning", "error")
# The keys of a `[rules.ID]` table that every rule has; its parameters are the others.
SETTING_KEYS = ("severity", "enabled")
# How grave each severity is: `--fail-on warning` fails a report on warnings and errors.
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


class Skipped(Exception):
    """Raised by `skip()`: the rule (or the fixture it needs) does not apply to this report."""

    def __init__(self, reason: str, reason_en: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.reason_en = reason_en or reason


def skip(reason: str, en: str | None = None) -> NoReturn:
    """Skip the current rule, or every rule using the current fixture, with a reason."""
    raise Skipped(reason, en)


@dataclass(frozen=True)
class Message:
    """A message in Chinese and English."""

    zh: str
    en: str

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Finding:
    """One fault found by a rule: what is wrong, where, and the expected and actual values.

    `severity` lowers this one finding below the rule's severity (e.g. an `info` note inside a
    `warning` rule); None means the rule's own severity.
    """

    message: Message
    location: Location | None = None
    expected: Any = None
    actual: Any = None
    severity: str | None = None

    def to_dict(self, lang: str) -> dict:
        out = {
            "message": self.message.text(lang),
            "expected": self.expected,
            "actual": self.actual,
            "location": self.location.to_dict() if self.location else None,
        }
        if self.severity is not None:
            out["severity"] = self.severity
        return out


PARAM_KINDS = ("list", "string", "int", "bool", "month-day")
_KIND_NAMES = {
    "list": ("字符串列表", "list of strings"),
    "string": ("字符串", "string"),
    "int": ("整数", "integer"),
    "bool": ("布尔值（true 或 false）", "boolean"),
    "month-day": ("“MM-DD”日期", '"MM-DD" date'),
}
_MONTH_DAY = LazyPattern(r"(\d{1,2})-(\d{1,2})")


class ParamError(ValueError):
    """A parameter value that does not fit its declaration; `zh` and `en` say why (the value aside)."""

    def __init__(self, *, zh: str, en: str):
        super().__init__(en)
        self.zh = zh
        self.en = en


@dataclass(frozen=True)
class MonthDay:
    """A day of the year, written "MM-DD" in a pack: the value of a `month-day` parameter."""

    month: int
    day: int

    def in_year(self, year: int) -> dt.date:
        return dt.date(year, self.month, self.day)

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Param:
    """A parameter of a rule, set by a pack under `[rules.ID]`: its kind, default, allowed values and meaning.

    `kind` is one of:
    - "list": a list of strings, each one of `choices` when they are given (read as a tuple);
    - "string": a string, one of `choices` when they are given;
    - "int": an integer; "bool": true or false;
    - "month-day": a day of the year, "MM-DD" as "01-31" (read as a `MonthDay`).

    `default` is written as in a pack (`["phone", "address"]`, `"01-31"`); `zh` and `en` are a
    one-line description.
    """

    kind: str
    default: Any
    zh: str = ""
    en: str = ""
    choices: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in PARAM_KINDS:
            raise ValueError(f"parameter kind {self.kind!r} must be one of {', '.join(PARAM_KINDS)}")
        if self.choices and self.kind not in ("list", "string"):
            raise ValueError(f"a {self.kind} parameter has no choices")
        object.__setattr__(self, "choices", tuple(self.choices))
        if isinstance(self.default, list):
            object.__setattr__(self, "default", tuple(self.default))
        try:
            self.read(self.default)
        except ParamError as exc:  # a default that does not fit its own declaration
            raise ValueError(f"parameter default {self.default!r}: {exc.en}") from None

    def read(self, value: Any) -> Any:
        """The typed value of `value` as written in a pack; ParamError when it does not fit."""
        zh_kind, en_kind = self.type_names
        article = "an" if en_kind[0] in "aeiou" else "a"
        wrong = ParamError(zh=f"应为{zh_kind}", en=f"must be {article} {en_kind}")
        if self.kind == "list":
            if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
                raise wrong
            for item in value:
                self._check_choice(item)
            return tuple(value)
        if self.kind == "string":
            if not isinstance(value, str):
                raise wrong
            self._check_choice(value)
            return value
        if self.kind == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                raise wrong
            return value
        if self.kind == "bool":
            if not isinstance(value, bool):
                raise wrong
            return value
        return _month_day(value)

    def _check_choice(self, value: str) -> None:
        if self.choices and value not in self.choices:
            raise ParamError(
                zh=f"不允许的值 {value!r}（可选：{'、'.join(self.choices)}）",
                en=f"{value!r} is not allowed (allowed: {', '.join(self.choices)})",
            )

    @property
    def type_names(self) -> tuple[str, str]:
        """The kind in words, Chinese and English: "list of strings", "integer" and so on."""
        return _KIND_NAMES[self.kind]

    def toml(self, value: Any) -> str:
        """`value` written as in a pack: `["phone", "address"]`, `"01-31"`, `2021`, `true`."""
        if isinstance(value, MonthDay):
            value = str(value)
        if isinstance(value, tuple):
            value = list(value)
        return json.dumps(value, ensure_ascii=False)

    def to_dict(self) -> dict[str, Any]:
        """The declaration in JSON, as `gkcheck rules --format json` lists it."""
        zh_type, en_type = self.type_names
        return {
            "kind": self.kind,
            "type": {"zh": zh_type, "en": en_type},
            "default": list(self.default) if isinstance(self.default, tuple) else self.default,
            "choices": list(self.choices),
            "description": {"zh": self.zh, "en": self.en},
        }


def _month_day(value: Any) -> MonthDay:
    found = _MONTH_DAY.fullmatch(value) if isinstance(value, str) else None
    try:
        day = MonthDay(int(found.group(1)), int(found.group(2))) if found else None
        if day is not None:
            day.in_year(2001)  # a day of every year: not 29 February
    except ValueError:
        day = None
    if day is None:
        raise ParamError(
            zh='不是一年中的某一天，应写作“MM-DD”（如 "01-31"）',
            en='not a day of the year "MM-DD" (e.g. "01-31")',
        )
    return day


@functools.cache
def argument_names(function: Callable[..., Any]) -> tuple[str, ...]:
    """The parameter names of a rule or fixture function (asked for every rule of every report)."""
    return tuple(inspect.signature(function).parameters)


@dataclass(frozen=True)
class Rule:
    """A registered rule: its id, name, default severity, function, documentation and parameters."""

    id: str
    name: str
    severity: str
    function: Callable[..., Any]
    origin: str = "gkcheck"
    title_zh: str = ""
    params: Mapping[str, Param] = field(default_factory=dict, hash=False, compare=False)
    pack: str | None = None  # the pack file declaring it, for a `[checks.ID]` rule

    @property
    def arguments(self) -> tuple[str, ...]:
        return argument_names(self.function)

    @property
    def doc(self) -> str:
        """The docstring, and a **Parameters** section made from the declared parameters."""
        doc = inspect.cleandoc(self.function.__doc__ or "")
        if not self.params:
            return doc
        lines = [f"**Parameters** (under `[rules.{self.id}]` in a pack)"]
        for key, param in self.params.items():
            allowed = f"; allowed: {', '.join(param.choices)}" if param.choices else ""
            lines.append(
                f"- `{key}` ({param.type_names[1]}, default `{param.toml(param.default)}`{allowed}): "
                f"{param.en}（{param.zh}）"
            )
        return "\n\n".join([doc, "\n".join(lines)]) if doc else "\n".join(lines)

    @property
    def summary(self) -> str:
        """The first line of the docstring."""
        return self.doc.splitlines()[0] if self.doc else ""

    def with_severity(self, severity: str) -> Rule:
        return dataclasses.replace(self, severity=severity)

    def param_values(self, settings: Mapping[str, Any]) -> dict[str, Any]:
        """The typed values of the rule's parameters from its `[rules.ID]` table, defaults filled in."""
        return {name: param.read(settings.get(name, param.default)) for name, param in self.params.items()}


RULE_ID = LazyPattern(r"^[A-Z]+[0-9]+$")


def rule(
    rule_id: str,
    *,
    severity: str = "error",
    name: str | None = None,
    title: str = "",
    params: Mapping[str, Param] | None = None,
):
    """Register the decorated function as rule `rule_id` (e.g. "GK303").

    `name` defaults to the function name with dashes (`applications_row_totals` →
    `applications-row-totals`); `title` is a short Chinese title shown in listings; `params` are
    the parameters a pack may set under `[rules.ID]`, which the rule reads from its `params`
    argument.
    """
    if not RULE_ID.match(rule_id):
        raise ValueError(f"rule id {rule_id!r} must be capital letters followed by digits, e.g. GK303")
    if severity not in SEVERITIES:
        raise ValueError(f"rule {rule_id}: severity {severity!r} must be one of {', '.join(SEVERITIES)}")
    params = dict(params or {})
    for key, param in params.items():
        if key in SETTING_KEYS or not re.fullmatch(r"[a-z][a-z0-9_]*", key):
            raise ValueError(
                f"rule {rule_id}: {key!r} cannot name a parameter (lower-case, not severity/enabled)"
            )
        if not isinstance(param, Param):
            raise ValueError(f"rule {rule_id}: parameter {key!r} must be a Param")

    def mark(function: Callable[..., Any]) -> Callable[..., Any]:
        rule_name = name or function.__name__.strip("_").replace("_", "-")
        function.gkcheck_rule = Rule(  # type: ignore[attr-defined]
            rule_id, rule_name, severity, function, function.__module__, title, params
        )
        return function

    return mark


@dataclass(frozen=True)
class Fixture:
    """A registered fixture: a function whose result is injected into rules by argument name.

    `scope="report"` fixtures are computed from one report. `scope="run"` fixtures need the other
    reports of the run (e.g. last year's report of the same body); rules using them run after
    every file has been checked, on the reports' summaries.
    """

    name: str
    function: Callable[..., Any]
    scope: str = "report"

    @property
    def arguments(self) -> tuple[str, ...]:
        return argument_names(self.function)


def fixture(function: Callable[..., Any] | None = None, *, name: str | None = None, scope: str = "report"):
    """Register the decorated function as a fixture named after it (or `name`)."""
    if scope not in ("report", "run"):
        raise ValueError(f"fixture scope {scope!r} must be 'report' or 'run'")

    def mark(func: Callable[..., Any]) -> Callable[..., Any]:
        func.gkcheck_fixture = Fixture(name or func.__name__, func, scope)  # type: ignore[attr-defined]
        return func

    return mark(function) if function is not None else mark


def rules_in(namespace: object) -> list[Rule]:
    """The rules defined in a plugin module or object."""
    return [value.gkcheck_rule for value in _members(namespace) if hasattr(value, "gkcheck_rule")]


def fixtures_in(namespace: object) -> list[Fixture]:
    """The fixtures defined in a plugin module or object."""
    return [value.gkcheck_fixture for value in _members(namespace) if hasattr(value, "gkcheck_fixture")]


def _members(namespace: object) -> list[Any]:
    values = vars(namespace).values() if hasattr(namespace, "__dict__") else []
    return [value for value in values if callable(value)]


@dataclass
class FindingCollector:
    """The `finding` fixture: a callable that records findings for the rule being run."""

    findings: list[Finding] = field(default_factory=list)

    def __call__(
        self,
        zh: str,
        en: str | None = None,
        *,
        where: Location | None = None,
        expected: Any = None,
        actual: Any = None,
        severity: str | None = None,
    ) -> None:
        if severity is not None and severity not in SEVERITIES:
            raise ValueError(f"finding severity {severity!r} must be one of {', '.join(SEVERITIES)}")
        self.findings.append(Finding(Message(zh, en or zh), where, expected, actual, severity))
