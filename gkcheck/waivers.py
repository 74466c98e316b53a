"""Built-in plugin: waivers, known findings accepted for a document until a date.

    # gkcheck-waivers.toml
    [[waiver]]
    path = "reports/zibo-*.pdf"        # glob, relative to this file's folder
    rule = "GK203"
    match = "3581178"                  # optional: regular expression searched in the message
    row = "new"                        # optional: the table row of the finding
    reason = "电话号码为本地号码，已与发布单位确认"
    expires = 2026-06-30

The file is `--waivers FILE`, `waivers = "..."` in the configuration, or the `gkcheck-waivers.toml`
next to the configuration file, else the nearest one above the checked files or the current
folder. A waived finding is shown as waived in every output and does not count toward the exit
code; after `expires` the waiver no longer applies and the finding says so. A waiver whose
document was checked but that matched no finding of its rule is stale: the text output warns and
the JSON output lists it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path

from gkcheck.configfile import folders_up
from gkcheck.errors import UsageError
from gkcheck.hookspec import hookimpl
from gkcheck.results import FAILED, ReportResult, RuleResult, WaiverNote
from gkcheck.tomlfile import TomlFile, parse_toml

WAIVERS_FILE = "gkcheck-waivers.toml"
WAIVER_KEYS = {"path", "rule", "match", "row", "reason", "expires"}
STASH_KEY = "waivers"


@dataclass(frozen=True)
class Waiver:
    path: str
    rule: str
    reason: str
    expires: dt.date
    base: Path
    source: str
    match: re.Pattern | None = None
    row: str | None = None

    def covers(self, report_path: str) -> bool:
        absolute = Path(os.path.abspath(report_path))
        try:
            relative = absolute.relative_to(self.base).as_posix()
        except ValueError:
            relative = None
        return fnmatch(report_path, self.path) or (relative is not None and fnmatch(relative, self.path))

    def accepts(self, finding) -> bool:
        if self.match is not None and not (
            self.match.search(finding.message.zh) or self.match.search(finding.message.en)
        ):
            return False
        if self.row is not None:
            row = finding.location.to_dict().get("row") if finding.location else None
            return str(row) == self.row
        return True

    def note(self, today: dt.date) -> WaiverNote:
        return WaiverNote(self.reason, self.expires.isoformat(), today > self.expires, self.source)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "rule": self.rule,
            "match": self.match.pattern if self.match else None,
            "row": self.row,
            "reason": self.reason,
            "expires": self.expires.isoformat(),
            "source": self.source,
        }


@dataclass
class WaiverSet:
    file: str
    waivers: list[Waiver]
    stale: list[Waiver]


def find_waivers_file(config) -> str | None:
    given = config.get("waivers")
    if given:
        if not Path(given).is_file():
            raise UsageError(zh=f"豁免文件不存在：{given}", en=f"waivers file not found: {given}")
        return given
    folders = [Path(config.file.path).parent] if config.file.path else []
    for folder in [*folders, *folders_up(getattr(config.options, "paths", None) or [])]:
        if (folder / WAIVERS_FILE).is_file():
            return str(folder / WAIVERS_FILE)
    return None


def load_waivers(path: str) -> list[Waiver]:
    """Read and validate a waivers file; errors name the file and line."""
    try:
        toml = parse_toml(Path(path).read_text(encoding="utf-8"), path)
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(
            zh=f"无法读取豁免文件 {path}：{exc}", en=f"cannot read waivers file {path}: {exc}"
        ) from None
    toml.check_keys(toml.data, {"waiver"}, ())
    entries = toml.data.get("waiver", [])
    if not isinstance(entries, list):
        raise toml.error(
            zh="豁免应写成表数组：[[waiver]]", en="waivers are an array of tables: [[waiver]]", key="waiver"
        )
    base = Path(os.path.abspath(path)).parent
    return [_waiver(toml, entry, index, base) for index, entry in enumerate(entries)]


def _waiver(toml: TomlFile, entry: dict, index: int, base: Path) -> Waiver:
    def fail(*, zh: str, en: str, key: str | None = None) -> UsageError:
        return toml.error(zh=zh, en=en, table=("waiver",), key=key, occurrence=index)

    toml.check_keys(entry, WAIVER_KEYS, ("waiver",), occurrence=index)
    for key in ("path", "rule", "reason", "expires"):
        if key not in entry:
            raise fail(
                zh=f"豁免缺少 {key}（path、rule、reason 和 expires 均为必填）",
                en=f"a waiver needs {key} (path, rule, reason and expires are required)",
            )
    for key in ("path", "rule", "reason", "match", "row"):
        if key in entry and not isinstance(entry[key], str):
            raise fail(zh=f"{key} 应为字符串", en=f"{key} must be a string", key=key)
    if not isinstance(entry["expires"], dt.date) or isinstance(entry["expires"], dt.datetime):
        raise fail(
            zh="expires 应为日期，例如 expires = 2026-12-31（不加引号）",
            en="expires must be a date, e.g. expires = 2026-12-31 (no quotes)",
            key="expires",
        )
    if not entry["reason"].strip():
        raise fail(
            zh="reason 应写明接受该问题的理由", en="reason must say why the finding is accepted", key="reason"
        )
    try:
        match = re.compile(entry["match"]) if "match" in entry else None
    except re.error as exc:
        raise fail(
            zh=f"match：正则表达式有误：{exc}", en=f"match: bad regular expression: {exc}", key="match"
        ) from None
    source = f"{toml.source}:{toml.line_of(('waiver',), None, index)}"
    return Waiver(
        entry["path"],
        entry["rule"].upper(),
        entry["reason"],
        entry["expires"],
        base,
        source,
        match,
        entry.get("row"),
    )


def apply_waivers(waivers: list[Waiver], result: ReportResult, today: dt.date) -> set[int]:
    """Mark the findings of `result` that a waiver matches; return the indices of the waivers used."""
    used: set[int] = set()
    covering = [(index, waiver) for index, waiver in enumerate(waivers) if waiver.covers(result.path)]
    for item in result.results:
        if item.outcome != FAILED:
            continue
        notes = []
        for finding in item.findings:
            match = next(
                (
                    (index, waiver)
                    for index, waiver in covering
                    if waiver.rule == item.rule_id and waiver.accepts(finding)
                ),
                None,
            )
            if match is not None:
                used.add(match[0])
            notes.append(match[1].note(today) if match else None)
        item.waivers = notes if any(notes) else []
    return used


def stale_waivers(waivers: list[Waiver], results: list[ReportResult], used: set[int]) -> list[Waiver]:
    """Waivers for a document and rule that were checked, but that matched no finding."""
    stale = []
    for index, waiver in enumerate(waivers):
        ran = any(
            waiver.covers(result.path) and any(item.rule_id == waiver.rule for item in result.results)
            for result in results
        )
        if ran and index not in used:
            stale.append(waiver)
    return stale


def waiver_set(config) -> WaiverSet | None:
    """The waivers of the run (None when there is no waivers file)."""
    return config.stash.get(STASH_KEY)


@hookimpl
def gkcheck_addoption(parser) -> None:
    help = (
        "accepted findings (default: gkcheck-waivers.toml next to the configuration file "
        "or in the current folder)"
    )
    parser.add_argument("--waivers", metavar="FILE", help=help)
    parser.add_setting("waivers", kind="path", help=help)


@hookimpl
def gkcheck_configure(config) -> None:
    if not hasattr(config.options, "paths"):  # `gkcheck rules`, `gkcheck inspect`: nothing is waived
        return
    path = find_waivers_file(config)
    if path is not None:
        config.stash[STASH_KEY] = WaiverSet(path, load_waivers(path), [])


@hookimpl(tryfirst=True)
def gkcheck_report_checked(result: ReportResult, report, config) -> None:
    """Mark waived findings before the progress line for the file is printed."""
    waivers = waiver_set(config)
    if waivers is not None:
        apply_waivers(waivers.waivers, result, dt.date.today())


@hookimpl
def gkcheck_run_complete(session) -> None:
    """Mark again (rules comparing reports have added results) and find the stale waivers."""
    waivers = waiver_set(session.config)
    if waivers is None:
        return
    today, used = dt.date.today(), set()
    for result in session.results:
        used |= apply_waivers(waivers.waivers, result, today)
    waivers.stale = stale_waivers(waivers.waivers, session.results, used)


@hookimpl
def gkcheck_report_teststatus(result: RuleResult, config) -> str | None:
    """The status letter "x" for a rule whose findings are all waived."""
    return "x" if result.waived else None


@hookimpl
def gkcheck_terminal_summary(session) -> list[str]:
    """A warning line for each stale waiver: its document was checked but it matched nothing."""
    waivers, lang = waiver_set(session.config), session.config.lang
    if waivers is None or not waivers.stale:
        return []
    if lang == "en":
        return [
            f"warning: stale waiver, it matched no finding: {item.source} {item.rule} {item.path}"
            for item in waivers.stale
        ]
    return [
        f"警告：豁免未匹配任何问题（可删除）：{item.source} {item.rule} {item.path}" for item in waivers.stale
    ]


@hookimpl
def gkcheck_results_document(session, document: dict) -> None:
    """The waivers file of the run and its stale waivers, in the JSON output."""
    waivers = waiver_set(session.config)
    if waivers is not None:
        document["waivers"] = {"file": waivers.file, "stale": [item.to_dict() for item in waivers.stale]}
