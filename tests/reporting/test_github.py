"""GitHub Actions: annotations read back as GitHub's runner parses them, and the step summary."""

from __future__ import annotations

import shutil

from tests.support.paths import SAMPLE_REPORTS

SAMPLE_000 = SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"
SAMPLE_001 = SAMPLE_REPORTS / "001_c779024abbc6666e.pdf"


def _unescape(text: str, codes: dict[str, str]) -> str:
    for code, char in codes.items():
        text = text.replace(code, char)
    return text.replace("%25", "%")


DATA_CODES = {"%0D": "\r", "%0A": "\n"}
PROPERTY_CODES = {**DATA_CODES, "%3A": ":", "%2C": ","}


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """A `::name k=v,k=v::data` workflow command, split and unescaped as the Actions runner does."""
    assert line.startswith("::")
    head, data = line[2:].split("::", 1)
    name, _, params = head.partition(" ")
    properties = {}
    for pair in params.split(","):
        key, _, value = pair.partition("=")
        properties[key] = _unescape(value, PROPERTY_CODES)
    return name, properties, _unescape(data, DATA_CODES)


def test_a_file_name_with_comma_and_colon_survives_the_runner(gkcheck, tmp_path):
    awkward = tmp_path / "洪泽区,2023:年报%0A.pdf"
    shutil.copy(SAMPLE_000, awkward)
    run = gkcheck(awkward, "--format", "github", "--select", "GK203", "--lang", "en")
    (line,) = run.stdout.splitlines()
    name, properties, message = parse_command(line)
    assert (name, properties) == ("warning", {"file": str(awkward), "title": "GK203 contact-info"})
    assert message == "page 1: phone number “3581178” has no area code"


def test_every_finding_and_unreadable_file_is_an_annotation(gkcheck, tmp_path):
    missing = tmp_path / "missing.pdf"
    json_run = gkcheck(SAMPLE_000, SAMPLE_001, "--format", "json").json()
    findings = sum(len(r["findings"]) for report in json_run["reports"] for r in report["results"])
    lines = gkcheck(SAMPLE_000, SAMPLE_001, missing, "--format", "github").stdout.splitlines()
    commands = [parse_command(line) for line in lines]
    assert len(commands) == findings + 1
    assert {name for name, _, _ in commands} == {"error", "warning", "notice"}
    assert commands[-1][:2] == ("error", {"file": str(missing), "title": "load"})
    error = next(c for c in commands if c[0] == "error" and c[1]["title"].startswith("GK302"))
    assert error[1]["file"] == str(SAMPLE_001) and error[2].startswith("第5页: ")


def test_step_summary_is_appended_in_github_actions(gkcheck, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert gkcheck(SAMPLE_000, SAMPLE_001, "--format", "github").exit_code == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## gkcheck\n")
    assert f"| `{SAMPLE_000}` | ✅ passed |  |" in text
    assert f"| `{SAMPLE_001}` | ❌ failed | GK302 |" in text
    assert f"- `{SAMPLE_001}` **GK302 template-version**: 第5页: " in text
    gkcheck(SAMPLE_000, "--format", "json")  # another format writes no summary
    assert summary.read_text(encoding="utf-8") == text
