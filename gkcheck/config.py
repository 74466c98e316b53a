"""The configuration of a run: options, the plugin manager, and the profile for each report."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from typing import Any

import pluggy

from gkcheck.profile import DEFAULT_PROFILE, PRE_2021_PROFILE, Profile, load_profile

DEFAULTS: dict[str, Any] = {
    "select": None,
    "ignore": [],
    "extend_select": [],
    "lang": "zh",
    "fail_on": "error",
    "profile": None,
    "jobs": 1,
    "timeout": 120.0,
    "verbose": 0,
    "quiet": 0,
    "kind": None,
    "format": "text",
    "output": None,
    "junit_xml": None,
    "json": None,
}


@dataclass
class Config:
    """Options of the run (from defaults, configuration files and the command line) and plugins."""

    pluginmanager: pluggy.PluginManager
    options: argparse.Namespace = field(default_factory=argparse.Namespace)
    _profiles: dict[str, Profile] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        """The option's value, or its default when it was not given."""
        value = getattr(self.options, key, None)
        return DEFAULTS.get(key) if value is None else value

    @property
    def hook(self) -> Any:
        return self.pluginmanager.hook

    @property
    def lang(self) -> str:
        return self.get("lang")

    def profile_for(self, year: int | None) -> Profile:
        """The named profile, or by default `national` (`national-2019` for report years ≤ 2020)."""
        name = self.get("profile")
        if name is None:
            name = PRE_2021_PROFILE if year is not None and year <= 2020 else DEFAULT_PROFILE
        if name not in self._profiles:
            self._profiles[name] = load_profile(name)
        return self._profiles[name]

    def is_selected(self, rule_id: str) -> bool:
        """Ruff-style selection by id prefix: `--select GK3` keeps every GK3xx rule."""
        select = self.get("select")
        extend = self.get("extend_select") or []
        ignore = self.get("ignore") or []
        chosen = select is None or any(rule_id.startswith(prefix) for prefix in [*select, *extend])
        return chosen and not any(rule_id.startswith(prefix) for prefix in ignore)
