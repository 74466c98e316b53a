"""Configuration files: gkcheck.toml and [tool.gkcheck], found by walking up; overrides per path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.paths import SAMPLE_REPORTS
from tests.support.results import rule_results

SAMPLE_000 = SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"  # GK203 warning (phone without area code)
SAMPLE_004 = SAMPLE_REPORTS / "004_d68fabd84de01588.pdf"  # GK203 warning (full-width ＠)


@pytest.fixture
def project(tmp_path) -> Path:
    """A folder of reports: two at the top, one in township/."""
    (tmp_path / "township").mkdir()
    shutil.copy(SAMPLE_000, tmp_path / "county.pdf")
    shutil.copy(SAMPLE_004, tmp_path / "township" / "town.pdf")
    return tmp_path


def by_path(run) -> dict[str, dict[str, dict]]:
    return {Path(report["path"]).name: rule_results(report) for report in run.json()["reports"]}


def test_gkcheck_toml_sets_options_and_the_command_line_wins(gkcheck, project):
    (project / "gkcheck.toml").write_text(
        'select = ["GK2"]\nfail-on = "warning"\nlang = "en"\n', encoding="utf-8"
    )
    run = gkcheck(project / "county.pdf", "--format", "json")
    county = by_path(run)["county.pdf"]
    assert county and all(rule.startswith("GK2") for rule in county)
    assert run.exit_code == 1 and run.json()["lang"] == "en"  # GK203 is a warning, and warnings fail
    run = gkcheck(
        project / "county.pdf", "--format", "json", "--select", "GK5", "--fail-on", "error", "--lang", "zh"
    )
    assert (
        set(by_path(run)["county.pdf"]) == {"GK501", "GK502", "GK503"}
        and run.exit_code == 0
        and run.json()["lang"] == "zh"
    )


def test_pyproject_tool_section_is_found_walking_up_from_the_files(gkcheck, project):
    (project / "pyproject.toml").write_text(
        '[project]\nname = "reports"\n\n[tool.gkcheck]\nignore = ["GK203"]\n', encoding="utf-8"
    )
    nested = by_path(gkcheck(project / "township" / "town.pdf", "--format", "json"))["town.pdf"]
    assert "GK203" not in nested and "GK201" in nested
    # a pyproject.toml without [tool.gkcheck] is not a configuration file
    (project / "township" / "pyproject.toml").write_text('[project]\nname = "town"\n', encoding="utf-8")
    assert "GK203" not in by_path(gkcheck(project / "township", "--format", "json"))["town.pdf"]


def test_overrides_give_a_folder_its_own_settings(gkcheck, project):
    (project / "gkcheck.toml").write_text(
        'select = ["GK2"]\n\n[[overrides]]\n'
        'paths = ["township/**"]\nprofile = "shandong"\nignore = ["GK201"]\n',
        encoding="utf-8",
    )
    for jobs in ("1", "2"):  # worker processes read the same configuration
        results = by_path(gkcheck(project, "--format", "json", "--jobs", jobs))
        assert "GK201" in results["county.pdf"] and "GK201" not in results["town.pdf"]
        town_gk203 = [item["message"] for item in results["town.pdf"]["GK203"]["findings"]]
        county_gk203 = [item["message"] for item in results["county.pdf"]["GK203"]["findings"]]
        assert not any("电子邮箱" in message and "缺少" in message for message in county_gk203)
        assert any("电子邮箱" in message for message in town_gk203)  # shandong's GK203 checks the e-mail
        profiles = {
            Path(item["path"]).name: item["profile"]
            for item in gkcheck(project, "--format", "json", "--jobs", jobs).json()["reports"]
        }
        assert profiles == {"county.pdf": "national", "town.pdf": "shandong"}


def test_profile_in_config_selects_the_pack_and_its_declared_checks(gkcheck, project):
    (project / "gkcheck.toml").write_text('profile = "shandong"\n', encoding="utf-8")
    run = gkcheck(project / "county.pdf", "--format", "json")
    assert {"SD101", "SD102", "SD103"} <= set(by_path(run)["county.pdf"]) and run.json()[
        "profile"
    ] == "shandong"
    assert (
        "SD101"
        not in by_path(gkcheck(project / "county.pdf", "--format", "json", "--profile", "national"))[
            "county.pdf"
        ]
    )


def test_profile_and_rules_paths_are_relative_to_the_config_file(gkcheck, project, tmp_path_factory):
    (project / "packs").mkdir()
    (project / "packs" / "county.toml").write_text(
        '[pack]\nextends = "national"\n[checks.CT101]\nmust_contain = "不存在的词"\nmessage = "缺少"\n',
        encoding="utf-8",
    )
    (project / "gkcheck.toml").write_text('profile = "packs/county.toml"\n', encoding="utf-8")
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    shutil.copy(SAMPLE_000, elsewhere / "a.pdf")
    assert (
        by_path(gkcheck(project / "county.pdf", "--format", "json"))["county.pdf"]["CT101"]["outcome"]
        == "failed"
    )
    assert "CT101" not in by_path(gkcheck(elsewhere / "a.pdf", "--format", "json"))["a.pdf"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ('select = ["GK2"]\nfail_on = "warning"\n', 2, "unknown key 'fail_on'"),
        ('lang = "en"\nfail-on = "never"\n', 2, "'never' is not one of error, warning, info"),
        ("jobs = -1\n", 1, "jobs"),
        ('[[overrides]]\nprofile = "shandong"\n', 1, "paths"),
        (
            '[[overrides]]\npaths = ["a/**"]\n\n[[overrides]]\npaths = ["b/**"]\nlang = "en"\n',
            6,
            "unknown key 'lang'",
        ),
        ("select = [\n", 1, "invalid TOML"),
    ],
)
def test_bad_configuration_is_a_usage_error_at_the_line(gkcheck, project, text, line, words):
    (project / "gkcheck.toml").write_text(text, encoding="utf-8")
    run = gkcheck(project / "county.pdf", "--lang", "en")
    assert run.exit_code == 4 and f"{project / 'gkcheck.toml'}:{line}:" in run.stderr and words in run.stderr
    assert "Traceback" not in run.stderr


def test_explicit_config_file(gkcheck, project, tmp_path_factory):
    other = tmp_path_factory.mktemp("conf") / "strict.toml"
    other.write_text('select = ["GK203"]\nfail-on = "warning"\n', encoding="utf-8")
    run = gkcheck(project / "county.pdf", "--config", other)
    assert run.exit_code == 1 and "GK203" in run.stdout
