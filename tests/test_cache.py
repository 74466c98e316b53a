"""The cache: a re-run takes unchanged files' documents and results from it, identical to a fresh run's."""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import shutil
import subprocess
import sys
import time

from gkcheck.document import Document
from gkcheck.results import ReportResult
from tests.support.paths import SAMPLE_REPORTS

SAMPLES = sorted(SAMPLE_REPORTS.glob("*.pdf"))
TIMES = re.compile(r'(time|duration)(=|": )"?[0-9.e-]+"?|用时 [0-9.]+ 秒|in [0-9.]+ s')


def entries(folder, kind: str = "documents"):
    return sorted((folder / kind).glob("*/*.pickle"))


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
    assert len(entries(folder)) == len(entries(folder, "results")) == len(SAMPLES)
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
    fresh = gkcheck(SAMPLES[0], "--cache-dir", folder, "--format", "json").json()["reports"][0]
    (document,), (result,) = entries(folder), entries(folder, "results")
    for entry in (document, result):
        entry.write_bytes(entry.read_bytes()[:100])
    run = gkcheck(SAMPLES[0], "--cache-dir", folder, "--format", "json")
    assert run.json()["reports"][0]["results"] == fresh["results"]
    assert len(document.read_bytes()) > 100 and len(result.read_bytes()) > 100


def test_a_changed_file_is_read_again(gkcheck, tmp_path):
    folder = tmp_path / "cache"
    report = tmp_path / "report.pdf"
    shutil.copy(SAMPLES[0], report)
    gkcheck(report, "--cache-dir", folder)
    shutil.copy(SAMPLES[1], report)
    run = gkcheck(report, "--cache-dir", folder, "--format", "json")
    assert len(entries(folder)) == 2
    assert run.json()["reports"][0]["year"] == 2021  # the year of sample 001, not of sample 000


def settled_copy(source, target):
    """A copy of `source` last changed an hour ago, as most files of a batch re-run are."""
    shutil.copy(source, target)
    an_hour_ago = time.time() - 3600
    os.utime(target, (an_hour_ago, an_hour_ago))
    return target


def test_an_unchanged_file_is_not_read_again_to_find_its_entries(gkcheck, tmp_path):
    """The hash of its bytes is kept: a kept hash put in its place is what the next run goes by."""
    folder = tmp_path / "cache"
    report = settled_copy(SAMPLES[0], tmp_path / "report.pdf")
    gkcheck(SAMPLES[1], report, "--cache-dir", folder)
    kept = [
        entry for entry in entries(folder, "hashes") if pickle.loads(entry.read_bytes()) == sha256(report)
    ]
    assert len(kept) == 1
    kept[0].write_bytes(pickle.dumps(sha256(SAMPLES[1])))  # as if report.pdf held sample 001's bytes
    assert year_of(gkcheck(report, "--cache-dir", folder, "--format", "json")) == 2021
    # Any change to the file changes its times: its bytes are read again.
    os.utime(report, (time.time() - 1800, time.time() - 1800))
    own_year = year_of(gkcheck(SAMPLES[0], "--no-cache", "--format", "json"))
    assert own_year != 2021
    assert year_of(gkcheck(report, "--cache-dir", folder, "--format", "json")) == own_year


def test_a_file_rewritten_with_its_size_and_time_kept_is_read_again(gkcheck, tmp_path):
    folder = tmp_path / "cache"
    report = settled_copy(SAMPLES[0], tmp_path / "report.pdf")
    report.write_bytes(SAMPLES[0].read_bytes() + b"\n% one\n")
    os.utime(report, (time.time() - 3600, time.time() - 3600))
    gkcheck(report, "--cache-dir", folder)
    modified = report.stat().st_mtime_ns
    report.write_bytes(SAMPLES[0].read_bytes() + b"\n% two\n")  # same size: only the change time tells
    os.utime(report, ns=(modified, modified))
    gkcheck(report, "--cache-dir", folder)
    assert len(entries(folder)) == 2


def test_a_file_changed_a_moment_ago_has_no_hash_kept(gkcheck, tmp_path):
    folder = tmp_path / "cache"
    report = tmp_path / "report.pdf"
    shutil.copy(SAMPLES[0], report)
    gkcheck(report, "--cache-dir", folder)
    assert entries(folder) and not entries(folder, "hashes")


def sha256(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def year_of(run) -> int:
    return run.json()["reports"][0]["year"]


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
    assert info.exit_code == 0 and f"{folder}: 2 documents, 2 results" in info.stdout
    clean = gkcheck("cache", "clean", "--cache-dir", folder)
    assert clean.exit_code == 0 and "删除 4 条缓存" in clean.stdout
    assert entries(folder) == []


def test_a_cache_in_the_project_is_left_out_of_git_and_of_backups(gkcheck, tmp_path):
    project = tmp_path / "reports"
    project.mkdir()
    shutil.copy(SAMPLES[0], project / "county.pdf")
    (project / "gkcheck.toml").write_text('cache-dir = ".gkcheck_cache"\n', encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    gkcheck(project)
    folder = project / ".gkcheck_cache"
    assert len(entries(folder)) == len(entries(folder, "results")) == 1
    assert (
        (folder / "CACHEDIR.TAG")
        .read_text(encoding="utf-8")
        .startswith("Signature: 8a477f597d28d172789f06886806bc55")
    )
    untracked = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert sorted(untracked.split()) == ["??", "??", "county.pdf", "gkcheck.toml"]


def test_cache_clean_removes_nothing_from_a_folder_that_is_no_cache(gkcheck, tmp_path):
    """`--cache-dir ~` by mistake: a home folder's own `results` folder is kept, whole."""
    home = tmp_path / "home"
    (home / "results" / "2024").mkdir(parents=True)
    (home / "results" / "2024" / "scores.xlsx").write_bytes(b"office work")
    clean = gkcheck("cache", "clean", "--cache-dir", home, "--lang", "en")
    assert clean.exit_code == 4
    assert "does not look like a gkcheck cache" in clean.stderr and "nothing was removed" in clean.stderr
    assert (home / "results" / "2024" / "scores.xlsx").read_bytes() == b"office work"


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


def test_a_cached_result_is_what_a_rerun_reports(gkcheck, tmp_path):
    """The rules do not run again on an unchanged file: its kept result is the result."""
    folder = tmp_path / "cache"
    report = SAMPLES[1]
    args = ("--cache-dir", folder, "--format", "json", "--select", "GK1")
    first = gkcheck(report, *args).json()["reports"][0]
    assert len(first["results"]) > 1
    (entry,) = entries(folder, "results")
    with entry.open("rb") as handle:
        kept: ReportResult = pickle.load(handle)
    kept.results = [item for item in kept.results if item.rule_id == "GK101"]
    entry.write_bytes(pickle.dumps(kept))
    again = gkcheck(report, *args).json()["reports"][0]
    assert [item["rule"] for item in again["results"]] == ["GK101"]


def test_results_are_checked_again_when_the_rules_would_find_otherwise(gkcheck, tmp_path):
    """Another selection, an edited pack or another setting: the document is kept, the rules run."""
    folder = tmp_path / "cache"
    pack = tmp_path / "province.toml"
    pack.write_text('[pack]\nname = "province"\nextends = "national"\n', encoding="utf-8")

    def severity_of_gk203(*args) -> str:
        run = gkcheck(SAMPLES[0], "--cache-dir", folder, "--format", "json", "--profile", pack, *args)
        (result,) = [item for item in run.json()["reports"][0]["results"] if item["rule"] == "GK203"]
        return result["severity"]

    assert severity_of_gk203() == "warning"
    pack.write_text(
        pack.read_text(encoding="utf-8") + '[rules.GK203]\nseverity = "error"\n', encoding="utf-8"
    )
    assert severity_of_gk203() == "error"
    assert severity_of_gk203("--select", "GK2") == "error"
    assert len(entries(folder)) == 1 and len(entries(folder, "results")) == 3


def test_rules_comparing_reports_run_on_cached_results(gkcheck, tmp_path):
    folder = tmp_path / "cache"

    def compared() -> list:
        run = gkcheck(*SAMPLES, "--cache-dir", folder, "--format", "json", "--select", "GK403")
        return [report["results"] for report in run.json()["reports"]]

    first = compared()
    assert all(results and results[0]["rule"] == "GK403" for results in first)
    assert len(entries(folder, "results")) == len(SAMPLES)  # each kept, without GK403's result
    assert compared() == first


def test_a_file_that_could_not_be_read_is_tried_again(gkcheck, tmp_path):
    folder = tmp_path / "cache"
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(SAMPLES[0].read_bytes()[:3000])
    run = gkcheck(damaged, "--cache-dir", folder, "--format", "json")
    assert run.json()["reports"][0]["error"]
    assert entries(folder, "results") == []


def test_a_kept_result_reports_the_path_as_given(gkcheck, tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    reports = tmp_path / "reports"
    reports.mkdir()
    for path in SAMPLES[:2]:
        shutil.copy(path, reports / path.name)
    monkeypatch.chdir(tmp_path)
    gkcheck("reports", "--cache-dir", folder)
    run = gkcheck(f"./reports/{SAMPLES[0].name}", "./reports", "--cache-dir", folder, "--format", "json")
    paths = [report["path"] for report in run.json()["reports"]]
    assert paths[0] == f"./reports/{SAMPLES[0].name}" and len(entries(folder, "results")) == 2
