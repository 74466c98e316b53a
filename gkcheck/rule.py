"""Rules and fixtures: the two things a plugin module defines.

A rule is a function decorated with `@rule("GKnnn", severity=...)`. Its arguments are fixtures,
requested by name, as in pytest. It reports faults by calling the `finding` fixture, or with a
plain `assert`. Its docstring is its documentation.

A fixture is a function decorated with `@fixture`; it may itself request other fixtures. A fixture
that cannot be provided calls `skip(reason)`, and every rule that needs it is skipped with that reason.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gkcheck.document import Location

SEVERITIES = ("info", "warning", "error")
# How grave each severity is: `--fail-on warning` fails a report on warnings and errors.
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}


class Skipped(Exception):
    """Raised by `skip()`: the rule (or the fixture it needs) does not apply to this report."""

    def __init__(self, reason: str, reason_en: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.reason_en = reason_en or reason


def skip(reason: str, en: str | None = None) -> None:
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


@dataclass(frozen=True)
class Rule:
    """A registered rule: its id, name, default severity, function and documentation."""

    id: str
    name: str
    severity: str
    function: Callable[..., Any]
    origin: str = "gkcheck"
    title_zh: str = ""

    @property
    def arguments(self) -> tuple[str, ...]:
        return tuple(inspect.signature(self.function).parameters)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.function.__doc__ or "")

    @property
    def summary(self) -> str:
        """The first line of the docstring."""
        return self.doc.splitlines()[0] if self.doc else ""

    def with_severity(self, severity: str) -> Rule:
        return Rule(self.id, self.name, severity, self.function, self.origin, self.title_zh)


RULE_ID = re.compile(r"^[A-Z]+[0-9]+$")


def rule(rule_id: str, *, severity: str = "error", name: str | None = None, title: str = ""):
    """Register the decorated function as rule `rule_id` (e.g. "GK303").

    `name` defaults to the function name with dashes (`applications_row_totals` →
    `applications-row-totals`); `title` is a short Chinese title shown in listings.
    """
    if not RULE_ID.match(rule_id):
        raise ValueError(f"rule id {rule_id!r} must be capital letters followed by digits, e.g. GK303")
    if severity not in SEVERITIES:
        raise ValueError(f"rule {rule_id}: severity {severity!r} must be one of {', '.join(SEVERITIES)}")

    def mark(function: Callable[..., Any]) -> Callable[..., Any]:
        rule_name = name or function.__name__.strip("_").replace("_", "-")
        function.gkcheck_rule = Rule(rule_id, rule_name, severity, function, function.__module__, title)
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
        return tuple(inspect.signature(self.function).parameters)


def fixture(function: Callable[..., Any] | None = None, *, name: str | None = None, scope: str = "report"):
    """Register the decorated function as a fixture named after it (or `name`)."""
    if scope not in ("report", "run"):
        raise ValueError(f"fixture scope {scope!r} must be 'report' or 'run'")

    def mark(func: Callable[..., Any]) -> Callable[..., Any]:
        func.gkcheck_fixture = Fixture(name or func.__name__, func, scope)
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
