"""The hook specifications: the whole contract between gkcheck and its plugins.

Loaders, the structure builder, rules, fixtures and reporters, built-in or third-party, are all
plugins implementing these hooks. A plugin is any module or object with functions named after the
hooks and marked with `@hookimpl`. Rules and fixtures are found in every registered plugin by
their decorators (`@rule`, `@fixture`); the hooks below let a plugin contribute them in other ways
too (a rule pack builds rules from TOML, for example).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from gkcheck.config import Config
    from gkcheck.model import Document
    from gkcheck.profile import Profile
    from gkcheck.report import Report
    from gkcheck.results import ReportResult
    from gkcheck.rule import Fixture, Rule
    from gkcheck.session import Session

hookspec = pluggy.HookspecMarker("gkcheck")
hookimpl = pluggy.HookimplMarker("gkcheck")


@hookspec
def gkcheck_addoption(parser: argparse.ArgumentParser) -> None:
    """Add command-line options for the check command.

    Called once, before the command line is parsed, for every plugin registered at that time
    (built-ins, installed entry points, and `-p` modules).
    """


@hookspec
def gkcheck_configure(config: Config) -> None:
    """Called once the configuration is complete, before any file is checked."""


@hookspec(firstresult=True)
def gkcheck_load_document(path: str, head: bytes, config: Config) -> Document | None:
    """Load the file at `path` into a `Document`, if this plugin reads its format.

    `head` is the first 8 KiB of the file, for recognising the format by content. Return None to
    let another loader try. Raise `gkcheck.errors.InputError` for a file in your format that
    cannot be read (encrypted, corrupt); its message is shown to the user as the file's result.
    Stops at the first non-None result.
    """


@hookspec(firstresult=True)
def gkcheck_build_report(document: Document, config: Config) -> Report | None:
    """Interpret a loaded `Document` as an annual report (title, sections, tables, ...).

    Stops at the first non-None result.
    """


@hookspec
def gkcheck_collect_rules(config: Config) -> list[Rule]:
    """Return the rules this plugin provides beyond the `@rule` functions in its own namespace.

    The built-in collector returns the `@rule` functions of every registered plugin; rule packs
    return the rules they declare. All lists are joined; a later duplicate id is an error.
    """


@hookspec
def gkcheck_collect_fixtures(config: Config) -> list[Fixture]:
    """Return the fixtures this plugin provides beyond the `@fixture` functions in its namespace."""


@hookspec
def gkcheck_modify_rules(config: Config, profile: Profile, rules: list[Rule]) -> None:
    """Change the rules that will run under `profile`, in place: drop, replace, re-rate.

    Called once per profile used in the run, after selection (`--select`/`--ignore`).
    """


@hookspec
def gkcheck_session_start(session: Session) -> None:
    """Called once the input files are known (`session.paths`), before the first is checked."""


@hookspec
def gkcheck_report_checked(result: ReportResult, report: Report | None, config: Config) -> None:
    """Called in the main process after each file has been checked (for progress output)."""


@hookspec
def gkcheck_run_complete(session: Session) -> None:
    """Called once every file has been checked (and the rules comparing reports have run).

    Outputs are not rendered yet: a plugin may annotate the results here (waivers mark the
    findings they accept).
    """


@hookspec(firstresult=True)
def gkcheck_render(format: str, session: Session) -> str | None:
    """Render the session's results in `format` ("text", "junit", "json", ...).

    Return the rendered text if this plugin knows the format, None otherwise.
    """


@hookspec
def gkcheck_session_finish(session: Session) -> None:
    """Called after all files have been checked and all outputs written."""

