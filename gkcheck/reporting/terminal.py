"""Built-in plugin: the text report, in the manner of pytest.

A line per report (a character per rule: `.` passed, `F` failed, `s` skipped, `E` error; with `-v`
a line per rule), then the details of every failure under a header per report, then a summary line.
`-q` leaves out the per-report lines, `-qq` the details too. Colour on a terminal (NO_COLOR,
FORCE_COLOR), columns counted as the terminal shows them (a Chinese character is two), and on an
interactive terminal a counter with the time left.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from gkcheck.hookspec import hookimpl
from gkcheck.reporting.console import (
    Progress,
    Style,
    columns,
    enable_windows_colours,
    is_interactive,
    wants_colour,
)
from gkcheck.results import ERROR, FAILED, PASSED, SKIPPED, ReportResult, RuleResult
from gkcheck.textwidth import pad, width, wrap

LETTERS = {PASSED: ".", FAILED: "F", SKIPPED: "s", ERROR: "E"}
SEVERITY_NAMES = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
OUTCOME_NAMES = {
    "zh": {PASSED: "通过", FAILED: "未通过", ERROR: "出错"},
    "en": {PASSED: "passed", FAILED: "failed", ERROR: "error"},
}


def shown(path: str) -> str:
    """A path as one line: a newline or other control character in a file name is shown escaped."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in path)


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


@hookimpl
def gkcheck_report_formats() -> list[str]:
    return ["text"]


@hookimpl(trylast=True)
def gkcheck_report_teststatus(result: RuleResult, config) -> str:
    if result.outcome == FAILED and result.severity != "error":
        return "w" if result.severity == "warning" else "i"
    return LETTERS[result.outcome]


PROGRESS_KEY = "terminal.progress"
LAYOUT_KEY = "terminal.layout"
# The column the progress letters start at: the longest path's width, at most this.
MAX_PATH_COLUMNS = 60
LETTER_COLOURS = {"F": "red", "E": "red", "w": "yellow", "i": "cyan", "s": "dim", "x": "dim"}
SEVERITY_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
VERDICT_COLOURS = {PASSED: "bold-green", FAILED: "bold-red", ERROR: "bold-red"}
RULE_OUTCOMES = {
    "zh": {PASSED: "通过", FAILED: "未通过", SKIPPED: "跳过", ERROR: "出错", "waived": "已豁免"},
    "en": {PASSED: "passed", FAILED: "failed", SKIPPED: "skipped", ERROR: "error", "waived": "waived"},
}


@dataclass
class Layout:
    """How this run's text report looks: colours, the path column, whether lines are wrapped."""

    style: Style
    path_columns: int = 0
    wrap_at: int | None = None  # the terminal's width; None when the output is not a terminal


def _streams_text(config) -> bool:
    """Whether the text report goes to the terminal, where each file's line is the progress."""
    return config.get("format") == "text" and not config.get("output")


def layout(config) -> Layout:
    found = config.stash.get(LAYOUT_KEY)
    if found is None:
        to_terminal = _streams_text(config) and is_interactive(sys.stdout)
        found = Layout(Style(_streams_text(config) and wants_colour(sys.stdout)))
        found.wrap_at = columns() if to_terminal else None
        config.stash[LAYOUT_KEY] = found
    return found


@hookimpl
def gkcheck_session_start(session) -> None:
    config = session.config
    enable_windows_colours()
    shape = layout(config)
    shape.path_columns = min(MAX_PATH_COLUMNS, max((width(shown(path)) for path in session.paths), default=0))
    if len(session.paths) > 1 and is_interactive(sys.stderr):
        config.stash[PROGRESS_KEY] = Progress(len(session.paths), config.lang)
    batch = len(session.paths) > 1
    if batch and _streams_text(config) and config.get("verbose") and session.executor is None:
        print(_run_header(len(session.paths), session.worker_processes, config.lang), flush=True)


def _run_header(files: int, workers: int, lang: str) -> str:
    if lang == "en":
        where = f"in {workers} worker processes" if workers else "in this process"
        return f"checking {files} files {where}"
    return f"检查 {files} 个文件，" + (f"{workers} 个工作进程" if workers else "在本进程中")


@hookimpl
def gkcheck_report_checked(result: ReportResult, report, config) -> None:
    """Progress: one line per checked file, written as soon as the file is done.

    With `-v`, a line per rule under it; on an interactive terminal, a counter with the time left on
    stderr.
    """
    progress = config.stash.get(PROGRESS_KEY)
    if progress is not None:
        progress.clear()
    if _streams_text(config) and config.get("quiet") == 0:
        for line in _progress_lines(result, config):
            print(line, file=sys.stdout, flush=True)
    if progress is not None:
        progress.advance(result.path)


def _progress_lines(result: ReportResult, config) -> list[str]:
    lang, fail_on, shape = config.lang, config.get("fail_on"), layout(config)
    style = shape.style
    if result.error is not None:
        not_checked = style(_t(lang, "无法检查", "not checked"), "bold-red")
        return [f"{shown(result.path)} {not_checked}: {result.error.text(lang)}"]
    outcome = result.outcome(fail_on)
    verdict = style(f"[{OUTCOME_NAMES[lang][outcome]}]", VERDICT_COLOURS[outcome])
    if config.get("verbose"):
        return [f"{style(shown(result.path), 'bold')}  {verdict}", *_rule_lines(result, config)]
    status = config.hook.gkcheck_report_teststatus
    letters = "".join(
        style(letter, LETTER_COLOURS.get(letter, ""))
        for letter in (status(result=item, config=config) for item in result.results)
    )
    return [f"{pad(shown(result.path), shape.path_columns)} {letters}  {verdict}"]


def _rule_lines(result: ReportResult, config) -> list[str]:
    """`-v`: each rule's outcome, as pytest lists each test."""
    lang, style = config.lang, layout(config).style
    names = max((width(item.name) for item in result.results), default=0)
    lines = []
    for item in result.results:
        outcome = "waived" if item.waived else item.outcome
        word = RULE_OUTCOMES[lang][outcome]
        if item.outcome == FAILED and not item.waived:
            word = style(f"{word} [{SEVERITY_NAMES[lang][item.severity]}]", SEVERITY_COLOURS[item.severity])
        elif item.outcome == SKIPPED:
            reason = item.reason.text(lang) if item.reason else ""
            word = style(f"{word} {reason}".rstrip(), "dim")
        lines.append(f"    {item.rule_id} {pad(item.name, names)} {word}")
    return lines


@hookimpl
def gkcheck_render(format: str, session) -> str | None:
    if format != "text":
        return None
    config = session.config
    lang, verbose, quiet = config.lang, config.get("verbose"), config.get("quiet")
    lines: list[str] = []
    if config.get("output") or quiet > 1:  # no progress lines were printed
        lines += [
            f"{shown(result.path)}  [{OUTCOME_NAMES[lang][result.outcome(config.get('fail_on'))]}]"
            for result in session.results
        ]
    details = [detail for result in session.results for detail in _details(result, config, verbose)]
    if details and quiet < 2:
        lines += ["", _rule_line(_t(lang, "问题", "FAILURES")), *details]
    extra = [
        line for group in reversed(config.hook.gkcheck_terminal_summary(session=session)) for line in group
    ]
    if extra:
        lines += ["", *extra]
    lines += ["", summary_line(session)]
    return "\n".join(lines) + "\n"


def _details(result: ReportResult, config, verbose: int) -> list[str]:
    """A report's failures under one header naming the file (not the path on every line)."""
    lang = config.lang
    shape = layout(config)
    style = shape.style
    lines: list[str] = []
    for item in result.results:
        if item.outcome == FAILED:
            severity = SEVERITY_NAMES[lang][item.severity]
            waived = _t(lang, "，已豁免", ", waived") if item.waived else ""
            rated = style(f"[{severity}{waived}]", SEVERITY_COLOURS[item.severity])
            lines.append(f"{item.rule_id} {item.name} {rated}")
            for index, finding in enumerate(item.findings):
                place = finding.location.describe(lang) if finding.location else ""
                note = _waiver_note(item.waiver(index), lang)
                lines += _indented(
                    f"{place + ': ' if place else ''}{finding.message.text(lang)}{note}", shape
                )
        elif item.outcome == ERROR:
            lines.append(f"{item.rule_id} {item.name} {style(_t(lang, '[规则出错]', '[rule error]'), 'red')}")
            lines.append(f"    {item.reason.text(lang) if item.reason else ''}")
            if verbose and item.traceback:
                lines += ["    " + text for text in item.traceback.rstrip().splitlines()]
        elif item.outcome == SKIPPED and verbose:
            reason = item.reason.text(lang) if item.reason else ""
            lines.append(f"{item.rule_id} {item.name} [{_t(lang, '跳过', 'skipped')}] {reason}")
    if not lines:
        return []
    return [style(_t(lang, f"—— {shown(result.path)} ——", f"--- {shown(result.path)} ---"), "bold"), *lines]


def _indented(text: str, shape: Layout) -> list[str]:
    """A finding's line, indented; wrapped with a hanging indent on a terminal."""
    if shape.wrap_at is None:
        return [f"    {text}"]
    return [f"    {line}" for line in wrap(text, max(40, shape.wrap_at - 5))]


def _waiver_note(note, lang: str) -> str:
    if note is None:
        return ""
    if note.expired:
        return _t(
            lang,
            f"（豁免已于{note.expires}过期：{note.reason}）",
            f" (waiver expired on {note.expires}: {note.reason})",
        )
    return _t(
        lang, f"（已豁免，至{note.expires}：{note.reason}）", f" (waived until {note.expires}: {note.reason})"
    )


def _rule_line(title: str) -> str:
    return f"{'=' * 20} {title} {'=' * 20}"


def summary_line(session) -> str:
    """E.g. "===== 8 份报告：3 份通过，4 份未通过，1 份出错，用时 2.31 秒 ====="."""
    lang, fail_on = session.config.lang, session.config.get("fail_on")
    counts = {PASSED: 0, FAILED: 0, ERROR: 0}
    for result in session.results:
        counts[result.outcome(fail_on)] += 1
    findings = sum(len(item.findings) for result in session.results for item in result.results)
    waived = sum(
        item.is_waived(index)
        for result in session.results
        for item in result.results
        for index in range(len(item.findings))
    )
    if lang == "en":
        parts = [
            f"{counts[key]} {OUTCOME_NAMES['en'][key]}" for key in (FAILED, PASSED, ERROR) if counts[key]
        ]
        accepted = f" ({waived} waived)" if waived else ""
        reports = f"{len(session.results)} report{'' if len(session.results) == 1 else 's'}"
        found = f"{findings} finding{'' if findings == 1 else 's'}"
        text = f"{reports}: {', '.join(parts) or 'none'}; {found}{accepted} in {session.duration:.2f}s"
    else:
        parts = [
            f"{counts[key]} 份{OUTCOME_NAMES['zh'][key]}" for key in (FAILED, PASSED, ERROR) if counts[key]
        ]
        accepted = f"（{waived} 条已豁免）" if waived else ""
        text = (
            f"{len(session.results)} 份报告：{'，'.join(parts) or '无'}；"
            f"共 {findings} 条问题{accepted}，用时 {session.duration:.2f} 秒"
        )
    if session.interrupted:
        text += _t(lang, "（已中断）", " (interrupted)")
    return _rule_line(text)
