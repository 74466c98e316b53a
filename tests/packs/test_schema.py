"""Rule parameters: declared with `@rule(params=...)`, checked when a pack is loaded, read typed by the rule.

Each default (severity and parameters) is written once, with the rule; packs, `gkcheck rules`,
`--explain` and the parameter tables of docs/*/packs.md follow from it.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from gkcheck.manager import BUILTIN_PLUGINS
from gkcheck.rule import rules_in
from gkcheck.tomlfile import tomllib
from tests.support.paths import ROOT, SAMPLES
from tests.support.results import check_rule

SAMPLE_000 = SAMPLES / "000_bd99d2d058b13537.txt"  # a 2023 report with phone, address, postcode, e-mail
SAMPLE_001 = SAMPLES / "001_c779024abbc6666e.txt"  # a 2021 report whose contact details give no e-mail
PACKS = ROOT / "rules"


def write_pack(folder: Path, rules: str, extends: str = "national") -> Path:
    """A pack extending `extends`; `rules` starts at line 5."""
    path = folder / "pack.toml"
    path.write_text(f'[pack]\nname = "pack"\nextends = "{extends}"\n\n{rules}', encoding="utf-8")
    return path


def rule_rows(run) -> dict[str, dict]:
    assert run.exit_code == 0, run.stderr
    return {row["id"]: row for row in run.json()["rules"]}


def declared_defaults() -> dict[str, str]:
    """Each built-in rule's severity as its `@rule(...)` decorator gives it."""
    return {
        item.id: item.severity
        for _name, module in BUILTIN_PLUGINS
        for item in rules_in(importlib.import_module(module))
    }


# Errors in [rules.ID] tables: when the pack is loaded, at the line


def test_a_value_not_allowed_is_a_usage_error_at_its_line(gkcheck, tmp_path):
    pack = write_pack(tmp_path, '[rules.GK203]\nrequired = ["phone", "emial"]\n')
    run = gkcheck(SAMPLE_000, "--profile", pack, "--lang", "en")
    assert (run.exit_code, run.stdout) == (4, "")
    assert run.stderr == (
        f"gkcheck: error: {pack}:6: [rules.GK203] required = ['phone', 'emial']: "
        "'emial' is not allowed (allowed: phone, address, email, postcode)\n"
    )
    chinese = gkcheck(SAMPLE_000, "--profile", pack)
    assert chinese.exit_code == 4
    assert chinese.stderr == (
        f"gkcheck: 错误: {pack}:6: [rules.GK203] required = ['phone', 'emial']："
        "不允许的值 'emial'（可选：phone、address、email、postcode）\n"
    )


def test_an_invalid_date_stops_the_run_before_any_report_is_read(gkcheck, tmp_path):
    pack = write_pack(tmp_path, '[rules.GK205]\ngovernment = "03-31"\ndepartment = "1月31日"\n')
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")  # once read, it is a result of its own, printed at once: "not checked: empty file"
    # GK205 is not even selected: the pack itself is wrong, whichever rules run
    run = gkcheck(empty, SAMPLE_000, "--profile", pack, "--select", "GK101", "--lang", "en")
    assert (run.exit_code, run.stdout) == (4, "")
    assert run.stderr == (
        f"gkcheck: error: {pack}:7: [rules.GK205] department = '1月31日': "
        'not a day of the year "MM-DD" (e.g. "01-31")\n'
    )


BAD_TABLES = {
    "misspelt key": (
        "national",
        '[rules.GK203]\nseverity = "error"\nrequried = ["phone"]\n',
        7,
        "[rules.GK203] 'requried' is not a parameter of GK203 "
        "(allowed: severity, enabled, required; see: gkcheck --explain GK203)",
    ),
    "a key of a rule that has no parameters": (
        "national",
        "[rules.GK201]\nfrom_year = 2022\n",
        6,
        "[rules.GK201] 'from_year' is not a parameter of GK201 "
        "(allowed: severity, enabled; see: gkcheck --explain GK201)",
    ),
    "a declared check is changed in its own table, not under [rules]": (
        "shandong",
        '[rules.SD103]\nsection = "四"\n',
        6,
        "[rules.SD103] 'section' is not a parameter of SD103",
    ),
    "a string for a year": (
        "national",
        '[rules.GK501]\nfrom_year = "2022"\n',
        6,
        "[rules.GK501] from_year = '2022': must be an integer",
    ),
    "a string for a list": (
        "national",
        '[rules.GK203]\nrequired = "email"\n',
        6,
        "[rules.GK203] required = 'email': must be a list of strings",
    ),
    "a day that is not in every year": (
        "national",
        '[rules.GK205]\ngovernment = "02-29"\n',
        6,
        "[rules.GK205] government = '02-29': not a day of the year",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_TABLES))
def test_a_wrong_rule_table_is_a_usage_error_at_its_line(gkcheck, tmp_path, case):
    extends, rules, line, words = BAD_TABLES[case]
    pack = write_pack(tmp_path, rules, extends)
    for command in ([SAMPLE_000], ["rules"], ["--explain", "GK203"]):
        run = gkcheck(*command, "--profile", pack, "--lang", "en")
        assert (run.exit_code, run.stdout) == (4, ""), run.stderr
        assert run.stderr.startswith(f"gkcheck: error: {pack}:{line}: {words}"), run.stderr


# A valid parameter is read, typed, by the rule


def test_requiring_an_email_address_fails_a_report_that_gives_none(gkcheck, tmp_path):
    assert check_rule(gkcheck, SAMPLE_001, "GK203", "--lang", "en")["outcome"] == "passed"
    pack = write_pack(tmp_path, '[rules.GK203]\nrequired = ["phone", "address", "email"]\n')
    result = check_rule(gkcheck, SAMPLE_001, "GK203", "--profile", pack, "--lang", "en")
    assert result["outcome"] == "failed" and result["severity"] == "warning"
    (finding,) = result["findings"]
    assert finding["message"] == "contact details give no e-mail address" and finding["expected"] == "email"
    # no field required at all: nothing is missing
    nothing = write_pack(tmp_path, "[rules.GK203]\nrequired = []\n")
    assert check_rule(gkcheck, SAMPLE_001, "GK203", "--profile", nothing)["outcome"] == "passed"


def test_a_later_from_year_skips_the_fee_statement_of_an_earlier_report(gkcheck, tmp_path):
    assert check_rule(gkcheck, SAMPLE_001, "GK501")["outcome"] == "passed"  # report year 2021
    pack = write_pack(tmp_path, "[rules.GK501]\nfrom_year = 2022\n")
    result = check_rule(gkcheck, SAMPLE_001, "GK501", "--profile", pack, "--lang", "en")
    assert result["outcome"] == "skipped"
    assert result["reason"] == "not required for report year 2021 (required from 2022)"


def test_a_rule_file_declares_a_parameter_that_a_pack_sets(gkcheck, tmp_path):
    rules = tmp_path / "zb_rules.py"
    rules.write_text(
        '''
from gkcheck import Param, rule


@rule("ZB201", severity="warning", params={"domain": Param("string", default=".gov.cn", en="mail domain")})
def official_email(report, params, finding):
    """The contact e-mail address is on the official domain."""
    email = report.contact.email or ""
    if not email.endswith(params["domain"]):
        finding(f"电子邮箱“{email}”不在 {params['domain']}", f"{email} is not on {params['domain']}")
''',
        encoding="utf-8",
    )
    # sample 000 gives gxqjfj@zb.shandong.cn
    assert check_rule(gkcheck, SAMPLE_000, "ZB201", "--rules", rules)["outcome"] == "failed"
    pack = write_pack(tmp_path, '[rules.ZB201]\ndomain = ".shandong.cn"\n')
    assert (
        check_rule(gkcheck, SAMPLE_000, "ZB201", "--rules", rules, "--profile", pack)["outcome"] == "passed"
    )
    typo = write_pack(tmp_path, '[rules.ZB201]\ndomian = ".shandong.cn"\n')
    run = gkcheck(SAMPLE_000, "--rules", rules, "--profile", typo, "--lang", "en")
    assert (
        run.exit_code == 4 and f"{typo}:6: [rules.ZB201] 'domian' is not a parameter of ZB201" in run.stderr
    )


# Where the parameters are shown


def test_explain_shows_the_parameters_and_the_value_the_profile_sets(gkcheck):
    national = gkcheck("--explain", "GK203", "--lang", "en")
    assert national.exit_code == 0
    assert 'parameters (profile national):\n  required = ["phone", "address"]  (default)\n' in national.stdout
    assert (
        "**Parameters** (under `[rules.GK203]` in a pack)\n"
        '- `required` (list of strings, default `["phone", "address"]`; allowed: phone, address, email, '
        "postcode): the contact fields whose absence is a finding（缺少即为问题的联系方式字段）"
    ) in national.stdout
    shandong = gkcheck("--explain", "GK203", "--profile", "shandong", "--lang", "en").stdout
    assert '  required = ["phone", "address", "email"]  (set in pack shandong)\n' in shandong
    assert "parameters" not in gkcheck("--explain", "GK201", "--lang", "en").stdout


def test_json_listing_gives_each_rule_its_parameters(gkcheck, tmp_path):
    rows = rule_rows(gkcheck("rules", "--format", "json"))
    assert rows["GK203"]["params"] == {
        "required": {
            "kind": "list",
            "type": {"zh": "字符串列表", "en": "list of strings"},
            "default": ["phone", "address"],
            "choices": ["phone", "address", "email", "postcode"],
            "description": {
                "zh": "缺少即为问题的联系方式字段",
                "en": "the contact fields whose absence is a finding",
            },
            "value": ["phone", "address"],
            "set_by": None,
        }
    }
    assert set(rows["GK205"]["params"]) == {"department", "government"}
    assert rows["GK201"]["params"] == {}
    pack = write_pack(tmp_path, '[rules.GK205]\ndepartment = "01-10"\n', "shandong")
    deadline = rule_rows(gkcheck("rules", "--format", "json", "--profile", pack))["GK205"]["params"]
    assert (deadline["department"]["value"], deadline["department"]["set_by"]) == ("01-10", "pack")
    assert (deadline["government"]["value"], deadline["government"]["set_by"]) == ("03-31", None)


# One place for each default


def test_builtin_packs_set_only_what_differs_from_the_rules_defaults(gkcheck):
    defaults = declared_defaults()
    rows = rule_rows(gkcheck("rules", "--format", "json"))
    assert {rule_id: row["severity"] for rule_id, row in rows.items()} == defaults
    assert all(row["configured_by"] is None for row in rows.values())
    for pack in sorted(PACKS.glob("*.toml")):
        for rule_id, settings in tomllib.loads(pack.read_text(encoding="utf-8")).get("rules", {}).items():
            params = rows[rule_id]["params"]
            for key, value in settings.items():
                default = defaults[rule_id] if key == "severity" else params[key]["default"]
                assert value != default, f"{pack.name} [rules.{rule_id}] {key} repeats the default"
    shandong = rule_rows(gkcheck("rules", "--format", "json", "--profile", "shandong"))
    assert shandong["GK502"]["severity"] == "error" != defaults["GK502"]


def test_the_readme_catalog_gives_each_rule_its_declared_default(gkcheck):
    rows = rule_rows(gkcheck("rules", "--format", "json"))
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    catalog = {
        cells[0]: (cells[1], cells[2])
        for line in text.splitlines()
        if line.startswith("| GK")
        and len(cells := [cell.strip() for cell in line.strip("|").split("|")]) == 4
    }
    assert catalog == {rule_id: (row["name"], row["default_severity"]) for rule_id, row in rows.items()}


TABLE_HEADERS = {
    "en": "| rule | parameter | type | default | allowed values | meaning |",
    "zh": "| 规则 | 参数 | 类型 | 默认值 | 可选值 | 含义 |",
}


def parameter_table(rows: dict[str, dict], lang: str) -> str:
    """The markdown table of every built-in rule parameter, from `gkcheck rules --format json`."""
    lines = [TABLE_HEADERS[lang], "|---|---|---|---|---|---|"]
    for rule_id, row in sorted(rows.items()):
        for key, param in row["params"].items():
            default = tomlish(param["default"])
            allowed = ("、" if lang == "zh" else ", ").join(f"`{item}`" for item in param["choices"]) or "—"
            lines.append(
                f"| {rule_id} | `{key}` | {param['type'][lang]} | `{default}` | {allowed} "
                f"| {param['description'][lang]} |"
            )
    return "\n".join(lines)


def tomlish(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(tomlish(item) for item in value) + "]"
    return f'"{value}"' if isinstance(value, str) else str(value)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_parameter_table_of_the_docs_is_the_declarations(gkcheck, lang):
    rows = rule_rows(gkcheck("rules", "--format", "json"))
    expected = parameter_table(rows, lang)
    text = (ROOT / "docs" / lang / "packs.md").read_text(encoding="utf-8")
    start = text.index("<!-- parameters:") + len("<!-- parameters:")
    start = text.index("-->", start) + len("-->\n")
    documented = text[start : text.index("<!-- /parameters -->")].strip()
    assert documented == expected, f"docs/{lang}/packs.md: replace the parameter table with\n{expected}"
