"""Chinese everywhere in Chinese mode: help, usage errors, the rules listing, every rule's
explanation and the summary line, scanned for English sentences left untranslated; and the
default language: --lang, then the configuration file, then the system locale, then Chinese."""

from __future__ import annotations

import re

import pytest

from tests.support.paths import SAMPLE_REPORTS

SAMPLE_000 = SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"
# Code, not prose: `quoted`, option syntax in brackets, commands, metavars, file names.
NOT_PROSE = re.compile(
    r"`[^`]*`|\[[^\]]*\]|\{[^}]*\}|gkcheck(?: [a-z]+)?|--?[a-z][a-z-]*|\b[A-Z][A-Z_|]+\b"
    r"|\S+\.(?:toml|py|md|pdf)\b"
)
# Three English words in a row is a sentence someone forgot to translate.
ENGLISH_RUN = re.compile(r"[A-Za-z][a-z]+(?: +[A-Za-z][a-z]+){2,}")


def untranslated(text: str) -> list[str]:
    return ENGLISH_RUN.findall(NOT_PROSE.sub(" ", text))


def test_the_scanner_finds_english_sentences():
    assert untranslated("--select IDS   only rules with these id prefixes") == [
        "only rules with these id prefixes"
    ]
    assert untranslated("用法：gkcheck [-h] [--format FORMAT] PATH") == []
    assert untranslated("可选：error, warning, info") == []  # a list of values, not a sentence
    assert untranslated(gkcheck_explain_en()) != []


def gkcheck_explain_en() -> str:
    from gkcheck.checks import tables
    from gkcheck.rule import rules_in
    from gkcheck.ruledocs import rule_doc

    gk303 = next(item for item in rules_in(tables) if item.id == "GK303")
    return rule_doc(gk303, "en")[1]


def test_help_of_every_command_is_chinese(gkcheck):
    for command in ([], ["rules"], ["inspect"], ["cache"]):
        run = gkcheck(*command, "--help")
        assert run.exit_code == 0
        assert "用法：" in run.stdout and "选项：" in run.stdout
        assert untranslated(run.stdout) == [], command


def test_the_rules_listing_and_every_explanation_are_chinese(gkcheck):
    listing = gkcheck("rules")
    assert listing.stdout.startswith("规则包 national")
    assert untranslated(listing.stdout) == []
    ids = [row["id"] for row in gkcheck("rules", "--format", "json").json()["rules"]]
    for rule_id in ids:
        explained = gkcheck("--explain", rule_id)
        assert "**作用**" in explained.stdout and "**示例**" in explained.stdout, rule_id
        assert untranslated(explained.stdout) == [], rule_id


USAGE_ERRORS = [
    ["--co", "x"],
    ["--format"],
    ["--fail-on", "never", "x"],
    ["-j", "many", "x"],
    ["--explain", "GK999"],
    [SAMPLE_000, "--select", "GK999"],
    [SAMPLE_000, "--format", "xml"],
    [SAMPLE_000, "--profile", "nowhere"],
    [],
    ["rules", "--format", "yaml"],
    ["inspect"],
]


@pytest.mark.parametrize("args", USAGE_ERRORS, ids=lambda args: " ".join(map(str, args)) or "no-args")
def test_usage_errors_are_chinese(gkcheck, args):
    run = gkcheck(*args)
    assert run.exit_code == 4
    assert "错误" in run.stderr
    assert untranslated(run.stderr) == [], run.stderr


def test_a_run_is_reported_in_chinese(gkcheck):
    run = gkcheck(SAMPLE_000, "-v")
    assert "份报告" in run.stdout
    assert untranslated(run.stdout.replace(str(SAMPLE_000), "")) == []


def test_the_default_language_follows_lang_then_the_file_then_the_locale(gkcheck, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert gkcheck("rules").stdout.startswith("规则包")  # no locale language: Chinese
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert gkcheck("rules").stdout.startswith("profile")  # an English system
    assert "usage:" in gkcheck("--help").stdout
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert gkcheck("rules").stdout.startswith("规则包")
    (tmp_path / "gkcheck.toml").write_text('lang = "en"\n', encoding="utf-8")
    assert gkcheck("rules").stdout.startswith("profile")  # the file wins over the locale
    assert "usage:" in gkcheck("--help").stdout
    assert gkcheck("rules", "--lang", "zh").stdout.startswith("规则包")  # the command line wins


def test_inspect_is_chinese(gkcheck):
    run = gkcheck("inspect", SAMPLE_000)
    assert run.stdout.startswith("文件：") and "落款：" in run.stdout and "None" not in run.stdout
    assert untranslated(run.stdout) == []
    assert gkcheck("inspect", SAMPLE_000, "--lang", "en").stdout.startswith("file:")
