"""The public API: every exported name is the object rule and plugin authors expect."""

from __future__ import annotations

import subprocess
import sys
import types

import gkcheck


def test_every_exported_name_resolves_to_an_object_not_a_module():
    import gkcheck.rule  # noqa: F401  (binds the submodule on the package, as any import of it does)

    for name in gkcheck.__all__:
        value = getattr(gkcheck, name)
        assert not isinstance(value, types.ModuleType), name
    assert callable(gkcheck.rule) and gkcheck.rule.__module__ == "gkcheck.rule"


def test_version_starts_without_loading_the_engine():
    code = "import sys, gkcheck.cli; gkcheck.cli.main(['--version']); print(sorted(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    version, modules = done.stdout.splitlines()
    assert version == f"gkcheck {gkcheck.__version__}"
    loaded = eval(modules)
    assert not [
        name for name in loaded if name.split(".")[0] in ("pdfplumber", "pdfminer", "pypdfium2", "docx")
    ]
    assert "gkcheck.manager" not in loaded and "pluggy" not in loaded


def test_built_in_rules_and_fixtures_are_typed_with_the_public_types():
    """The built-in rules are the examples rule authors copy: every argument carries a type, and
    the gkcheck types they name are exported from `gkcheck`."""
    import importlib
    import inspect
    import typing

    from gkcheck.collect import fixtures_in, rules_in
    from gkcheck.manager import BUILTIN_PLUGINS

    untyped, private = [], []
    for _, module_name in BUILTIN_PLUGINS:
        module = importlib.import_module(module_name)
        functions = [rule.function for rule in rules_in(module)]
        functions += [fixture.function for fixture in fixtures_in(module)]
        for function in functions:
            hints = typing.get_type_hints(function)
            for name in inspect.signature(function).parameters:
                if name not in hints:
                    untyped.append(f"{function.__qualname__}({name})")
                    continue
                for part in typing.get_args(hints[name]) or (hints[name],):
                    home = getattr(part, "__module__", "")
                    if home.startswith("gkcheck") and part.__name__ not in gkcheck.__all__:
                        private.append(f"{function.__qualname__}({name}: {part.__name__})")
    assert untyped == []
    assert private == []
