"""The subcommands of `gkcheck`, one module each: `check` (the default), `inspect`, `rules`.

What they share lives here: building the configuration from a command line, and the options
every subcommand takes.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

import pluggy

from gkcheck.config import Config
from gkcheck.errors import ParseExit
from gkcheck.i18n import LANGUAGES, default_language
from gkcheck.manager import make_plugin_manager
from gkcheck.options import Parser, Setting
from gkcheck.rule import SEVERITIES


def common_options(parser: argparse.ArgumentParser) -> None:
    """The options of every subcommand: language, profile, rule files, configuration, plugins."""
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages (default: zh)")
    parser.add_argument(
        "--profile", metavar="NAME|PATH", help="rule pack: national, national-2019, shandong, or a .toml file"
    )
    parser.add_argument(
        "--rules",
        action="append",
        metavar="PATH",
        help="load rule files: a .py file, or a folder of gkrules*.py / *_rules.py files",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="configuration file (default: the nearest gkcheck.toml or pyproject.toml with [tool.gkcheck])",
    )
    parser.add_argument(
        "-p",
        dest="plugins",
        action="append",
        metavar="PLUGIN",
        help="load plugin module PLUGIN; -p no:NAME disables plugin NAME",
    )
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="more detail (tracebacks, skip reasons)"
    )


def early_plugins(argv: list[str]) -> list[str]:
    """`-p` values, needed before parsing so plugins can add options."""
    found = []
    for index, arg in enumerate(argv):
        if arg == "-p" and index + 1 < len(argv):
            found.append(argv[index + 1])
        elif arg.startswith("-p") and len(arg) > 2:
            found.append(arg[2:])
    return found


# `--fail-on` values, most severe first.
FAIL_ON_CHOICES = tuple(reversed(SEVERITIES))


def add_core_settings(parser: Parser) -> None:
    """The settings of the run that a configuration file may give (plugins add their own)."""
    for name in ("select", "extend-select", "ignore"):
        parser.add_setting(name, kind="rule-ids", default=None if name == "select" else [], override=True)
    parser.add_setting("lang", choices=LANGUAGES, default=default_language())
    parser.add_setting("fail-on", choices=FAIL_ON_CHOICES, default="error")
    parser.add_setting("profile", kind="profile", override=True)
    parser.add_setting("rules", kind="paths", default=[])
    parser.add_setting("jobs", kind="jobs", default=0)
    parser.add_setting("timeout", kind="seconds", default=120.0, override=True)


def settings_of(
    manager: pluggy.PluginManager, parser: argparse.ArgumentParser | None = None
) -> dict[str, Setting]:
    """The configuration-file settings of the core and every plugin, whichever subcommand runs."""
    if isinstance(parser, Parser) and parser.settings:
        return parser.settings
    collector = Parser(add_help=False)
    add_core_settings(collector)
    manager.hook.gkcheck_addoption(parser=collector)
    return collector.settings


def make_config(
    argv: list[str], parser_factory: Callable[[pluggy.PluginManager], argparse.ArgumentParser]
) -> Config:
    """Plugins, then the parser they extend, then the configuration file and rule files."""
    manager = make_plugin_manager(early_plugins(argv))
    parser = parser_factory(manager)
    try:
        options = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message
        raise ParseExit(exc.code) from None
    config = Config(manager, options, settings=settings_of(manager, parser))
    config.complete(getattr(options, "paths", None) or [])
    return config
