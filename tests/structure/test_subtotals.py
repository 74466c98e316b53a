"""Optional subtotals of table 三 (docs/format.md §5.4 I-6, GK308) on documents edited from the samples.

DOCX copies get numbers on a group row （四）无法提供 / （六）其他处理; HTML copies get a
法人或其他组织 subtotal column. The subtotals are kept apart from the cells: the row and result
totals (GK303, GK305) still pass, and GK308 checks them.
"""

from __future__ import annotations

import lxml.html
import pytest

from gkcheck.commands.check import check_config
from gkcheck.runner import Checker
from tests.support.docxedit import edited_copy, insert_group_row
from tests.support.paths import DATA, PINGTAN, SAMPLES, corpus_file
from tests.support.results import check_rule, rule_results

SAMPLE_2019 = SAMPLES / "001_c779024abbc6666e"  # 2019 layout: （六）其他处理 is a data row
SAMPLE_2021 = SAMPLES / "000_bd99d2d058b13537"
PARTIAL = "（二）部分公开"
ORG_COLUMNS = slice(1, 6)  # 商业企业 … 其他 among the seven printed values


def load(path):
    return Checker(check_config([str(path)])).load(str(path))


def table_rules(gkcheck, path) -> dict[str, dict]:
    run = gkcheck(path, "--format", "json", "--select", "GK3")
    assert run.exit_code in (0, 1), run.stderr
    return rule_results(run.json()["reports"][0])


def outcomes(results: dict[str, dict], *rules: str) -> dict[str, str]:
    return {rule: results[rule]["outcome"] for rule in rules}


def group_row_docx(tmp_path, sample, group: str, first_sub_row: str, values: list[int]):
    edit = lambda document: insert_group_row(document, group, first_sub_row, PARTIAL, values)  # noqa: E731
    return edited_copy(sample.with_suffix(".docx"), tmp_path / "subtotal.docx", edit)


def test_group_row_subtotal_is_read_apart_from_the_cells(tmp_path):
    path = group_row_docx(
        tmp_path, SAMPLE_2019, "（四）无法提供", "1．本机关不掌握相关政府信息", [16, 0, 0, 0, 0, 0, 16]
    )
    table = load(path).tables["applications"]
    assert {column: cell.value for column, cell in table.subtotals["r4"].items()} == {
        "natural": 16,
        "biz": 0,
        "research": 0,
        "ngo": 0,
        "legal": 0,
        "other_org": 0,
        "total": 16,
    }
    assert table.subtotals["r4"]["total"].location.row_key == "r4"
    assert "r4" not in table.cells and table.cells["r4_1"]["natural"].value == 16
    assert table.shape_problems == [] and table.missing_rows == []


def test_correct_group_subtotal_passes_and_is_not_counted_twice(tmp_path, gkcheck):
    path = group_row_docx(
        tmp_path, SAMPLE_2019, "（四）无法提供", "1．本机关不掌握相关政府信息", [16, 0, 0, 0, 0, 0, 16]
    )
    results = table_rules(gkcheck, path)
    assert outcomes(results, "GK301", "GK303", "GK304", "GK305", "GK308") == dict.fromkeys(
        ("GK301", "GK303", "GK304", "GK305", "GK308"), "passed"
    )


def test_numbers_on_the_2021_group_other_processing_stay_a_subtotal(tmp_path, gkcheck):
    """In the 2021 layout （六）其他处理 is a group: numbers on it are a subtotal, not the 2019 row."""
    sub_row = "1．申请人无正当理由逾期不补正"
    path = group_row_docx(tmp_path, SAMPLE_2021, "（六）其他处理", sub_row, [1, 0, 0, 0, 0, 0, 1])
    table = load(path).tables["applications"]
    assert table.template == "2021" and "r6" in table.subtotals
    results = table_rules(gkcheck, path)
    assert outcomes(results, "GK301", "GK302", "GK305") == dict.fromkeys(
        ("GK301", "GK302", "GK305"), "passed"
    )
    found = sorted(
        (f["location"]["column"], f["expected"], f["actual"]) for f in results["GK308"]["findings"]
    )
    assert found == [("natural", 0, 1), ("total", 0, 1)]


def subtotal_column_html(
    tmp_path, name: str, *, header: bool = True, wrong_row: str | None = None, at_end: bool = False
):
    """Sample 001's HTML with a 法人或其他组织 column in table 三 (`header`: named 小计).

    The column follows 自然人, or (`at_end`) the five organisation columns.
    """
    document = lxml.html.parse(str(SAMPLE_2019.with_suffix(".html"))).getroot()
    table = next(table for table in document.iter("table") if "勾稽关系" in table.text_content())
    for tr in table.iter("tr"):
        cells = [cell for cell in tr if cell.tag in ("td", "th")]
        texts = [cell.text_content().strip() for cell in cells]
        if texts[-1:] == ["申请人情况"] or "法人或其他组织" in texts:
            spanning = cells[-1] if texts[-1] == "申请人情况" else cells[texts.index("法人或其他组织")]
            spanning.set("colspan", str(int(spanning.get("colspan")) + 1))
        elif texts[:1] == ["商业企业"] and header:
            named = lxml.html.fromstring("<td>小计</td>")
            if at_end:
                cells[-1].addnext(named)
            else:
                cells[0].addprevious(named)
        elif len(texts) >= 7 and all(text.isdigit() for text in texts[-7:]):
            subtotal = sum(int(text) for text in texts[-7:][ORG_COLUMNS])
            if wrong_row and wrong_row in "".join(texts):
                subtotal += 3
            cells[-2 if at_end else -7].addnext(lxml.html.fromstring(f"<td>{subtotal}</td>"))
    target = tmp_path / name
    target.write_bytes(lxml.html.tostring(document, encoding="utf-8"))
    return target


def test_subtotal_column_is_read_apart_from_the_cells(tmp_path):
    table = load(subtotal_column_html(tmp_path, "column.html")).tables["applications"]
    assert table.has_subtotal_column and table.shape_problems == []
    assert set(table.org_subtotal) == set(table.cells) and len(table.cells) == 23
    assert all(set(columns) == set(table.spec.columns) for columns in table.cells.values())
    assert table.cells["new"]["total"].value == 49 and table.org_subtotal["new"].location.column_key == "org"


def test_subtotal_column_after_the_organisation_columns(tmp_path, gkcheck):
    path = subtotal_column_html(
        tmp_path, "at_end.html", at_end=True, wrong_row="本年新收政府信息公开申请数量"
    )
    table = load(path).tables["applications"]
    assert table.subtotal_after == "other_org" and table.cells["new"]["total"].value == 49
    (finding,) = check_rule(gkcheck, path, "GK308")["findings"]
    assert (finding["location"]["row"], finding["expected"], finding["actual"]) == ("new", 0, 3)


def test_correct_subtotal_column_passes(tmp_path, gkcheck):
    results = table_rules(gkcheck, subtotal_column_html(tmp_path, "column.html"))
    assert outcomes(results, "GK301", "GK303", "GK304", "GK305", "GK308") == dict.fromkeys(
        ("GK301", "GK303", "GK304", "GK305", "GK308"), "passed"
    )


def test_wrong_subtotal_column_fails_gk308(tmp_path, gkcheck):
    path = subtotal_column_html(tmp_path, "wrong.html", wrong_row="本年新收政府信息公开申请数量")
    results = table_rules(gkcheck, path)
    (finding,) = results["GK308"]["findings"]
    location = finding["location"]
    assert (location["row"], location["column"], finding["expected"], finding["actual"]) == (
        "new",
        "org",
        0,
        3,
    )
    assert "法人或其他组织" in finding["message"]
    assert outcomes(results, "GK301", "GK303", "GK305") == dict.fromkeys(
        ("GK301", "GK303", "GK305"), "passed"
    )


def test_eight_values_without_a_named_subtotal_column_stay_shape_problems(tmp_path, gkcheck):
    """Without 小计 in the header an eighth value is not guessed to be a subtotal: GK301 reports it."""
    path = subtotal_column_html(tmp_path, "unnamed.html", header=False)
    table = load(path).tables["applications"]
    assert not table.has_subtotal_column and not table.org_subtotal
    assert {problem.actual for problem in table.shape_problems} == {8}
    assert check_rule(gkcheck, path, "GK301")["outcome"] == "failed"


@pytest.mark.parametrize("seed", ["002_587a12f256707b84", "003_35beedbe3e7b0ed3"])
def test_seeds_misaligned_rows_are_not_repaired_as_subtotals(seed, gkcheck):
    path = DATA / "seeds" / f"{seed}.txt"
    table = load(path).tables["applications"]
    assert not table.has_subtotal_column and not table.subtotals and not table.org_subtotal
    assert table.shape_problems
    findings = [
        f
        for f in check_rule(gkcheck, path, "GK301")["findings"]
        if f["location"]["table"] == "applications"
        and ("个数值" in f["message"] or "数值个数" in f["message"])
    ]
    # one line per row up to three, then one line naming how many more
    problems = [problem.row_key for problem in table.shape_problems]
    assert [f["location"]["row"] for f in findings[:3]] == problems[:3]
    if len(problems) > 3:
        assert len(findings) == 4 and f"另有{len(problems) - 3}行" in findings[3]["message"]
        assert findings[3]["location"]["row"] == problems[3]
    else:
        assert len(findings) == len(problems)


# Web captures whose tables lost their grid: "规章000行政规范性文件77132470…".
PINGTAN_YEARS = (
    "2019_80576",
    "2020_80595",
    "2021_80613",
    "2022_80629",
    "2023_87885",
    "2024_97791",
    "2025_105587",
)
RUN_TOGETHER = "的标题和行名存在，但数值无法分开读取（数字连在一起），无法核对"
TABLE_FIXTURE_RULES = ("GK303", "GK304", "GK305", "GK306", "GK307", "GK308", "GK401", "GK402")


@pytest.mark.parametrize("page", PINGTAN_YEARS)
def test_tables_with_numbers_run_together_are_present_but_unreadable(page, gkcheck):
    path = corpus_file(PINGTAN / f"pingtan_{page}_page.txt")
    run = gkcheck(path, "--format", "json", "--select", "GK3,GK4")
    results = rule_results(run.json()["reports"][0])
    messages = [finding["message"] for finding in results["GK301"]["findings"]]
    assert messages == [f"表{numeral}{RUN_TOGETHER}" for numeral in "二三四"]
    assert all(finding["location"]["line"] == 10 for finding in results["GK301"]["findings"])
    for rule in TABLE_FIXTURE_RULES:
        assert results[rule]["outcome"] == "skipped", rule
        assert RUN_TOGETHER in results[rule]["reason"], (rule, results[rule]["reason"])
    assert results["GK302"]["outcome"] == "skipped" and RUN_TOGETHER in results["GK302"]["reason"]
    assert results["GK403"]["outcome"] == "skipped"  # alone in the run: no last year's report


def test_last_years_report_beside_it_does_not_make_the_tables_readable(gkcheck):
    paths = [corpus_file(PINGTAN / f"pingtan_{page}_page.txt") for page in PINGTAN_YEARS[-2:]]
    run = gkcheck(*paths, "--format", "json", "--select", "GK403")
    later = rule_results(run.json()["reports"][-1])["GK403"]
    assert later["outcome"] == "skipped" and RUN_TOGETHER in later["reason"], later


def test_a_table_really_missing_is_still_not_found(tmp_path, gkcheck):
    """Sample 001's text with table 三's rows removed: no label with numbers left, so “not found”."""
    text = (SAMPLE_2019.with_suffix(".txt")).read_text(encoding="utf-8")
    start, end = text.index("（本列数据的勾稽关系"), text.index("四、结转下年度继续办理")
    end = text.index("\n", end)
    path = tmp_path / "no_table_three.txt"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    findings = check_rule(gkcheck, path, "GK301")["findings"]
    assert [f["message"] for f in findings] == ["未找到表三"]


def test_inspect_shows_the_subtotals(tmp_path, gkcheck):
    path = group_row_docx(
        tmp_path, SAMPLE_2019, "（四）无法提供", "1．本机关不掌握相关政府信息", [16, 0, 0, 0, 0, 0, 17]
    )
    table = gkcheck("inspect", path, "--json").json()["tables"]["applications"]
    assert table["subtotals"]["r4"]["total"]["value"] == 17 and table["org_subtotal"] == {}
    text = gkcheck("inspect", path).stdout
    (line,) = [line for line in text.splitlines() if "[subtotal]" in line]
    assert line.split()[:2] == ["r4", "（四）无法提供"] and line.split()[-2] == "17"
    column = gkcheck("inspect", subtotal_column_html(tmp_path, "column.html"), "--json").json()["tables"][
        "applications"
    ]
    assert (
        column["org_subtotal"]["r_total"]["value"] == 0
        and column["org_subtotal"]["r_total"]["location"]["column"] == "org"
    )


def rendered_pdf(tmp_path, name: str, edit):
    """Sample 001's text, edited, rendered to a real PDF (reportlab, STSong-Light)."""
    from tests.support.pdfmaker import render_text_file

    return render_text_file(SAMPLE_2019.with_suffix(".txt"), tmp_path / name, edit=edit)


def with_group_row(text: str) -> str:
    old = "（四）无法提供\t1．本机关不掌握相关政府信息\t16\t0\t0\t0\t0\t0\t16"
    assert text.count(old) == 1
    return text.replace(
        old, "（四）无法提供\t16\t0\t0\t0\t0\t0\t17\n\t1．本机关不掌握相关政府信息\t16\t0\t0\t0\t0\t0\t16"
    )


def with_subtotal_column(text: str) -> str:
    """Table 三 with 小计 in the header and a 法人或其他组织 value after 自然人 in every row."""
    start, end = text.index("勾稽关系"), text.index("四、结转下年度继续办理")
    end = text.index("\n", end)
    lines = []
    for line in text[start:end].split("\n"):
        parts = line.split("\t")
        if parts[0] == "商业企业":
            parts.insert(0, "小计")
        elif len(parts) >= 8 and all(part.isdigit() for part in parts[-7:]):
            parts.insert(len(parts) - 6, str(sum(int(part) for part in parts[-6:-1])))
        lines.append("\t".join(parts))
    return text[:start] + "\n".join(lines) + text[end:]


def test_subtotal_column_in_a_pdf(tmp_path, gkcheck):
    path = rendered_pdf(tmp_path, "column.pdf", with_subtotal_column)
    table = load(path).tables["applications"]
    assert table.has_subtotal_column and len(table.org_subtotal) == len(table.cells) == 23
    assert [table.value("new", column) for column in ("natural", "biz", "total")] == [49, 0, 49]
    results = table_rules(gkcheck, path)
    assert outcomes(results, "GK301", "GK303", "GK305", "GK308") == dict.fromkeys(
        ("GK301", "GK303", "GK305", "GK308"), "passed"
    )


def test_group_subtotal_with_a_subtotal_column_in_a_pdf(tmp_path, gkcheck):
    """A group row of 8 values: its 法人或其他组织 value is a subtotal of the group row's own columns."""
    path = rendered_pdf(tmp_path, "both.pdf", lambda text: with_subtotal_column(with_group_row(text)))
    table = load(path).tables["applications"]
    assert set(table.subtotals["r4"]) == {
        "natural",
        "org",
        "biz",
        "research",
        "ngo",
        "legal",
        "other_org",
        "total",
    }
    findings = check_rule(gkcheck, path, "GK308")["findings"]
    assert [
        (f["location"]["row"], f["location"]["column"], f["expected"], f["actual"]) for f in findings
    ] == [("r4", "total", 16, 17)]
