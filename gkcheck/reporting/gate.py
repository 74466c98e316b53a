"""Built-in plugin: the options of a CI gate, named as ruff and pytest users expect them.

- `--exit-zero` (ruff): exit 0 even when reports fail their rules; a file that cannot be read
  or a rule that raises still exits 1.
- `-x`/`--exitfirst` (pytest): stop after the first report that does not pass; the reports
  checked so far are reported and written as usual.
- `--output-format` (ruff): another name for `--format`.
"""

from __future__ import annotations

import argparse

from gkcheck.hookspec import hookimpl
from gkcheck.results import PASSED

SESSION_KEY = "gate.session"


@hookimpl
def gkcheck_addoption(parser) -> None:
    parser.add_argument(
        "--exit-zero",
        action="store_true",
        default=None,
        help="exit 0 even if reports fail (unreadable files and rule errors still exit 1)",
    )
    parser.add_setting("exit-zero", kind="boolean", default=False)
    parser.add_argument(
        "-x",
        "--exitfirst",
        action="store_true",
        default=None,
        help="stop after the first report that does not pass",
    )
    parser.add_setting("exitfirst", kind="boolean", default=False)
    parser.add_argument(
        "--output-format", dest="format", default=argparse.SUPPRESS, help="the same as --format"
    )


@hookimpl
def gkcheck_session_start(session) -> None:
    session.config.stash[SESSION_KEY] = session


@hookimpl
def gkcheck_report_checked(result, report, config) -> None:
    session = config.stash.get(SESSION_KEY)
    if session is not None and config.get("exitfirst") and result.outcome(config.get("fail_on")) != PASSED:
        session.shouldstop = True


@hookimpl
def gkcheck_terminal_summary(session) -> list[str]:
    config = session.config
    if not getattr(session, "shouldstop", False) or len(session.results) == len(session.paths):
        return []
    done, total = len(session.results), len(session.paths)
    return [
        config.text(
            zh=f"-x：第一份未通过的报告之后停止，已检查 {done}/{total} 份",
            en=f"-x: stopped after the first report that did not pass, {done} of {total} checked",
        )
    ]
