"""The command-line contract: exit codes, selection, listings, inspect."""

from __future__ import annotations

import subprocess
import sys

from tests.support.paths import HUAIAN_2024, SAMPLE_REPORTS, SAMPLES, corpus_file
from tests.support.results import rule_results

SAMPLE_000 = SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"
SAMPLE_003 = SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf"


def test_console_script_runs_on_a_sample(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "gkcheck", str(SAMPLE_000), "--select", "GK2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert f"{SAMPLE_000} " in done.stdout and "GK203 contact-info" in done.stdout
    assert "1 份报告：1 份通过" in done.stdout


def test_text_output_shows_failures_with_pages_and_a_summary(gkcheck):
    run = gkcheck(SAMPLE_000, SAMPLE_003, "--lang", "en", "--select", "GK1,GK2")
    assert run.exit_code == 0
    lines = run.stdout.splitlines()
    assert lines[0].startswith(f"{SAMPLE_000} ") and lines[0].endswith("[passed]")
    header = lines.index(f"--- {SAMPLE_000} ---")  # a header per report, not the path on every line
    assert "GK203 contact-info [warning]" in lines[header:]
    assert "    page 1: phone number “3581178” has no area code" in lines
    document = gkcheck(SAMPLE_000, SAMPLE_003, "--format", "json", "--select", "GK1,GK2").json()
    findings = sum(len(result["findings"]) for report in document["reports"] for result in report["results"])
    assert f"2 reports: 2 passed; {findings} finding{'' if findings == 1 else 's'}" in lines[-1]


def test_fail_on_warning_turns_warnings_into_exit_code_1(gkcheck):
    assert gkcheck(SAMPLE_000, "-q", "--select", "GK203").exit_code == 0
    assert gkcheck(SAMPLE_000, "-q", "--select", "GK203", "--fail-on", "warning").exit_code == 1
    assert gkcheck(SAMPLE_003, "-q", "--select", "GK203", "--fail-on", "warning").exit_code == 0


def test_select_and_ignore_by_prefix(gkcheck):
    selected = rule_results(gkcheck(SAMPLE_000, "--format", "json", "--select", "GK2").json()["reports"][0])
    assert selected and all(rule_id.startswith("GK2") for rule_id in selected)
    ignored = rule_results(
        gkcheck(SAMPLE_000, "--format", "json", "--ignore", "GK203,GK1").json()["reports"][0]
    )
    assert "GK203" not in ignored and not any(rule_id.startswith("GK1") for rule_id in ignored)
    assert "GK201" in ignored


def test_usage_errors_exit_4(gkcheck):
    assert gkcheck().exit_code == 4
    assert gkcheck(SAMPLE_000, "--format", "yaml").exit_code == 4
    run = gkcheck(SAMPLE_000, "--profile", "atlantis", "--lang", "en")
    assert run.exit_code == 4 and "unknown profile 'atlantis'" in run.stderr
    run = gkcheck(SAMPLE_000, "-p", "no_such_plugin_module", "--lang", "en")
    assert run.exit_code == 4 and "cannot import plugin" in run.stderr


def test_no_reports_found_exits_5(gkcheck, tmp_path):
    (tmp_path / "notes.md").write_text("not a report", encoding="utf-8")
    run = gkcheck(tmp_path)
    assert (
        run.exit_code == 5
        and "没有找到可检查的报告（已安装的读取插件：pdf, docx, html, text, markdown）" in run.stderr
    )


def test_directory_is_searched_recursively(gkcheck, tmp_path):
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "report.pdf").write_bytes(SAMPLE_003.read_bytes())
    (nested / "notes.md").write_text("ignored", encoding="utf-8")
    document = gkcheck(tmp_path, "--format", "json").json()
    assert [report["path"] for report in document["reports"]] == [str(nested / "report.pdf")]


def test_output_file_receives_the_format(gkcheck, tmp_path):
    target = tmp_path / "report.xml"
    run = gkcheck(SAMPLE_000, "--format", "junit", "-o", target)
    assert run.stdout == "" and target.read_text(encoding="utf-8").startswith("<?xml")


def test_rules_listing_and_explain(gkcheck):
    listing = gkcheck("rules", "--format", "json").json()
    rows = {row["id"]: row for row in listing["rules"]}
    assert {"GK001", "GK101", "GK201", "GK203", "GK501"} <= set(rows)
    assert rows["GK203"]["severity"] == "warning" and rows["GK203"]["name"] == "contact-info"
    assert rows["GK101"]["configured_by"] is None  # its default, not set by a pack
    text = gkcheck("rules").stdout
    assert "GK201" in text and "statistics-period" in text

    explained = gkcheck("--explain", "GK201", "--lang", "en")
    assert explained.exit_code == 0
    assert "**What it does**" in explained.stdout and "**Why is this bad?**" in explained.stdout
    assert gkcheck("--explain", "GK999").exit_code == 4


def test_version(gkcheck, capsys):
    run = gkcheck("--version")
    assert run.exit_code == 0 and run.stdout.startswith("gkcheck ")


def test_inspect_json_gives_the_report_facts(gkcheck):
    data = gkcheck("inspect", SAMPLE_000, "--json").json()
    assert data["title"] == "淄博高新技术产业开发区发展改革局2023年度政府信息公开工作年度报告"
    assert data["issuer"] == "淄博高新技术产业开发区发展改革局"
    assert data["year"] == 2023 and data["kind"] == "department"
    assert data["period"]["start"] == "2023-01-01" and data["period"]["end"] == "2023-12-31"
    assert "统计期限" in data["period"]["text"]
    assert data["contact"] == {
        "address": "淄博高新区创业火炬广场F座1117",
        "postcode": "255035",
        "phones": ["3581178"],
        "email": "gxqjfj@zb.shandong.cn",
        "location": data["contact"]["location"],
    }
    assert list(data["sections"]) == ["一", "二", "三", "四", "五", "六"]
    assert data["sections"]["四"]["heading"] == "四、因政府信息公开行政复议、行政诉讼情况"
    assert data["sections"]["四"]["canonical"] is False
    assert data["sections"]["一"]["location"]["page"] == 1
    assert data["signature"]["body"] == "淄博高新技术产业开发区发展改革局"
    assert data["signature"]["date"] == "2024-01-05"


def test_inspect_reads_a_two_line_title_and_a_wrapped_signature(gkcheck):
    data = gkcheck("inspect", SAMPLE_REPORTS / "001_c779024abbc6666e.pdf", "--json").json()
    assert data["issuer"] == "淄博高新技术产业开发区" and data["year"] == 2021 and data["kind"] is None
    assert data["signature"]["body"] == "淄博高新技术产业开发区管理委员会办公室"
    assert data["contact"]["email"] is None and data["contact"]["phones"] == ["0533-3585321"]


def test_inspect_government_report_and_missing_signature(gkcheck):
    data = gkcheck("inspect", corpus_file(HUAIAN_2024), "--json").json()
    assert data["issuer"] == "淮安市人民政府" and data["kind"] == "government"
    assert data["signature"] == {"body": None, "date": None, "location": None}


def test_inspect_text_file(gkcheck):
    data = gkcheck("inspect", SAMPLES / "002_587a12f256707b84.txt", "--json").json()
    assert data["format"] == "txt" and data["issuer"] == "淄博市博山区投资促进中心"
    assert data["sections"]["一"]["location"]["line"] >= 1


def test_inspect_reads_with_the_engine_and_cache_a_check_is_given(gkcheck, tmp_path):
    default = gkcheck("inspect", SAMPLE_000, "--json", "--no-cache").json()
    cache = tmp_path / "cache"
    reference = gkcheck(
        "inspect",
        SAMPLE_000,
        "--json",
        "--pdf-engine",
        "pdfminer",
        "--cache-dir",
        cache,
        "--kind",
        "government",
    ).json()
    assert default["engine"] == "pdfium" and default["kind"] == "department"
    assert reference["engine"] == "pdfminer" and reference["kind"] == "government"
    assert reference["title"] == default["title"]
    assert len(list((cache / "documents").glob("*/*.pickle"))) == 1  # read into the cache named
    assert (
        gkcheck("inspect", SAMPLE_000, "--junit-xml", tmp_path / "x.xml").exit_code == 4
    )  # not a reading option


def test_inspect_unreadable_file_exits_1_with_reason(gkcheck, tmp_path):
    run = gkcheck("inspect", tmp_path / "nothing.pdf")
    assert run.exit_code == 1 and "文件不存在" in run.stderr


def test_directory_run_refuses_old_word_files_with_a_reason(gkcheck, tmp_path):
    (tmp_path / "old.doc").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(1024))
    (tmp_path / "report.pdf").write_bytes(SAMPLE_003.read_bytes())
    reports = gkcheck(tmp_path, "--format", "json", "--lang", "en").json()["reports"]
    by_name = {report["path"].rsplit("/", 1)[-1]: report for report in reports}
    assert by_name["old.doc"]["outcome"] == "error" and by_name["old.doc"]["error"]
    assert by_name["report.pdf"]["error"] is None


def test_long_runs_show_a_counter_on_a_terminal_when_the_output_is_not_text(tmp_path):
    import os

    primary, secondary = os.openpty()  # stderr of gkcheck is a terminal, as for a user
    target = tmp_path / "out.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "gkcheck",
            str(SAMPLE_000),
            str(SAMPLE_003),
            "--format",
            "json",
            "-o",
            str(target),
        ],
        stderr=secondary,
        stdout=subprocess.PIPE,
        timeout=120,
        env={name: value for name, value in os.environ.items() if name != "CI"},  # not shown in CI
    )
    os.close(secondary)
    shown = os.read(primary, 65536).decode("utf-8", errors="replace")
    os.close(primary)
    assert done.returncode in (0, 1)
    assert f"[1/2] {SAMPLE_000}" in shown and f"[2/2] {SAMPLE_003}" in shown
    assert target.read_text(encoding="utf-8").startswith("{")


def test_a_selector_matching_no_rule_is_a_usage_error(gkcheck):
    run = gkcheck(SAMPLE_003, "--select", "GK9")
    assert run.exit_code == 4
    assert (
        run.stderr == "gkcheck: 错误: --select/--extend-select/--ignore 中的 GK9 不匹配任何规则"
        "（规则列表：gkcheck rules）\n"
    )
    run = gkcheck(SAMPLE_003, "--select", "GK9", "--lang", "en")
    assert run.exit_code == 4 and "no rule matches GK9" in run.stderr
    assert gkcheck(SAMPLE_003, "--ignore", "GK20X").exit_code == 4
