"""Machine outputs: JUnit XML read by a real XML parser, JSON validated against its schema, SARIF."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
from lxml import etree

from tests.support.paths import SAMPLE_REPORTS, SAMPLES
from tests.support.pdfmaker import render_scan

SAMPLE_000 = SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"
SAMPLE_003 = SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf"


def results_schema() -> dict:
    return json.loads(
        resources.files("gkcheck.schema").joinpath("results.schema.json").read_text(encoding="utf-8")
    )


def test_junit_xml_has_a_suite_per_report_and_a_case_per_rule(gkcheck, tmp_path):
    missing = tmp_path / "missing.pdf"
    junit = tmp_path / "out" / "junit.xml"
    run = gkcheck(SAMPLE_000, SAMPLE_003, missing, "--junit-xml", junit)
    assert run.exit_code == 1
    root = etree.parse(str(junit)).getroot()
    assert root.tag == "testsuites"
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert set(suites) == {str(SAMPLE_000), str(SAMPLE_003), str(missing)}

    rules_run = gkcheck("rules", "--format", "json")
    rule_count = len(rules_run.json()["rules"])
    cases = suites[str(SAMPLE_000)].findall("testcase")
    assert len(cases) == rule_count
    failed = {case.get("name"): case.find("failure") for case in cases if case.find("failure") is not None}
    assert set(failed) >= {"GK203 contact-info", "GK105 heading-wording"}
    failure = failed["GK203 contact-info"]
    assert failure.get("type") == "warning"
    assert "第1页" in failure.text and "3581178" in failure.text
    assert int(suites[str(SAMPLE_000)].get("failures")) == len(failed)

    (load_case,) = suites[str(missing)].findall("testcase")
    assert load_case.find("error").get("message").startswith("文件不存在")


def test_junit_marks_skipped_rules_with_their_reason(gkcheck, tmp_path):
    junit = tmp_path / "junit.xml"
    gkcheck(render_scan(tmp_path / "scan.pdf"), "--junit-xml", junit, "-q", "-q")
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


def test_sarif_lists_each_finding_with_level_and_file(gkcheck):
    log = gkcheck(SAMPLE_000, "--format", "sarif").json()
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    levels = {result["ruleId"]: result["level"] for result in run["results"]}
    assert levels["GK203"] == "warning"
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == str(SAMPLE_000)


def test_github_annotations_one_line_per_finding(gkcheck):
    run = gkcheck(SAMPLE_000, "--format", "github", "--lang", "en")
    lines = run.stdout.splitlines()
    assert any(
        line.startswith(f"::warning file={SAMPLE_000},title=GK203 contact-info::page 1:") for line in lines
    )


def test_docx_finding_points_to_the_table_cell_in_the_document(gkcheck):
    document = gkcheck(SAMPLES / "001_c779024abbc6666e.docx", "--format", "json", "--select", "GK302").json()
    jsonschema.validate(document, results_schema())
    (finding,) = document["reports"][0]["results"][0]["findings"]
    assert finding["location"]["table"] == "applications"
    table, row, column = finding["location"]["cell"]
    assert table >= 0 and row > 0 and column >= 0
