"""`.pre-commit-hooks.yaml`, run by pre-commit itself on a temporary git repository of reports.

The hook is used as a `repo: local` hook with the manifest's own fields, its `entry` the gkcheck
of this checkout (`language: system`): installing it as `language: python` would need the
network. pre-commit's own `validate-manifest` checks the manifest as published.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml

from tests.support.paths import ROOT, SAMPLE_REPORTS

MANIFEST = ROOT / ".pre-commit-hooks.yaml"
DEFECTIVE = SAMPLE_REPORTS / "001_c779024abbc6666e.pdf"  # GK302, an error
CLEAN = SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"  # warnings only


def run(folder, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(folder.parent / "pre-commit-home"), "NO_COLOR": "1"}
    env.update(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t")
    env.update(GIT_COMMITTER_EMAIL="t@example.org")
    return subprocess.run(args, cwd=folder, env=env, capture_output=True, text=True, check=False)


def pre_commit(folder, *args: str) -> subprocess.CompletedProcess:
    return run(folder, sys.executable, "-m", "pre_commit", *args)


@pytest.fixture
def repository(tmp_path):
    """A git repository whose .pre-commit-config.yaml runs gkcheck's hook as published."""
    (hook,) = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    hook.update(language="system", entry=f"{sys.executable} -m gkcheck")
    folder = tmp_path / "reports"
    folder.mkdir()
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (folder / ".pre-commit-config.yaml").write_text(
        yaml.safe_dump(config, allow_unicode=True), encoding="utf-8"
    )
    (folder / "README.md").write_text("各单位年度报告\n", encoding="utf-8")  # not a report: not passed
    assert run(folder, "git", "init", "-q").returncode == 0
    assert run(folder, "git", "add", ".").returncode == 0
    return folder


def test_the_manifest_is_valid_for_pre_commit():
    done = run(ROOT, sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST))
    assert done.returncode == 0, done.stdout + done.stderr


def test_a_defective_report_is_blocked(repository):
    shutil.copy(DEFECTIVE, repository / "2021年报.pdf")
    run(repository, "git", "add", ".")
    done = pre_commit(repository, "run")
    assert done.returncode == 1, done.stdout
    assert "gkcheck (政府信息公开工作年度报告)" in done.stdout and "Failed" in done.stdout
    assert "—— 2021年报.pdf ——" in done.stdout and "\nGK302 template-version [错误]\n" in done.stdout


def test_a_clean_report_passes(repository):
    shutil.copy(CLEAN, repository / "2023年报.pdf")
    run(repository, "git", "add", ".")
    done = pre_commit(repository, "run", "--verbose")  # shows gkcheck's output though it passed
    assert done.returncode == 0, done.stdout
    assert "Passed" in done.stdout
    assert "2023年报.pdf ...wiw" in done.stdout and "1 份报告：1 份通过" in done.stdout  # not README.md


def test_only_changed_reports_are_checked(repository):
    shutil.copy(DEFECTIVE, repository / "2021年报.pdf")
    run(repository, "git", "add", ".")
    assert run(repository, "git", "commit", "-q", "--no-verify", "-m", "old report").returncode == 0
    shutil.copy(CLEAN, repository / "2023年报.pdf")
    run(repository, "git", "add", "2023年报.pdf")
    done = pre_commit(repository, "run", "--verbose")  # the staged files: the new report only
    assert done.returncode == 0, done.stdout
    assert "1 份报告：1 份通过" in done.stdout
    assert pre_commit(repository, "run", "--all-files").returncode == 1
