"""gkcheck installs from an archive of the repository, which holds no symlink, and finds its packs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "samples" / "002_587a12f256707b84.txt"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """The committed tree as `git archive` gives it (a release tarball, a zip download), extracted."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: there is no committed tree to archive")
    work = tmp_path_factory.mktemp("archive")
    tar_path = work / "gkcheck.tar"
    # The committed tree with the checkout's uncommitted changes to tracked files (HEAD when clean).
    stash = subprocess.run(
        ["git", "-C", str(ROOT), "stash", "create"], capture_output=True, text=True, check=True
    )
    tree = stash.stdout.strip() or "HEAD"
    subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", "-o", str(tar_path), tree], check=True)
    with tarfile.open(tar_path) as tar:
        links = [member.name for member in tar.getmembers() if member.issym() or member.islnk()]
        assert links == [], f"the repository holds links, which a checkout without symlinks breaks: {links}"
        tar.extractall(work / "source", filter="data")
    return work / "source"


@pytest.fixture(scope="module")
def wheel(archive, tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    pip = [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation"]
    subprocess.run([*pip, "-w", str(dist), str(archive)], check=True, capture_output=True)
    (built,) = dist.glob("gkcheck-*.whl")
    return built


def _run(args: list[str], pythonpath: Path, cwd: Path) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PYTHONPATH": str(pythonpath)}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, encoding="utf-8", env=environment, cwd=cwd
    )


def test_the_wheel_carries_the_packs_and_templates(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for pack in (
        "national.toml",
        "national-2019.toml",
        "shandong.toml",
        "templates/2021.toml",
        "templates/2019.toml",
    ):
        assert f"gkcheck/rulepacks/{pack}" in names


def test_installed_from_the_archive_gkcheck_finds_its_packs(wheel, tmp_path):
    target = tmp_path / "site"
    pip = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--target",
        str(target),
        str(wheel),
    ]
    subprocess.run(pip, check=True, capture_output=True)
    where = _run(
        ["-c", "import gkcheck.packs as p; print(p.__file__); print(p.packs_folder())"], target, tmp_path
    )
    module_file, folder = where.stdout.splitlines()
    assert module_file.startswith(str(target)) and folder.startswith(str(target)), where.stdout
    run = _run(["-m", "gkcheck", "rules", "--profile", "shandong", "--format", "json"], target, tmp_path)
    assert run.returncode == 0, run.stderr
    run = _run(["-m", "gkcheck", str(SAMPLE), "--select", "GK3", "--lang", "en"], target, tmp_path)
    assert run.returncode == 0 and "1 report: 1 passed" in run.stdout, run.stdout + run.stderr


def test_run_from_the_source_tree_without_installing(archive, tmp_path):
    where = _run(["-c", "import gkcheck.packs as p; print(p.packs_folder())"], archive, tmp_path)
    assert Path(where.stdout.strip()).resolve() == (archive / "rules").resolve(), where.stdout + where.stderr
    run = _run(["-m", "gkcheck", str(SAMPLE), "--select", "GK3", "--lang", "en"], archive, tmp_path)
    assert run.returncode == 0, run.stderr
