"""The text report: a header per report, -q/-qq/-v, colour, CJK columns, progress with ETA."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from gkcheck.textwidth import width
from tests.support.paths import SAMPLE_REPORTS, SAMPLES

SAMPLE_000 = SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"
SAMPLE_003 = SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf"
ANSI = re.compile(r"\033\[[0-9;]*m")


def test_details_name_each_report_once(gkcheck):
    run = gkcheck(SAMPLE_000, SAMPLE_003)
    details = run.stdout.split("问题", 1)[1]
    assert details.count(str(SAMPLE_000)) == 1 and details.count(str(SAMPLE_003)) == 1
    assert "\nGK203 contact-info [警告]\n    第1页: 联系电话“3581178”缺少区号\n" in details


def test_quiet_and_verbose_mean_what_they_mean_in_pytest(gkcheck):
    default = gkcheck(SAMPLE_000).stdout.splitlines()
    assert default[0].startswith(f"{SAMPLE_000} ...")
    quiet = gkcheck(SAMPLE_000, "-q").stdout
    assert not quiet.startswith(str(SAMPLE_000)) and "GK203 contact-info [警告]" in quiet  # no progress line
    very_quiet = gkcheck(SAMPLE_000, "-qq").stdout.splitlines()
    assert very_quiet == [f"{SAMPLE_000}  [通过]", "", very_quiet[-1]] and "份报告" in very_quiet[-1]
    verbose = gkcheck(SAMPLE_000, "-v").stdout.splitlines()
    rules = gkcheck("rules", "--format", "json").json()["rules"]
    listed = [line.split()[0] for line in verbose[1 : verbose.index("")]]
    # every rule but those comparing reports across years, which run once every file is checked
    across_years = {"GK403", "GK405", "GK406", "GK503"}
    assert verbose[0] == f"{SAMPLE_000}  [通过]"
    assert listed == [rule["id"] for rule in rules if rule["id"] not in across_years]
    assert any(re.fullmatch(r"    GK203 contact-info +未通过 \[警告\]", line) for line in verbose)
    assert any(line.startswith("    GK308 applications-subtotals") and "跳过" in line for line in verbose)


def test_colour_follows_force_color_and_no_color(gkcheck, monkeypatch):
    plain = gkcheck(SAMPLE_000).stdout
    assert not ANSI.search(plain)  # not a terminal: no colour
    monkeypatch.setenv("FORCE_COLOR", "1")
    coloured = gkcheck(SAMPLE_000).stdout
    assert "\033[1;32m[通过]\033[0m" in coloured and "\033[33mw\033[0m" in coloured
    assert ANSI.sub("", coloured).splitlines()[:-1] == plain.splitlines()[:-1]  # the same text, coloured
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(gkcheck(SAMPLE_000).stdout)


def test_progress_letters_line_up_under_chinese_file_names(gkcheck, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("淄博高新区发展改革局报告.txt", "a.txt"):
        shutil.copy(SAMPLES / "000_bd99d2d058b13537.txt", name)
    lines = gkcheck("a.txt", "淄博高新区发展改革局报告.txt").stdout.splitlines()[:2]
    starts = [width(line[: line.index(" ...") + 1]) for line in lines]
    assert starts[0] == starts[1] == width("淄博高新区发展改革局报告.txt") + 1


def test_rules_listing_fits_a_hundred_columns(gkcheck, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    lines = gkcheck("rules").stdout.splitlines()
    assert len(lines) > 20 and max(width(line) for line in lines) <= 100
    starts = {width(line[: line.index("错误" if "错误" in line else "警告")]) for line in lines[1:]}
    assert len(starts) == 1  # the severity column lines up


def run_on_a_terminal(*args: str, ci: bool) -> str:
    primary, secondary = os.openpty()
    env = {name: value for name, value in os.environ.items() if name != "CI"}
    if ci:
        env["CI"] = "true"
    try:
        subprocess.run(
            [sys.executable, "-m", "gkcheck", *args],
            stdout=secondary,
            stderr=secondary,
            timeout=120,
            env={**env, "COLUMNS": "100"},
        )
        os.close(secondary)
        chunks = []
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(primary)
    return b"".join(chunks).decode("utf-8", errors="replace")


def test_a_batch_on_a_terminal_shows_a_counter_with_the_time_left():
    shown = run_on_a_terminal(str(SAMPLE_000), str(SAMPLE_003), str(SAMPLE_000), ci=False)
    assert "[1/3]" in shown and "剩余约" in shown and "[3/3]" in shown
    assert "\033[" in shown  # and colour


def test_nothing_extra_in_ci():
    shown = run_on_a_terminal(str(SAMPLE_000), str(SAMPLE_003), ci=True)
    assert "[1/2]" not in shown and "份报告" in shown


def test_a_file_name_with_a_newline_stays_on_one_line(gkcheck, tmp_path):
    named = tmp_path / "报告 2023\n年度 (副本).pdf"
    shutil.copy(SAMPLE_000, named)
    output = gkcheck(tmp_path, "--no-cache").stdout
    lines = [line for line in output.splitlines() if "报告 2023" in line or "年度 (副本)" in line]
    assert lines and all("报告 2023\\n年度 (副本).pdf" in line for line in lines)
