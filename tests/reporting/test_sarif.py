"""SARIF: the official 2.1.0 schema, and the SARIF validator's and GitHub's rules field by field."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter

import jsonschema
import pytest

from tests.support.paths import DATA, SAMPLE_REPORTS

SARIF_SCHEMA = json.loads((DATA / "schemas" / "sarif-2.1.0.json").read_text(encoding="utf-8"))
SAMPLES = sorted(SAMPLE_REPORTS.glob("*.pdf"))
SAMPLE_000 = SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"
SAMPLE_001 = SAMPLE_REPORTS / "001_c779024abbc6666e.pdf"


def sarif(gkcheck, *args):
    log = gkcheck(*args, "--format", "sarif").json()
    jsonschema.Draft202012Validator(SARIF_SCHEMA).validate(log)
    return log


def test_every_result_has_a_region_with_a_start_line(gkcheck, tmp_path):
    """SARIF1007: a region without startLine, charOffset or byteOffset is an error."""
    (run,) = sarif(gkcheck, *SAMPLES, tmp_path / "missing.pdf")["runs"]
    regions = [result["locations"][0]["physicalLocation"]["region"] for result in run["results"]]
    assert len(regions) == 21
    assert all(isinstance(region["startLine"], int) and region["startLine"] >= 1 for region in regions)


def test_a_pdf_finding_keeps_its_page_and_bbox_in_the_region(gkcheck):
    (run,) = sarif(gkcheck, SAMPLE_000, "--select", "GK203")["runs"]
    (result,) = run["results"]
    region = result["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 1 == region["properties"]["page"]
    assert len(region["properties"]["bbox"]) == 4
    assert result["message"]["text"] == "第1页: 联系电话“3581178”缺少区号"


def test_every_rule_is_described_as_github_asks(gkcheck):
    """GH2012 (shortDescription, fullDescription, help), SARIF1001 (name is not the id), tags, level."""
    (run,) = sarif(gkcheck, SAMPLE_000, "--rule-doc-url", "https://docs.example/rules/{id}.html")["runs"]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert len(rules) == len(gkcheck("rules", "--format", "json").json()["rules"])
    for rule in rules.values():
        assert rule["shortDescription"]["text"] and rule["fullDescription"]["text"]
        assert rule["help"]["text"] and rule["help"]["markdown"]
        assert rule["name"] != rule["id"]
        assert rule["helpUri"] == f"https://docs.example/rules/{rule['id']}.html"
        assert rule["properties"]["tags"][:2] == ["gkcheck", rule["id"][:3]]
    contact = rules["GK203"]
    explained = gkcheck("--explain", "GK203").stdout
    assert contact["shortDescription"]["text"] in explained and "**作用**" in contact["help"]["markdown"]
    (english,) = sarif(gkcheck, SAMPLE_000, "--select", "GK203", "--lang", "en")["runs"]
    (contact_en,) = english["tool"]["driver"]["rules"]
    assert contact_en["shortDescription"]["text"].startswith("Contact details are given")
    assert "**Why is this bad?**" in contact_en["help"]["markdown"]
    assert contact["defaultConfiguration"]["level"] == "warning"
    assert rules["GK302"]["defaultConfiguration"]["level"] == "error"
    levels = {result["ruleId"]: result["level"] for result in run["results"]}
    assert levels["GK203"] == "warning"
    assert {result["ruleId"] for result in run["results"]} <= set(rules)


def test_an_unreadable_file_is_a_result_of_a_described_rule(gkcheck, tmp_path):
    (run,) = sarif(gkcheck, tmp_path / "missing,file.pdf")["runs"]
    (result,) = run["results"]
    assert result["ruleId"] == "load" and result["level"] == "error"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
        "missing%2Cfile.pdf"
    )
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["load"]


def test_fingerprints_are_unique_and_stable_across_runs_and_languages(gkcheck):
    def fingerprints(*args):
        (run,) = sarif(gkcheck, *SAMPLES, *args)["runs"]
        return [result["partialFingerprints"]["gkcheckFinding/v1"] for result in run["results"]]

    first = fingerprints()
    assert len(first) == len(set(first)) == 20
    assert fingerprints() == first
    assert fingerprints("--lang", "en", "-j", "2") == first


@pytest.mark.skipif(
    not shutil.which(os.environ.get("GKCHECK_SARIF_MULTITOOL", "")),
    reason="GKCHECK_SARIF_MULTITOOL does not name the SARIF Multitool (see tests/data/schemas/README.md)",
)
def test_the_official_sarif_validator_reports_no_error_or_warning(gkcheck, tmp_path):
    log = tmp_path / "gkcheck.sarif"
    log.write_text(gkcheck(*SAMPLES, "--format", "sarif").stdout, encoding="utf-8")
    out = tmp_path / "validation.sarif"
    subprocess.run(
        [os.environ["GKCHECK_SARIF_MULTITOOL"], "validate", str(log), "--rule-kind", "Sarif;Gh"]
        + ["--level", "Error;Warning", "-o", str(out), "--log", "ForceOverwrite"],
        env={**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"},
        capture_output=True,
        check=False,
    )
    (run,) = json.loads(out.read_text(encoding="utf-8-sig"))["runs"]
    found = Counter(result["ruleId"] for result in run["results"])
    assert found == {"SARIF2005": 1}  # no informationUri: gkcheck has no public home page yet


def test_sarif_file_beside_another_format(gkcheck, tmp_path):
    extra = tmp_path / "out" / "gkcheck.sarif"
    run = gkcheck(SAMPLE_000, "--format", "github", "--sarif", extra)
    assert run.stdout.startswith("::")
    log = json.loads(extra.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(SARIF_SCHEMA).validate(log)
    assert log == gkcheck(SAMPLE_000, "--format", "sarif").json()
