"""Profiles: rule packs in TOML (`rules/*.toml`), resolved along their `extends` chain."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from gkcheck.errors import UsageError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DEFAULT_PROFILE = "national"
PRE_2021_PROFILE = "national-2019"


@dataclass
class Profile:
    """A resolved rule pack: its own data merged over everything it extends."""

    name: str
    data: dict[str, Any] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def rule_settings(self, rule_id: str) -> dict[str, Any]:
        return dict(self.data.get("rules", {}).get(rule_id, {}))

    def rule_param(self, rule_id: str, key: str, default: Any = None) -> Any:
        return self.rule_settings(rule_id).get(key, default)

    @property
    def sections(self) -> dict[str, dict[str, Any]]:
        return self.data.get("sections", {})

    @property
    def template(self) -> str:
        return self.data.get("pack", {}).get("template", "2021")


def builtin_pack_names() -> list[str]:
    folder = resources.files("gkcheck.rulepacks")
    return sorted(item.name[: -len(".toml")] for item in folder.iterdir() if item.name.endswith(".toml"))


def load_profile(name_or_path: str) -> Profile:
    """Load a built-in pack by name or a pack file by path, with everything it extends."""
    data, source = _read_pack(name_or_path)
    sources = [source]
    parent_name = data.get("pack", {}).get("extends")
    seen = {source}
    while parent_name:
        parent, parent_source = _read_pack(parent_name, relative_to=Path(source).parent)
        if parent_source in seen:
            raise UsageError(f"{source}: pack extends itself through {parent_source}")
        seen.add(parent_source)
        sources.append(parent_source)
        data = merge(parent, data)
        parent_name = parent.get("pack", {}).get("extends")
    name = data.get("pack", {}).get("name") or Path(source).stem
    return Profile(name=name, data=data, sources=sources)


def _read_pack(name_or_path: str, relative_to: Path | None = None) -> tuple[dict[str, Any], str]:
    path = Path(name_or_path)
    if relative_to is not None and not path.is_absolute() and path.suffix == ".toml":
        path = relative_to / path
    if path.suffix == ".toml":
        if not path.is_file():
            raise UsageError(f"profile file not found: {path}")
        return _parse(path.read_text(encoding="utf-8"), str(path)), str(path)
    resource = resources.files("gkcheck.rulepacks") / f"{name_or_path}.toml"
    if not resource.is_file():
        known = ", ".join(builtin_pack_names())
        raise UsageError(f"unknown profile {name_or_path!r} (built-in profiles: {known}; or give a .toml path)")
    return _parse(resource.read_text(encoding="utf-8"), f"rules/{name_or_path}.toml"), name_or_path


def _parse(text: str, source: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{source}: invalid TOML: {exc}") from None


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge two pack tables: tables merge key by key, everything else is replaced."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged
