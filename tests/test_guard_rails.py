"""The plugin system's guard rails: what cannot be switched off, and mistakes that must not pass silently."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "samples" / "000_bd99d2d058b13537.txt"


@pytest.mark.parametrize(
    ("plugin", "zh", "en"),
    [
        ("collect", "收集规则", "it collects the rules"),
        ("fixtures", "提供规则所需的 report 等夹具", "it provides the fixtures rules need, such as report"),
        ("build", "把文档解读为报告", "it interprets documents as reports"),
        ("gkcheck.structure.build", "把文档解读为报告", "it interprets documents as reports"),
    ],
)
def test_an_essential_plugin_cannot_be_blocked(gkcheck, plugin, zh, en):
    public = plugin.rsplit(".", 1)[-1]
    run = gkcheck(SAMPLE, "-p", f"no:{plugin}")
    assert (run.exit_code, run.stdout) == (4, "")
    assert run.stderr == f"gkcheck: 错误: -p no:{plugin}：插件 {public} 不能禁用（{zh}）\n"
    run = gkcheck(SAMPLE, "-p", f"no:{plugin}", "--lang", "en")
    assert run.stderr == f"gkcheck: error: -p no:{plugin}: plugin {public} cannot be disabled ({en})\n"


def test_selecting_no_rule_is_a_usage_error(gkcheck):
    run = gkcheck(SAMPLE, "--select", "GK3", "--ignore", "GK3")
    assert run.exit_code == 4
    assert run.stderr == (
        "gkcheck: 错误: 没有选中任何规则（--select GK3 --ignore GK3），"
        "不检查任何规则就不能判定通过（规则列表：gkcheck rules）\n"
    )
    run = gkcheck(SAMPLE, "--select", "GK3", "--ignore", "GK3", "--lang", "en")
    assert run.stderr == (
        "gkcheck: error: no rule is selected (--select GK3 --ignore GK3): "
        "checking nothing cannot pass a report (see: gkcheck rules)\n"
    )


MISSPELT = """from gkcheck import hookimpl


@hookimpl
def gkcheck_load_documnet(path, head, config):
    return None
"""


def test_a_misspelt_hook_in_a_p_module_is_an_error_naming_the_file(gkcheck, tmp_path, monkeypatch):
    (tmp_path / "gk_misspelt.py").write_text(MISSPELT, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    run = gkcheck(SAMPLE, "-p", "gk_misspelt")
    assert run.exit_code == 4
    assert run.stderr == (
        f"gkcheck: 错误: {tmp_path / 'gk_misspelt.py'}:4: 插件 gk_misspelt 定义了未知的钩子 "
        "gkcheck_load_documnet（拼写错误？钩子列表见 gkcheck/hookspec.py）\n"
    )


def test_a_misspelt_hook_in_a_rule_file_is_an_error_naming_the_file(gkcheck, tmp_path):
    rules = tmp_path / "gkrules.py"
    rules.write_text(MISSPELT, encoding="utf-8")
    run = gkcheck(SAMPLE, "--rules", rules, "--lang", "en")
    assert run.exit_code == 4
    assert (
        f"gkcheck: error: {rules}:4: plugin {rules.resolve()} defines unknown hook gkcheck_load_documnet"
        in (run.stderr)
    )


def test_blocking_the_text_reporter_makes_text_output_a_usage_error(gkcheck):
    run = gkcheck(SAMPLE, "-p", "no:terminal")
    assert run.exit_code == 4
    assert run.stderr == (
        "gkcheck: 错误: 未知的输出格式 'text'"
        "（可用：junit, json, sarif, github, gitlab, html；输出插件被禁用？）\n"
    )
    run = gkcheck(SAMPLE, "-p", "no:terminal", "--format", "json")
    assert run.json()["reports"][0]["path"] == str(SAMPLE)


SILENT_REPORTER = """from gkcheck import hookimpl


@hookimpl
def gkcheck_report_formats():
    return ["silent"]
"""


def test_a_format_that_no_plugin_renders_is_a_clear_error(gkcheck, tmp_path, monkeypatch):
    (tmp_path / "gk_silent.py").write_text(SILENT_REPORTER, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    run = gkcheck(SAMPLE, "-p", "gk_silent", "--format", "silent")
    assert run.exit_code == 4
    assert run.stderr == "gkcheck: 错误: 没有插件生成 silent 格式的输出\n"


def test_a_plugin_outputs_file_in_an_unknown_format_is_refused_before_checking(
    gkcheck, tmp_path, monkeypatch
):
    (tmp_path / "gk_wants_pdf.py").write_text(
        "from gkcheck import hookimpl\n\n\n@hookimpl\ndef gkcheck_output_files(config):\n"
        f"    return [('pdf', {str(tmp_path / 'out.pdf')!r})]\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    run = gkcheck(SAMPLE, "-p", "gk_wants_pdf", "--lang", "en")
    assert run.exit_code == 4 and run.stdout == ""
    assert "unknown output format 'pdf'" in run.stderr and not (tmp_path / "out.pdf").exists()
