"""Running rules on one report: fixture resolution by argument name and outcome capture."""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from typing import Any

from gkcheck.errors import UsageError
from gkcheck.results import ERROR, FAILED, PASSED, SEVERITY_RANK, SKIPPED, RuleResult
from gkcheck.rule import SEVERITIES, Finding, FindingCollector, Fixture, Message, Rule, Skipped


class FixtureError(Exception):
    """A fixture raised: every rule needing it ends in `error` with the fixture's traceback."""

    def __init__(self, name: str, tb: str):
        super().__init__(name)
        self.name = name
        self.traceback = tb


@dataclass
class FixtureScope:
    """Fixture values for one report. Each fixture is computed once and shared by all rules."""

    fixtures: dict[str, Fixture]
    values: dict[str, Any] = field(default_factory=dict)
    failures: dict[str, BaseException] = field(default_factory=dict)

    def get(self, name: str, requested_by: str, chain: tuple[str, ...] = ()) -> Any:
        if name in self.values:
            return self.values[name]
        if name in self.failures:
            raise self.failures[name]
        if name in chain:
            raise UsageError(f"fixture cycle: {' → '.join([*chain, name])}")
        fixture = self.fixtures.get(name)
        if fixture is None:
            raise UsageError(f"{requested_by} asks for unknown fixture {name!r} (known: {', '.join(sorted(self.fixtures))})")
        try:
            kwargs = {arg: self.get(arg, name, (*chain, name)) for arg in fixture.arguments}
            value = fixture.function(**kwargs)
        except (Skipped, FixtureError, UsageError) as exc:
            self.failures[name] = exc
            raise
        except TimeoutError:  # the document's time limit, not the fixture's fault
            raise
        except Exception:
            error = FixtureError(name, traceback.format_exc())
            self.failures[name] = error
            raise error from None
        self.values[name] = value
        return value


def effective_severity(rule_severity: str, findings: list[Finding]) -> str:
    """The severity of a failed rule: its highest finding, each capped at the rule's severity.

    A rule whose findings are all `info` notes therefore fails at `info`, not at its default.
    """
    cap = SEVERITY_RANK[rule_severity]
    ranks = [min(cap, SEVERITY_RANK[item.severity or rule_severity]) for item in findings]
    return SEVERITIES[max(ranks)]


def run_rule(rule: Rule, scope: FixtureScope) -> RuleResult:
    """Run one rule with its fixtures; never raises for a rule's own failure."""
    started = time.perf_counter()
    collector = FindingCollector()
    result = RuleResult(rule.id, rule.name, rule.severity, PASSED)
    try:
        kwargs = {
            arg: collector if arg == "finding" else scope.get(arg, f"rule {rule.id}") for arg in rule.arguments
        }
        rule.function(**kwargs)
    except Skipped as exc:
        result.outcome, result.reason = SKIPPED, Message(exc.reason, exc.reason_en)
    except AssertionError as exc:
        text = str(exc) or f"assertion failed in {rule.id}"
        collector.findings.append(Finding(Message(text, text)))
    except FixtureError as exc:
        result.outcome, result.traceback = ERROR, exc.traceback
        result.reason = Message(f"夹具 {exc.name} 出错", f"fixture {exc.name} raised")
    except (UsageError, TimeoutError):
        raise
    except Exception as exc:
        result.outcome, result.traceback = ERROR, traceback.format_exc()
        result.reason = Message(f"规则运行出错：{exc!r}", f"the rule raised {exc!r}")
    if result.outcome == PASSED and collector.findings:
        result.outcome = FAILED
        result.severity = effective_severity(rule.severity, collector.findings)
    result.findings = collector.findings
    result.duration = time.perf_counter() - started
    return result
