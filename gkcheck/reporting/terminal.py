"""Built-in plugin: the text report, in the manner of pytest.

A line per report (a character per rule: `.` passed, `F` failed, `s` skipped, `E` error), then the
details of every failure with page numbers, then a summary line.
"""

from __future__ import annotations

import sys

from gkcheck.hookspec import hookimpl
from gkcheck.results import ERROR, FAILED, PASSED, SKIPPED, ReportResult, RuleResult

LETTERS = {PASSED: ".", FAILED: "F", SKIPPED: "s", ERROR: "E"}
SEVERITY_NAMES = {
    "zh": {"error": "错误", "warning": "警告", "info": "提示"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}
OUTCOME_NAMES = {
    "zh": {PASSED: "通过", FAILED: "未通过", ERROR: "出错"},
    "en": {PASSED: "passed", FAILED: "failed", ERROR: "error"},
}


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


def _streams_text(config) -> bool:
    """Whether the text report goes to the terminal, where each file's line is the progress."""
    return config.get("format") == "text" and not config.get("output")


@hookimpl
def gkcheck_session_start(session) -> None:
    config = session.config
    if not _streams_text(config) and not config.get("quiet") and sys.stderr.isatty():
        config.stash[PROGRESS_KEY] = {"done": 0, "total": len(session.paths)}


@hookimpl
def gkcheck_report_checked(result: ReportResult, report, config) -> None:
    """Progress: one line per checked file, written as soon as the file is done.

    When the output is JSON, JUnit, ... or goes to a file, a counter on the terminal's stderr
    instead ("[12/500] path"), so that a long run shows it is moving.
    """
    progress = config.stash.get(PROGRESS_KEY)
    if progress is not None:
        progress["done"] += 1
        end = "\n" if progress["done"] == progress["total"] else ""
        print(
            f"\r\033[K[{progress['done']}/{progress['total']}] {result.path}",
            end=end,
            file=sys.stderr,
            flush=True,
        )
    if not _streams_text(config) or config.get("quiet") > 1:
        return
    lang, fail_on = config.lang, config.get("fail_on")
    if result.error is not None:
        line = f"{result.path} {_t(lang, '无法检查', 'not checked')}: {result.error.text(lang)}"
    else:
        status = config.hook.gkcheck_report_teststatus
        letters = "".join(status(result=item, config=config) for item in result.results)
        line = f"{result.path} {letters}  [{OUTCOME_NAMES[lang][result.outcome(fail_on)]}]"
    print(line, file=sys.stdout, flush=True)


@hookimpl
def gkcheck_render(format: str, session) -> str | None:
    if format != "text":
        return None
    config = session.config
    lang, verbose = config.lang, config.get("verbose")
    lines: list[str] = []
    if config.get("output") or config.get("quiet") > 1:  # no progress lines were printed
        lines += [
            f"{result.path}  [{OUTCOME_NAMES[lang][result.outcome(config.get('fail_on'))]}]"
            for result in session.results
        ]
    details = [detail for result in session.results for detail in _details(result, lang, verbose)]
    if details and config.get("quiet") < 2:
        lines += ["", _rule_line(_t(lang, "问题", "FAILURES")), *details]
    extra = [
        line for group in reversed(config.hook.gkcheck_terminal_summary(session=session)) for line in group
    ]
    if extra:
        lines += ["", *extra]
    lines += ["", summary_line(session)]
    return "\n".join(lines) + "\n"


def _details(result: ReportResult, lang: str, verbose: int) -> list[str]:
    lines: list[str] = []
    for item in result.results:
        if item.outcome == FAILED:
            severity = SEVERITY_NAMES[lang][item.severity]
            waived = _t(lang, "，已豁免", ", waived") if item.waived else ""
            lines.append(f"{result.path}: {item.rule_id} {item.name} [{severity}{waived}]")
            for index, finding in enumerate(item.findings):
                place = finding.location.describe(lang) if finding.location else ""
                note = _waiver_note(item.waiver(index), lang)
                lines.append(f"    {place + ': ' if place else ''}{finding.message.text(lang)}{note}")
        elif item.outcome == ERROR:
            lines.append(f"{result.path}: {item.rule_id} {item.name} [{_t(lang, '规则出错', 'rule error')}]")
            lines.append(f"    {item.reason.text(lang) if item.reason else ''}")
            if verbose and item.traceback:
                lines += ["    " + text for text in item.traceback.rstrip().splitlines()]
        elif item.outcome == SKIPPED and verbose:
            reason = item.reason.text(lang) if item.reason else ""
            lines.append(
                f"{result.path}: {item.rule_id} {item.name} [{_t(lang, '跳过', 'skipped')}] {reason}"
            )
    return lines


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
