"""Built-in plugin: JUnit XML through the junit-xml package.

One testsuite per report, one testcase per rule; `<failure>` lists every finding with its page,
`<skipped>` carries the reason, `<error>` the traceback. An unreadable file is a suite with one
`load` testcase in error.
"""

from __future__ import annotations

from junit_xml import TestCase, TestSuite, to_xml_report_string

from gkcheck.hookspec import hookimpl
from gkcheck.results import ERROR, FAILED, SKIPPED, ReportResult


@hookimpl
def gkcheck_addoption(parser) -> None:
    parser.add_argument("--junit-xml", metavar="FILE", help="also write JUnit XML to FILE")


@hookimpl
def gkcheck_report_formats() -> list[str]:
    return ["junit"]


@hookimpl
def gkcheck_output_files(config) -> list[tuple[str, str]]:
    return [("junit", config.get("junit_xml"))] if config.get("junit_xml") else []


@hookimpl
def gkcheck_render(format: str, session) -> str | None:
    if format != "junit":
        return None
    lang = session.config.lang
    suites = [_suite(result, lang) for result in session.results]
    return to_xml_report_string(suites, prettyprint=True, encoding="utf-8")


def _suite(result: ReportResult, lang: str) -> TestSuite:
    properties = {key: str(value) for key, value in result.facts.items() if value is not None}
    if result.error is not None:
        case = TestCase("load", classname=result.path, file=result.path)
        case.add_error_info(message=result.error.text(lang), error_type="InputError")
        return TestSuite(result.path, [case], properties=properties, file=result.path)
    cases = []
    for item in result.results:
        case = TestCase(
            f"{item.rule_id} {item.name}",
            classname=f"{result.path}",
            elapsed_sec=item.duration,
            file=result.path,
        )
        if item.waived:  # accepted findings: skipped, with the waiver's reason and expiry
            notes = {note for index in range(len(item.findings)) if (note := item.waiver(index)) is not None}
            case.add_skipped_info(
                message="; ".join(
                    f"waived until {note.expires}: {note.reason} ({note.source})" for note in notes
                )
            )
        elif item.outcome == FAILED:
            lines = []
            for finding in item.findings:
                place = finding.location.describe(lang) if finding.location else ""
                lines.append(f"{place + ': ' if place else ''}{finding.message.text(lang)}")
            case.add_failure_info(
                message=f"[{item.severity}] {lines[0]}", output="\n".join(lines), failure_type=item.severity
            )
        elif item.outcome == SKIPPED:
            case.add_skipped_info(message=item.reason.text(lang) if item.reason else "")
        elif item.outcome == ERROR:
            case.add_error_info(
                message=item.reason.text(lang) if item.reason else "", output=item.traceback or ""
            )
        cases.append(case)
    return TestSuite(result.path, cases, properties=properties, file=result.path)
