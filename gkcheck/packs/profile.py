"""Profiles: rule packs in TOML (`rules/*.toml`), validated and resolved along their `extends` chain.

A pack file is read once (`PackFile`), checked strictly against the pack format (`schema`: unknown
keys, bad severities, bad patterns and conditions are errors naming the file and the line), then
merged over everything it extends into a `Profile`. The parameters of its `[rules.ID]` tables are
checked once the rules are known (`Profile.check_rule_tables`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gkcheck.errors import UsageError
from gkcheck.packs import packs_folder
from gkcheck.packs.schema import (
    validate_assessment,
    validate_check,
    validate_rule_params,
    validate_rule_settings,
)
from gkcheck.report import NUMERALS
from gkcheck.rule import Param
from gkcheck.stat_tables import DEFAULT_TEMPLATE, template_names
from gkcheck.tomlfile import TomlFile, parse_toml

DEFAULT_PROFILE = "national"
PRE_2021_PROFILE = "national-2019"

PACK_KEYS = {"name", "title", "description", "extends", "template"}
TOP_LEVEL_KEYS = {"pack", "sections", "rules", "checks", "assessment"}
SECTION_KEYS = {"canonical", "variants"}


@dataclass(frozen=True)
class PackFile:
    """One pack file as written: its parsed data, and its text for pointing at lines in errors."""

    toml: TomlFile
    builtin: bool = False

    @property
    def source(self) -> str:
        return self.toml.source

    @property
    def data(self) -> dict[str, Any]:
        return self.toml.data

    @property
    def name(self) -> str:
        return self.data.get("pack", {}).get("name") or Path(self.source).stem

    def error(self, *, zh: str, en: str, table: tuple[str, ...] = (), key: str | None = None) -> UsageError:
        return self.toml.error(zh=zh, en=en, table=table, key=key)

    def where(self, *table: str, key: str | None = None) -> str:
        """`file:line` of `key` in `table` (or of the table's header), for an error message."""
        return f"{self.source}:{self.toml.line_of(tuple(table), key)}"


@dataclass
class Profile:
    """A resolved rule pack: its own data merged over everything it extends.

    `layers` are the pack files of the chain, the named pack first and `national` last.
    """

    name: str
    data: dict[str, Any] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    layers: list[PackFile] = field(default_factory=list)

    @property
    def key(self) -> str:
        """What tells this profile apart from any other in the run: its own file."""
        return self.sources[0] if self.sources else self.name

    def rule_settings(self, rule_id: str) -> dict[str, Any]:
        return dict(self.data.get("rules", {}).get(rule_id, {}))

    def rule_param(self, rule_id: str, key: str, default: Any = None) -> Any:
        """A value of the `[rules.ID]` table as written.

        Rules declare their parameters (`@rule(params=...)`) and get them typed, with their defaults,
        from their `params` argument.
        """
        return self.rule_settings(rule_id).get(key, default)

    def configured_by(self, rule_id: str, key: str | None = None) -> str | None:
        """The name of the nearest pack in the chain that has a `[rules.ID]` table for this rule.

        With `key`: the nearest pack whose table sets this key.
        """
        for layer in self.layers:
            table = layer.data.get("rules", {}).get(rule_id)
            if table is not None and (key is None or key in table):
                return layer.name
        return None

    def declared_checks(self) -> list[tuple[PackFile, str, dict[str, Any]]]:
        """The `[checks.ID]` tables of every pack in the chain, with the pack declaring each."""
        found = []
        for layer in self.layers:
            for rule_id, spec in layer.data.get("checks", {}).items():
                found.append((layer, rule_id, spec))
        return found

    def check_rule_tables(self, declared: Mapping[str, Mapping[str, Param]], known: set[str] | None) -> None:
        """Every `[rules.ID]` table of the chain against the rules; raise a UsageError at the line if wrong.

        `declared` gives the parameters of each collected rule: a table may set only those (and
        `severity`, `enabled`), each with a value that fits. `known` are the rule ids that may be
        configured (the collected rules and those of blocked built-ins; None when any id may be).
        A table for a rule that is not known is an error, except in a built-in pack, which may
        configure a rule of the next release or of an optional plugin: gkcheck's own tests check
        those, not every run.
        """
        for layer in self.layers:
            for rule_id, settings in layer.data.get("rules", {}).items():
                if rule_id in declared:
                    validate_rule_params(layer, rule_id, settings, declared[rule_id])
                elif known is not None and rule_id not in known and not layer.builtin:
                    raise layer.error(
                        zh=f"[rules.{rule_id}]：没有已安装的规则 {rule_id}（规则列表：gkcheck rules）",
                        en=f"[rules.{rule_id}]: no rule {rule_id} is installed (see: gkcheck rules)",
                        table=("rules", rule_id),
                    )

    @property
    def sections(self) -> dict[str, dict[str, Any]]:
        return self.data.get("sections", {})

    @property
    def template(self) -> str:
        return self.data.get("pack", {}).get("template", DEFAULT_TEMPLATE)


def builtin_pack_names() -> list[str]:
    folder = packs_folder()
    return sorted(item.name[: -len(".toml")] for item in folder.iterdir() if item.name.endswith(".toml"))


def load_profile(name_or_path: str) -> Profile:
    """Load a built-in pack by name or a pack file by path, with everything it extends."""
    pack = read_pack(name_or_path)
    layers = [pack]
    data = pack.data
    while parent_name := layers[-1].data.get("pack", {}).get("extends"):
        parent = read_pack(parent_name, relative_to=Path(layers[-1].source).parent)
        if any(layer.source == parent.source for layer in layers):
            raise layers[-1].error(
                zh=f"规则包经由 {parent.source} 继承了自身",
                en=f"the pack extends itself through {parent.source}",
                table=("pack",),
                key="extends",
            )
        _check_redeclared(parent, layers)
        layers.append(parent)
        data = merge(parent.data, data)
    return Profile(name=pack.name, data=data, sources=[layer.source for layer in layers], layers=layers)


def _check_redeclared(parent: PackFile, children: list[PackFile]) -> None:
    for child in children:
        for rule_id in child.data.get("checks", {}):
            if rule_id in parent.data.get("checks", {}):
                raise child.error(
                    zh=f"[checks.{rule_id}] 已在 {parent.source} 中声明；"
                    f"调整其严重程度请用 [rules.{rule_id}]",
                    en=f"[checks.{rule_id}] is already declared in {parent.source}; "
                    f"to change its severity use [rules.{rule_id}]",
                    table=("checks", rule_id),
                )


def read_pack(name_or_path: str, relative_to: Path | None = None) -> PackFile:
    """Read and validate one pack file (a built-in pack by name, or a .toml path)."""
    path = Path(name_or_path)
    if relative_to is not None and not path.is_absolute() and path.suffix == ".toml":
        path = relative_to / path
    if path.suffix == ".toml":
        if not path.is_file():
            raise UsageError(zh=f"规则包文件不存在：{path}", en=f"profile file not found: {path}")
        pack = PackFile(parse_toml(path.read_text(encoding="utf-8"), str(path)))
    else:
        resource = packs_folder() / f"{name_or_path}.toml"
        if not resource.is_file():
            known = ", ".join(builtin_pack_names())
            raise UsageError(
                zh=f"未知的规则包 {name_or_path!r}（内置规则包：{known}；也可给出 .toml 文件路径）",
                en=f"unknown profile {name_or_path!r} (built-in profiles: {known}; or give a .toml path)",
            )
        pack = PackFile(
            parse_toml(resource.read_text(encoding="utf-8"), f"rules/{name_or_path}.toml"), builtin=True
        )
    validate_pack(pack)
    return pack


def validate_pack(pack: PackFile) -> None:
    """Check a pack against the pack format; raise a UsageError naming the file and line."""
    data = pack.data
    pack.toml.check_keys(data, TOP_LEVEL_KEYS, ())
    pack.toml.check_keys(_table(pack, data, "pack"), PACK_KEYS, ("pack",))
    template = data.get("pack", {}).get("template")
    if template is not None and template not in template_names():
        names = " or ".join(f'"{name}"' for name in sorted(template_names()))
        raise pack.error(
            zh=f"template 应为 {names.replace(' or ', ' 或 ')}，而不是 {template!r}",
            en=f"template must be {names}, not {template!r}",
            table=("pack",),
            key="template",
        )
    for numeral in _table(pack, data, "sections"):
        if numeral not in NUMERALS:
            raise pack.error(
                zh=f"[sections] {numeral!r} 不是部分序号（{'、'.join(NUMERALS)}）",
                en=f"[sections] {numeral!r} is not a section numeral ({'、'.join(NUMERALS)})",
                table=("sections", numeral),
            )
        pack.toml.check_keys(
            _table(pack, data["sections"], numeral, ("sections",)), SECTION_KEYS, ("sections", numeral)
        )
    for rule_id in _table(pack, data, "rules"):
        validate_rule_settings(pack, rule_id, _table(pack, data["rules"], rule_id, ("rules",)))
    for rule_id in _table(pack, data, "checks"):
        validate_check(pack, rule_id, _table(pack, data["checks"], rule_id, ("checks",)))
    if "assessment" in data:
        validate_assessment(pack, data["assessment"])


def _table(pack: PackFile, data: dict[str, Any], key: str, parent: tuple[str, ...] = ()) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, dict):
        dotted = ".".join((*parent, key))
        raise pack.error(
            zh=f"{dotted} 应为表（[{dotted}]）",
            en=f"{dotted} must be a table ([{dotted}])",
            table=parent,
            key=key,
        )
    return value


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge two pack tables: tables merge key by key, everything else is replaced."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged
