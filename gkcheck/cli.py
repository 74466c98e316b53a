"""The command line: `gkcheck PATH...`, `gkcheck inspect FILE`, `gkcheck rules`.

`main` picks the subcommand and turns the errors that reach it into messages and exit codes;
each subcommand lives in `gkcheck.commands`.
"""

from __future__ import annotations

import os
import sys
import traceback

from gkcheck.errors import ExitCode, ParseExit, UsageError
from gkcheck.options import message_language
from gkcheck.streams import tolerate_unencodable


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    tolerate_unencodable(sys.stdout, sys.stderr)
    verbose = "-v" in argv or "--verbose" in argv
    try:
        return int(run_command(argv))
    except ParseExit as exc:  # argparse has printed help, the version or its usage message
        return int(exc.exit_code)
    except UsageError as exc:
        print(f"gkcheck: {_t(argv, '错误', 'error')}: {exc.text(message_language(argv))}", file=sys.stderr)
        return int(ExitCode.USAGE_ERROR)
    except KeyboardInterrupt:
        print(f"gkcheck: {_t(argv, '已中断', 'interrupted')}", file=sys.stderr)
        return int(ExitCode.INTERRUPTED)
    except BrokenPipeError:  # output piped into `head` or similar, which has exited
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return int(ExitCode.OK)
    except Exception as exc:
        print(
            f"gkcheck: {_t(argv, '内部错误', 'internal error')}: {type(exc).__name__}: {exc}", file=sys.stderr
        )
        if verbose:
            traceback.print_exc()
        else:
            print(_t(argv, "（加 -v 显示调用栈）", "(run with -v for the traceback)"), file=sys.stderr)
        return int(ExitCode.INTERNAL_ERROR)


def run_command(argv: list[str]) -> int:
    if argv == ["--version"]:  # answered before any plugin is loaded, so it costs no start-up
        from gkcheck import __version__

        print(f"gkcheck {__version__}")
        return ExitCode.OK
    if argv and argv[0] == "inspect":
        from gkcheck.commands.inspect import inspect_main

        return inspect_main(argv[1:])
    if argv and argv[0] == "cache":
        from gkcheck.commands.cache import cache_main

        return cache_main(argv[1:])
    if argv and argv[0] == "rules":
        from gkcheck.commands.rules import rules_main

        return rules_main(argv[1:])
    from gkcheck.commands.check import check_main

    return check_main(argv)


def _t(argv: list[str], zh: str, en: str) -> str:
    return en if message_language(argv) == "en" else zh
