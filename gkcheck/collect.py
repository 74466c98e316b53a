"""Built-in plugin: finds the rules and fixtures of every plugin, and the files to check.

It finds the `@rule` and `@fixture` functions of every registered plugin, and the files to check
under the folders given (`--exclude`, `--extend-exclude`, `.gitignore`, `--show-files`).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

from gkcheck.hookspec import hookimpl
from gkcheck.rule import Fixture, Rule, fixtures_in, rules_in

if TYPE_CHECKING:  # pathspec is imported when a pattern or a .gitignore needs it, not when gkcheck starts
    import pathspec


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


# -------------------------------------------------------------------------------------------
# Finding the files under the folders given, as ruff does: default excludes, .gitignore, settings
# -------------------------------------------------------------------------------------------

# Folders no one keeps reports in: version control, virtual environments, caches, build output.
DEFAULT_EXCLUDES = (
    ".bzr",
    ".direnv",
    ".eggs",
    ".git",
    ".hg",
    ".mypy_cache",
    ".nox",
    ".pytest_cache",
    ".ruff_cache",
    ".svn",
    ".tox",
    ".venv",
    "__pycache__",
    "__pypackages__",
    "_build",
    "build",
    "dist",
    "node_modules",
    "site-packages",
    "venv",
)
SPECIAL_KEY = "collect.special"


class _PatternsAction(argparse.Action):
    """`--exclude a,b --exclude c` → ["a", "b", "c"]."""

    def __call__(self, parser, namespace, values, option_string=None):
        patterns = [item.strip() for item in str(values).split(",") if item.strip()]
        setattr(namespace, self.dest, [*(getattr(namespace, self.dest) or []), *patterns])


@hookimpl
def gkcheck_addoption(parser) -> None:
    parser.add_argument(
        "--exclude",
        action=_PatternsAction,
        metavar="PATTERNS",
        help="files and folders not to check, .gitignore-style (replaces the default list)",
    )
    parser.add_argument(
        "--extend-exclude",
        action=_PatternsAction,
        metavar="PATTERNS",
        help="more files and folders not to check",
    )
    parser.add_argument(
        "--respect-gitignore",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="leave out what .gitignore files ignore (default: yes)",
    )
    parser.add_argument(
        "--show-files", action="store_true", help="list the files that would be checked, and exit"
    )
    parser.add_setting("exclude", kind="patterns", default=list(DEFAULT_EXCLUDES))
    parser.add_setting("extend-exclude", kind="patterns", default=[])
    parser.add_setting("respect-gitignore", kind="boolean", default=True)


def find_files(paths: list[str], config) -> list[str]:
    """The files to check: files as given, and under each folder the files a loader claims.

    Files given are kept as they are (even missing ones). Under each folder, excluded and git-ignored
    files are left out; special files (FIFOs, sockets, devices) are left out and noted in
    `config.stash[SPECIAL_KEY]`.
    """
    found: list[str] = []
    for given in paths:
        root = Path(given)
        if root.is_dir():
            found.extend(str(path) for path in sorted(_walk(root, config)))
        else:
            found.append(given)
    return found


def special_files(config) -> list[str]:
    """The special files met under the folders given (not checked)."""
    return list(config.stash.get(SPECIAL_KEY, []))


def _walk(root: Path, config) -> list[Path]:
    excluded = exclude_spec([*config.get("exclude"), *config.get("extend_exclude")])
    gitignores = _parent_gitignores(root) if config.get("respect_gitignore") else []
    if any(_matches(spec, base, root, True) for base, spec in gitignores):
        gitignores = []  # a folder named on the command line is checked even if git ignores it
    found: list[Path] = []
    for folder, dirnames, filenames in os.walk(root):
        here = Path(folder)
        if config.get("respect_gitignore") and (here / ".gitignore").is_file():
            gitignores.append((here, _read_gitignore(here / ".gitignore")))
        dirnames[:] = sorted(
            name
            for name in dirnames
            if not _ignored(here / name, True, root, excluded, gitignores) and not (here / name).is_symlink()
        )
        for name in sorted(filenames):
            path = here / name
            if _ignored(path, False, root, excluded, gitignores):
                continue
            if not path.is_file():
                if path.exists():  # a FIFO, socket or device: opening it could hang
                    config.stash.setdefault(SPECIAL_KEY, []).append(str(path))
                continue
            if config.hook.gkcheck_collect_file(file_path=path, config=config):
                found.append(path)
    return found


Ignores = list[tuple[Path, "pathspec.PathSpec"]]


class NameExcludes:
    """Plain-name patterns (as the default excludes), matched as a .gitignore would match them.

    A plain name ignores any file or folder of that name at any depth, and so what lies below it.
    """

    def __init__(self, names: list[str]):
        self.names = frozenset(names)

    def match_file(self, relative: str) -> bool:
        return not self.names.isdisjoint(relative.split("/"))


def exclude_spec(patterns: list[str]) -> NameExcludes | pathspec.PathSpec:
    """The matcher of the exclude patterns: pathspec's only for patterns that are more than names."""
    if all(_is_plain_name(pattern) for pattern in patterns):
        return NameExcludes(patterns)
    import pathspec

    return pathspec.GitIgnoreSpec.from_lines(patterns)


def _is_plain_name(pattern: str) -> bool:
    """Letters, digits, `.`, `_` and `-` only: nothing a .gitignore reads as a glob, anchor or escape."""
    return pattern not in ("", ".", "..") and all(char.isalnum() or char in "._-" for char in pattern)


def _ignored(
    path: Path, is_dir: bool, root: Path, excluded: NameExcludes | pathspec.PathSpec, gitignores: Ignores
) -> bool:
    suffix = "/" if is_dir else ""
    if excluded.match_file(path.relative_to(root).as_posix() + suffix):
        return True
    return any(_matches(spec, base, path, is_dir) for base, spec in gitignores)


def _matches(spec: pathspec.PathSpec, base: Path, path: Path, is_dir: bool) -> bool:
    """Whether the .gitignore `spec` of folder `base` ignores `path`."""
    absolute, base = path.absolute(), base.absolute()
    if absolute == base or not absolute.is_relative_to(base):
        return False
    return spec.match_file(absolute.relative_to(base).as_posix() + ("/" if is_dir else ""))


def _parent_gitignores(root: Path) -> Ignores:
    """The .gitignore files of the folders above `root`, up to its repository's top (if any)."""
    folders = []
    for parent in root.absolute().parents:
        folders.append(parent)
        if (parent / ".git").exists():
            break
    else:
        return []  # not in a repository: its parents' .gitignore files are not about it
    return [
        (folder, _read_gitignore(folder / ".gitignore"))
        for folder in reversed(folders)
        if (folder / ".gitignore").is_file()
    ]


def _read_gitignore(path: Path) -> pathspec.PathSpec:
    import pathspec

    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    return pathspec.GitIgnoreSpec.from_lines(lines)
