"""Finding the files under a folder, as ruff does: default excludes, .gitignore, exclude settings."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.support.paths import SAMPLES

SAMPLE = SAMPLES / "000_bd99d2d058b13537.txt"


def place(root, *names: str) -> None:
    for name in names:
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SAMPLE, target)


def shown(gkcheck, *args) -> list[str]:
    run = gkcheck(*args, "--show-files")
    assert run.exit_code == 0, run.stderr
    return run.stdout.splitlines()


def test_a_virtual_environment_and_build_folders_are_not_checked(gkcheck, tmp_path, monkeypatch):
    place(tmp_path, "reports/a.txt", ".venv/lib/site-packages/pkg/LICENSE.txt", "node_modules/x/README.txt")
    place(tmp_path, "build/lib/notes.txt", ".git/description.txt")
    monkeypatch.chdir(tmp_path)
    assert shown(gkcheck, ".") == ["reports/a.txt"]
    run = gkcheck(".", "--format", "json")
    assert [report["path"] for report in run.json()["reports"]] == ["reports/a.txt"]


def test_gitignore_is_respected_unless_told_not_to(gkcheck, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("old/\n*.draft.txt\n", encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / ".gitignore").write_text("private.txt\n", encoding="utf-8")
    place(tmp_path, "reports/a.txt", "reports/b.draft.txt", "reports/private.txt", "old/c.txt")
    folder = tmp_path / "reports"
    assert shown(gkcheck, folder) == [str(folder / "a.txt")]  # the repository's .gitignore applies too
    assert len(shown(gkcheck, folder, "--no-respect-gitignore")) == 3
    assert shown(gkcheck, tmp_path / "old") == [str(tmp_path / "old" / "c.txt")]  # named: checked


def test_exclude_and_extend_exclude_in_the_configuration_file(gkcheck, tmp_path):
    place(tmp_path, "a.txt", "drafts/b.txt", ".venv/c.txt")
    config = tmp_path / "gkcheck.toml"
    config.write_text('extend-exclude = ["drafts/"]\n', encoding="utf-8")
    assert shown(gkcheck, tmp_path) == [str(tmp_path / "a.txt")]
    config.write_text("exclude = []\n", encoding="utf-8")  # the default list replaced: nothing left out
    assert len(shown(gkcheck, tmp_path)) == 3
    assert shown(gkcheck, tmp_path, "--extend-exclude", "a.txt,drafts") == [str(tmp_path / ".venv" / "c.txt")]


def test_a_file_named_on_the_command_line_is_checked_even_in_an_excluded_folder(gkcheck, tmp_path):
    place(tmp_path, ".venv/a.txt")
    assert shown(gkcheck, tmp_path / ".venv" / "a.txt") == [str(tmp_path / ".venv" / "a.txt")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_in_a_folder_is_skipped_and_said(gkcheck, tmp_path):
    place(tmp_path, "a.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    run = gkcheck(tmp_path, "--show-files")
    assert run.stdout.splitlines() == [str(tmp_path / "a.txt")]
    assert f"跳过特殊文件 {tmp_path / 'pipe.txt'}" in run.stderr
