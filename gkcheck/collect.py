"""Built-in plugin: finds the `@rule` and `@fixture` functions of every registered plugin."""

from __future__ import annotations

from gkcheck.hookspec import hookimpl
from gkcheck.rule import Fixture, Rule, fixtures_in, rules_in


@hookimpl
def gkcheck_collect_rules(config) -> list[Rule]:
    found: list[Rule] = []
    for plugin in config.pluginmanager.get_plugins():
        found.extend(rules_in(plugin))
    return found


@hookimpl
def gkcheck_collect_fixtures(config) -> list[Fixture]:
    found: list[Fixture] = []
    for plugin in config.pluginmanager.get_plugins():
        found.extend(fixtures_in(plugin))
    return found


@hookimpl(tryfirst=True)
def gkcheck_modify_rules(config, profile, rules: list[Rule]) -> None:
    """Apply the profile's `[rules.ID]` settings: `severity` and `enabled = false`."""
    kept = []
    for item in rules:
        settings = profile.rule_settings(item.id)
        if settings.get("enabled", True) is False:
            continue
        severity = settings.get("severity")
        kept.append(item.with_severity(severity) if severity else item)
    rules[:] = kept
