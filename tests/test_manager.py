"""Python plugins: local rule files (--rules), -p modules, installed plugins (entry points), -p no:NAME."""

from __future__ import annotations

import gzip
import shutil
import subprocess
import sys
import textwrap
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from tests.support.paths import DATA, ROOT, SAMPLE_REPORTS, SAMPLES
from tests.support.pdfmaker import render_text_file
from tests.support.results import rule_results

SAMPLE_000 = SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"
SAMPLE_001 = SAMPLE_REPORTS / "001_c779024abbc6666e.pdf"  # gives a web address
OUTSIDE_RULES = DATA / "outside_rules"
EXAMPLE_PLUGIN = ROOT / "plugins" / "gkcheck-example-province"


def results_of(run) -> dict[str, dict]:
    return rule_results(run.json()["reports"][0])


def test_rules_written_outside_the_project_run_unchanged(gkcheck, tmp_path):
    for given in (OUTSIDE_RULES, OUTSIDE_RULES / "gkrules_outside.py"):
        results = results_of(gkcheck(SAMPLE_000, "--rules", given, "--format", "json"))
        assert results["OUT101"]["outcome"] == "passed" and results["OUT102"]["outcome"] == "passed"
    no_fee = render_text_file(
        SAMPLES / "003_35beedbe3e7b0ed3.txt",
        tmp_path / "no-fee.pdf",
        lambda text: text.replace("信息处理费", "费用"),
    )
    run = gkcheck(no_fee, "--rules", OUTSIDE_RULES, "--format", "json")
    result = results_of(run)["OUT101"]
    assert result["outcome"] == "failed" and result["severity"] == "warning"
    assert result["findings"][0]["message"].startswith("第六部分未提到信息处理费")
    listing = {
        row["id"]: row
        for row in gkcheck("rules", "--rules", OUTSIDE_RULES, "--format", "json").json()["rules"]
    }
    assert (
        listing["OUT102"]["title"] == "报告名称"
        and listing["OUT101"]["summary"] == "Section 六 mentions 信息处理费."
    )


def test_rules_in_configuration_file(gkcheck, tmp_path):
    shutil.copytree(OUTSIDE_RULES, tmp_path / "checks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(SAMPLE_000, tmp_path / "a.pdf")
    (tmp_path / "gkcheck.toml").write_text('rules = ["checks"]\n', encoding="utf-8")
    assert "OUT101" in results_of(gkcheck(tmp_path / "a.pdf", "--format", "json"))


def test_disabling_a_builtin_plugin_removes_its_rules(gkcheck):
    results = results_of(gkcheck(SAMPLE_000, "--format", "json"))
    assert {"GK501", "GK502"} <= set(results)
    without = results_of(gkcheck(SAMPLE_000, "-p", "no:section_six", "--format", "json"))
    assert not {"GK501", "GK502"} & set(without) and "GK201" in without
    listing = gkcheck("rules", "-p", "no:section_six", "--format", "json").json()
    assert "GK501" not in {row["id"] for row in listing["rules"]}


PLUGIN_MODULE = '''
"""A -p plugin: a loader for gzip-compressed text, an option and a CSV reporter, a rule and a fixture."""
import csv
import gzip

from gkcheck import fixture, hookimpl, rule
from gkcheck.loaders.txt import decode, read_text


@hookimpl
def gkcheck_load_document(path, head, config):
    if not head.startswith(b"\\x1f\\x8b"):
        return None
    with open(path, "rb") as handle:
        text, encoding = decode(gzip.decompress(handle.read()))
    return read_text(path, text, encoding)


@hookimpl
def gkcheck_addoption(parser):
    parser.add_argument("--csv", metavar="FILE", help="write one CSV row per rule result")


@hookimpl
def gkcheck_session_finish(session):
    target = session.config.get("csv")
    if target:
        with open(target, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            for report in session.results:
                for result in report.results:
                    writer.writerow([report.path, result.rule_id, result.outcome])


@fixture
def line_count(report):
    return len(report.lines)


@rule("PL101", severity="info", title="篇幅")
def long_enough(line_count, finding):
    """The report has at least 20 lines."""
    if line_count < 20:
        finding(f"只有{line_count}行", f"only {line_count} lines")
'''


def test_p_module_adds_a_loader_an_option_a_reporter_and_a_rule(gkcheck, tmp_path, monkeypatch):
    (tmp_path / "gk_gzip_plugin.py").write_text(PLUGIN_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    packed = tmp_path / "report.txt.gz"
    packed.write_bytes(gzip.compress((SAMPLES / "002_587a12f256707b84.txt").read_bytes()))
    assert gkcheck(packed, "--format", "json").json()["reports"][0]["error"]  # no loader reads it
    run = gkcheck(packed, "-p", "gk_gzip_plugin", "--csv", tmp_path / "out.csv", "--format", "json")
    report = run.json()["reports"][0]
    assert report["error"] is None and report["year"] is not None
    assert (
        rule_results(report)["PL101"]["outcome"] == "passed"
        and rule_results(report)["GK201"]["outcome"] == "passed"
    )
    rows = (tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()
    assert f"{packed},PL101,passed" in rows and len(rows) == len(report["results"])


@pytest.mark.parametrize(
    ("source", "line", "words"),
    [
        (
            "from gkcheck import rule\n\n@rule('GK9', severity='error')\ndef broken(report):\n    return (\n",
            5,
            "SyntaxError",
        ),
        (
            "from gkcheck import rule\nimport os\nraise RuntimeError('misconfigured')\n",
            3,
            "RuntimeError: misconfigured",
        ),
        (
            "from gkcheck import rule\n\n\n@rule('bad id')\ndef broken(report):\n    pass\n",
            4,
            "must be capital letters",
        ),
        (
            "from gkcheck import rule\nimport no_such_module_here\n",
            2,
            "No module named 'no_such_module_here'",
        ),
    ],
)
def test_broken_rule_file_is_a_usage_error_at_the_line(gkcheck, tmp_path, source, line, words):
    broken = tmp_path / "broken_rules.py"
    broken.write_text(source, encoding="utf-8")
    run = gkcheck(SAMPLE_000, "--rules", tmp_path)
    assert run.exit_code == 4 and f"{broken}:{line}:" in run.stderr and words in run.stderr, run.stderr
    assert "Traceback" not in run.stderr


def test_broken_p_module_is_a_usage_error_at_the_line(gkcheck, tmp_path, monkeypatch):
    (tmp_path / "gk_broken_plugin.py").write_text("VALUE = 1\nVALUE +\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    run = gkcheck(SAMPLE_000, "-p", "gk_broken_plugin")
    assert (
        run.exit_code == 4
        and f"{tmp_path / 'gk_broken_plugin.py'}:2:" in run.stderr
        and "SyntaxError" in run.stderr
    )


def test_rules_path_errors(gkcheck, tmp_path):
    run = gkcheck(SAMPLE_000, "--rules", tmp_path / "missing", "--lang", "en")
    assert run.exit_code == 4 and "no such file or folder" in run.stderr
    (tmp_path / "notes.py").write_text("x = 1\n", encoding="utf-8")
    run = gkcheck(SAMPLE_000, "--rules", tmp_path, "--lang", "en")
    assert run.exit_code == 4 and "no rule files" in run.stderr and "gkrules_*.py" in run.stderr


@pytest.fixture(scope="session")
def installed_example_plugin(tmp_path_factory) -> Path:
    """The example plugin, pip-installed (into a folder of this test session, not the shared environment)."""
    work = tmp_path_factory.mktemp("example-plugin")
    source = work / "source"
    shutil.copytree(
        EXAMPLE_PLUGIN, source, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__")
    )
    target = work / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
    )
    return target


def test_pip_installed_example_plugin_is_listed_and_runs(gkcheck, installed_example_plugin, monkeypatch):
    installed_in_environment = "example_province" in {item.name for item in entry_points(group="gkcheck")}
    if not installed_in_environment:  # as in .ci/run's main suite: only this session's install provides it
        assert "EX101" not in {row["id"] for row in gkcheck("rules", "--format", "json").json()["rules"]}
    monkeypatch.syspath_prepend(str(installed_example_plugin))
    listing = {row["id"]: row for row in gkcheck("rules", "--format", "json").json()["rules"]}
    assert listing["EX101"]["origin"] == "gkcheck_example_province"
    assert results_of(gkcheck(SAMPLE_000, "--format", "json"))["EX101"]["outcome"] == "failed"
    assert results_of(gkcheck(SAMPLE_001, "--format", "json"))["EX101"]["outcome"] == "passed"
    assert "EX101" not in results_of(gkcheck(SAMPLE_000, "-p", "no:example_province", "--format", "json"))


def test_installed_plugin_that_fails_to_import_names_the_file_and_line(gkcheck, tmp_path, monkeypatch):
    package = tmp_path / "gk_failing_plugin"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from gkcheck import rule\n\nSETTINGS = {}\nLIMIT = SETTINGS['limit']\n", encoding="utf-8"
    )
    dist_info = tmp_path / "gk_failing_plugin-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: gk-failing-plugin\nVersion: 1.0\n", encoding="utf-8"
    )
    (dist_info / "entry_points.txt").write_text(
        textwrap.dedent("""
        [gkcheck]
        failing = gk_failing_plugin
    """),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    run = gkcheck(SAMPLE_000)
    assert run.exit_code == 4 and f"{package / '__init__.py'}:4:" in run.stderr and "KeyError" in run.stderr
    assert "'failing'" in run.stderr
    assert gkcheck(SAMPLE_000, "-p", "no:failing", "--select", "GK201").exit_code == 0
