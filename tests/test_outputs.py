"""Outputs: tried before the run, written whole or not at all, each on its own, one run at a time."""

from __future__ import annotations

import fcntl
import json
import resource
import signal
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from tests.support.paths import SAMPLE_REPORTS

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file-size limit and locks")

PDFS = sorted(SAMPLE_REPORTS.glob("*.pdf"))


def file_size_limit(limit: int):
    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit then fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return limited


def test_a_full_disk_keeps_the_previous_output_and_the_other_outputs_are_written(tmp_path):
    out, junit = tmp_path / "out.json", tmp_path / "out.xml"
    command = [sys.executable, "-m", "gkcheck", "--lang", "en", "--format", "json", "-o", str(out)]
    subprocess.run([*command, "--junit-xml", str(junit), *map(str, PDFS)], capture_output=True)
    sizes = out.stat().st_size, junit.stat().st_size
    assert sizes[1] < sizes[0]  # a limit between the two: the JUnit fits, the JSON does not
    junit.unlink()
    first = subprocess.run([*command, str(PDFS[0])], capture_output=True)
    previous = out.read_bytes()
    assert first.returncode == 0 and json.loads(previous)["summary"]["reports"] == 1
    run = subprocess.run(
        [*command, "--junit-xml", str(junit), *map(str, PDFS)],
        capture_output=True,
        preexec_fn=file_size_limit(sum(sizes) // 2),
    )
    err = run.stderr.decode()
    partial = tmp_path / "out.json.partial.jsonl"
    assert run.returncode == 3 and err == (
        f"gkcheck: cannot write the output file {out}: File too large\n"
        f"gkcheck: the finished results are kept in {partial} (a report a line)\n"
    )
    assert out.read_bytes() == previous
    assert len(ET.parse(junit).getroot().findall("testsuite")) == len(PDFS)
    assert len(partial.read_text(encoding="utf-8").splitlines()) == len(PDFS)
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        out.name,
        partial.name,
        junit.name,
    ]  # no temporary


@pytest.mark.parametrize(
    ("where", "reason"),
    [("folder", "it is a folder"), ("folder/under-a-file/out.json", "under-a-file is not a folder")],
)
def test_an_unwritable_output_is_a_usage_error_before_any_file_is_checked(gkcheck, tmp_path, where, reason):
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "under-a-file").write_text("", encoding="utf-8")
    target = tmp_path / where
    run = gkcheck(PDFS[0], "--json", target, "--lang", "en")
    assert run.exit_code == 4 and run.stdout == ""
    assert run.stderr.startswith(f"gkcheck: error: cannot write the output file {target}: ")
    assert reason in run.stderr


def test_a_second_run_on_the_same_output_is_refused(gkcheck, tmp_path):
    out = tmp_path / "out.json"
    with open(tmp_path / ".out.json.lock", "w") as lock:  # the lock a running gkcheck holds
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        run = gkcheck(PDFS[0], "--format", "json", "-o", out, "--lang", "en")
    assert run.exit_code == 4 and "another gkcheck run is writing" in run.stderr and not out.exists()
    assert gkcheck(PDFS[0], "--format", "json", "-o", out).exit_code == 0 and out.exists()
    assert not (tmp_path / ".out.json.lock").exists()


def test_an_output_replaced_keeps_its_mode(gkcheck, tmp_path):
    out = tmp_path / "out.json"
    out.write_text("{}", encoding="utf-8")
    out.chmod(0o640)
    assert gkcheck(PDFS[0], "--format", "json", "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["reports"] == 1
    assert out.stat().st_mode & 0o777 == 0o640
