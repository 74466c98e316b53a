"""Built-in plugin: JUnit XML, as Jenkins, GitLab and pytest's own reports write and read it.

One testsuite per report, one testcase per rule. Only a rule that fails at or above `--fail-on`
is a `<failure>`: a run that exits 0 shows no failed test. A rule failing below the threshold
passes, its findings kept in the case's `<system-out>`; a skipped rule is `<skipped>` with its
reason, and so is a failure every finding of which is waived. An unreadable file is a suite with
one `load` case.

The output is valid against the Jenkins xUnit plugin's `junit-10.xsd` (the schema pytest tests
its own JUnit XML with). That schema has no `<error>` element in a testcase, so a rule that
raised and a file that could not be read are `<failure>`s of type `RuleError` and `InputError`.
"""

from __future__ import annotations

from gkcheck.hookspec import hookimpl
from gkcheck.patterns import LazyPattern
from gkcheck.results import ERROR, FAILED, SKIPPED, ReportResult, RuleResult
from gkcheck.rule import SEVERITY_RANK


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
    from lxml import etree

    config = session.config
    root = etree.Element("testsuites", name="gkcheck")
    for result in session.results:
        root.append(_suite(result, config.lang, config.get("fail_on")))
    _count(root, root.findall("testsuite"))
    root.set("time", _seconds(session.duration))
    text = etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="utf-8")
    return text.decode("utf-8")


# Characters XML 1.0 cannot hold (a PDF's text layer may carry them): dropped.
_NOT_XML = LazyPattern("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _seconds(value: float) -> str:
    """A duration as the schema's SUREFIRE_TIME allows: at most three decimals."""
    return f"{value:.3f}"


def _count(element, parts) -> None:
    """Set `tests`, `failures`, `errors` (and on a suite `skipped`) from the cases below."""
    cases = [case for part in parts for case in ([part] if part.tag == "testcase" else part.iter("testcase"))]
    element.set("tests", str(len(cases)))
    element.set("failures", str(sum(case.find("failure") is not None for case in cases)))
    element.set("errors", "0")
    if element.tag == "testsuite":
        element.set("skipped", str(sum(case.find("skipped") is not None for case in cases)))


def _suite(result: ReportResult, lang: str, fail_on: str):
    from lxml import etree

    suite = etree.Element("testsuite", name=result.path)
    facts = {key: xml_text(str(value)) for key, value in result.facts.items() if value is not None}
    if facts:
        properties = etree.SubElement(suite, "properties")
        for key, value in facts.items():
            etree.SubElement(properties, "property", name=key, value=value)
    if result.error is not None:
        case = etree.SubElement(suite, "testcase", name="load", classname=result.path, time="0.000")
        reason = xml_text(result.error.text(lang))
        failure = etree.SubElement(case, "failure", type="InputError", message=reason)
        failure.text = reason
    for item in result.results:
        suite.append(_case(result.path, item, lang, fail_on))
    _count(suite, suite.findall("testcase"))
    suite.set("time", _seconds(result.duration))
    return suite


def _case(path: str, item: RuleResult, lang: str, fail_on: str):
    from lxml import etree

    case = etree.Element(
        "testcase", name=f"{item.rule_id} {item.name}", classname=path, time=_seconds(item.duration)
    )
    if item.waived:
        etree.SubElement(case, "skipped", type="waived", message=_waiver_notes(item))
        _system_out(case, finding_lines(item, lang))
    elif item.outcome == FAILED:
        lines = finding_lines(item, lang)
        if SEVERITY_RANK[item.severity] >= SEVERITY_RANK[fail_on]:
            failure = etree.SubElement(case, "failure", type=item.severity, message=lines[0] if lines else "")
            failure.text = "\n".join(lines)
        else:
            _system_out(case, lines)
    elif item.outcome == SKIPPED:
        etree.SubElement(case, "skipped", message=xml_text(item.reason.text(lang)) if item.reason else "")
    elif item.outcome == ERROR:
        reason = xml_text(item.reason.text(lang)) if item.reason else ""
        failure = etree.SubElement(case, "failure", type="RuleError", message=reason)
        failure.text = xml_text(item.traceback or reason)
    return case


def finding_lines(item: RuleResult, lang: str) -> list[str]:
    """Each finding of a failed rule on a line: `[warning] 第1页: message`."""
    lines = []
    for finding in item.findings:
        place = finding.location.describe(lang) if finding.location else ""
        severity = finding.severity or item.severity
        lines.append(xml_text(f"[{severity}] {place + ': ' if place else ''}{finding.message.text(lang)}"))
    return lines


def _system_out(case, lines: list[str]) -> None:
    from lxml import etree

    if lines:
        etree.SubElement(case, "system-out").text = "\n".join(lines)


def _waiver_notes(item: RuleResult) -> str:
    notes = {note for index in range(len(item.findings)) if (note := item.waiver(index)) is not None}
    return xml_text(
        "; ".join(
            f"waived until {note.expires}: {note.reason} ({note.source})"
            for note in sorted(notes, key=lambda note: note.source)
        )
    )
