"""The hook specifications: the whole contract between gkcheck and its plugins.

Loaders, the structure builder, rules, fixtures and reporters, built-in or third-party, are all
plugins implementing these hooks. A plugin is any module or object with functions named after the
hooks and marked with `@hookimpl`; a `gkcheck_*` function that names no hook below is an error
(a misspelt hook would otherwise never run). Rules and fixtures are found in every registered
plugin by their decorators (`@rule`, `@fixture`); the hooks let a plugin contribute them in other
ways too (a rule pack builds rules from TOML, for example).

The hooks in the order a run calls them:

1. start-up: `gkcheck_addoption`, `gkcheck_report_formats`, `gkcheck_configure`;
2. collection: `gkcheck_collect_file`, `gkcheck_collect_rules`, `gkcheck_collect_fixtures`,
   `gkcheck_modify_rules`;
3. checking each file: `gkcheck_load_document`, `gkcheck_build_report`, then the rules;
4. reporting: `gkcheck_session_start`, `gkcheck_report_checked`, `gkcheck_report_teststatus`,
   `gkcheck_run_complete`, `gkcheck_output_files`, `gkcheck_render`, `gkcheck_results_document`,
   `gkcheck_terminal_summary`, `gkcheck_session_finish`.

Words used here: a *rule* is a function decorated with `@rule` (or declared by a pack); a *check
module* is a built-in plugin holding rules (`gkcheck/checks/`); a *declared check* is a
`[checks.ID]` table of a pack; a *pack* is one TOML file of rule settings; a *profile* is a pack
merged over the packs it extends; a *rule file* is a local Python file loaded with `--rules`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from gkcheck.config import Config
    from gkcheck.document import Document
    from gkcheck.options import Parser
    from gkcheck.packs.profile import Profile
    from gkcheck.report import Report
    from gkcheck.results import ReportResult, RuleResult
    from gkcheck.rule import Fixture, Rule
    from gkcheck.session import Session

hookspec = pluggy.HookspecMarker("gkcheck")
hookimpl = pluggy.HookimplMarker("gkcheck")


# -------------------------------------------------------------------------------------------
# Start-up: options, formats, configuration
# -------------------------------------------------------------------------------------------


@hookspec
def gkcheck_addoption(parser: Parser) -> None:
    """Add command-line options and configuration-file settings.

    :param parser: an `argparse.ArgumentParser` (a `gkcheck.options.Parser`): add options with
        `parser.add_argument(...)`, and declare those a configuration file may set with
        `parser.add_setting(name, kind=..., default=..., choices=..., override=...)`.

    Called once per process, before the command line is parsed, for every plugin registered at
    that time: built-ins, installed entry points and `-p` modules (not `--rules` files, which are
    found through the configuration). Built-in implementers: structure builder (`--kind`),
    waivers (`--waivers`), JUnit (`--junit-xml`), JSON (`--json`), HTML (`--html`), the
    collector (`--exclude`, `--extend-exclude`, `--respect-gitignore`, `--show-files`), SARIF
    (`--sarif`, `--rule-doc-url`), GitLab (`--gitlab`), statistics (`--statistics`), gate
    (`--exit-zero`, `-x`, `--output-format`).
    """


@hookspec
def gkcheck_report_formats() -> list[str]:
    """Return the output formats this plugin renders (the values of `--format` it accepts).

    `--format` and the extra outputs accept the union of all plugins' formats. Built-in
    implementers: terminal (`text`), JUnit (`junit`), JSON (`json`), SARIF (`sarif`),
    GitHub (`github`), GitLab (`gitlab`), HTML (`html`).
    """


@hookspec
def gkcheck_configure(config: Config) -> None:
    """Called once the configuration is complete, before any file is checked.

    :param config: the run's configuration; plugins keep their state for the run in
        `config.stash` (as pytest's). Called in every worker process too. Built-in implementer:
        waivers (reads the waivers file).
    """


# -------------------------------------------------------------------------------------------
# Collection: which files, which rules, which fixtures
# -------------------------------------------------------------------------------------------


@hookspec(firstresult=True)
def gkcheck_collect_file(file_path: Path, config: Config) -> bool | None:
    """Whether the file `file_path`, found inside a folder given on the command line, is checked.

    :param file_path: a file under one of the folders given; files named on the command line
        are always checked, whatever their name.
    :param config: the run's configuration.

    Return True to claim the file (the loader will read it), False to exclude it, None to let
    another plugin decide. A file no plugin claims is not checked. Stops at the first non-None
    result. Built-in implementers: the loaders, each for its own suffixes (`.pdf`; `.docx`,
    and `.doc` to refuse it with a reason; `.html` `.htm` `.mht` `.mhtml`; `.txt`).
    """


@hookspec
def gkcheck_collect_rules(config: Config) -> list[Rule]:
    """Return the rules this plugin provides beyond the `@rule` functions in its own namespace.

    :param config: the run's configuration.

    The built-in collector returns the `@rule` functions of every registered plugin; rule packs
    return the rules they declare. All lists are joined; a later duplicate id is an error.
    """


@hookspec
def gkcheck_collect_fixtures(config: Config) -> list[Fixture]:
    """Return the fixtures this plugin provides beyond the `@fixture` functions in its namespace.

    :param config: the run's configuration. Built-in implementer: the collector.
    """


@hookspec
def gkcheck_modify_rules(config: Config, profile: Profile, rules: list[Rule]) -> None:
    """Change the rules that will run under `profile`, in place: drop, replace, re-rate.

    :param config: the configuration of the run, or of the file's `[[overrides]]`.
    :param profile: the profile the rules run under.
    :param rules: the selected rules (after `--select`/`--ignore`); change the list itself.

    Called once per profile and selection used in the run. Built-in implementers: the collector
    (tryfirst: the profile's `[rules.ID]` severity and `enabled`), declared checks (drops the
    checks of packs outside the profile's chain).
    """


# -------------------------------------------------------------------------------------------
# Checking one file
# -------------------------------------------------------------------------------------------


@hookspec(firstresult=True)
def gkcheck_make_executor(session: Session) -> Any | None:
    """The executor that checks the run's files elsewhere than in this process, if this plugin has one.

    :param session: the run (`session.paths`, `session.jobs`, `session.config`).

    Return an object with `run(paths)`, yielding `(index in paths, ReportResult)` as files finish
    (in any order), and `close()`, which ends whatever it started; or None. Called only when the
    run checks in parallel. The built-in worker processes (`gkcheck.pool.WorkerPool`) answer
    last; the dask plugin answers for `--executor dask`.
    """


@hookspec(firstresult=True)
def gkcheck_load_document(path: str, head: bytes, config: Config) -> Document | None:
    """Load the file at `path` into a `Document`, if this plugin reads its format.

    :param path: the file, as given or found.
    :param head: its first 8 KiB, for recognising the format by content.
    :param config: the configuration for this file (its `[[overrides]]` applied).

    Return None to let another loader try. Raise `gkcheck.InputError(zh=..., en=...)` for a
    file in your format that cannot be read (encrypted, corrupt); its message is the file's
    result. Stops at the first non-None result. Runs in a worker process under `-j`.
    """


@hookspec(firstresult=True)
def gkcheck_cached_result(path: str, config: Config) -> ReportResult | None:
    """A result of the file kept from an earlier run, if this plugin keeps results and has one.

    :param path: the file, as given or found.
    :param config: the configuration for this file.

    Return it and the file is neither read nor checked again (the rules comparing reports still
    run on its summary). Asked in the main process, before any file goes to a worker. Stops at
    the first non-None result. Built-in implementer: cache.
    """


@hookspec
def gkcheck_file_checked(path: str, result: ReportResult, config: Config) -> None:
    """Called where a file was checked (a worker process under `-j`), with its fresh result.

    For a file checked on a Dask cluster, it is called in this process when the result arrives.

    :param path: the file.
    :param result: its result, before the rules comparing reports and before waivers.
    :param config: the configuration for this file.

    Not called for a result that `gkcheck_cached_result` gave. Built-in implementer: cache
    (keeps results of files read and checked without a fault).
    """


@hookspec(firstresult=True)
def gkcheck_build_report(document: Document, config: Config) -> Report | None:
    """Interpret a loaded `Document` as an annual report (title, sections, tables, ...).

    :param document: what the loader read.
    :param config: the configuration for this file.

    Stops at the first non-None result; the built-in structure builder runs last (trylast).
    """


# -------------------------------------------------------------------------------------------
# Reporting
# -------------------------------------------------------------------------------------------


@hookspec
def gkcheck_session_start(session: Session) -> None:
    """Called once the input files are known (`session.paths`), before the first is checked.

    :param session: the run; a plugin may set `session.shouldstop = True` at any time to check
        no further file. Built-in implementers: terminal (sets up progress), gate (keeps the
        session, for `-x`).
    """


@hookspec
def gkcheck_report_checked(result: ReportResult, report: Report | None, config: Config) -> None:
    """Called in the main process after each file has been checked, in input order.

    :param result: the file's result, with every rule's outcome.
    :param report: the interpreted report; None when the file could not be read, and always
        None under `-j N` (the report stays in the worker process).
    :param config: the run's configuration.

    Built-in implementers: waivers (tryfirst: marks the findings they accept), terminal
    (the file's progress line), HTML (keeps the lines and tables read, for showing them), gate
    (`-x`: stops the session after a report that fails).
    """


@hookspec(firstresult=True)
def gkcheck_report_teststatus(result: RuleResult, config: Config) -> str | None:
    """Return the one-character status of a rule's result in the terminal's progress line.

    :param result: one rule's result on one report.
    :param config: the run's configuration.

    Stops at the first non-None result. Built-in implementers: waivers ("x" for a waived
    failure), terminal (trylast: "." passed, "F" error, "w" warning, "i" info, "s" skipped,
    "E" rule error).
    """


@hookspec
def gkcheck_run_complete(session: Session) -> None:
    """Called once every file has been checked (and the rules comparing reports have run).

    :param session: the run, with `session.results` complete.

    Outputs are not rendered yet: a plugin may annotate the results here (waivers mark the
    findings they accept, and find the waivers that matched nothing).
    """


@hookspec
def gkcheck_output_files(config: Config) -> list[tuple[str, str]]:
    """Return the extra output files this plugin asks for, as (format, path) pairs.

    :param config: the run's configuration.

    Each is rendered with `gkcheck_render` and written after the run. Built-in implementers:
    JUnit (`--junit-xml FILE`), JSON (`--json FILE`), HTML (`--html FILE`), SARIF
    (`--sarif FILE`), GitLab (`--gitlab FILE`).
    """


@hookspec(firstresult=True)
def gkcheck_render(format: str, session: Session) -> str | None:
    """Render the session's results in `format`.

    :param format: one of the names returned by `gkcheck_report_formats`.
    :param session: the finished run.

    Return the rendered text if this plugin renders the format, None otherwise. Stops at the
    first non-None result.
    """


@hookspec
def gkcheck_results_document(session: Session, document: dict[str, Any]) -> None:
    """Add to the JSON results document before it is written (change `document` in place).

    :param session: the finished run.
    :param document: the JSON document (`gkcheck/schema/results.schema.json`).

    Built-in implementers: waivers (the `waivers` key: the file and its stale waivers), assessment
    (the `assessment` key: scores and ranking under the profile's `[assessment]` scheme).
    """


@hookspec
def gkcheck_terminal_summary(session: Session) -> list[str]:
    """Return lines to print in the text report, before its summary line.

    :param session: the finished run; `session.config.lang` is the language to write in.

    Built-in implementers: waivers (a warning for each stale waiver), statistics (`--statistics`),
    gate (where `-x` stopped), assessment (each report's score and the batch's ranking).
    """


@hookspec
def gkcheck_session_finish(session: Session, exitstatus: int) -> None:
    """Called after all files have been checked and all outputs written.

    :param session: the finished run.
    :param exitstatus: the exit status the command will return (`gkcheck.ExitCode`).

    Built-in implementers: GitHub (the Markdown step summary, with `--format github`), xlsx
    (`--xlsx FILE`, the office's workbook).
    """
