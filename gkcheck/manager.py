"""The plugin manager: built-in plugins, installed plugins (entry points) and `-p` plugins."""

from __future__ import annotations

import importlib
import inspect
import re

import pluggy

from gkcheck import hookspec
from gkcheck.errors import UsageError
from gkcheck.localrules import import_error

ENTRY_POINT_GROUP = "gkcheck"

# The built-in plugins, registered exactly as third-party plugins are, each under the public name
# that `-p no:NAME` blocks. Each is a module implementing hooks and/or defining @rule and @fixture
# functions. The names are contract: a module may move, its name stays.
BUILTIN_PLUGINS: tuple[tuple[str, str], ...] = (
    ("collect", "gkcheck.collect"),
    ("packs", "gkcheck.packs.declared"),
    ("waivers", "gkcheck.waivers"),
    ("fixtures", "gkcheck.fixtures"),
    ("cache", "gkcheck.cache"),
    ("dask", "gkcheck.dask_executor"),
    ("pdf", "gkcheck.loaders.pdf"),
    ("docx", "gkcheck.loaders.docx"),
    ("html", "gkcheck.loaders.html"),
    ("text", "gkcheck.loaders.txt"),
    ("markdown", "gkcheck.loaders.markdown"),
    ("build", "gkcheck.structure.build"),
    ("text_layer", "gkcheck.checks.text_layer"),
    ("sections", "gkcheck.checks.sections"),
    ("metadata", "gkcheck.checks.metadata"),
    ("section_six", "gkcheck.checks.section_six"),
    ("signature", "gkcheck.checks.signature"),
    ("text_quality", "gkcheck.checks.text_quality"),
    ("tables", "gkcheck.checks.tables"),
    ("table_subtotals", "gkcheck.checks.table_subtotals"),
    ("narrative", "gkcheck.checks.narrative"),
    ("carry_over", "gkcheck.checks.carry_over"),
    ("continuity", "gkcheck.checks.continuity"),
    ("reuse", "gkcheck.checks.reuse"),
    ("section_five", "gkcheck.checks.section_five"),
    ("assessment", "gkcheck.assessment"),
    ("xlsx", "gkcheck.reporting.xlsx"),
    ("terminal", "gkcheck.reporting.terminal"),
    ("junit", "gkcheck.reporting.junit"),
    ("jsonout", "gkcheck.reporting.jsonout"),
    ("sarif", "gkcheck.reporting.sarif"),
    ("github", "gkcheck.reporting.github"),
    ("gitlab", "gkcheck.reporting.gitlab"),
    ("statistics", "gkcheck.reporting.statistics"),
    ("gate", "gkcheck.reporting.gate"),
    ("html_report", "gkcheck.reporting.html"),
)


# Without these a run would check nothing and still report "passed": they cannot be blocked.
ESSENTIAL_PLUGINS = {
    "collect": ("收集规则", "it collects the rules"),
    "fixtures": ("提供规则所需的 report 等夹具", "it provides the fixtures rules need, such as report"),
    "build": ("把文档解读为报告", "it interprets documents as reports"),
}


def make_plugin_manager(
    plugins: list[str] | tuple[str, ...] = (), load_entry_points: bool = True
) -> pluggy.PluginManager:
    """Create the plugin manager with the built-ins, installed plugins and `plugins` (`-p` values).

    A value `no:NAME` blocks the plugin called NAME (a built-in's public name, an entry point's
    name, or a module name), as in pytest; an essential built-in cannot be blocked.
    """
    manager = pluggy.PluginManager("gkcheck")
    manager.add_hookspecs(hookspec)
    wanted = []
    for value in plugins:
        if value.startswith("no:"):
            block(manager, value[3:])
        else:
            wanted.append(value)
    for name, module_name in BUILTIN_PLUGINS:
        if not (manager.is_blocked(name) or manager.is_blocked(module_name)):
            manager.register(importlib.import_module(module_name), name=name)
    if load_entry_points:
        load_entry_point_plugins(manager)
    for module_name in wanted:
        register_module(manager, module_name)
    return manager


def block(manager: pluggy.PluginManager, name: str) -> None:
    """Block plugin `name` (`-p no:NAME`), refusing the essential built-ins."""
    public = dict((module, plugin) for plugin, module in BUILTIN_PLUGINS).get(name, name)
    if public in ESSENTIAL_PLUGINS:
        zh, en = ESSENTIAL_PLUGINS[public]
        raise UsageError(
            zh=f"-p no:{name}：插件 {public} 不能禁用（{zh}）",
            en=f"-p no:{name}: plugin {public} cannot be disabled ({en})",
        )
    manager.set_blocked(name)


def check_hooks(manager: pluggy.PluginManager) -> None:
    """Every `gkcheck_*` function of every plugin must be a known hook (a misspelt one never runs)."""
    try:
        manager.check_pending()
    except pluggy.PluginValidationError as exc:
        found = re.search(r"unknown hook '([^']+)'", str(exc))
        hook = found.group(1) if found else str(exc)
        where = _where_defined(getattr(exc.plugin, hook, None))
        name = manager.get_name(exc.plugin)
        raise UsageError(
            zh=f"{where}插件 {name} 定义了未知的钩子 {hook}（拼写错误？钩子列表见 gkcheck/hookspec.py）",
            en=f"{where}plugin {name} defines unknown hook {hook} "
            "(misspelt? the hooks are listed in gkcheck/hookspec.py)",
        ) from None


def _where_defined(function: object) -> str:
    code = getattr(inspect.unwrap(function), "__code__", None) if callable(function) else None
    return f"{code.co_filename}:{code.co_firstlineno}: " if code else ""


def builtin_module(name: str) -> str | None:
    """The module of the built-in plugin called `name` (public name or module name)."""
    for plugin, module in BUILTIN_PLUGINS:
        if name in (plugin, module):
            return module
    return None


def blocked_rule_ids(plugins: list[str]) -> set[str] | None:
    """The rule ids of the built-in plugins blocked with `-p no:NAME`; None if another plugin is blocked."""
    from gkcheck.rule import rules_in

    ids: set[str] = set()
    for value in plugins:
        if value.startswith("no:"):
            module = builtin_module(value[3:])
            if module is None:
                return None
            ids |= {item.id for item in rules_in(importlib.import_module(module))}
    return ids


def load_entry_point_plugins(manager: pluggy.PluginManager) -> None:
    """Register the installed plugins (entry point group `gkcheck`), each under its entry point's name.

    As pluggy's `load_setuptools_entrypoints`, but a plugin that fails to import is a usage error
    naming the file and line instead of a traceback.
    """
    import importlib.metadata

    for entry_point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        if manager.get_plugin(entry_point.name) is not None or manager.is_blocked(entry_point.name):
            continue
        try:
            plugin = entry_point.load()
        except Exception as exc:
            raise import_error(
                exc,
                zh=f"已安装的插件 {entry_point.name!r}（{entry_point.value}）",
                en=f"installed plugin {entry_point.name!r} ({entry_point.value})",
            ) from None
        manager.register(plugin, name=entry_point.name)


def register_module(manager: pluggy.PluginManager, module_name: str) -> None:
    if manager.is_blocked(module_name) or manager.get_plugin(module_name) is not None:
        return
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            raise UsageError(
                zh=f"-p {module_name}：无法导入插件：没有名为 {exc.name!r} 的模块",
                en=f"-p {module_name}: cannot import plugin: no module named {exc.name!r}",
            ) from None
        raise import_error(exc, zh=f"插件 {module_name!r}（-p）", en=f"plugin {module_name!r} (-p)") from None
    except Exception as exc:
        raise import_error(exc, zh=f"插件 {module_name!r}（-p）", en=f"plugin {module_name!r} (-p)") from None
    manager.register(module, name=module_name)
