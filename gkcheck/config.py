"""The configuration of a run: options, the plugin manager, and the profile for each report.

Options come from three places, the first that has a value winning: the command line, the
configuration file (`gkcheck.toml`, or `[tool.gkcheck]` in `pyproject.toml`, found by walking up
from the checked files and then from the current directory), and the defaults of the settings
that plugins declare in `gkcheck_addoption` (see `gkcheck.options`). A
configuration file may give other settings to some paths (`[[overrides]]`); `Config.for_path`
gives the configuration that applies to one file.
"""

from __future__ import annotations

import argparse
import dataclasses
from dataclasses import dataclass, field
from typing import Any

import pluggy

from gkcheck.configfile import FileConfig, find_config, load_config_file
from gkcheck.localrules import register_rule_files
from gkcheck.manager import check_hooks
from gkcheck.options import Setting
from gkcheck.packs.profile import DEFAULT_PROFILE, PRE_2021_PROFILE, Profile, load_profile


@dataclass
class Config:
    """Options of the run (from defaults, configuration files and the command line) and plugins."""

    pluginmanager: pluggy.PluginManager
    options: argparse.Namespace = field(default_factory=argparse.Namespace)
    settings: dict[str, Setting] = field(default_factory=dict)
    _profiles: dict[str, Profile] = field(default_factory=dict)
    file: FileConfig = field(default_factory=FileConfig)
    path_settings: dict[str, Any] = field(default_factory=dict)
    stash: dict[str, Any] = field(default_factory=dict)  # plugins' state for the run (as pytest's)

    def get(self, key: str) -> Any:
        """The option's value: command line, then the file (with overrides for this path), then default.

        `key` is the setting's name, as `fail_on` or as written in the file, `fail-on`.
        """
        key = key.replace("-", "_")
        value = getattr(self.options, key, None)
        if key == "rules":  # rule files add up: the file's, then the command line's
            return [*self.file.settings.get("rules", []), *(value or [])]
        if value is None:
            value = self.path_settings.get(key, self.file.settings.get(key))
        if value is None:
            setting = self.settings.get(key.replace("_", "-"))
            return None if setting is None else setting.default
        return value

    def load_file(self, paths: list[str]) -> None:
        """Find and read the configuration file for `paths` (or the one given with --config)."""
        explicit = getattr(self.options, "config", None)
        found = explicit or find_config(paths)
        if found is not None:
            self.file = load_config_file(found, self.settings)

    def complete(self, paths: list[str]) -> None:
        """Read the configuration file, import local rule files, then let every plugin configure.

        Once every plugin is registered, each of their `gkcheck_*` functions must be a known hook.
        """
        self.load_file(paths)
        register_rule_files(self.pluginmanager, self.get("rules"))
        check_hooks(self.pluginmanager)
        self.hook.gkcheck_configure(config=self)

    def for_path(self, path: str) -> Config:
        """The configuration for one file: the file's `[[overrides]]` matching `path` applied."""
        settings = self.file.settings_for(path)
        return dataclasses.replace(self, path_settings=settings) if settings else self

    @property
    def hook(self) -> Any:
        return self.pluginmanager.hook

    @property
    def lang(self) -> str:
        return self.get("lang")

    def text(self, *, zh: str, en: str) -> str:
        """`zh` or `en`, in the language of the run."""
        return en if self.lang == "en" else zh

    def profile_for(self, year: int | None) -> Profile:
        """The named profile, or by default `national` (`national-2019` for report years ≤ 2020)."""
        name = self.get("profile")
        if name is None:
            name = PRE_2021_PROFILE if year is not None and year <= 2020 else DEFAULT_PROFILE
        return self.load_profile(name)

    def load_profile(self, name: str) -> Profile:
        if name not in self._profiles:
            self._profiles[name] = load_profile(name)
        return self._profiles[name]

    def profiles_in_use(self) -> list[Profile]:
        """Every profile a file of this run may be checked under."""
        named = getattr(self.options, "profile", None) or self.file.settings.get("profile")
        names = [named] if named else [DEFAULT_PROFILE, PRE_2021_PROFILE]
        if not getattr(self.options, "profile", None):
            names += [
                override.settings["profile"]
                for override in self.file.overrides
                if "profile" in override.settings
            ]
        return [self.load_profile(name) for name in dict.fromkeys(names)]

    def is_selected(self, rule_id: str) -> bool:
        """Ruff-style selection by id prefix: `--select GK3` keeps every GK3xx rule."""
        select = self.get("select")
        extend = self.get("extend_select") or []
        ignore = self.get("ignore") or []
        chosen = select is None or any(rule_id.startswith(prefix) for prefix in [*select, *extend])
        return chosen and not any(rule_id.startswith(prefix) for prefix in ignore)

    def unknown_selectors(self, rule_ids: set[str]) -> list[str]:
        """The --select/--extend-select/--ignore prefixes that match no rule (likely typos)."""
        prefixes = [
            *(self.get("select") or []),
            *(self.get("extend_select") or []),
            *(self.get("ignore") or []),
        ]
        return [prefix for prefix in prefixes if not any(rule_id.startswith(prefix) for rule_id in rule_ids)]

    @property
    def selection_key(self) -> tuple:
        """What decides which rules run, for caching the rule list per (profile, selection)."""
        select = self.get("select")
        return (
            None if select is None else tuple(select),
            tuple(self.get("extend_select")),
            tuple(self.get("ignore")),
        )
