"""The rule-case table: each recipe in tests/data/rules/<ID>/ checked in each of its formats.

The document is built from a real report (tests/support/rule_cases.py), checked by the real command
line with `--select <ID> --format json` in Chinese and in English, and the rule's result must equal
`<case>.expected.json` exactly. `pytest --update-rule-cases` writes the expected files instead.
"""

from __future__ import annotations

import docx
import pytest

from tests.support.edits import EditError
from tests.support.paths import NO_CORPUS, RULE_CASES, SAMPLES, in_corpus
from tests.support.rule_cases import (
    LANGUAGES,
    Source,
    for_format,
    load_cases,
    merge_formats,
    merge_languages,
    rule_result,
)

CASES = load_cases()


@pytest.fixture(scope="session")
def rule_case_files(tmp_path_factory):
    """The documents of a case in one format, made once per session: (document, previous or None)."""
    folder = tmp_path_factory.mktemp("rule-cases")
    made: dict[tuple[str, str], tuple] = {}

    def get(case, fmt: str):
        if (case.id, fmt) not in made:
            target = folder / case.rule / case.name
            target.mkdir(parents=True, exist_ok=True)
            document = case.document.render(fmt, target / f"{case.name}.{fmt}")
            previous = case.previous.render(fmt, target / f"previous.{fmt}") if case.previous else None
            made[case.id, fmt] = (document, previous)
        return made[case.id, fmt]

    return get


@pytest.fixture(scope="session")
def rule_case_results() -> dict:
    return {}


@pytest.fixture
def result_of(gkcheck, rule_case_files, rule_case_results):
    """The rule's result for a case in one format, both languages merged; each run made once."""

    def get(case, fmt: str) -> dict:
        if (case.id, fmt) not in rule_case_results:
            document, previous = rule_case_files(case, fmt)
            paths = [previous, document] if previous else [document]
            by_language = {}
            for lang in LANGUAGES:
                run = gkcheck(*paths, "--select", case.rule, "--format", "json", "--lang", lang, *case.args)
                assert run.exit_code in (0, 1), run.stderr
                by_language[lang] = rule_result(run.json(), document, case.rule)
            rule_case_results[case.id, fmt] = merge_languages(by_language)
        return rule_case_results[case.id, fmt]

    return get


@pytest.mark.parametrize(
    ("case", "fmt"),
    [pytest.param(case, fmt, id=f"{case.rule}-{case.name}-{fmt}") for case in CASES for fmt in case.formats],
)
def test_rule_case(case, fmt, result_of, request):
    sources = [case.document.path, *([case.previous.path] if case.previous else [])]
    if any(in_corpus(path) and not path.exists() for path in sources):
        pytest.skip(NO_CORPUS)
    if request.config.getoption("update_rule_cases"):
        case.write_expected(merge_formats(case.rule, {each: result_of(case, each) for each in case.formats}))
    expected = case.read_expected()
    assert expected is not None, f"no {case.expected_path.name}: run pytest with --update-rule-cases"
    assert result_of(case, fmt) == for_format(expected, fmt)


def shipped_rules(gkcheck) -> list[str]:
    """The rule ids `gkcheck rules` lists that gkcheck itself ships (not an installed plugin's)."""
    listing = gkcheck("rules", "--format", "json").json()["rules"]
    return sorted(row["id"] for row in listing if row["origin"].startswith("gkcheck."))


def test_every_rule_has_a_failing_and_a_passing_case(gkcheck):
    outcomes: dict[str, set] = {}
    for case in CASES:
        expected = case.read_expected() or {}
        outcomes.setdefault(case.rule, set()).add(expected.get("outcome"))
    lacking = {
        rule: sorted({"failed", "passed"} - outcomes.get(rule, set())) for rule in shipped_rules(gkcheck)
    }
    assert {rule: missing for rule, missing in lacking.items() if missing} == {}


def test_each_case_folder_is_a_rule_and_each_expected_file_has_its_recipe(gkcheck):
    assert sorted(path.name for path in RULE_CASES.iterdir() if path.is_dir()) == shipped_rules(gkcheck)
    recipes = {case.expected_path for case in CASES}
    assert sorted(set(RULE_CASES.glob("*/*.expected.json")) - recipes) == []


def test_an_edit_a_format_cannot_take_is_an_error_not_a_pass(tmp_path):
    """A recipe's edit that is not in the document fails the case instead of checking the sample as is."""
    edit = (("全年没有收到政府信息公开行政复议案件", "全年收到政府信息公开行政复议案件1件"),)
    missing = (("本报告不存在的一句话", "另一句话"),)
    source = Source(SAMPLES / "003_35beedbe3e7b0ed3", edit)
    for fmt in ("txt", "docx", "html"):
        assert "全年收到政府信息公开行政复议案件1件" in _text_of(source.render(fmt, tmp_path / f"ok.{fmt}"))
        with pytest.raises(EditError):
            Source(SAMPLES / "003_35beedbe3e7b0ed3", missing).render(fmt, tmp_path / f"missing.{fmt}")


def _text_of(path) -> str:
    if path.suffix == ".docx":
        return "\n".join(paragraph.text for paragraph in docx.Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")
