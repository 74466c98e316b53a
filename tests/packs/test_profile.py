"""Rule packs: declared checks, severity and parameter overrides, the shandong pack, strict validation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.paths import HONGZE_2024, SAMPLE_REPORTS, SAMPLES, corpus_file
from tests.support.pdfmaker import render_text_file
from tests.support.results import rule_results

SAMPLE_000 = SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"  # phone "3581178" without area code
SAMPLE_001 = SAMPLES / "001_c779024abbc6666e.txt"  # 49 new applications, described in section 一


def write_pack(folder: Path, text: str, name: str = "pack.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def results_of(run) -> dict[str, dict]:
    return rule_results(run.json()["reports"][0])


def test_pack_from_a_folder_adds_a_rule_that_fires(gkcheck, tmp_path):
    pack = write_pack(
        tmp_path,
        """
[pack]
name = "zibo"
extends = "national"

[checks.ZB101]
name = "local-phone-number"
title = "本地电话号码"
severity = "error"
must_not_contain = "3581178"
message = "仍在使用旧号码“{match}”"
message_en = "the old number “{match}” is still given"
""",
    )
    run = gkcheck(SAMPLE_000, "--profile", pack, "--format", "json", "--lang", "en")
    result = results_of(run)["ZB101"]
    assert (
        result["outcome"] == "failed"
        and result["severity"] == "error"
        and result["name"] == "local-phone-number"
    )
    finding = result["findings"][0]
    assert finding["message"] == "the old number “3581178” is still given"
    assert finding["location"]["page"] == 1 and finding["actual"] == "3581178"
    assert run.exit_code == 1
    text = gkcheck(SAMPLE_000, "--profile", pack)
    assert "ZB101 local-phone-number [错误]" in text.stdout and "仍在使用旧号码“3581178”" in text.stdout
    # the national profile does not know the pack's rule
    assert "ZB101" not in results_of(gkcheck(SAMPLE_000, "--format", "json"))


def test_declared_rule_is_listed_explained_and_in_junit(gkcheck, tmp_path):
    pack = write_pack(
        tmp_path,
        """
[pack]
extends = "national"

[checks.ZB102]
title = "统计期限"
must_contain = "统计期限"
section = "六"
message = "第六部分未提统计期限"
doc = "Section 六 repeats the statistics period."
""",
    )
    listing = gkcheck("rules", "--profile", pack, "--format", "json").json()
    row = next(item for item in listing["rules"] if item["id"] == "ZB102")
    assert row["pack"] == "pack" and row["severity"] == "error" and row["origin"] == f"{pack}:5"
    explained = gkcheck("--explain", "ZB102", "--profile", pack).stdout
    assert "Section 六 repeats the statistics period." in explained and "must contain /统计期限/" in explained
    junit = gkcheck(SAMPLE_000, "--profile", pack, "--format", "junit").stdout
    assert re.search(r'<testcase name="ZB102 pack-zb102"[^>]*>\s*<failure', junit)


def test_severity_override_changes_the_exit_code(gkcheck, tmp_path):
    assert gkcheck(SAMPLE_000, "--select", "GK203").exit_code == 0  # a warning by default
    stricter = write_pack(tmp_path, '[pack]\nextends = "national"\n[rules.GK203]\nseverity = "error"\n')
    run = gkcheck(SAMPLE_000, "--select", "GK203", "--profile", stricter, "--format", "json")
    assert run.exit_code == 1 and results_of(run)["GK203"]["severity"] == "error"
    off = write_pack(tmp_path, '[pack]\nextends = "national"\n[rules.GK203]\nenabled = false\n', "off.toml")
    run = gkcheck(SAMPLE_000, "--profile", off, "--format", "json")
    assert "GK203" not in results_of(run) and "GK201" in results_of(run)


def test_shandong_pack_requires_email_and_raises_section_six_items(gkcheck):
    report = corpus_file(HONGZE_2024)  # no e-mail address in the contact details
    national = results_of(gkcheck(report, "--format", "json"))
    shandong = results_of(gkcheck(report, "--profile", "shandong", "--format", "json"))
    email = "联系方式缺少电子邮箱"
    assert not any(email in item["message"] for item in national["GK203"]["findings"])
    assert any(email in item["message"] for item in shandong["GK203"]["findings"])
    assert national["GK502"]["severity"] == "warning" and shandong["GK502"]["severity"] == "error"
    assert {"SD101", "SD102", "SD103"} <= set(shandong) and not {"SD101", "SD102", "SD103"} & set(national)
    listing = {
        row["id"]: row
        for row in gkcheck("rules", "--profile", "shandong", "--format", "json").json()["rules"]
    }
    assert listing["GK502"]["severity"] == "error" and listing["GK502"]["configured_by"] == "shandong"
    assert listing["GK203"]["configured_by"] == "shandong" and listing["GK201"]["configured_by"] is None
    assert listing["SD101"]["pack"] == "shandong"


def remove_request_paragraph(text: str) -> str:
    """Sample 001 with section 一 no longer speaking of disclosure on request (the tables unchanged)."""
    start, end = text.index("一、总体情况"), text.index("二、主动公开政府信息情况")
    section = "\n".join(
        line for line in text[start:end].splitlines() if not line.startswith("（二）依申请公开情况")
    )
    section = section.replace("依申请公开", "信息公开").replace("政府信息公开申请", "群众来信")
    return text[:start] + section + "\n" + text[end:]


def test_condition_between_table_and_section(gkcheck, tmp_path):
    complete = render_text_file(SAMPLE_001, tmp_path / "complete.pdf")
    assert (
        results_of(gkcheck(complete, "--profile", "shandong", "--format", "json"))["SD101"]["outcome"]
        == "passed"
    )
    edited = render_text_file(SAMPLE_001, tmp_path / "edited.pdf", remove_request_paragraph)
    result = results_of(gkcheck(edited, "--profile", "shandong", "--format", "json"))["SD101"]
    assert result["outcome"] == "failed" and "依申请公开" in result["findings"][0]["message"]
    # a report with no applications: the condition does not hold and the check is skipped
    skipped = results_of(gkcheck(SAMPLE_000, "--profile", "shandong", "--format", "json"))["SD101"]
    assert skipped["outcome"] == "skipped" and "tables.applications.new.total > 0" in skipped["reason"]


def test_condition_on_absent_data_skips_with_the_reason(gkcheck, tmp_path):
    pack = write_pack(
        tmp_path,
        """
[pack]
extends = "national"
[checks.ZB103]
when = "tables.budget.total.total > 0"
must_contain = "预算"
message = "未说明预算"
""",
    )
    result = results_of(gkcheck(SAMPLE_000, "--profile", pack, "--format", "json", "--lang", "en"))["ZB103"]
    assert (
        result["outcome"] == "skipped"
        and "tables.budget" in result["reason"]
        and "not found" in result["reason"]
    )


MALFORMED = {
    "syntax": ('[pack]\nname = "x"\n[rules.GK203\nseverity = "error"\n', 3, "invalid TOML"),
    "unknown top-level table": (
        '[pack]\nextends = "national"\n\n[rulez.GK203]\nseverity = "error"\n',
        4,
        "unknown key 'rulez'",
    ),
    "unknown pack key": ('[pack]\nextends = "national"\nparent = "x"\n', 3, "unknown key 'parent'"),
    "bad severity": (
        '[pack]\nextends = "national"\n[rules.GK203]\nrequired = []\nseverity = "fatal"\n',
        5,
        "severity 'fatal'",
    ),
    "bad enabled": (
        '[pack]\nextends = "national"\n[rules.GK203]\nenabled = "no"\n',
        4,
        "enabled must be true or false",
    ),
    "bad regex": (
        '[pack]\nextends = "national"\n[checks.ZB1]\nmessage = "m"\nmust_contain = "(unclosed"\n',
        5,
        "bad regular expression",
    ),
    "bad condition": (
        '[pack]\nextends = "national"\n[checks.ZB1]\nmessage = "m"\nmust_contain = "x"\n'
        "when = \"__import__('os')\"\n",
        6,
        "when",
    ),
    "unknown check key": (
        '[pack]\nextends = "national"\n[checks.ZB1]\nmessage = "m"\nmust_contain = "x"\nlevel = 1\n',
        6,
        "unknown key 'level'",
    ),
    "unknown rule id": (
        '[pack]\nextends = "national"\n\n[rules.GK999]\nseverity = "error"\n',
        4,
        "no rule GK999",
    ),
    "redeclared id": (
        '[pack]\nextends = "shandong"\n[checks.SD101]\nmessage = "m"\nmust_contain = "x"\n',
        3,
        "already declared in rules/shandong.toml",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_pack_is_a_usage_error_at_the_line(gkcheck, tmp_path, case):
    text, line, words = MALFORMED[case]
    pack = write_pack(tmp_path, text)
    run = gkcheck(SAMPLE_000, "--profile", pack, "--lang", "en")
    assert run.exit_code == 4, run.stderr
    assert f"{pack}:{line}:" in run.stderr and words in run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""


def test_declared_id_clashing_with_a_builtin_rule_is_an_error(gkcheck, tmp_path):
    pack = write_pack(
        tmp_path, '[pack]\nextends = "national"\n[checks.GK201]\nmessage = "m"\nmust_contain = "x"\n'
    )
    run = gkcheck(SAMPLE_000, "--profile", pack, "--lang", "en")
    assert run.exit_code == 4 and "GK201 is defined twice" in run.stderr and f"{pack}:3" in run.stderr


def test_builtin_packs_validate_and_configure_installed_rules(gkcheck):
    from gkcheck.commands.check import check_config
    from gkcheck.packs.profile import builtin_pack_names
    from gkcheck.runner import Checker

    checker = Checker(check_config([]))
    known = {item.id for item in checker.all_rules}
    for name in builtin_pack_names():
        profile = checker.config.load_profile(name)
        configured = set(profile.data.get("rules", {}))
        assert configured <= known, f"{name}: configures {configured - known}"


def test_reports_up_to_2020_get_the_2019_pack_unless_a_pack_is_named(gkcheck, tmp_path):
    year_2020 = render_text_file(
        SAMPLES / "000_bd99d2d058b13537.txt",
        tmp_path / "2020.pdf",
        lambda text: text.replace("2023", "2020").replace("2024", "2021"),
    )
    report = gkcheck(year_2020, "--format", "json").json()["reports"][0]
    assert report["year"] == 2020 and report["profile"] == "national-2019"
    assert gkcheck(SAMPLE_000, "--format", "json").json()["reports"][0]["profile"] == "national"
    named = gkcheck(year_2020, "--format", "json", "--profile", "shandong").json()["reports"][0]
    assert named["profile"] == "shandong"
