"""The plugin manager: built-in plugins, installed plugins (entry points) and `-p` plugins."""

from __future__ import annotations

import importlib

import pluggy

from gkcheck import hookspec
from gkcheck.errors import UsageError

ENTRY_POINT_GROUP = "gkcheck"

# The built-in plugins, registered exactly as third-party plugins are. Each is a module
# implementing hooks and/or defining @rule and @fixture functions.
BUILTIN_PLUGINS = (
    "gkcheck.collect",
    "gkcheck.fixtures",
    "gkcheck.loaders.pdf",
    "gkcheck.loaders.docx",
    "gkcheck.loaders.html",
    "gkcheck.loaders.text",
    "gkcheck.structure.build",
    "gkcheck.checks.text_layer",
    "gkcheck.checks.sections",
    "gkcheck.checks.metadata",
    "gkcheck.checks.section_six",
    "gkcheck.checks.tables",
    "gkcheck.reporting.terminal",
    "gkcheck.reporting.junit",
    "gkcheck.reporting.jsonout",
    "gkcheck.reporting.sarif",
)


def short_name(module_name: str) -> str:
    """The name a plugin is blocked by: `gkcheck.checks.sections` → `sections`."""
    return module_name.rsplit(".", 1)[-1]


def make_plugin_manager(plugins: list[str] | tuple[str, ...] = (), load_entry_points: bool = True):
    """Create the plugin manager with the built-ins, installed plugins and `plugins` (`-p` values).

    A value `no:NAME` blocks the plugin called NAME (a built-in's short name, an entry point's
    name, or a module name), as in pytest.
    """
    manager = pluggy.PluginManager("gkcheck")
    manager.add_hookspecs(hookspec)
    wanted = []
    for value in plugins:
        if value.startswith("no:"):
            manager.set_blocked(value[3:])
        else:
            wanted.append(value)
    for module_name in BUILTIN_PLUGINS:
        if not (manager.is_blocked(short_name(module_name)) or manager.is_blocked(module_name)):
            manager.register(importlib.import_module(module_name), name=short_name(module_name))
    if load_entry_points:
        manager.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    for module_name in wanted:
        register_module(manager, module_name)
    return manager


def register_module(manager: pluggy.PluginManager, module_name: str) -> None:
    if manager.is_blocked(module_name) or manager.get_plugin(module_name) is not None:
        return
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise UsageError(f"-p {module_name}: cannot import plugin: {exc}") from None
    manager.register(module, name=module_name)
