"""Traditional-character pages are read like Simplified ones: matched on an OpenCC Simplified copy,
reported in the document's own characters (in the terminal, JSON, JUnit and HTML outputs)."""

from __future__ import annotations

import pytest

from tests.support.paths import RULE_CASES, SAMPLES
from tests.support.results import rule_results
from tests.support.rule_cases import read_recipe
from tests.support.traditional import simplified_copy, to_simplified, to_traditional, traditional_copy

SAMPLE = SAMPLES / "001_c779024abbc6666e"
RENDERINGS = [("pdf", "pdfium"), ("pdf", "pdfminer"), ("docx", None), ("html", None), ("txt", None)]
IDS = ["pdf-pdfium", "pdf-pdfminer", "docx", "html", "txt"]
WRONG_TOTAL = ("（七）总计\t44\t0\t0\t0\t0\t0\t44", "（七）总计\t44\t0\t0\t0\t0\t0\t45")
WRONG_COUNT = ("44件依法依规进行答复", "43件依法依规进行答复")  # the narrative against table 三
# The row label and the sentence as the Traditional page prints them, and as the copy reads them.
LABEL, LABEL_SIMPLIFIED = "“（七）總計”", "“（七）总计”"
SENTENCE, SENTENCE_SIMPLIFIED = "申請內容涉及徵地補償", "申请内容涉及征地补偿"
ISSUER = "淄博高新技術產業開發區"


def run_json(gkcheck, path, engine, *args) -> dict:
    engine_args = ("--pdf-engine", engine) if engine else ()
    done = gkcheck(str(path), "--format", "json", "--select", "GK", *engine_args, *args)
    [report] = done.json()["reports"]
    return report


def verdicts(report: dict, written=lambda value: value) -> dict[str, tuple[str, list]]:
    """Each rule's outcome and its findings' values, the texts among them `written` so."""

    def shown(value):
        return written(value) if isinstance(value, str) else value

    return {
        rule: (result["outcome"], [(shown(f["expected"]), shown(f["actual"])) for f in result["findings"]])
        for rule, result in rule_results(report).items()
    }


@pytest.mark.parametrize(("form", "engine"), RENDERINGS, ids=IDS)
def test_a_traditional_page_gets_the_verdicts_of_the_simplified_one(gkcheck, tmp_path, form, engine):
    traditional = traditional_copy(SAMPLE, form, tmp_path)
    simplified = simplified_copy(SAMPLE, form, tmp_path / f"simplified.{form}")
    report = run_json(gkcheck, traditional, engine)
    # The same verdicts (the values a finding quotes from the page are the page's own: see below).
    assert verdicts(report, to_simplified) == verdicts(run_json(gkcheck, simplified, engine))
    assert report["issuer"] == ISSUER  # the issuer as the page prints it


@pytest.mark.parametrize(("form", "engine"), RENDERINGS, ids=IDS)
def test_defects_on_a_traditional_page_are_caught_and_quoted_as_printed(gkcheck, tmp_path, form, engine):
    path = traditional_copy(SAMPLE, form, tmp_path, [WRONG_TOTAL, WRONG_COUNT])
    results = rule_results(run_json(gkcheck, path, engine))
    total, count = results["GK303"], results["GK401"]
    assert (total["outcome"], [(f["expected"], f["actual"]) for f in total["findings"]]) == (
        "failed",
        [(44, 45)],
    )
    [wrong_total] = total["findings"]
    assert LABEL in wrong_total["message"] and LABEL_SIMPLIFIED not in wrong_total["message"]
    assert "六类申请人之和为44" in wrong_total["message"]  # gkcheck's own words stay its own
    [wrong_count] = count["findings"]
    assert (wrong_count["expected"], wrong_count["actual"]) == (45, 43)
    assert SENTENCE in wrong_count["message"] and SENTENCE_SIMPLIFIED not in wrong_count["message"]
    assert "43件依法依規進行答覆" in wrong_count["message"]
    if form == "pdf":
        assert wrong_total["location"]["page"] == 3 and wrong_count["location"]["page"] == 1
    # The signature note quotes the body as printed, and the title's issuer beside it.
    [signed] = results["GK204"]["findings"]
    assert "管理委員會辦公室" in signed["message"] and signed["actual"].endswith("管理委員會辦公室")
    assert signed["expected"] == ISSUER


def test_junit_and_html_outputs_quote_a_traditional_page_as_printed(gkcheck, tmp_path):
    path = traditional_copy(SAMPLE, "pdf", tmp_path, [WRONG_TOTAL])
    junit, page = tmp_path / "junit.xml", tmp_path / "report.html"
    gkcheck(str(path), "--select", "GK", "--junit-xml", str(junit), "--html", str(page))
    for output in (junit.read_text(encoding="utf-8"), page.read_text(encoding="utf-8")):
        assert f"表三{LABEL}行：总计为45" in output
        assert f"表三{LABEL_SIMPLIFIED}行：总计为45" not in output
    # The HTML report's grid of table 三 labels the row as printed.
    assert ">（七）總計<" in page.read_text(encoding="utf-8")


def test_inspect_shows_a_traditional_page_as_printed(gkcheck, tmp_path):
    path = traditional_copy(SAMPLE, "txt", tmp_path)
    facts = gkcheck("inspect", str(path), "--json").json()
    assert facts["issuer"] == ISSUER
    assert facts["sections"]["三"]["heading"] == "三、收到和處理政府信息公開申請情況"
    assert facts["contact"]["address"] == "淄博市張店區柳泉路109號1008室"


def test_repeated_passages_of_traditional_pages_are_quoted_as_printed(gkcheck, tmp_path):
    """GK406 compares the reports after every file is read (here in worker processes)."""
    recipe = read_recipe(RULE_CASES / "GK406" / "repeats-most-of-last-year.toml")
    assert recipe.previous is not None
    pack = tmp_path / "measure.toml"
    pack.write_text('[pack]\nname = "measure"\nextends = "national"\n[rules.GK406]\nmax_share = 0\n')
    quoted = {}
    for script in ("simplified", "traditional"):
        paths = []
        for name, part in (("previous", recipe.previous), ("this", recipe.document)):
            paths.append(part.render("txt", tmp_path / f"{name}-{script}.txt"))
            if script == "traditional":
                paths[-1].write_text(to_traditional(paths[-1].read_text(encoding="utf-8")), encoding="utf-8")
        done = gkcheck(*paths, "--profile", pack, "--format", "json", "--select", "GK406", "-j", "2")
        _, *passages = rule_results(done.json()["reports"][1])["GK406"]["findings"]
        quoted[script] = [passage["message"].split("：", 1)[1] for passage in passages]
    assert quoted["simplified"] and quoted["traditional"] != quoted["simplified"]
    assert quoted["traditional"] == [to_traditional(quote) for quote in quoted["simplified"]]


def test_a_heading_reworded_on_a_traditional_page_is_quoted_as_printed(gkcheck, tmp_path):
    """The heading is the page's; the wording it should have is the format's, in gkcheck's words."""
    path = traditional_copy(
        SAMPLE, "docx", tmp_path, [("二、主动公开政府信息情况", "二、主动公开政府信息工作情况")]
    )
    [finding] = rule_results(run_json(gkcheck, path, None))["GK105"]["findings"]
    assert (
        finding["message"]
        == "第二部分标题“二、主動公開政府信息工作情況”与格式规定不符，应为“二、主动公开政府信息情况”"
    )
