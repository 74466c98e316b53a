"""Waivers: an accepted finding is shown as waived everywhere and does not fail; expired and stale waivers."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.support.paths import SAMPLE_REPORTS
from tests.support.results import rule_results

SAMPLE_000 = SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"  # GK203: phone "3581178" without area code
TODAY = dt.date.today()


@pytest.fixture
def folder(tmp_path) -> Path:
    shutil.copy(SAMPLE_000, tmp_path / "zibo-2023.pdf")
    return tmp_path


def write_waivers(folder: Path, *entries: str, name: str = "gkcheck-waivers.toml") -> Path:
    path = folder / name
    path.write_text("\n".join(entries), encoding="utf-8")
    return path


def waiver(rule: str = "GK203", expires: dt.date = TODAY + dt.timedelta(days=30), **extra: str) -> str:
    lines = [
        "[[waiver]]",
        'path = "zibo-*.pdf"',
        f'rule = "{rule}"',
        'reason = "本地号码，已与发布单位确认"',
        f"expires = {expires.isoformat()}",
        *(f'{key} = "{value}"' for key, value in extra.items()),
        "",
    ]
    return "\n".join(lines)


def check(gkcheck, folder: Path, *args):
    return gkcheck(folder / "zibo-2023.pdf", "--select", "GK203", "--fail-on", "warning", *args)


def test_waived_finding_does_not_fail_and_shows_as_waived_in_every_output(gkcheck, folder):
    assert check(gkcheck, folder).exit_code == 1
    write_waivers(folder, waiver(match="3581178"))
    text = check(gkcheck, folder, "--junit-xml", folder / "out.xml", "--json", folder / "out.json")
    assert text.exit_code == 0
    assert "zibo-2023.pdf x  [通过]" in text.stdout
    assert (
        "GK203 contact-info [警告，已豁免]" in text.stdout
        and "已豁免，至" in text.stdout
        and "1 条已豁免" in text.stdout
    )
    result = rule_results(json.loads((folder / "out.json").read_text(encoding="utf-8"))["reports"][0])[
        "GK203"
    ]
    assert result["outcome"] == "failed" and result["waived"] is True
    finding = result["findings"][0]
    assert finding["waived"] is True and finding["waiver"]["reason"] == "本地号码，已与发布单位确认"
    assert finding["waiver"]["expires"] == (TODAY + dt.timedelta(days=30)).isoformat()
    case = ET.parse(folder / "out.xml").getroot().find(".//testcase")
    assert case.find("failure") is None and "本地号码" in case.find("skipped").get("message")
    sarif = check(gkcheck, folder, "--format", "sarif").json()
    assert sarif["runs"][0]["results"][0]["suppressions"][0]["status"] == "accepted"
    assert check(gkcheck, folder, "--format", "github").stdout.strip() == ""


def test_waiver_with_a_pattern_that_does_not_match_accepts_nothing(gkcheck, folder):
    write_waivers(folder, waiver(match="0533-"))
    run = check(gkcheck, folder, "--format", "json")
    assert (
        run.exit_code == 1 and "waived" not in rule_results(run.json()["reports"][0])["GK203"]["findings"][0]
    )
    assert [item["rule"] for item in run.json()["waivers"]["stale"]] == ["GK203"]


def test_expired_waiver_fails_again_and_says_so(gkcheck, folder):
    write_waivers(folder, waiver(expires=TODAY - dt.timedelta(days=1)))
    run = check(gkcheck, folder, "--lang", "en")
    assert run.exit_code == 1 and "waiver expired on" in run.stdout
    finding = rule_results(check(gkcheck, folder, "--format", "json").json()["reports"][0])["GK203"][
        "findings"
    ][0]
    assert finding["waived"] is False and finding["waiver"]["expired"] is True


def test_stale_waiver_is_reported(gkcheck, folder):
    path = write_waivers(folder, waiver(), waiver(rule="GK201"))
    run = gkcheck(folder / "zibo-2023.pdf", "--select", "GK2")
    assert f"豁免未匹配任何问题（可删除）：{path}:7 GK201 zibo-*.pdf" in run.stdout
    stale = gkcheck(folder / "zibo-2023.pdf", "--select", "GK2", "--format", "json").json()["waivers"][
        "stale"
    ]
    assert [(item["rule"], item["source"]) for item in stale] == [("GK201", f"{path}:7")]
    # a waiver for a rule that did not run is not stale: nothing was checked against it
    assert (
        gkcheck(folder / "zibo-2023.pdf", "--select", "GK203", "--format", "json").json()["waivers"]["stale"]
        == []
    )


def test_waivers_file_given_on_the_command_line(gkcheck, folder, tmp_path_factory):
    elsewhere = write_waivers(tmp_path_factory.mktemp("waivers"), waiver(), name="accepted.toml")
    assert check(gkcheck, folder).exit_code == 1
    run = gkcheck(SAMPLE_000, "--select", "GK203", "--fail-on", "warning", "--waivers", elsewhere)
    assert run.exit_code == 1  # the glob is relative to the waivers file: it does not cover sample_reports/
    assert check(gkcheck, folder, "--waivers", elsewhere).exit_code == 1
    shutil.copy(SAMPLE_000, elsewhere.parent / "zibo-2023.pdf")
    assert (
        gkcheck(
            elsewhere.parent / "zibo-2023.pdf",
            "--select",
            "GK203",
            "--fail-on",
            "warning",
            "--waivers",
            elsewhere,
        ).exit_code
        == 0
    )
    assert gkcheck(SAMPLE_000, "--waivers", folder / "none.toml").exit_code == 4


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('[[waiver]]\npath = "a.pdf"\nrule = "GK203"\nexpires = 2030-01-01\n', 1, "needs reason"),
        (
            '[[waiver]]\npath = "a.pdf"\nrule = "GK203"\nreason = "r"\nexpires = "2030-01-01"\n',
            5,
            "expires must be a date",
        ),
        (
            '[[waiver]]\npath = "a.pdf"\nrule = "GK203"\nreason = "r"\nexpires = 2030-01-01\nuntil = 1\n',
            6,
            "unknown key 'until'",
        ),
        (
            '[[waiver]]\npath = "a.pdf"\nrule = "GK203"\nreason = "r"\nexpires = 2030-01-01\nmatch = "("\n',
            6,
            "bad regular expression",
        ),
    ],
)
def test_malformed_waivers_file_is_a_usage_error_at_the_line(gkcheck, folder, text, line, words):
    path = write_waivers(folder, text)
    run = check(gkcheck, folder, "--lang", "en")
    assert (
        run.exit_code == 4
        and f"{path}:{line}:" in run.stderr
        and words in run.stderr
        and "Traceback" not in run.stderr
    )
