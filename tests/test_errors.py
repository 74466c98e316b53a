"""Errors that reach users: one message in Chinese and English, Chinese unless `--lang en`."""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil

import pytest

from gkcheck.errors import GkcheckError, InputError, UsageError
from tests.support.paths import SAMPLE_REPORTS

SAMPLE_000 = SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"
EN = ("--lang", "en")


def usage_error(run) -> str:
    """The one line of a usage error (exit 4, nothing on stdout)."""
    assert (run.exit_code, run.stdout) == (4, ""), run.stderr
    assert "Traceback" not in run.stderr
    return run.stderr.strip()


def argparse_error(run) -> str:
    """The message of an argparse error: after the usage line, as argparse prints it."""
    assert (run.exit_code, run.stdout) == (4, ""), run.stderr
    lines = run.stderr.strip().splitlines()
    assert lines[0].startswith(("用法：gkcheck ", "usage: gkcheck "))  # Chinese unless --lang en
    return lines[-1]


@pytest.mark.parametrize("error_class", [GkcheckError, InputError, UsageError])
def test_errors_take_chinese_and_english_by_keyword_only(error_class):
    error = error_class(zh="文件不存在", en="file not found")
    assert (error.zh, error.message, str(error)) == ("文件不存在", "file not found", "file not found")
    assert (error.text("zh"), error.text("en")) == ("文件不存在", "file not found")
    with pytest.raises(TypeError):
        error_class("file not found", "文件不存在")
    with pytest.raises(TypeError):
        error_class("file not found", zh="文件不存在")
    with pytest.raises(TypeError):
        error_class(zh="文件不存在")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            (),
            "gkcheck: 错误: 未知的规则包 'atlantis'"
            "（内置规则包：assessment-example, national, national-2019, shandong；也可给出 .toml 文件路径）",
        ),
        (
            EN,
            "gkcheck: error: unknown profile 'atlantis' (built-in profiles: "
            "assessment-example, national, national-2019, shandong; or give a .toml path)",
        ),
    ],
)
def test_unknown_profile_in_the_language_of_the_command_line(gkcheck, lang, expected):
    assert usage_error(gkcheck(SAMPLE_000, "--profile", "atlantis", *lang)) == expected


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ('lang = "en"\nfail-on = "never"\n', (), "2: fail-on：'never' 不是 error, warning, info 之一"),
        ('lang = "en"\nfail-on = "never"\n', EN, "2: fail-on: 'never' is not one of error, warning, info"),
        ('select = ["GK2"]\njobs = -1\n', (), '2: jobs：应为不小于 0 的整数或 "auto"'),
        ('select = ["GK2"]\njobs = -1\n', EN, '2: jobs: expected a whole number ≥ 0 or "auto"'),
        ("timeout = 0\n", (), "1: timeout：应为大于 0 的秒数"),
    ],
)
def test_bad_configuration_value_at_its_line(gkcheck, tmp_path, text, lang, expected):
    config = tmp_path / "gkcheck.toml"
    config.write_text(text, encoding="utf-8")
    shutil.copy(SAMPLE_000, tmp_path / "county.pdf")
    prefix = "gkcheck: error: " if lang else "gkcheck: 错误: "
    assert usage_error(gkcheck(tmp_path / "county.pdf", *lang)) == f"{prefix}{config}:{expected}"


def test_unknown_rule_explained_in_both_languages(gkcheck):
    assert (
        usage_error(gkcheck("--explain", "GK999"))
        == "gkcheck: 错误: 未知的规则 'GK999'（规则列表：gkcheck rules）"
    )
    assert usage_error(gkcheck("rules", "--explain", "GK999", *EN)) == (
        "gkcheck: error: unknown rule 'GK999' (see: gkcheck rules)"
    )


WORKER_RULE = """from gkcheck import UsageError, rule


@rule("LC101", severity="error")
def needs_a_setting(report):
    raise UsageError(zh="本规则需要先配置本地名单", en="this rule needs the local list configured first")
"""


def test_a_usage_error_raised_while_checking_a_file_is_that_files_error_in_its_language(gkcheck, tmp_path):
    """Mid-run it stops no batch: each file gets the message, Chinese kept across the worker."""
    (tmp_path / "gkrules.py").write_text(WORKER_RULE, encoding="utf-8")
    for name in ("a.pdf", "b.pdf"):
        shutil.copy(SAMPLE_000, tmp_path / name)
    args = (tmp_path / "a.pdf", tmp_path / "b.pdf", "--rules", tmp_path / "gkrules.py", "-j", "2")
    for lang, message in (
        ("zh", "本规则需要先配置本地名单"),
        ("en", "this rule needs the local list configured first"),
    ):
        run = gkcheck(*args, "--select", "LC101", "--format", "json", "--lang", lang)
        assert run.exit_code == 1 and "Traceback" not in run.stderr
        assert [report["error"] for report in run.json()["reports"]] == [message, message]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ("--fail-on", "bogus"),
            "gkcheck: 错误: 参数 --fail-on：无效的取值 'bogus'（可选：error, warning, info）",
        ),
        (("--bogus",), "gkcheck: 错误: 无法识别的参数：--bogus"),
        (("-j", "many"), "gkcheck: 错误: 参数 -j/--jobs：应为不小于 0 的整数或 auto：'many'"),
        (("--timeout", "soon"), "gkcheck: 错误: 参数 --timeout：无效的数字 'soon'"),
        (("--profile",), "gkcheck: 错误: 参数 --profile：需要一个取值"),
    ],
)
def test_argparse_errors_in_chinese_by_default(gkcheck, args, expected):
    assert argparse_error(gkcheck(SAMPLE_000, *args)) == expected


def test_argparse_errors_of_the_subcommands_in_chinese(gkcheck):
    assert argparse_error(gkcheck("inspect")) == "gkcheck inspect: 错误: 缺少必需的参数：FILE"
    assert argparse_error(gkcheck("rules", "--format", "yaml")) == (
        "gkcheck rules: 错误: 参数 --format：无效的取值 'yaml'（可选：text, json）"
    )


def plain_argparse_message(*args: str) -> str:
    """What argparse itself prints for `--fail-on` given `args`: its own English."""
    parser = argparse.ArgumentParser(prog="gkcheck")
    parser.add_argument("--fail-on", choices=("error", "warning", "info"))
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr), pytest.raises(SystemExit):
        parser.parse_args(list(args))
    return stderr.getvalue().strip().splitlines()[-1]


def test_argparse_errors_keep_argparse_english_with_lang_en(gkcheck):
    run = gkcheck(SAMPLE_000, "--fail-on", "bogus", *EN)
    assert argparse_error(run) == plain_argparse_message("--fail-on", "bogus")
    assert argparse_error(run).startswith("gkcheck: error: argument --fail-on: invalid choice: 'bogus'")
    assert argparse_error(gkcheck(SAMPLE_000, "--bogus", "--lang=en")) == (
        "gkcheck: error: unrecognized arguments: --bogus"
    )
    assert argparse_error(gkcheck("inspect", *EN)) == (
        "gkcheck inspect: error: the following arguments are required: FILE"
    )


@pytest.mark.parametrize(
    ("lang", "missing", "empty"),
    [((), "文件不存在：{}", "空文件"), (EN, "file not found: {}", "empty file")],
)
def test_unreadable_files_are_reported_in_the_json(gkcheck, tmp_path, lang, missing, empty):
    (tmp_path / "empty.pdf").write_bytes(b"")
    paths = [str(tmp_path / "missing.pdf"), str(tmp_path / "empty.pdf")]
    run = gkcheck(*paths, "--format", "json", *lang)
    assert run.exit_code == 1, run.stderr
    reports = run.json()["reports"]
    assert [(report["outcome"], report["error"]) for report in reports] == [
        ("error", missing.format(paths[0])),
        ("error", empty),
    ]


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ((), "gkcheck: 内部错误: RuntimeError: boom\n（加 -v 显示调用栈）\n"),
        (EN, "gkcheck: internal error: RuntimeError: boom\n(run with -v for the traceback)\n"),
    ],
)
def test_internal_error_in_the_language_of_the_command_line(gkcheck, tmp_path, monkeypatch, lang, expected):
    (tmp_path / "gk_crashing_plugin.py").write_text(
        "from gkcheck import hookimpl\n\n\n"
        "@hookimpl\ndef gkcheck_configure(config):\n    raise RuntimeError('boom')\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    run = gkcheck(SAMPLE_000, "-p", "gk_crashing_plugin", *lang)
    assert (run.exit_code, run.stdout, run.stderr) == (3, "", expected)
