"""`--executor dask`: a batch checked on a Dask cluster (a LocalCluster of processes here).

The cluster's results are those of a local run; a file that kills its worker, or hangs past the
time limit, costs only that file, and the run goes on.
"""

from __future__ import annotations

import shutil
import sys

import pytest

from tests.support.paths import DATA, SAMPLE_REPORTS

distributed = pytest.importorskip("distributed", reason="Dask is the optional extra gkcheck[dask]")

SAMPLES = sorted(SAMPLE_REPORTS.glob("*.pdf"))


@pytest.fixture(scope="module")
def scheduler():
    """Two worker processes of one thread, which can import the test plugins."""
    # Worker processes start with this process's sys.path, as multiprocessing hands it on.
    sys.path.insert(0, str(DATA / "plugins"))
    try:
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        )
    finally:
        sys.path.remove(str(DATA / "plugins"))
    yield cluster.scheduler_address
    cluster.close()


def without_durations(run) -> list[dict]:
    return [
        {key: value for key, value in report.items() if key != "duration"} for report in run.json()["reports"]
    ]


def test_results_on_the_cluster_are_those_of_a_local_run(gkcheck, scheduler, tmp_path):
    """The files are sent as bytes, so the workers need not see them; a copy elsewhere is checked as well."""
    copy = tmp_path / "copy-001.pdf"
    shutil.copy(SAMPLES[1], copy)
    paths = [*SAMPLES, copy]
    local = gkcheck(*paths, "--format", "json", "--no-cache")
    remote = gkcheck(*paths, "--format", "json", "--no-cache", "--executor", "dask", "--scheduler", scheduler)
    assert remote.exit_code == local.exit_code == 1
    assert without_durations(remote) == without_durations(local)


def test_results_checked_on_the_cluster_are_kept_for_the_next_run(gkcheck, scheduler, tmp_path):
    """Kept under each file's own path, though a worker checked a copy: a local re-run reads no file."""
    report = tmp_path / "report.pdf"
    shutil.copy(SAMPLES[0], report)
    paths, cache = [report, SAMPLES[1]], tmp_path / "cache"
    options = ("--format", "json", "--cache-dir", cache)
    remote = gkcheck(*paths, *options, "--executor", "dask", "--scheduler", scheduler)
    assert len(list((cache / "results").glob("*/*.pickle"))) == 2
    again = gkcheck(*paths, *options, "-j", "1")
    assert without_durations(again) == without_durations(remote)
    assert not list((cache / "documents").glob("*/*.pickle"))  # both results found: no file was read


def test_a_file_that_kills_its_worker_costs_only_that_file(gkcheck, scheduler, tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(DATA / "plugins"))
    poison = tmp_path / "poison.pdf"
    shutil.copy(SAMPLES[0], poison)
    options = ("-p", "worker_killer", "--format", "json", "--lang", "en", "--select", "GK1", "--no-cache")
    run = gkcheck(SAMPLES[0], poison, SAMPLES[2], *options, "--executor", "dask", "--scheduler", scheduler)
    reports = {report["path"]: report for report in run.json()["reports"]}
    assert reports[str(poison)]["error"].startswith("worker died")
    others = [report for path, report in reports.items() if path != str(poison)]
    assert len(others) == 2 and all(report["error"] is None and report["results"] for report in others)


def test_a_file_that_hangs_gets_the_timeout_error_and_the_run_goes_on(
    gkcheck, scheduler, tmp_path, monkeypatch
):
    monkeypatch.syspath_prepend(str(DATA / "plugins"))
    stuck = tmp_path / "stuck.pdf"
    shutil.copy(SAMPLES[0], stuck)
    options = ("-p", "file_faults", "--format", "json", "--lang", "en", "--timeout", "1", "--no-cache")
    run = gkcheck(stuck, *SAMPLES[:3], *options, "--executor", "dask", "--scheduler", scheduler)
    assert run.exit_code in (0, 1), run.stderr
    reports = {report["path"]: report for report in run.json()["reports"]}
    assert reports[str(stuck)]["error"].startswith("timed out")
    assert all(reports[str(path)]["error"] is None for path in SAMPLES[:3])


def test_dask_without_a_scheduler_is_a_usage_error(gkcheck):
    run = gkcheck(SAMPLES[0], "--executor", "dask", "--lang", "en")
    assert run.exit_code == 4 and "--scheduler" in run.stderr
