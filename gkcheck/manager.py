"""The plugin manager: built-in plugins, installed plugins (entry points) and `-p` plugins."""

from __future__ import annotations

import importlib
import importlib.metadata

import pluggy

from gkcheck import hookspec
from gkcheck.errors import UsageError
from gkcheck.localrules import import_error

ENTRY_POINT_GROUP = "gkcheck"

# The built-in plugins, registered exactly as third-party plugins are. Each is a module
# implementing hooks and/or defining @rule and @fixture functions.
BUILTIN_PLUGINS = (
    "gkcheck.collect",
    "gkcheck.packs",
    "gkcheck.waivers",
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
    "gkcheck.checks.signature",
    "gkcheck.checks.text_quality",
    "gkcheck.checks.tables",
    "gkcheck.checks.table_subtotals",
    "gkcheck.checks.narrative",
    "gkcheck.checks.carry_over",
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
        load_entry_point_plugins(manager)
    for module_name in wanted:
        register_module(manager, module_name)
    return manager


def blocked_rule_ids(plugins: list[str]) -> set[str] | None:
    """The rule ids of the built-in plugins blocked with `-p no:NAME`; None if another plugin is blocked."""
    from gkcheck.rule import rules_in

    builtins = {short_name(module): module for module in BUILTIN_PLUGINS}
    builtins.update({module: module for module in BUILTIN_PLUGINS})
    ids: set[str] = set()
    for value in plugins:
        if value.startswith("no:"):
            if value[3:] not in builtins:
                return None
            ids |= {item.id for item in rules_in(importlib.import_module(builtins[value[3:]]))}
    return ids


def load_entry_point_plugins(manager: pluggy.PluginManager) -> None:
    """Register the installed plugins (entry point group `gkcheck`), each under its entry point's name.

    As pluggy's `load_setuptools_entrypoints`, but a plugin that fails to import is a usage error
    naming the file and line instead of a traceback.
    """
    for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if manager.get_plugin(entry_point.name) is not None or manager.is_blocked(entry_point.name):
            continue
        try:
            plugin = entry_point.load()
        except Exception as exc:
            raise import_error(exc, f"installed plugin {entry_point.name!r} ({entry_point.value})") from None
        manager.register(plugin, name=entry_point.name)


def register_module(manager: pluggy.PluginManager, module_name: str) -> None:
    if manager.is_blocked(module_name) or manager.get_plugin(module_name) is not None:
        return
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            raise UsageError(f"-p {module_name}: cannot import plugin: no module named {exc.name!r}") from None
        raise import_error(exc, f"plugin {module_name!r} (-p)") from None
    except Exception as exc:
        raise import_error(exc, f"plugin {module_name!r} (-p)") from None
    manager.register(module, name=module_name)
