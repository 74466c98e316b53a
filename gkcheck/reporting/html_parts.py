"""The parts of the HTML report: the summary table, and each report's findings, pages and outcomes."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Iterator

from gkcheck.reporting import html_scores
from gkcheck.reporting.html_pages import PageBox, PagePicture, box_style, render_pages
from gkcheck.reporting.html_tables import table_grids
from gkcheck.results import ERROR, FAILED, PASSED, SKIPPED, ReportResult, RuleResult
from gkcheck.rule import SEVERITY_RANK, Finding

SEVERITY_NAMES = {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "note")}
VERDICTS = {PASSED: ("通过", "passed"), FAILED: ("未通过", "failed"), ERROR: ("出错", "error")}
OUTCOMES = {
    PASSED: ("通过", "passed"),
    FAILED: ("未通过", "failed"),
    SKIPPED: ("跳过", "skipped"),
    ERROR: ("规则出错", "rule error"),
    "waived": ("已豁免", "waived"),
}
SHORT_TABLE_NAMES = {
    "active_disclosure": ("表二", "table 二"),
    "applications": ("表三", "table 三"),
    "reviews": ("表四", "table 四"),
}
KINDS = {"department": ("部门", "department"), "government": ("政府", "government")}
# How many lines of text are shown before and after a finding's line (DOCX, HTML, text).
EXCERPT_CONTEXT = 1


class T:
    """The language of the report: `t(zh, en)` gives the text to write, `t.pair(names)` a pair's."""

    def __init__(self, lang: str):
        self.lang = lang

    def __call__(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh

    def pair(self, names: tuple[str, str]) -> str:
        return self(*names)


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def finding_severity(result: RuleResult, finding: Finding) -> str:
    """A finding's severity: its own when lower than its rule's (as run), else the rule's."""
    own = finding.severity or result.severity
    return own if SEVERITY_RANK[own] < SEVERITY_RANK[result.severity] else result.severity


def numbered_findings(result: ReportResult) -> Iterator[tuple[int, RuleResult, Finding, bool]]:
    """(number in the report, rule's result, finding, waived) for every finding of a failed rule."""
    number = 0
    for item in result.results:
        if item.outcome != FAILED:
            continue
        for index, finding in enumerate(item.findings):
            number += 1
            yield number, item, finding, item.is_waived(index)


def counts(result: ReportResult) -> dict[str, int]:
    """Findings by severity, waived ones left out."""
    out = {"error": 0, "warning": 0, "info": 0}
    for _number, item, finding, waived in numbered_findings(result):
        if not waived:
            out[finding_severity(item, finding)] += 1
    return out


def run_line(session, t: T) -> str:
    profile = session.config.get("profile") or "national"
    return (
        f'<p class="run">{t("规则包", "profile")}: {esc(profile)} · '
        f"{t('用时', 'time')}: {session.duration:.2f} {t('秒', 's')} · "
        f"{t('报告数', 'reports')}: {len(session.results)}</p>"
    )


def summary_table(results: list[ReportResult], t: T, fail_on: str, scored=None) -> str:
    """The table of the reports; with `scored` (html_scores.scores), their scores and ranks too."""
    headers = [
        ("num", "#", "#"),
        ("text", "文件", "file"),
        ("text", "机关", "issuer"),
        ("num", "年度", "year"),
        ("text", "规则包", "profile"),
        ("num", "错误", "errors"),
        ("num", "警告", "warnings"),
        ("num", "提示", "notes"),
        ("text", "结论", "verdict"),
    ]
    labels = [(kind, t(zh, en)) for kind, zh, en in headers]
    if scored is not None:
        labels[-1:-1] = html_scores.summary_headers(t)
    head = "".join(f'<th data-sort="{kind}" tabindex="0">{label}</th>' for kind, label in labels)
    rows = [_summary_row(index, result, t, fail_on, scored) for index, result in enumerate(results, 1)]
    verdicts = "".join(f'<option value="{key}">{t.pair(names)}</option>' for key, names in VERDICTS.items())
    return (
        '<section id="summary"><h2>' + t("汇总", "Summary") + "</h2>"
        '<div class="filters"><input id="filter" type="search" placeholder="'
        + t("筛选：文件、机关、年度……", "filter: file, issuer, year…")
        + '"> <select id="verdict"><option value="">'
        + t("全部结论", "every verdict")
        + "</option>"
        + verdicts
        + "</select></div>"
        f'<table id="summary-table" class="summary"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _summary_row(index: int, result: ReportResult, t: T, fail_on: str, scored) -> str:
    verdict = result.outcome(fail_on)
    found = counts(result)
    facts = result.facts
    cells = [
        f"<td>{index}</td>",
        f'<td><a href="#report-{index}">{esc(result.path)}</a></td>',
        f"<td>{esc(facts.get('issuer'))}</td>",
        f"<td>{esc(facts.get('year'))}</td>",
        f"<td>{esc(facts.get('profile'))}</td>",
        *(f'<td class="count {key}">{found[key]}</td>' for key in ("error", "warning", "info")),
        *(html_scores.summary_cells(scored["by_path"].get(result.path)) if scored is not None else []),
        f'<td class="verdict {verdict}">{t.pair(VERDICTS[verdict])}</td>',
    ]
    return f'<tr data-verdict="{verdict}">{"".join(cells)}</tr>'


def report_section(index: int, result: ReportResult, read, docs, t: T, fail_on: str, score: str = "") -> str:
    """A report's section: its facts, its score (html_scores.report_score), findings, pages, outcomes."""
    verdict = result.outcome(fail_on)
    title = result.facts.get("title") or result.path
    parts = [
        f'<section class="report {verdict}" id="report-{index}">',
        f'<h2><span class="verdict {verdict}">{t.pair(VERDICTS[verdict])}</span> {esc(title)}</h2>',
        _facts_line(result, t),
    ]
    if result.error is not None:
        parts.append(
            f'<p class="load-error">{t("无法检查", "not checked")}: {esc(result.error.text(t.lang))}</p>'
        )
    else:
        fmt = read.format if read else ""
        parts += [
            score,
            _findings_list(index, result, t),
            _pages(index, result, t) if fmt == "pdf" else _excerpts(index, result, read, t),
            table_grids(index, result, read, t) if read else "",
            _outcomes(index, result, docs, t),
        ]
    parts.append("</section>")
    return "\n".join(part for part in parts if part)


def _facts_line(result: ReportResult, t: T) -> str:
    facts = result.facts
    kind = KINDS.get(facts.get("kind") or "")
    items = [
        (t("文件", "file"), result.path),
        (t("机关", "issuer"), facts.get("issuer")),
        (t("年度", "year"), facts.get("year")),
        (t("类别", "kind"), t.pair(kind) if kind else facts.get("kind")),
        (t("规则包", "profile"), facts.get("profile")),
        (t("页数", "pages"), result.pages or None),
    ]
    shown = " · ".join(f"{name}: <b>{esc(value)}</b>" for name, value in items if value is not None)
    return f'<p class="facts">{shown}</p>'


def _findings_list(index: int, result: ReportResult, t: T) -> str:
    rows = [
        _finding_item(index, number, item, finding, waived, t)
        for number, item, finding, waived in numbered_findings(result)
    ]
    if not rows:
        return f'<p class="no-findings">{t("没有发现问题。", "No findings.")}</p>'
    return f'<h3>{t("问题", "Findings")}</h3><ol class="findings">{"".join(rows)}</ol>'


def _finding_item(index: int, number: int, item: RuleResult, finding: Finding, waived: bool, t: T) -> str:
    severity = finding_severity(item, finding)
    location = finding.location
    place = location.describe(t.lang) if location else ""
    link = ""
    if location is not None and location.page is not None:
        link = f' <a class="to-page" href="#page-{index}-{location.page}">{esc(place)}</a>'
    elif place:
        link = f' <a class="to-page" href="#excerpt-{index}-{number}">{esc(place)}</a>'
    elif location is not None and location.table_key in SHORT_TABLE_NAMES:
        name = t.pair(SHORT_TABLE_NAMES[location.table_key])
        link = f' <a class="to-page" href="#grid-{index}-{location.table_key}">{name}</a>'
    shown = [
        f"{name}: <code>{esc(value)}</code>"
        for name, value in ((t("应为", "expected"), finding.expected), (t("实为", "actual"), finding.actual))
        if value is not None
    ]
    values = f'<div class="values">{" · ".join(shown)}</div>' if shown else ""
    mark = f' <span class="waived">{t("已豁免", "waived")}</span>' if waived else ""
    return (
        f'<li id="finding-{index}-{number}" class="finding {severity}" value="{number}">'
        f'<span class="sev {severity}">{t.pair(SEVERITY_NAMES[severity])}</span> '
        f'<a class="rule" href="#rule-{index}-{item.rule_id}">{esc(item.rule_id)} {esc(item.name)}</a>'
        f'{link}{mark}<div class="message">{esc(finding.message.text(t.lang))}</div>{values}</li>'
    )


def _pages(index: int, result: ReportResult, t: T) -> str:
    boxes: dict[int, list[PageBox]] = defaultdict(list)
    for number, item, finding, _waived in numbered_findings(result):
        location = finding.location
        if location is None or location.page is None:
            continue
        page = boxes[location.page]  # a finding without a bbox shows its page, unboxed
        if location.bbox is not None:
            page.append(PageBox(number, location.bbox, finding_severity(item, finding)))
    if not boxes:
        return ""
    pictures = render_pages(result.path, boxes)
    figures = "".join(_figure(index, picture, t) for picture in pictures)
    hint = t("（点击页面可放大）", "(click a page to enlarge it)")
    return f'<h3>{t("页面", "Pages")} <small>{hint}</small></h3><div class="pages">{figures}</div>'


def _figure(index: int, picture: PagePicture, t: T) -> str:
    boxes = "".join(
        f'<a class="box {box.severity}" href="#finding-{index}-{box.number}" '
        f'style="{box_style(box, picture)}">'
        f"<span>{box.number}</span></a>"
        for box in picture.boxes
    )
    caption = t(f"第{picture.page}页", f"page {picture.page}")
    return (
        f'<figure class="page" id="page-{index}-{picture.page}"><figcaption>{caption}</figcaption>'
        f'<div class="sheet"><img src="{picture.uri}" alt="{esc(caption)}" '
        f'width="{picture.width:.0f}" height="{picture.height:.0f}">{boxes}</div></figure>'
    )


def _excerpts(index: int, result: ReportResult, read, t: T) -> str:
    """The lines around each finding's line; findings on one line share its excerpt."""
    if read is None or not read.lines:
        return ""
    by_line: dict[int, list[tuple[int, str, object]]] = defaultdict(list)
    for number, item, finding, _waived in numbered_findings(result):
        location = finding.location
        if location is not None and location.line is not None and location.line in read.lines:
            by_line[location.line].append((number, finding_severity(item, finding), finding.actual))
    if not by_line:
        return ""
    items = [
        _excerpt(index, line, by_line[line], read.lines)
        for line in sorted(by_line, key=lambda n: by_line[n][0])
    ]
    return f'<h3>{t("原文摘录", "Excerpts")}</h3><div class="excerpts">{"".join(items)}</div>'


def _excerpt(index: int, at: int, found: list[tuple[int, str, object]], lines: dict[int, str]) -> str:
    shown = []
    for line in range(at - EXCERPT_CONTEXT, at + EXCERPT_CONTEXT + 1):
        if line in lines:
            text = (
                _highlight(lines[line], [actual for _n, _s, actual in found])
                if line == at
                else esc(lines[line])
            )
            css = "hit" if line == at else ""
            shown.append(f'<div class="line {css}"><span class="no">{line}</span>{text}</div>')
    severity = max((severity for _n, severity, _a in found), key=lambda name: SEVERITY_RANK[name])
    numbers = "".join(
        f'<a class="num" id="excerpt-{index}-{number}" href="#finding-{index}-{number}">{number}</a>'
        for number, _s, _a in found
    )
    return f'<div class="excerpt {severity}">{numbers}{"".join(shown)}</div>'


def _highlight(text: str, actuals: list[object]) -> str:
    """The line with the findings' actual texts marked; the whole line marked when none is found in it."""
    wanted = {str(actual) for actual in actuals if isinstance(actual, (str, int)) and str(actual).strip()}
    present = sorted((item for item in wanted if item in text), key=len, reverse=True)
    if not present:
        return f"<mark>{esc(text)}</mark>"
    pattern = "|".join(re.escape(esc(item)) for item in present)
    return re.sub(pattern, lambda m: f"<mark>{m.group(0)}</mark>", esc(text))


def _outcomes(index: int, result: ReportResult, docs, t: T) -> str:
    rows = []
    for item in result.results:
        outcome = "waived" if item.waived else item.outcome
        detail = item.reason.text(t.lang) if item.reason else ""
        if item.outcome == FAILED:
            detail = t(f"{len(item.findings)} 条问题", f"{len(item.findings)} finding(s)")
        title, doc = docs.get(item.rule_id, ("", ""))
        rows.append(
            f'<tr id="rule-{index}-{item.rule_id}" class="{outcome}"><td>{esc(item.rule_id)}</td>'
            f"<td>{esc(item.name)}<br><small>{esc(title)}</small></td>"
            f'<td class="outcome {outcome}">{t.pair(OUTCOMES[outcome])}</td>'
            f"<td>{t.pair(SEVERITY_NAMES[item.severity])}</td><td>{esc(detail)}"
            f"<details><summary>{t('规则说明', 'documentation')}</summary>{doc_html(doc)}</details></td></tr>"
        )
    head = "".join(f"<th>{t(zh, en)}</th>" for zh, en in _OUTCOME_HEADERS)
    return (
        f"<h3>{t('各规则结果', 'Every rule')}</h3>"
        f'<table class="outcomes"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


_OUTCOME_HEADERS = (
    ("规则", "rule"),
    ("名称", "name"),
    ("结果", "outcome"),
    ("级别", "severity"),
    ("说明", "detail"),
)


def doc_html(doc: str) -> str:
    """A rule's documentation (Markdown-like: paragraphs, **bold**, `code`) as HTML."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", doc or "") if part.strip()]
    out = []
    for part in paragraphs:
        text = esc(part)
        text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
        text = re.sub(r"`(.+?)`", r"<code>\1</code>", text)
        out.append(f"<p>{text}</p>")
    return "".join(out)
