"""Local rule files: `--rules PATH` or `rules = [...]` in the configuration.

PATH is a Python file, or a folder searched (recursively, like pytest's conftest.py files) for
files named `gkrules.py`, `gkrules_*.py` or `*_rules.py`. Each file is imported as a plugin
module: its `@rule` and `@fixture` functions and its hook implementations join the run exactly
as a built-in plugin's. A file that cannot be imported is a usage error naming the file and line.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import sysconfig
import traceback
from pathlib import Path
from types import ModuleType

import pluggy

from gkcheck.errors import UsageError

RULE_FILE_PATTERNS = ("gkrules.py", "gkrules_*.py", "*_rules.py")


def rule_files(path: str) -> list[Path]:
    """The rule files at `path`: the file itself, or the matching files under the folder."""
    given = Path(path)
    if given.is_file():
        if given.suffix != ".py":
            raise UsageError(zh=f"--rules {path}：不是 Python 文件", en=f"--rules {path}: not a Python file")
        return [given]
    if not given.is_dir():
        raise UsageError(
            zh=f"--rules {path}：文件或文件夹不存在", en=f"--rules {path}: no such file or folder"
        )
    found = sorted(
        {file for pattern in RULE_FILE_PATTERNS for file in given.rglob(pattern) if file.is_file()}
    )
    if not found:
        names = ", ".join(RULE_FILE_PATTERNS)
        raise UsageError(
            zh=f"--rules {path}：文件夹中没有规则文件（文件名应为 {names}）",
            en=f"--rules {path}: no rule files in the folder (named {names})",
        )
    return found


def register_rule_files(manager: pluggy.PluginManager, paths: list[str]) -> None:
    """Import every rule file under `paths` and register it as a plugin named after its path."""
    for path in paths:
        for file in rule_files(path):
            name = str(file.resolve())
            if manager.get_plugin(name) is None and not manager.is_blocked(name):
                manager.register(import_rule_file(file), name=name)


def import_rule_file(file: Path) -> ModuleType:
    """Import a Python file as a module; any failure is a UsageError at the file's line."""
    digest = hashlib.sha1(str(file.resolve()).encode()).hexdigest()[:10]
    module_name = f"gkcheck_local_{file.stem}_{digest}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, file)
    assert spec is not None and spec.loader is not None, "a .py file always has a source loader"
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException as exc:
        del sys.modules[module_name]
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise import_error(exc, zh=f"规则文件 {file}", en=str(file)) from None
    return module


def import_error(exc: BaseException, *, zh: str, en: str) -> UsageError:
    """`file:line: cannot load plugin: SyntaxError: …` for an exception raised while importing.

    `zh` and `en` name what was being loaded.
    """
    if isinstance(exc, SyntaxError) and exc.filename:
        place = f"{exc.filename}:{exc.lineno}: "
        return UsageError(
            zh=f"{place}无法加载{zh}：SyntaxError: {exc.msg}",
            en=f"{place}cannot load {en}: SyntaxError: {exc.msg}",
        )
    library = ("<frozen", str(Path(__file__).parent), sysconfig.get_paths()["stdlib"])
    frames = [
        frame for frame in traceback.extract_tb(exc.__traceback__) if not frame.filename.startswith(library)
    ]
    place = f"{frames[-1].filename}:{frames[-1].lineno}: " if frames else ""
    reason = f"{type(exc).__name__}: {exc}"
    return UsageError(zh=f"{place}无法加载{zh}：{reason}", en=f"{place}cannot load {en}: {reason}")
