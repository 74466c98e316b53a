"""The document cache: a re-run reads unchanged files from it, with results identical to a fresh run."""

from __future__ import annotations

import pickle
import re
import shutil
import subprocess
import sys

from gkcheck.document import Document
from tests.support.paths import SAMPLE_REPORTS

SAMPLES = sorted(SAMPLE_REPORTS.glob("*.pdf"))
TIMES = re.compile(r'(time|duration)(=|": )"?[0-9.e-]+"?|用时 [0-9.]+ 秒|in [0-9.]+ s')


def entries(folder):
    return sorted((folder / "documents").glob("*/*.pickle"))


def outputs(gkcheck, tmp_path, *args) -> dict[str, str]:
    """Every output format of one run over the samples, timings blanked."""
    found = {}
    for name in ("text", "json", "junit", "sarif"):
        run = gkcheck(*SAMPLES, "--format", name, *args)
        assert run.exit_code == 1, run.stderr
        found[name] = TIMES.sub("", run.stdout)
    return found


def test_cached_results_are_identical_to_fresh_ones_in_every_output(gkcheck, tmp_path):
    folder = tmp_path / "cache"
    fresh = outputs(gkcheck, tmp_path, "--no-cache")
    assert not folder.exists()
    first = outputs(gkcheck, tmp_path, "--cache-dir", folder)
    assert len(entries(folder)) == len(SAMPLES)
    cached = outputs(gkcheck, tmp_path, "--cache-dir", folder)
    assert first == fresh and cached == fresh


def test_the_cache_is_what_a_rerun_reads(gkcheck, tmp_path):
    """An entry stands for its file: a document put in its place is what the next run checks."""
    folder = tmp_path / "cache"
    report = SAMPLES[1]
    gkcheck(report, "--cache-dir", folder)
    (entry,) = entries(folder)
    with entry.open("rb") as handle:
        document: Document = pickle.load(handle)
    document.blocks = document.blocks[:3]  # only the title and the preamble left
    entry.write_bytes(pickle.dumps(document))
    run = gkcheck(report, "--cache-dir", folder, "--format", "json", "--select", "GK101")
    (result,) = run.json()["reports"][0]["results"]
    assert result["outcome"] == "failed"
    fresh = gkcheck(report, "--no-cache", "--format", "json", "--select", "GK101")
    assert fresh.json()["reports"][0]["results"][0]["outcome"] == "passed"


def test_a_damaged_entry_is_ignored_and_written_again(gkcheck, tmp_path):
    folder = tmp_path / "cache"
    gkcheck(SAMPLES[0], "--cache-dir", folder)
    (entry,) = entries(folder)
    good = entry.read_bytes()
    entry.write_bytes(good[: len(good) // 2])
    run = gkcheck(SAMPLES[0], "--cache-dir", folder, "--format", "json")
    assert run.json()["reports"][0]["error"] is None
    assert entry.read_bytes() == good


def test_a_changed_file_is_read_again(gkcheck, tmp_path):
    folder = tmp_path / "cache"
    report = tmp_path / "report.pdf"
    shutil.copy(SAMPLES[0], report)
    gkcheck(report, "--cache-dir", folder)
    shutil.copy(SAMPLES[1], report)
    run = gkcheck(report, "--cache-dir", folder, "--format", "json")
    assert len(entries(folder)) == 2
    assert run.json()["reports"][0]["year"] == 2021  # the year of sample 001, not of sample 000


def test_the_same_bytes_under_another_name_report_their_own_path(gkcheck, tmp_path):
    folder = tmp_path / "cache"
    copy = tmp_path / "copy.pdf"
    shutil.copy(SAMPLES[0], copy)
    gkcheck(SAMPLES[0], "--cache-dir", folder)
    run = gkcheck(copy, "--cache-dir", folder, "--format", "json")
    assert len(entries(folder)) == 1
    assert run.json()["reports"][0]["path"] == str(copy)


def test_an_option_that_changes_the_reading_has_its_own_entries(gkcheck, tmp_path):
    folder = tmp_path / "cache"
    gkcheck(SAMPLES[0], "--cache-dir", folder)
    gkcheck(SAMPLES[0], "--cache-dir", folder, "--pdf-engine", "pdfminer")
    gkcheck(SAMPLES[0], "--cache-dir", folder, "--lang", "en")  # how results are shown: same entry
    assert len(entries(folder)) == 2


def test_cache_can_be_switched_off_in_the_configuration_file(gkcheck, tmp_path):
    folder = tmp_path / "cache"
    config = tmp_path / "gkcheck.toml"
    config.write_text(f'cache = false\ncache-dir = "{folder}"\n', encoding="utf-8")
    gkcheck(SAMPLES[0], "--config", config)
    assert not folder.exists()


def test_cache_info_and_clean(gkcheck, tmp_path):
    folder = tmp_path / "cache"
    gkcheck(*SAMPLES[:2], "--cache-dir", folder)
    info = gkcheck("cache", "info", "--cache-dir", folder, "--lang", "en")
    assert info.exit_code == 0 and f"{folder}: 2 documents" in info.stdout
    clean = gkcheck("cache", "clean", "--cache-dir", folder)
    assert clean.exit_code == 0 and "删除 2 条缓存" in clean.stdout
    assert entries(folder) == []


def test_two_runs_sharing_a_cache_at_once_both_finish_with_the_same_results(tmp_path):
    folder = tmp_path / "cache"
    command = [
        sys.executable,
        "-m",
        "gkcheck",
        *map(str, SAMPLES),
        "--cache-dir",
        str(folder),
        "--format",
        "json",
    ]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    results = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [1, 1], [err for _, err in results]
    first, second = (TIMES.sub("", out) for out, _ in results)
    assert first == second
    assert len(entries(folder)) == len(SAMPLES)
    assert not list(folder.rglob("*.tmp"))
