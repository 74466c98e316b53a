"""GitLab Code Quality: the fields GitLab's report format documents, checked one by one."""

from __future__ import annotations

import json
import shutil

import jsonschema

from tests.support.paths import SAMPLE_REPORTS

SAMPLES = sorted(SAMPLE_REPORTS.glob("*.pdf"))
SAMPLE_000 = SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"
SAMPLE_001 = SAMPLE_REPORTS / "001_c779024abbc6666e.pdf"

# GitLab's documented Code Quality report format: an array of issues, each with these fields.
CODE_QUALITY = {
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "pattern": "^[^/]"},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {"begin": {"type": "integer", "minimum": 1}},
                    },
                },
            },
        },
    },
}


def code_quality(gkcheck, *args) -> list[dict]:
    issues = gkcheck(*args, "--format", "gitlab").json()
    jsonschema.validate(issues, CODE_QUALITY)
    return issues


def test_each_finding_is_an_issue_with_a_unique_fingerprint(gkcheck):
    issues = code_quality(gkcheck, *SAMPLES)
    assert len(issues) == 20
    assert len({issue["fingerprint"] for issue in issues}) == 20
    (error,) = [issue for issue in issues if issue["severity"] == "critical"]
    assert error["check_name"] == "GK302"
    assert error["location"] == {"path": "sample_reports/001_c779024abbc6666e.pdf", "lines": {"begin": 5}}
    assert error["description"].startswith(
        "GK302 template-version: 第5页: 2021年度报告的表三使用了2019年版格式"
    )
    contact = next(issue for issue in issues if issue["check_name"] == "GK203")
    assert contact["severity"] == "minor" and contact["location"]["lines"]["begin"] == 1


def test_a_clean_report_gives_an_empty_report(gkcheck, tmp_path):
    assert code_quality(gkcheck, SAMPLE_000, "--select", "GK3") == []


def test_paths_are_relative_to_the_working_directory(gkcheck, tmp_path, monkeypatch):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SAMPLE_000, folder / "a.pdf")
    monkeypatch.chdir(tmp_path)
    issues = code_quality(gkcheck, folder.resolve(), tmp_path / "missing.pdf")
    assert {issue["location"]["path"] for issue in issues} == {"reports/a.pdf", "missing.pdf"}
    assert issues[-1]["check_name"] == "load" and issues[-1]["severity"] == "blocker"


def test_fingerprints_are_the_same_in_both_languages(gkcheck):
    fingerprints = [issue["fingerprint"] for issue in code_quality(gkcheck, *SAMPLES)]
    assert [issue["fingerprint"] for issue in code_quality(gkcheck, *SAMPLES, "--lang", "en")] == fingerprints


def test_code_quality_file_beside_junit(gkcheck, tmp_path):
    extra, junit = tmp_path / "gl-code-quality.json", tmp_path / "junit.xml"
    gkcheck(*SAMPLES, "--gitlab", extra, "--junit-xml", junit, "-q", "-q")
    issues = json.loads(extra.read_text(encoding="utf-8"))
    jsonschema.validate(issues, CODE_QUALITY)
    assert issues == code_quality(gkcheck, *SAMPLES) and junit.exists()
