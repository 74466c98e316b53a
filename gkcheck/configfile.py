"""Configuration files: `gkcheck.toml`, or `[tool.gkcheck]` in `pyproject.toml`.

    # gkcheck.toml (in pyproject.toml the same keys go under [tool.gkcheck])
    profile = "shandong"
    ignore = ["GK602"]
    fail-on = "warning"
    rules = ["checks/"]

    [[overrides]]                  # [[tool.gkcheck.overrides]] in pyproject.toml
    paths = ["township/**"]
    profile = "township.toml"
    ignore = ["GK205"]

Paths in the file (profiles given as .toml, rule files, the waivers file, override globs) are
relative to the file's folder. Unknown keys and bad values are errors naming the file and line.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from gkcheck.errors import UsageError
from gkcheck.options import Setting
from gkcheck.tomlfile import TomlFile, parse_toml

CONFIG_NAMES = ("gkcheck.toml", "pyproject.toml")


@dataclass(frozen=True)
class Override:
    """Settings for the files matching any of `patterns` (globs relative to `base`)."""

    patterns: tuple[str, ...]
    base: Path
    settings: dict[str, Any]

    def matches(self, path: str) -> bool:
        try:
            relative = Path(os.path.abspath(path)).relative_to(self.base).as_posix()
        except ValueError:
            return False
        return any(
            fnmatch(relative, pattern) or fnmatch(relative, pattern.rstrip("/") + "/*")
            for pattern in self.patterns
        )


@dataclass(frozen=True)
class FileConfig:
    """The settings read from a configuration file (none when no file was found)."""

    path: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    overrides: tuple[Override, ...] = ()

    def settings_for(self, path: str) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        for override in self.overrides:
            if override.matches(path):
                merged.update(override.settings)
        return merged


def folders_up(paths: list[str]) -> Iterator[Path]:
    """The checked files' common folder and its parents, then the current folder and its parents."""
    starts = []
    if paths:
        folders = [
            os.path.abspath(path if os.path.isdir(path) else os.path.dirname(path) or ".") for path in paths
        ]
        starts.append(Path(os.path.commonpath(folders)))
    starts.append(Path.cwd())
    for start in starts:
        yield start
        yield from start.parents


def find_config(paths: list[str]) -> str | None:
    """The nearest configuration file above the checked files' common folder, else above the current one."""
    for folder in folders_up(paths):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name == "gkcheck.toml" or _has_tool_section(candidate)):
                return str(candidate)
    return None


def _has_tool_section(pyproject: Path) -> bool:
    return "gkcheck" in _read(str(pyproject)).data.get("tool", {})


def _read(path: str) -> TomlFile:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(
            zh=f"无法读取配置文件 {path}：{exc.strerror}",
            en=f"cannot read configuration file {path}: {exc.strerror}",
        ) from None
    except UnicodeDecodeError:
        raise UsageError(zh=f"{path}: 不是 UTF-8 编码的文本", en=f"{path}: not UTF-8 text") from None
    return parse_toml(text, path)


def load_config_file(path: str, settings: dict[str, Setting]) -> FileConfig:
    """Read a configuration file and check it against the settings the plugins declared."""
    toml = _read(path)
    table: tuple[str, ...]
    if Path(path).name == "pyproject.toml":
        table, data = ("tool", "gkcheck"), toml.data.get("tool", {}).get("gkcheck")
        if data is None:
            raise UsageError(zh=f"{path}: 没有 [tool.gkcheck] 表", en=f"{path}: no [tool.gkcheck] table")
    else:
        table, data = (), toml.data
    base = Path(os.path.abspath(path)).parent
    toml.check_keys(data, {*settings, "overrides"}, table)
    top = _settings(toml, data, table, base, 0, settings)
    overrides = []
    raw_overrides = data.get("overrides", [])
    if not isinstance(raw_overrides, list):
        raise toml.error(
            zh="overrides 应为表数组（[[overrides]]）",
            en="overrides must be an array of tables ([[overrides]])",
            table=table,
            key="overrides",
        )
    allowed = {name for name, setting in settings.items() if setting.override}
    for index, raw in enumerate(raw_overrides):
        where = (*table, "overrides")
        toml.check_keys(raw, {"paths", *allowed}, where, occurrence=index)
        patterns = raw.get("paths")
        if not (isinstance(patterns, list) and patterns and all(isinstance(item, str) for item in patterns)):
            raise toml.error(
                zh='覆盖设置须写明 paths = ["glob", ...]',
                en='an override needs paths = ["glob", ...]',
                table=where,
                key="paths",
                occurrence=index,
            )
        overrides.append(Override(tuple(patterns), base, _settings(toml, raw, where, base, index, settings)))
    return FileConfig(path, top, tuple(overrides))


def _settings(
    toml: TomlFile,
    data: dict[str, Any],
    table: tuple[str, ...],
    base: Path,
    occurrence: int,
    settings: dict[str, Setting],
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("overrides", "paths"):
            continue
        try:
            values[settings[key].key] = settings[key].convert(value, base)
        except ValueError as exc:
            raise toml.error(
                zh=f"{key}：{getattr(exc, 'zh', exc)}",
                en=f"{key}: {exc}",
                table=table,
                key=key,
                occurrence=occurrence,
            ) from None
    return values
