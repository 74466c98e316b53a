"""A third-party plugin, installed as a distribution into a fresh environment, extends gkcheck.

Its loader claims a new suffix (found in folders), its reporter adds `--format csv`, and its
option is set from `gkcheck.toml`: all without a change to gkcheck.
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from importlib.metadata import entry_points
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "tests" / "data" / "plugins" / "gkcheck-outside"
SAMPLE_002 = ROOT / "tests" / "data" / "samples" / "002_587a12f256707b84.txt"
SAMPLE_004 = ROOT / "tests" / "data" / "samples" / "004_d68fabd84de01588.txt"


@pytest.fixture(scope="module")
def fresh_environment(tmp_path_factory) -> Path:
    """A new virtual environment that sees gkcheck's installation, with the plugin pip-installed."""
    work = tmp_path_factory.mktemp("outside-plugin")
    environment = work / "venv"
    venv.create(environment, with_pip=False)
    python = _python(environment)
    target_site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # gkcheck and its dependencies come from the environment running the tests: nothing to download.
    host = sysconfig.get_paths()["purelib"]
    Path(target_site, "gkcheck-host.pth").write_text(
        f"import site; site.addsitedir({host!r})\n", encoding="utf-8"
    )
    source = work / "source"
    shutil.copytree(PLUGIN, source)
    pip = [
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--no-deps",
        "--no-build-isolation",
    ]
    subprocess.run([*pip, str(source)], check=True, capture_output=True)
    return environment


def _python(environment: Path) -> str:
    scripts = "Scripts" if os.name == "nt" else "bin"
    return str(environment / scripts / ("python.exe" if os.name == "nt" else "python"))


def _gkcheck(environment: Path, *args: object, cwd: Path) -> subprocess.CompletedProcess:
    command = [_python(environment), "-m", "gkcheck", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=cwd)


@pytest.fixture
def reports(tmp_path) -> Path:
    """A folder with a gzip-compressed report, a plain one, and a configuration file."""
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "002.txt.gz").write_bytes(gzip.compress(SAMPLE_002.read_bytes()))
    shutil.copy(SAMPLE_004, folder / "004.txt")
    (folder / "gkcheck.toml").write_text('csv-delimiter = ";"\n', encoding="utf-8")
    return folder


def test_an_installed_plugin_adds_a_loader_a_format_and_a_setting(fresh_environment, reports):
    run = _gkcheck(fresh_environment, reports, "--format", "csv", cwd=reports)
    assert run.returncode == 0, run.stderr  # sample 004 carries warnings only
    rows = list(csv.reader(io.StringIO(run.stdout), delimiter=";"))
    assert rows[0] == ["file", "rule", "outcome", "findings"]
    files = {row[0] for row in rows[1:]}
    assert files == {str(reports / "002.txt.gz"), str(reports / "004.txt")}
    by_file_rule = {(row[0], row[1]): row[2] for row in rows[1:]}
    assert by_file_rule[(str(reports / "002.txt.gz"), "GK201")] == "passed"  # really read and checked
    assert by_file_rule[(str(reports / "004.txt"), "GK203")] == "failed"


def test_the_command_line_beats_the_file_and_help_names_the_format(fresh_environment, reports):
    run = _gkcheck(fresh_environment, reports, "--format", "csv", "--csv-delimiter", "|", cwd=reports)
    assert run.stdout.splitlines()[0] == "file|rule|outcome|findings"
    help_text = _gkcheck(fresh_environment, "--help", cwd=reports).stdout
    assert "csv" in help_text and "--csv-delimiter" in help_text


def test_without_the_plugin_none_of_it_exists(gkcheck, reports):
    if "outside" in {item.name for item in entry_points(group="gkcheck")}:
        pytest.skip("the outside plugin is installed in the environment running the tests")
    run = gkcheck(reports, "--format", "json")
    assert (
        run.exit_code == 4
        and f"{reports / 'gkcheck.toml'}:1:" in run.stderr
        and "csv-delimiter" in run.stderr
    )
    (reports / "gkcheck.toml").unlink()
    run = gkcheck(reports, "--format", "csv")
    assert run.exit_code == 4 and "未知的输出格式 'csv'" in run.stderr
    listed = gkcheck(reports, "--format", "json").json()
    assert [report["path"] for report in listed["reports"]] == [str(reports / "004.txt")]
