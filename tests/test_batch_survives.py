"""No file stops the batch: whatever goes wrong inside one file's check is that file's error."""

from __future__ import annotations

import shutil
import time

import pytest

from tests.support.paths import DATA, SAMPLE_REPORTS, SAMPLES

TEXTS = sorted(SAMPLES.glob("*.txt"))


def year_9999_report(tmp_path):
    path = tmp_path / "year-9999.txt"
    path.write_text(TEXTS[0].read_text(encoding="utf-8").replace("2023", "9999"), encoding="utf-8")
    return path


def nine_good_files(tmp_path):
    paths = []
    for index in range(9):
        source = TEXTS[index % len(TEXTS)]
        paths.append(tmp_path / f"good-{index}-{source.name}")
        shutil.copy(source, paths[-1])
    return paths


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_report_dated_9999_leaves_every_result_of_the_batch(gkcheck, tmp_path, jobs):
    late = year_9999_report(tmp_path)
    paths = [*nine_good_files(tmp_path), late]
    run = gkcheck(*paths, "--format", "json", "--lang", "en", "-j", jobs)
    assert run.exit_code == 1, run.stderr
    reports = {report["path"]: report for report in run.json()["reports"]}
    assert len(reports) == 10 and all(reports[str(path)]["results"] for path in paths)
    deadline = {result["rule"]: result for result in reports[str(late)]["results"]}["GK205"]
    assert deadline["outcome"] == "skipped" and "9999 is beyond the calendar" in deadline["reason"]


FAULTS = {
    "raise-usage.txt": "the plugin finds this file's settings wrong",
    "raise-recursion.txt": "nested too deeply to be read (a damaged file?)",
    "raise-oserror.txt": "cannot be read: Invalid argument",
    "raise-keyerror.txt": "damaged or unsupported content: cannot be read ('word/styles.xml')",
}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_any_exception_while_reading_one_file_is_that_files_error(gkcheck, tmp_path, monkeypatch, jobs):
    monkeypatch.syspath_prepend(str(DATA / "plugins"))
    faulty = []
    for name in FAULTS:
        faulty.append(tmp_path / name)
        shutil.copy(TEXTS[0], faulty[-1])
    good = nine_good_files(tmp_path)[:2]
    run = gkcheck(*faulty, *good, "-p", "file_faults", "--format", "json", "--lang", "en", "-j", jobs)
    assert run.exit_code == 1, run.stderr
    reports = {report["path"]: report for report in run.json()["reports"]}
    assert {name: reports[str(tmp_path / name)]["error"] for name in FAULTS} == FAULTS
    assert all(reports[str(path)]["error"] is None and reports[str(path)]["results"] for path in good)


def test_chinese_messages_of_unexpected_failures_are_one_line_without_class_names(
    gkcheck, tmp_path, monkeypatch
):
    monkeypatch.syspath_prepend(str(DATA / "plugins"))
    for name in FAULTS:
        shutil.copy(TEXTS[0], tmp_path / name)
    run = gkcheck(*(tmp_path / name for name in FAULTS), "-p", "file_faults", "--format", "json")
    errors = [report["error"] for report in run.json()["reports"]]
    assert errors[1:] == [
        "文件内容嵌套过深，无法读取（文件已损坏？）",
        "读取时出错：Invalid argument",
        "文件内容已损坏或不受支持，无法读取（'word/styles.xml'）",
    ]
    assert not any(word in error for error in errors for word in ("Error", "Errno", "\n"))


def test_the_timeout_holds_without_the_workers_own_clock(gkcheck, tmp_path, monkeypatch):
    """A file whose worker cannot be stopped by SIGALRM: the main process ends that worker."""
    monkeypatch.syspath_prepend(str(DATA / "plugins"))
    stuck = tmp_path / "stuck.txt"
    shutil.copy(TEXTS[0], stuck)
    good = nine_good_files(tmp_path)[:3]
    started = time.monotonic()
    run = gkcheck(
        stuck, *good, "-p", "file_faults", "-j", "2", "--timeout", "1", "--format", "json", "--lang", "en"
    )
    assert time.monotonic() - started < 20  # not the 60 s the file sleeps
    reports = {report["path"]: report for report in run.json()["reports"]}
    assert reports[str(stuck)]["error"] == "timed out: not checked within 1 s"
    assert all(reports[str(path)]["error"] is None and reports[str(path)]["results"] for path in good)


def test_library_warnings_are_kept_with_their_file_and_shown_only_with_v(gkcheck, tmp_path):
    data = bytearray((SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf").read_bytes())
    data[data.index(b"stream", 2000) + 311] ^= 0x55  # a byte inside a compressed content stream
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(bytes(data))
    engine = ("--pdf-engine", "pdfminer", "--no-cache")  # pdfminer warns through logging; read afresh
    assert gkcheck(damaged, "--lang", "en", *engine).stderr == ""
    lines = gkcheck(damaged, "--lang", "en", "-v", *engine).stderr.splitlines()
    warning = "pdfminer.pdftypes: Data-loss while decompressing corrupted data"
    assert f"{damaged}: library warning while reading: {warning}" in lines


CRASHING_RULE = """from gkcheck import rule


@rule("LC201", severity="error")
def crashes(report):
    raise ValueError("year 10000 is out of range" + "x" * 500)
"""


def test_a_rule_that_crashes_says_so_in_one_short_line_and_keeps_its_traceback_for_v(gkcheck, tmp_path):
    (tmp_path / "gkrules.py").write_text(CRASHING_RULE, encoding="utf-8")
    args = (TEXTS[0], "--rules", tmp_path / "gkrules.py", "--select", "LC201", "--lang", "en")
    (result,) = gkcheck(*args, "--format", "json").json()["reports"][0]["results"]
    assert result["outcome"] == "error"
    assert result["reason"].startswith(
        "rule LC201 itself failed (a bug in the rule; -v shows the traceback): year 10000 is out of range"
    )
    assert len(result["reason"]) <= 200 and "ValueError" not in result["reason"]
    assert "ValueError: year 10000" in gkcheck(*args, "-v").stdout
