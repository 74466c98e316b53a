"""The command line: `gkcheck PATH...`, `gkcheck inspect FILE`, `gkcheck rules`."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path

from gkcheck import __version__
from gkcheck.config import Config
from gkcheck.errors import UsageError
from gkcheck.manager import make_plugin_manager
from gkcheck.session import Session, find_inputs

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED, EXIT_INTERNAL, EXIT_USAGE, EXIT_NO_REPORTS = 0, 1, 2, 3, 4, 5
FORMATS = ("text", "json", "junit", "sarif", "github")


def _ids(value: str) -> list[str]:
    return [item.strip().upper() for item in value.split(",") if item.strip()]


class _IdsAction(argparse.Action):
    """`--select GK1,GK2 --select GK5` → ["GK1", "GK2", "GK5"]."""

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, [*(getattr(namespace, self.dest) or []), *_ids(values)])


def common_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=("zh", "en"), help="language of messages (default: zh)")
    parser.add_argument("--profile", metavar="NAME|PATH", help="rule pack: national, national-2019, shandong, or a .toml file")
    parser.add_argument("--rules", action="append", metavar="PATH",
                        help="load rule files: a .py file, or a folder of gkrules*.py / *_rules.py files")
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: the nearest gkcheck.toml "
                        "or pyproject.toml with [tool.gkcheck])")
    parser.add_argument("-p", dest="plugins", action="append", metavar="PLUGIN",
                        help="load plugin module PLUGIN; -p no:NAME disables plugin NAME")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more detail (tracebacks, skip reasons)")


def check_parser(manager) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gkcheck",
        description="检查政府信息公开工作年度报告 / Check government information-disclosure annual reports.",
        epilog="subcommands: gkcheck inspect FILE [--json]; gkcheck rules [--format json] [--explain ID]",
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="report files or directories (.pdf .docx .html .htm .mht .txt)")
    parser.add_argument("--format", choices=FORMATS, help="output format (default: text)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the --format output to FILE")
    parser.add_argument("--junit-xml", metavar="FILE", help="also write JUnit XML to FILE")
    parser.add_argument("--json", metavar="FILE", help="also write JSON to FILE")
    parser.add_argument("--select", action=_IdsAction, metavar="IDS", help="only rules with these id prefixes (GK3 = all GK3xx)")
    parser.add_argument("--extend-select", action=_IdsAction, metavar="IDS", help="add rules to the selection")
    parser.add_argument("--ignore", action=_IdsAction, metavar="IDS", help="skip rules with these id prefixes")
    parser.add_argument("--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails (default: error)")
    parser.add_argument("-j", "--jobs", type=int, metavar="N", help="check N files in parallel (0 = one per CPU)")
    parser.add_argument("--timeout", type=float, metavar="SECONDS", help="give up on a document after SECONDS (default: 120)")
    parser.add_argument("--kind", choices=("government", "department"), help="body kind, when the title does not tell")
    parser.add_argument("-q", "--quiet", action="count", default=0, help="less output")
    parser.add_argument("--waivers", metavar="FILE", help="accepted findings (default: gkcheck-waivers.toml "
                        "next to the configuration file or in the current folder)")
    parser.add_argument("--explain", metavar="ID", help="print the documentation of rule ID and exit")
    parser.add_argument("--version", action="version", version=f"gkcheck {__version__}")
    common_options(parser)
    manager.hook.gkcheck_addoption(parser=parser)
    return parser


def _early_plugins(argv: list[str]) -> list[str]:
    """`-p` values, needed before parsing so plugins can add options."""
    found = []
    for index, arg in enumerate(argv):
        if arg == "-p" and index + 1 < len(argv):
            found.append(argv[index + 1])
        elif arg.startswith("-p") and len(arg) > 2:
            found.append(arg[2:])
    return found


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in argv or "--verbose" in argv
    try:
        if argv and argv[0] == "inspect":
            from gkcheck.inspect import inspect_main

            return inspect_main(argv[1:])
        if argv and argv[0] == "rules":
            from gkcheck.listing import rules_main

            return rules_main(argv[1:])
        return check_main(argv)
    except UsageError as exc:
        print(f"gkcheck: error: {exc.message}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("gkcheck: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # output piped into `head` or similar, which has exited
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        print(f"gkcheck: internal error: {type(exc).__name__}: {exc}", file=sys.stderr)
        if verbose:
            traceback.print_exc()
        else:
            print("(run with -v for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


class _ParseExit(Exception):
    """argparse has printed help, the version or a usage message; `code` is its exit status."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def make_config(argv: list[str], parser_factory=check_parser) -> Config:
    manager = make_plugin_manager(_early_plugins(argv))
    parser = parser_factory(manager)
    try:
        options = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed its message
        raise _ParseExit(exc.code) from None
    config = Config(manager, options)
    config.complete(getattr(options, "paths", None) or [])
    return config


def check_main(argv: list[str]) -> int:
    try:
        config = make_config(argv)
    except _ParseExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    if config.get("explain"):
        from gkcheck.listing import explain

        return explain(config, config.get("explain"))
    if not config.options.paths:
        print("gkcheck: error: no files given (try: gkcheck sample_reports/)", file=sys.stderr)
        return EXIT_USAGE
    config.profile_for(None)  # a wrong --profile is a usage error before any file is read
    paths = find_inputs(config.options.paths)
    if not paths:
        print("gkcheck: no reports found (.pdf .docx .html .htm .txt)", file=sys.stderr)
        return EXIT_NO_REPORTS
    session = Session(config, paths)
    session.run()
    write_outputs(session)
    config.hook.gkcheck_session_finish(session=session)
    return exit_code(session)


def write_outputs(session: Session) -> None:
    config = session.config
    render = config.hook.gkcheck_render
    main_text = render(format=config.get("format"), session=session)
    if config.get("output"):
        _write(config.get("output"), main_text)
    else:
        sys.stdout.write(main_text)
    for option, format_name in (("junit_xml", "junit"), ("json", "json")):
        if config.get(option):
            _write(config.get(option), render(format=format_name, session=session))


def _write(path: str, text: str) -> None:
    target = Path(path)
    if target.parent and not target.parent.exists():
        target.parent.mkdir(parents=True)
    target.write_text(text, encoding="utf-8")


def exit_code(session: Session) -> int:
    if session.interrupted:
        return EXIT_INTERRUPTED
    fail_on = session.config.get("fail_on")
    if any(result.outcome(fail_on) != "passed" for result in session.results):
        return EXIT_FAILED
    return EXIT_OK
