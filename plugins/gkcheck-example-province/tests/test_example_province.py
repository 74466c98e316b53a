"""The example plugin, installed: its rule is listed, runs on real reports, and can be switched off."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gkcheck.cli import main

DATA = Path(__file__).parent / "data"


@pytest.fixture
def gkcheck(capsys):
    def run(*args):
        code = main([str(arg) for arg in args])
        out = capsys.readouterr().out
        return code, out

    return run


def results(out: str) -> dict:
    return {item["rule"]: item for item in json.loads(out)["reports"][0]["results"]}


def test_rule_is_listed_with_its_plugin(gkcheck):
    code, out = gkcheck("rules", "--format", "json")
    rules = {row["id"]: row for row in json.loads(out)["rules"]}
    assert code == 0
    assert rules["EX101"]["origin"] == "gkcheck_example_province"
    assert rules["EX101"]["severity"] == "warning"


def test_report_without_web_address_fails(gkcheck):
    code, out = gkcheck(DATA / "no-web-address.pdf", "--select", "EX", "--format", "json")
    result = results(out)["EX101"]
    assert result["outcome"] == "failed"
    assert (
        "web address"
        in results(
            gkcheck(DATA / "no-web-address.pdf", "--select", "EX", "--format", "json", "--lang", "en")[1]
        )["EX101"]["findings"][0]["message"]
    )
    assert code == 0  # a warning does not fail the run by default
    assert gkcheck(DATA / "no-web-address.pdf", "--select", "EX", "--fail-on", "warning")[0] == 1


def test_report_with_web_address_passes(gkcheck):
    _, out = gkcheck(DATA / "with-web-address.pdf", "--select", "EX", "--format", "json")
    assert results(out)["EX101"]["outcome"] == "passed"


def test_fixture_reads_the_address(gkcheck):
    from gkcheck_example_province import web_addresses

    from gkcheck.commands.check import check_config
    from gkcheck.runner import Checker

    config = check_config([str(DATA / "with-web-address.pdf")])
    report = Checker(config).load(str(DATA / "with-web-address.pdf"))
    assert "http://www.zzszq.gov.cn" in web_addresses(report)


def test_plugin_can_be_disabled(gkcheck):
    _, out = gkcheck(DATA / "no-web-address.pdf", "-p", "no:example_province", "--format", "json")
    assert "EX101" not in results(out)
