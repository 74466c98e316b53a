"""Machine outputs: JUnit XML read by a real XML parser, JSON validated against its schema, SARIF."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import junitparser
import xmlschema
from lxml import etree

from tests.support.paths import DATA, SAMPLE_REPORTS, SAMPLES
from tests.support.pdfmaker import render_scan

SAMPLE_000 = SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"
SAMPLE_003 = SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf"
# The Jenkins xUnit plugin's JUnit schema, as pytest ships it for its own JUnit XML (MIT licence inside).
JUNIT_SCHEMA = xmlschema.XMLSchema(str(DATA / "schemas" / "junit-10.xsd"))


def results_schema() -> dict:
    return json.loads(
        resources.files("gkcheck.schema").joinpath("results.schema.json").read_text(encoding="utf-8")
    )


def test_junit_xml_has_a_suite_per_report_and_a_case_per_rule(gkcheck, tmp_path):
    missing = tmp_path / "missing.pdf"
    junit = tmp_path / "out" / "junit.xml"
    run = gkcheck(SAMPLE_000, SAMPLE_003, missing, "--junit-xml", junit)
    assert run.exit_code == 1
    JUNIT_SCHEMA.validate(str(junit))
    root = etree.parse(str(junit)).getroot()
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert set(suites) == {str(SAMPLE_000), str(SAMPLE_003), str(missing)}

    rule_count = len(gkcheck("rules", "--format", "json").json()["rules"])
    cases = {case.get("name"): case for case in suites[str(SAMPLE_000)].findall("testcase")}
    assert len(cases) == rule_count
    (load_case,) = suites[str(missing)].findall("testcase")
    failure = load_case.find("failure")
    assert failure.get("type") == "InputError" and failure.get("message").startswith("文件不存在")


def test_findings_below_fail_on_pass_with_their_text_in_system_out(gkcheck, tmp_path):
    junit = tmp_path / "junit.xml"
    assert gkcheck(SAMPLE_000, "--junit-xml", junit, "-q", "-q").exit_code == 0
    JUNIT_SCHEMA.validate(str(junit))
    suite = etree.parse(str(junit)).getroot().find("testsuite")
    assert suite.get("failures") == "0"
    case = next(case for case in suite.iter("testcase") if case.get("name") == "GK203 contact-info")
    assert case.find("failure") is None
    assert case.find("system-out").text == "[warning] 第1页: 联系电话“3581178”缺少区号"


def test_with_fail_on_warning_the_same_findings_are_failures(gkcheck, tmp_path):
    junit = tmp_path / "junit.xml"
    assert gkcheck(SAMPLE_000, "--junit-xml", junit, "--fail-on", "warning", "-q", "-q").exit_code == 1
    JUNIT_SCHEMA.validate(str(junit))
    cases = {case.get("name"): case for case in etree.parse(str(junit)).getroot().iter("testcase")}
    failure = cases["GK203 contact-info"].find("failure")
    assert failure.get("type") == "warning" and "3581178" in failure.text
    assert cases["GK104 title"].find("failure") is None  # an info finding stays below `warning`


def test_junitparser_reads_the_outcomes_gkcheck_reports(gkcheck, tmp_path):
    junit = tmp_path / "junit.xml"
    document = gkcheck(*sorted(SAMPLE_REPORTS.glob("*.pdf")), "--format", "json").json()
    gkcheck(*sorted(SAMPLE_REPORTS.glob("*.pdf")), "--junit-xml", junit, "-q", "-q")
    JUNIT_SCHEMA.validate(str(junit))
    xml = junitparser.JUnitXml.fromfile(str(junit))
    for suite, report in zip(xml, document["reports"]):
        assert suite.name == report["path"]
        failed = [r for r in report["results"] if r["outcome"] == "failed" and r["severity"] == "error"]
        skipped = [r for r in report["results"] if r["outcome"] == "skipped"]
        assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (
            len(report["results"]),
            len(failed),
            0,
            len(skipped),
        )
        outcomes = {case.name: type(case.result[0]).__name__ if case.result else "passed" for case in suite}
        assert sorted(name for name, outcome in outcomes.items() if outcome == "Failure") == sorted(
            f"{r['rule']} {r['name']}" for r in failed
        )
    assert sum(suite.failures for suite in xml) == 1  # 001's GK302, the only error in the samples


def test_junit_marks_skipped_rules_with_their_reason(gkcheck, tmp_path):
    junit = tmp_path / "junit.xml"
    gkcheck(render_scan(tmp_path / "scan.pdf"), "--junit-xml", junit, "-q", "-q")
    JUNIT_SCHEMA.validate(str(junit))
    cases = {case.get("name")[:5]: case for case in etree.parse(str(junit)).getroot().findall(".//testcase")}
    assert cases["GK001"].find("failure") is not None
    skipped = cases["GK201"].find("skipped")
    assert skipped is not None and skipped.get("message") == "无文本层（扫描件），无法检查"


def test_json_output_validates_against_the_schema(gkcheck, tmp_path):
    missing = tmp_path / "missing.pdf"
    run = gkcheck(*sorted(SAMPLE_REPORTS.glob("*.pdf")), missing, "--format", "json")
    document = run.json()
    jsonschema.validate(document, results_schema())
    assert document["schema"] == 1
    assert document["summary"]["reports"] == len(document["reports"])
    assert document["summary"]["error"] == 1
    by_path = {report["path"]: report for report in document["reports"]}
    sample = by_path[str(SAMPLE_000)]
    assert sample["year"] == 2023 and sample["kind"] == "department"
    assert sample["issuer"] == "淄博高新技术产业开发区发展改革局"
    finding = next(r for r in sample["results"] if r["rule"] == "GK203")["findings"][0]
    assert finding["location"]["page"] == 1 and len(finding["location"]["bbox"]) == 4


def test_extra_json_file_matches_the_json_format(gkcheck, tmp_path):
    extra = tmp_path / "extra.json"
    main = gkcheck(SAMPLE_000, "--format", "json").json()
    gkcheck(SAMPLE_000, "--json", extra, "-q", "-q")
    written = json.loads(extra.read_text(encoding="utf-8"))
    assert written["reports"] == main["reports"]


def test_docx_finding_points_to_the_table_cell_in_the_document(gkcheck):
    document = gkcheck(SAMPLES / "001_c779024abbc6666e.docx", "--format", "json", "--select", "GK302").json()
    jsonschema.validate(document, results_schema())
    (finding,) = document["reports"][0]["results"][0]["findings"]
    assert finding["location"]["table"] == "applications"
    table, row, column = finding["location"]["cell"]
    assert table >= 0 and row > 0 and column >= 0
