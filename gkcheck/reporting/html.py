"""Built-in plugin: the HTML report for reviewers (`--html FILE`, `--format html`).

One self-contained file (styles, script and pictures inside; nothing fetched from the network),
in the language of the run: a summary table of the reports (sortable, filterable), then for each
report its findings with expected and actual values, the pictures of the PDF pages that have
findings with each place boxed (or the text around it, for DOCX, HTML and text files), the three
statistics tables as gkcheck read them with the wrong cells marked, and every rule's outcome with
its documentation one click away. When a pack of the run declares an assessment scheme, the
summary has each report's score and rank, the batch's ranking follows, and each report shows its
deductions by indicator (html_scores).

What the report was read as (lines and tables) is kept when each file is checked; under `-j N` the
report stays in its worker, and the file is read again when the HTML is written.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from gkcheck.hookspec import hookimpl
from gkcheck.reporting import html_parts, html_scores
from gkcheck.reporting.html_parts import T

READ_KEY = "html.read"


@dataclass
class ReadAs:
    """What gkcheck read in one file, for showing it: its format, its lines, its statistics tables."""

    format: str
    lines: dict[int, str] = field(default_factory=dict)
    tables: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, report) -> ReadAs:
        document = report.document
        lines = {}
        if document.format != "pdf":
            lines = {line.location.line: line.text for line in document.lines if line.location.line}
        return cls(document.format, lines, dict(report.tables))


@hookimpl
def gkcheck_addoption(parser) -> None:
    parser.add_argument("--html", metavar="FILE", help="also write the HTML report to FILE")


@hookimpl
def gkcheck_report_formats() -> list[str]:
    return ["html"]


@hookimpl
def gkcheck_output_files(config) -> list[tuple[str, str]]:
    return [("html", config.get("html"))] if config.get("html") else []


def _wanted(config) -> bool:
    return config.get("format") == "html" or bool(config.get("html"))


@hookimpl
def gkcheck_report_checked(result, report, config) -> None:
    if report is not None and _wanted(config):
        config.stash.setdefault(READ_KEY, {})[result.path] = ReadAs.of(report)


@hookimpl
def gkcheck_render(format: str, session) -> str | None:
    if format != "html":
        return None
    config = session.config
    read = dict(config.stash.get(READ_KEY, {}))
    missing = [item.path for item in session.results if item.error is None and item.path not in read]
    if missing:
        read.update(_read_again(config, missing))
    docs = rule_docs(config)
    return render_page(session, read, docs)


def _read_again(config, paths: list[str]) -> dict[str, ReadAs]:
    """Read files checked in worker processes once more, for their lines and tables."""
    from gkcheck.runner import Checker

    checker = Checker(config)
    out = {}
    for path in paths:
        try:
            out[path] = ReadAs.of(checker.load(path))
        except Exception:  # shown without its text; the check itself has its result already
            continue
    return out


def rule_docs(config) -> dict[str, tuple[str, str]]:
    """Each rule's (title, documentation), by id, in the language of the run."""
    from gkcheck.ruledocs import rule_doc

    docs = {}
    for group in config.hook.gkcheck_collect_rules(config=config):
        for item in group:
            docs[item.id] = rule_doc(item, config.lang)
    return docs


def _asset(name: str) -> str:
    from importlib import resources

    return resources.files("gkcheck.reporting").joinpath(name).read_text(encoding="utf-8")


def render_page(session, read: dict[str, ReadAs], docs: dict[str, tuple[str, str]]) -> str:
    config = session.config
    t = T(config.lang)
    fail_on = config.get("fail_on")
    scored = html_scores.scores(session)
    sections = [
        html_parts.report_section(
            index,
            result,
            read.get(result.path),
            docs,
            t,
            fail_on,
            html_scores.report_score(index, result, scored, config, t),
        )
        for index, result in enumerate(session.results, 1)
    ]
    title = t("gkcheck 检查报告", "gkcheck report")
    lang = "en" if config.lang == "en" else "zh-CN"
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{lang}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(title)}</title>",
            f"<style>{_asset('report.css')}</style></head>",
            "<body>",
            f"<header><h1>{html.escape(title)}</h1>{html_parts.run_line(session, t)}</header>",
            html_parts.summary_table(session.results, t, fail_on, scored),
            _ranking(session, scored, t),
            *sections,
            f"<script>{_asset('report.js')}</script>",
            "</body></html>",
            "",
        ]
    )


def _ranking(session, scored, t: T) -> str:
    if scored is None:
        return ""
    numbers = {result.path: index for index, result in enumerate(session.results, 1)}
    return html_scores.ranking(scored, numbers, t)
