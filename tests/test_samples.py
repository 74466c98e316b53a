"""The samples' own verdicts: each `<sample>.expected.json` says which checks pass and fail.

The expected files come with the samples: the true content of each report, check by check. Each
check is one gkcheck rule; every sample is checked as PDF, Word, HTML and text, and each rule's
outcome must agree with the expectation. Where gkcheck says more than the expected files check,
the difference is listed in `TOLERATED` with its reason.
"""

from __future__ import annotations

import contextlib
import io
import json

import pytest

from gkcheck.cli import main
from tests.support.paths import SAMPLE_REPORTS, SAMPLES
from tests.support.results import rule_results

# The check of an expected file → the rule that makes it.
RULE_OF_CHECK = {
    "text_layer": "GK001",
    "headings": "GK105",
    "period": "GK201",
    "contact": "GK203",
    "signature_body": "GK204",
    "signature_date": "GK205",
    "t3_format": "GK302",
    "t3_row_totals": "GK303",
    "t3_identity": "GK304",
    "t3_subtotal": "GK305",
    "t4_totals": "GK306",
    "narrative_count": "GK401",
    "fee_statement": "GK501",
}
# What gkcheck reports beyond the expected files, by (sample, check): the outcome and severity
# it gives instead, and why.
TOLERATED = {
    # The expected file checks that a phone number is given; GK203 also asks for its area code.
    ("000", "contact"): (("failed", "warning"), "联系电话“3581178”缺少区号"),
    # The expected file checks that an e-mail address is given; GK203 also reads its "＠".
    ("004", "contact"): (("failed", "warning"), "“@”须为半角"),
    # No signature date at all: GK204 reports the missing signature, GK205 has nothing to check.
    ("002", "signature_date"): (("skipped", "error"), "没有落款日期"),
    # An office of the body signs: a note, as the body's name is not the title's.
    ("001", "signature_body"): (("failed", "info"), "落款机关"),
    # Whether the deadline is January's or March's depends on the body's kind, which the report
    # does not say: a note, not the expected pass (the expected file knows it is a government's).
    ("001", "signature_date"): (("failed", "info"), "发布机关类型不明"),
}
SAMPLE_NAMES = sorted(path.name.removesuffix(".expected.json") for path in SAMPLES.glob("*.expected.json"))
FORMATS = ("pdf", "docx", "html", "txt")


def sample_file(name: str, suffix: str):
    return SAMPLE_REPORTS / f"{name}.pdf" if suffix == "pdf" else SAMPLES / f"{name}.{suffix}"


@pytest.fixture(scope="module")
def verdicts():
    """(sample, format) → the JSON results by rule, from one run over all twenty files."""
    files = [str(sample_file(name, suffix)) for name in SAMPLE_NAMES for suffix in FORMATS]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main([*files, "--format", "json", "--select", ",".join(RULE_OF_CHECK.values())])
    assert code in (0, 1)
    by_path = {report["path"]: rule_results(report) for report in json.loads(out.getvalue())["reports"]}
    return {
        (name, suffix): by_path[str(sample_file(name, suffix))] for name in SAMPLE_NAMES for suffix in FORMATS
    }


def expectations():
    for name in SAMPLE_NAMES:
        truth = json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
        for check, expected in truth["checks"].items():
            yield pytest.param(name, check, expected, id=f"{name[:3]}-{check}")


def test_every_check_of_the_expected_files_has_its_rule():
    checks = {
        check
        for name in SAMPLE_NAMES
        for check in json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))["checks"]
    }
    assert checks == set(RULE_OF_CHECK)


@pytest.mark.parametrize(("name", "check", "expected"), list(expectations()))
def test_each_format_agrees_with_the_expected_verdict(verdicts, name, check, expected):
    rule = RULE_OF_CHECK[check]
    tolerated = TOLERATED.get((name[:3], check))
    for suffix in FORMATS:
        result = verdicts[(name, suffix)][rule]
        got = (result["outcome"], result["severity"])
        if tolerated:
            (outcome, reason) = tolerated
            said = " ".join(finding["message"] for finding in result["findings"]) + (result["reason"] or "")
            assert got == outcome and reason in said, (suffix, got, said)
        elif expected["expect"] == "pass":
            assert result["outcome"] == "passed", (suffix, result)
        else:
            accepted = {"warn": {"warning"}, "fail": {"error", "warning"}}
            severities = set().union(
                *(accepted[item] for item in expected.get("accept", [expected["expect"]]))
            )
            assert result["outcome"] == "failed" and result["severity"] in severities, (suffix, result)
