"""Ctrl-C, a second Ctrl-C and SIGTERM sent to a real `gkcheck -j 2` in the middle of a batch."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.support.paths import SAMPLE_REPORTS

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="sends POSIX signals")

BATCH = 24  # enough files that the run is still going when the signal comes


def make_batch(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "batch"
    folder.mkdir()
    samples = sorted(SAMPLE_REPORTS.glob("*.pdf"))
    paths = [folder / f"{index:02d}-{samples[index % len(samples)].name}" for index in range(BATCH)]
    for index, path in enumerate(paths):
        shutil.copy(samples[index % len(samples)], path)
    return paths


def start(tmp_path: Path, paths: list[Path]) -> tuple[subprocess.Popen, Path]:
    stdout = tmp_path / "stdout.txt"
    command = [sys.executable, "-m", "gkcheck", *map(str, paths), "-j", "2", "--lang", "en"]
    command += ["--json", str(tmp_path / "out.json"), "--junit-xml", str(tmp_path / "out.xml")]
    with stdout.open("wb") as out:  # a session of its own: a group to send a terminal's Ctrl-C to
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.PIPE, start_new_session=True)
    return process, stdout


def json_run(tmp_path: Path, paths: list[Path]) -> list[str]:
    """The command of a `-j 2` run writing its JSON to tmp_path/out.json."""
    return [
        sys.executable,
        "-m",
        "gkcheck",
        *map(str, paths),
        "-j",
        "2",
        "--json",
        str(tmp_path / "out.json"),
    ]


def wait_for_lines(process: subprocess.Popen, stdout: Path, count: int, limit: float = 60) -> list[str]:
    """The report lines printed so far, once there are `count` (each file's line ends in its outcome)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        lines = [line for line in stdout.read_text(encoding="utf-8").splitlines() if line.endswith("]")]
        if len(lines) >= count:
            return lines
        assert process.poll() is None, "gkcheck ended before the signal"
        time.sleep(0.05)
    raise AssertionError(f"fewer than {count} files checked in {limit} s")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def interrupt(tmp_path: Path, *signals: int, group: bool = False) -> tuple[int, str, list[str], list[int]]:
    paths = make_batch(tmp_path)
    process, stdout = start(tmp_path, paths)
    printed = wait_for_lines(process, stdout, 2)
    workers = children(process.pid)
    assert len(workers) == 2
    for signum in signals:
        if group:  # as a terminal sends Ctrl-C: to gkcheck and its workers alike
            os.killpg(process.pid, signum)
        else:
            process.send_signal(signum)
    try:
        _out, err = process.communicate(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        raise AssertionError("gkcheck did not end within 15 s of the signal") from None
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    return process.returncode, err.decode("utf-8"), printed, [pid for pid in workers if alive(pid)]


def written(tmp_path: Path) -> tuple[list[str], list[str]]:
    reports = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["reports"]
    suites = ET.parse(tmp_path / "out.xml").getroot().findall("testsuite")
    return [report["path"] for report in reports], [suite.get("name") or "" for suite in suites]


@pytest.mark.parametrize(
    ("signum", "code", "group"),
    [(signal.SIGINT, 2, False), (signal.SIGINT, 2, True), (signal.SIGTERM, 143, False)],
)
def test_a_signal_stops_the_batch_and_keeps_every_finished_result(tmp_path, signum, code, group):
    status, err, printed, left = interrupt(tmp_path, signum, group=group)
    assert status == code and "Traceback" not in err and left == []
    assert "interrupted" in err
    in_json, in_junit = written(tmp_path)
    assert in_json == in_junit
    assert 2 <= len(in_json) < BATCH  # the queued files were not checked
    assert {line.split(" ", 1)[0] for line in printed} <= set(in_json)
    reports = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["reports"]
    assert all(report["results"] and report["error"] is None for report in reports)


def test_a_second_ctrl_c_ends_gkcheck_at_once_without_a_traceback(tmp_path):
    status, err, _printed, left = interrupt(tmp_path, signal.SIGINT, signal.SIGINT)
    assert status == 2 and "Traceback" not in err and left == []
    if (tmp_path / "out.json").exists():  # written before the second signal: then it is whole
        in_json, _ = written(tmp_path)
        assert in_json
    assert not [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")]


def test_a_closed_stdout_ends_the_run_quietly(tmp_path):
    paths = make_batch(tmp_path)
    command = json_run(tmp_path, paths)
    started = time.monotonic()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        process.stdout.readline()
        process.stdout.close()  # as `| head -1` does
        status = process.wait(timeout=30)
        err = process.stderr.read().decode() if process.stderr else ""
    assert status == 128 + signal.SIGPIPE and err == ""
    in_json = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["reports"]
    assert 1 <= len(in_json) < BATCH and time.monotonic() - started < 30
    assert os.path.getsize(tmp_path / "out.json") > 0


def test_a_killed_run_leaves_the_previous_output_and_every_finished_result_readable(tmp_path):
    out = tmp_path / "out.json"
    out.write_text('{"previous": true}', encoding="utf-8")
    paths = make_batch(tmp_path)
    process, stdout = start(tmp_path, paths)
    printed = wait_for_lines(process, stdout, 3)
    workers = children(process.pid)
    process.kill()  # no chance to write anything more, nor to end its workers
    process.wait(timeout=15)
    deadline = time.monotonic() + 5
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    if sys.platform == "linux":  # the kernel ends them with their parent
        assert not [pid for pid in workers if alive(pid)]
    assert out.read_text(encoding="utf-8") == '{"previous": true}'
    partial = tmp_path / "out.json.partial.jsonl"
    finished = [json.loads(line)["path"] for line in partial.read_text(encoding="utf-8").splitlines()]
    assert {line.split(" ", 1)[0] for line in printed} <= set(finished) and len(finished) < BATCH


def test_the_partial_results_are_removed_once_the_outputs_are_written(tmp_path):
    paths = make_batch(tmp_path)[:3]
    command = json_run(tmp_path, paths)
    assert subprocess.run(command, capture_output=True).returncode in (0, 1)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["batch", "out.json"]
