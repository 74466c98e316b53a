"""Built-in plugin: the batch as an Excel workbook for the office (`--xlsx FILE`).

Three sheets: 汇总 (one row per report: body, year, profile, score, errors, warnings, verdict,
path), 问题 (one row per finding, filterable, with rule and page) and 逐年对比 (each body's reports
across years, one row per body and year, with the report linked as last year's and the outcomes of
the rules comparing the two). Headers are in Chinese unless `--lang en`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gkcheck.errors import UsageError
from gkcheck.hookspec import hookimpl
from gkcheck.run_index import RunIndex, body_key

SHEETS = {
    "zh": ("汇总", "问题", "逐年对比"),
    "en": ("Summary", "Findings", "Bodies by year"),
}
# The rules comparing a report with last year's, one column each in the per-body sheet.
YEAR_RULES = {
    "zh": (("GK403", "上年结转衔接"), ("GK405", "表二衔接"), ("GK406", "与上年重复"), ("GK503", "第五部分")),
    "en": (
        ("GK403", "Carry-over"),
        ("GK405", "Table 二 stocks"),
        ("GK406", "Copied"),
        ("GK503", "Section 五"),
    ),
}
OUTCOMES = {"zh": {"passed": "通过", "failed": "未通过", "skipped": "跳过", "error": "出错", None: "未检查"}}
HEADERS = {
    "zh": (
        ("机关", "年度", "规则包", "得分", "错误", "警告", "结论", "文件"),
        ("文件", "机关", "年度", "规则", "名称", "级别", "页码", "部分", "问题"),
        (
            "机关",
            "年度",
            "得分",
            "错误",
            "警告",
            "结论",
            "上年报告",
            *(f"{title}（{rule}）" for rule, title in YEAR_RULES["zh"]),
            "文件",
        ),
    ),
    "en": (
        ("Body", "Year", "Profile", "Score", "Errors", "Warnings", "Verdict", "File"),
        ("File", "Body", "Year", "Rule", "Name", "Severity", "Page", "Section", "Finding"),
        (
            "Body",
            "Year",
            "Score",
            "Errors",
            "Warnings",
            "Verdict",
            "Last year's report",
            *(f"{title} ({rule})" for rule, title in YEAR_RULES["en"]),
            "File",
        ),
    ),
}
VERDICTS = {"zh": {"passed": "通过", "failed": "未通过", "error": "无法检查"}}


@hookimpl
def gkcheck_addoption(parser) -> None:
    parser.add_argument("--xlsx", metavar="FILE", help="also write the batch as an Excel workbook to FILE")


@hookimpl
def gkcheck_run_complete(session) -> None:
    """Note which report is linked as each one's last year's, while the run still has the summaries."""
    if not session.config.get("xlsx"):
        return
    index = RunIndex([result.summary for result in session.results if result.summary is not None])
    session.config.stash["xlsx_previous"] = {
        summary.path: linked.path for summary in index.summaries if (linked := index.previous_of(summary))
    }


@hookimpl
def gkcheck_session_finish(session, exitstatus) -> None:
    path = session.config.get("xlsx")
    if path:
        write_workbook(session, path)


def rows(
    document: dict[str, Any], lang: str, previous: Mapping[str, str] | None = None
) -> tuple[list[list], list[list], list[list]]:
    """The three sheets' rows (without headers) from the JSON results document.

    `previous` gives, for each report, the path of the report linked as its last year's.
    """
    scores = {item["path"]: item for item in document.get("assessment", {}).get("reports", [])}
    verdicts = VERDICTS.get(lang, {})
    summary, findings = [], []
    for report in document["reports"]:
        counts = _counts(report)
        score = scores.get(report["path"], {}).get("score")
        verdict = verdicts.get(report["outcome"], report["outcome"])
        summary.append(
            [
                report.get("issuer"),
                report.get("year"),
                report.get("profile"),
                score,
                counts["error"],
                counts["warning"],
                verdict,
                report["path"],
            ]
        )
        for result in report["results"]:
            for finding in result["findings"]:
                where = finding.get("location") or {}
                findings.append(
                    [
                        report["path"],
                        report.get("issuer"),
                        report.get("year"),
                        result["rule"],
                        result["name"],
                        result["severity"],
                        where.get("page"),
                        where.get("section"),
                        finding["message"],
                    ]
                )
    return summary, findings, _bodies(document, summary, lang, previous or {})


def _bodies(
    document: dict[str, Any], summary: list[list], lang: str, previous: Mapping[str, str]
) -> list[list]:
    """One row per report, grouped by body and ordered by year, with the rules across years."""
    outcomes = OUTCOMES.get(lang, {})
    by_path = {report["path"]: report for report in document["reports"]}
    out = []
    for row in sorted(summary, key=lambda row: (_body(row[0]), row[1] or 0)):
        results = {result["rule"]: result["outcome"] for result in by_path[row[7]]["results"]}
        across = [outcomes.get(results.get(rule), results.get(rule)) for rule, _ in YEAR_RULES["zh"]]
        out.append([row[0], row[1], row[3], row[4], row[5], row[6], previous.get(row[7]), *across, row[7]])
    return out


def _body(issuer: str | None) -> str:
    """The body's name without what years spell differently (the GK403 matching's key)."""
    if not issuer:
        return ""
    regions, body = body_key(issuer)
    return "".join(regions[-1:]) + body


def _counts(report: dict[str, Any]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0}
    for result in report["results"]:
        if result["outcome"] == "failed" and result["severity"] in counts:
            counts[result["severity"]] += len(result["findings"]) or 1
    return counts


def write_workbook(session, path: str) -> None:
    from openpyxl import Workbook

    from gkcheck.reporting.jsonout import results_document

    lang = "en" if session.config.lang == "en" else "zh"
    document = results_document(session)
    previous = session.config.stash.get("xlsx_previous", {})
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, headers, data in zip(SHEETS[lang], HEADERS[lang], rows(document, lang, previous)):
        sheet = workbook.create_sheet(name)
        sheet.append(list(headers))
        for row in data:
            sheet.append(row)
        sheet.auto_filter.ref = sheet.dimensions
        sheet.freeze_panes = "A2"
    try:
        workbook.save(path)
    except OSError as exc:
        raise UsageError(
            zh=f"--xlsx：无法写入 {path}：{exc.strerror}", en=f"--xlsx: cannot write {path}: {exc.strerror}"
        ) from None
