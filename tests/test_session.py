"""Bad inputs: each gets a one-line reason and an error result; the other files are still checked."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from reportlab.pdfgen import canvas

from tests.support.paths import DATA, SAMPLE_REPORTS

GOOD = SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf"


def make_inputs(tmp_path):
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(GOOD.read_bytes()[:1500])
    not_pdf = tmp_path / "picture.pdf"
    not_pdf.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    encrypted = tmp_path / "encrypted.pdf"
    pdf = canvas.Canvas(str(encrypted), encrypt="secret")
    pdf.drawString(72, 720, "encrypted report")
    pdf.save()
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    good = tmp_path / "good.pdf"
    shutil.copy(GOOD, good)
    return {
        "missing": tmp_path / "missing.pdf",
        "truncated": truncated,
        "not_pdf": not_pdf,
        "encrypted": encrypted,
        "empty": empty,
        "good": good,
    }


def test_batch_with_broken_files_checks_the_good_one(gkcheck, tmp_path):
    inputs = make_inputs(tmp_path)
    run = gkcheck(*inputs.values(), "--format", "json", "--lang", "en")
    assert run.exit_code == 1
    reports = {report["path"]: report for report in run.json()["reports"]}
    errors = {name: reports[str(path)]["error"] for name, path in inputs.items()}
    assert errors["missing"].startswith("file not found")
    assert errors["truncated"].startswith("damaged PDF")
    assert errors["not_pdf"].startswith("unknown format")
    assert errors["encrypted"].startswith("encrypted PDF")
    assert errors["empty"] == "empty file"
    assert errors["good"] is None
    assert reports[str(inputs["good"])]["outcome"] == "passed"
    assert all("Traceback" not in (message or "") for message in errors.values())
    assert all("\n" not in message for message in errors.values() if message)
    assert "Traceback" not in run.stderr


def test_text_output_names_the_reason_in_chinese(gkcheck, tmp_path):
    inputs = make_inputs(tmp_path)
    run = gkcheck(inputs["encrypted"], inputs["good"])
    assert run.exit_code == 1
    assert f"{inputs['encrypted']} 无法检查: PDF 已加密" in run.stdout
    assert "1 份出错" in run.stdout and "1 份通过" in run.stdout


def test_timeout_gives_that_file_an_error_and_continues(tmp_path):
    """In a process of its own: the test process has garbage-collector callbacks (hypothesis's) in
    which a signal's exception is ignored, and a 1 ms limit lands in them."""
    command = [sys.executable, "-m", "gkcheck", GOOD, SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"]
    options = ["--timeout", "0.001", "--format", "json", "--lang", "en", "--cache-dir", tmp_path]
    run = subprocess.run(
        [str(arg) for arg in (*command, *options)], capture_output=True, text=True, timeout=120
    )
    reports = json.loads(run.stdout)["reports"]
    assert len(reports) == 2
    assert all(report["error"] and report["error"].startswith("timed out") for report in reports), reports
    assert run.returncode == 1


def test_parallel_run_gives_the_same_results_as_a_serial_run(gkcheck, tmp_path):
    inputs = make_inputs(tmp_path)
    paths = [*inputs.values(), *sorted(SAMPLE_REPORTS.glob("*.pdf"))]
    serial = gkcheck(*paths, "--format", "json", "-j", "1", "--no-cache").json()
    parallel = gkcheck(*paths, "--format", "json", "-j", "2", "--no-cache").json()
    assert parallel["reports"] == serial["reports"]
    assert parallel["summary"] == serial["summary"]


def test_a_batch_is_checked_in_a_worker_process_per_cpu_by_default(gkcheck, tmp_path, monkeypatch):
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one CPU: the default is to check in this process")
    batch = sorted(SAMPLE_REPORTS.glob("*.pdf"))
    workers = min(os.cpu_count() or 1, len(batch))
    header = f"checking {len(batch)} files in {workers} worker processes\n"
    assert gkcheck(*batch, "-v", "--lang", "en").stdout.startswith(header)
    # Without -j, a file that kills the process checking it costs that file only: it was a worker.
    monkeypatch.syspath_prepend(str(DATA / "plugins"))
    poison = tmp_path / "poison.pdf"
    shutil.copy(GOOD, poison)
    run = gkcheck(GOOD, poison, "-p", "worker_killer", "--format", "json", "--lang", "en", "--select", "GK1")
    errors = [report["error"] for report in run.json()["reports"]]
    assert errors[0] is None and errors[1].startswith("worker died")
    assert gkcheck(*batch, "-v", "-j", "1").stdout.startswith(f"检查 {len(batch)} 个文件，在本进程中\n")
    assert gkcheck(batch[0], "-v").stdout.startswith(str(batch[0]))  # one file: no header


def test_jobs_auto_is_a_worker_per_cpu_on_the_command_line_and_in_the_configuration(gkcheck, tmp_path):
    if (os.cpu_count() or 1) < 2:
        pytest.skip("one CPU: auto checks in this process")
    batch = [shutil.copy(path, tmp_path) for path in sorted(SAMPLE_REPORTS.glob("00[0-2]*.pdf"))]
    header = f"checking {len(batch)} files in {min(os.cpu_count() or 1, len(batch))} worker processes\n"
    assert gkcheck(*batch, "-v", "--lang", "en", "-j", "auto").stdout.startswith(header)
    (tmp_path / "gkcheck.toml").write_text('jobs = "auto"\n', encoding="utf-8")
    assert gkcheck(*batch, "-v", "--lang", "en").stdout.startswith(header)
    (tmp_path / "gkcheck.toml").write_text("jobs = 1\n", encoding="utf-8")
    assert gkcheck(*batch, "-v", "--lang", "en").stdout.startswith(
        f"checking {len(batch)} files in this process\n"
    )


def test_a_worker_killed_by_one_file_costs_only_that_file(gkcheck, tmp_path, monkeypatch):
    monkeypatch.syspath_prepend(str(DATA / "plugins"))
    poison = tmp_path / "poison.pdf"
    shutil.copy(GOOD, poison)
    paths = [GOOD, poison, *sorted(SAMPLE_REPORTS.glob("00[0-2]*.pdf"))]
    run = gkcheck(
        *paths, "-j", "2", "-p", "worker_killer", "--format", "json", "--lang", "en", "--select", "GK1"
    )
    reports = {report["path"]: report for report in run.json()["reports"]}
    assert reports[str(poison)]["error"].startswith("worker died")
    others = [report for path, report in reports.items() if path != str(poison)]
    assert len(others) == 4 and all(report["error"] is None and report["results"] for report in others)
