"""Scores under the example assessment scheme, the office's workbook, and the checks across years
on the 宿迁 2023/2024 peer pair."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import lxml.html
import openpyxl
import pytest

from tests.support.paths import PEERS, SAMPLE_REPORTS, corpus_file
from tests.support.results import rule_results

BATCH = sorted(str(path) for path in SAMPLE_REPORTS.glob("*.pdf"))


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    """One run of the sample batch under the example scheme, as JSON, and its workbook."""
    from gkcheck.cli import main

    workbook = tmp_path_factory.mktemp("xlsx") / "测评.xlsx"
    output = tmp_path_factory.mktemp("json") / "run.json"
    page = output.with_name("run.html")
    code = main(
        ["--profile", "assessment-example", "--xlsx", str(workbook), "--json", str(output), "-q"]
        + ["--html", str(page), *BATCH]
    )
    assert code in (0, 1)
    return json.loads(output.read_text(encoding="utf-8")), workbook, lxml.html.fromstring(page.read_bytes())


def test_batch_is_ranked_by_score_under_the_example_scheme(scored):
    document, _, _ = scored
    schema = resources.files("gkcheck.schema").joinpath("results.schema.json").read_text(encoding="utf-8")
    jsonschema.validate(document, json.loads(schema))
    assessment = document["assessment"]
    by_path = {item["path"]: item for item in assessment["reports"]}
    scores = [by_path[path]["score"] for path in assessment["ranking"]]
    assert scores == sorted(scores, reverse=True)
    assert [by_path[path]["rank"] for path in assessment["ranking"]] == [1, 2, 3, 4, 5]
    # Sample 000 loses all 20 points of structure (its headings) and ranks last; 003 ranks first.
    last = by_path[assessment["ranking"][-1]]
    assert last["path"].endswith("000_bd99d2d058b13537.pdf")
    assert last["indicators"][0] == {"name": "结构完整规范", "points": 20, "lost": 20, "findings": 4}
    assert assessment["ranking"][0].endswith("003_35beedbe3e7b0ed3.pdf")
    for item in assessment["reports"]:
        report = next(r for r in document["reports"] if r["path"] == item["path"])
        failed = {rule for rule, result in rule_results(report).items() if result["outcome"] == "failed"}
        lost = sum(part["lost"] for part in item["indicators"])
        assert item["score"] == 100 - lost
        assert (lost == 0) == (not failed & {r for part in item["indicators"] for r in _rules(part)})


def _rules(part):
    from gkcheck.assessment import scheme_of
    from gkcheck.packs.profile import load_profile

    _, indicators = scheme_of(load_profile("assessment-example"))
    return next(indicator.rules for indicator in indicators if indicator.name == part["name"])


def test_workbook_matches_the_json_of_the_same_run(scored):
    document, path, _ = scored
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames == ["汇总", "问题", "逐年对比"]
    summary = list(workbook["汇总"].values)
    assert summary[0] == ("机关", "年度", "规则包", "得分", "错误", "警告", "结论", "文件")
    scores = {item["path"]: item["score"] for item in document["assessment"]["reports"]}
    assert len(summary) - 1 == len(document["reports"])
    for row, report in zip(summary[1:], document["reports"]):
        assert row[0] == report["issuer"] and row[1] == report["year"] and row[7] == report["path"]
        assert row[3] == scores[report["path"]]
        assert row[6] == {"passed": "通过", "failed": "未通过"}[report["outcome"]]
    findings = list(workbook["问题"].values)
    assert findings[0] == ("文件", "机关", "年度", "规则", "名称", "级别", "页码", "部分", "问题")
    expected = [
        (report["path"], result["rule"], finding.get("location", {}).get("page"), finding["message"])
        for report in document["reports"]
        for result in report["results"]
        for finding in result["findings"]
    ]
    assert [(row[0], row[3], row[6], row[8]) for row in findings[1:]] == expected
    assert workbook["问题"].auto_filter.ref == workbook["问题"].dimensions
    assert len(list(workbook["逐年对比"].values)) == len(summary)


def test_html_summary_scores_and_ranking_equal_the_json(scored):
    document, _, page = scored
    assessment = document["assessment"]
    by_path = {item["path"]: item for item in assessment["reports"]}
    headers = [th.text_content() for th in page.cssselect("#summary-table thead th")]
    assert headers[8:] == ["得分", "名次", "结论"]
    assert page.cssselect("#summary-table thead th")[8].get("data-sort") == "num"
    rows = [
        [td.text_content() for td in row.cssselect("td")] for row in page.cssselect("#summary-table tbody tr")
    ]
    assert [row[1] for row in rows] == [report["path"] for report in document["reports"]]
    for row in rows:
        assert (float(row[8]), int(row[9])) == (by_path[row[1]]["score"], by_path[row[1]]["rank"])
    ranked = page.cssselect("#ranking ol.ranking li")
    assert [item.cssselect("a")[0].text_content() for item in ranked] == assessment["ranking"]
    assert [float(item.cssselect("b.score")[0].text_content()) for item in ranked] == [
        by_path[path]["score"] for path in assessment["ranking"]
    ]
    number = {row[1]: index for index, row in enumerate(rows, 1)}
    assert [item.cssselect("a")[0].get("href") for item in ranked] == [
        f"#report-{number[path]}" for path in assessment["ranking"]
    ]


def test_html_sections_show_each_indicator_and_the_deductions(scored):
    from tests.test_i18n import untranslated

    document, _, page = scored
    for index, item in enumerate(document["assessment"]["reports"], 1):
        block = page.get_element_by_id(f"score-{index}")
        assert block.getparent().get("id") == f"report-{index}"
        assert (
            f"评分：{item['score']}/{item['full']}（第{item['rank']}名）"
            in block.cssselect("h3")[0].text_content()
        )
        shown = [[td.text_content() for td in row.cssselect("td")] for row in block.cssselect("tbody tr")]
        expected = [(part["name"], part["points"], part["lost"]) for part in item["indicators"]]
        assert [(row[0], float(row[1]), float(row[2])) for row in shown] == expected
        assert untranslated(block.text_content()) == []
    # Sample 000: GK103's two findings, GK104's and GK105's one, 5 points each: 20, all of 结构完整规范.
    structure = page.get_element_by_id("score-1").cssselect("tbody tr")[0]
    assert [li.text_content() for li in structure.cssselect("ul.deductions li")] == [
        "GK103 2 条 × 5 分 = 10 分",
        "GK104 1 条 × 5 分 = 5 分",
        "GK105 1 条 × 5 分 = 5 分",
    ]
    assert structure.cssselect("a")[0].get("href") == "#rule-1-GK103"
    assert page.get_element_by_id("rule-1-GK103") is not None
    assert not structure.cssselect("li.cap")  # 20 lost of 20: not more than the indicator's points


def test_html_deductions_beyond_an_indicator_are_capped_in_english(tmp_path, gkcheck):
    pack = tmp_path / "small.toml"
    pack.write_text(
        '[pack]\nname = "small"\nextends = "national"\n\n[assessment]\ntitle = "small"\n\n'
        '[[assessment.indicators]]\nname = "numbering"\npoints = 4\nrules = ["GK103"]\ndeduct = 3\n',
        encoding="utf-8",
    )
    out = tmp_path / "en.html"
    gkcheck("--profile", str(pack), "--html", out, "--lang", "en", "-q", BATCH[0])
    page = lxml.html.fromstring(out.read_bytes())
    assert [th.text_content() for th in page.cssselect("#summary-table thead th")][8:] == [
        "score",
        "rank",
        "verdict",
    ]
    block = page.get_element_by_id("score-1")
    assert "Score: 0/4 (rank 1)" in block.text_content()
    assert [li.text_content() for li in block.cssselect("ul.deductions li")] == [
        "GK103 2 × 3 = 6 points",
        "capped at its 4 points",
    ]
    assert block.cssselect("td.lost")[0].text_content() == "4"


def test_assessment_errors_name_the_pack_file_and_line(tmp_path, gkcheck):
    pack = tmp_path / "scheme.toml"
    pack.write_text(
        '[pack]\nname = "s"\nextends = "national"\n\n[assessment]\ntitle = "t"\n\n'
        '[[assessment.indicators]]\nname = "a"\npoints = 10\nrules = ["GK303"]\n\n'
        '[[assessment.indicators]]\nname = "b"\npoints = -5\nrules = ["GK304"]\n',
        encoding="utf-8",
    )
    done = gkcheck("--profile", str(pack), BATCH[0])
    assert done.exit_code == 4  # a usage error
    assert f"{pack}:15:" in done.stderr and "points" in done.stderr


def test_suqian_pair_passes_continuity_and_repeats_little(gkcheck):
    pair = [str(corpus_file(PEERS / f"kirogovcompare-suqian-{year}" / "report.txt")) for year in (2023, 2024)]
    done = gkcheck(*pair, "--format", "json", "--select", "GK403,GK405,GK406,GK503")
    results = rule_results(done.json()["reports"][1])
    assert results["GK405"]["outcome"] == "passed"  # 12 = 11 + 2 − 1; 420 = 597 + 50 − 227
    assert results["GK403"]["outcome"] == "passed"  # 121 = 121
    assert results["GK406"]["outcome"] == "passed"  # 6 % of sentences repeat 2023's (the peer: 42 % text)
    assert results["GK503"]["outcome"] == "passed"


def test_suqian_reuse_figure(tmp_path, gkcheck):
    """The share GK406 measures on the pair, printed by setting its threshold to 0."""
    pair = [str(corpus_file(PEERS / f"kirogovcompare-suqian-{year}" / "report.txt")) for year in (2023, 2024)]
    pack = tmp_path / "zero.toml"
    pack.write_text(
        '[pack]\nname = "zero"\nextends = "national"\n[rules.GK406]\nmax_share = 0\n', encoding="utf-8"
    )
    done = gkcheck(*pair, "--profile", str(pack), "--format", "json", "--select", "GK406")
    finding = rule_results(done.json()["reports"][1])["GK406"]["findings"][0]
    assert finding["actual"] == 6
    assert "表格数值47%与上年相同" in finding["message"]
    assert "34%的文字见于上年（连续6字以上）" in finding["message"]  # the phrases kept (the peer: 42 %)
