"""Blank cells read as 0 in a PDF: tables 三 and 四 printed as ruled grids whose zeros are left blank.

The rule cases tests/data/rules/GK301/blank-*.toml and GK305/GK306 blank-zeros-wrong-total.toml
cover the text, DOCX and HTML renderings; a PDF printed as text lines has no blank cell at all (a
blank leaves no trace on the line), so here the tables are real ruled grids, read by both engines.
The figures are sample 001's (tests/data/tables/samples.json); table 二 is printed too, so that
every table is present.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.paths import DATA
from tests.support.results import rule_results
from tests.support.ruled_tables import (
    DISCLOSURE_LABELS,
    DISCLOSURE_SECTIONS,
    Ruled,
    applications_grid,
    disclosure_rows,
    render_pages,
    reviews_header,
    reviews_values,
)

TRUTH = json.loads((DATA / "tables" / "samples.json").read_text(encoding="utf-8"))["samples"][
    "001_c779024abbc6666e"
]
ENGINES = ("pdfium", "pdfminer")
RULES = "GK301,GK303,GK304,GK305,GK306"
REVIEW_ROWS = ("rev", "lit_direct", "lit_after")


def blanked(values: list[str]) -> list[str]:
    """The zeros left blank, as many reports print them."""
    return ["" if value == "0" else value for value in values]


def report_pdf(path: Path, applications: dict[str, list[str]], reviews: list[str]) -> Path:
    """Tables 二, 三 and 四 under their headings, on pages 1, 2 and 3."""
    disclosure = disclosure_rows(TRUTH["active_disclosure"], DISCLOSURE_LABELS, DISCLOSURE_SECTIONS)
    pages = [
        ["二、主动公开政府信息情况", Ruled([cell for row in disclosure for cell in row], [110] * 4)],
        ["三、收到和处理政府信息公开申请情况", applications_grid(applications)],
        [
            "四、政府信息公开行政复议、行政诉讼情况",
            [*[cell for row in reviews_header() for cell in row], *reviews_values(reviews, 3)],
            "五、存在的主要问题及改进情况",
        ],
    ]
    return render_pages(pages, path)


def blank_zero_report(path: Path, applications=None, reviews=None) -> Path:
    """Sample 001's tables 三 and 四 with every zero blank, after the changes given (row → values)."""
    rows = {key: blanked(values) for key, values in TRUTH["applications"].items()}
    figures = blanked([value for row in REVIEW_ROWS for value in TRUTH["reviews"][row]])
    return report_pdf(path, {**rows, **(applications or {})}, reviews or figures)


def checked(gkcheck, path: Path, engine: str) -> dict[str, dict]:
    run = gkcheck(path, "--format", "json", "--select", RULES, "--pdf-engine", engine)
    assert run.exit_code in (0, 1), run.stderr
    return rule_results(run.json()["reports"][0])


def zeros(values) -> int:
    return sum(value == "0" for value in values)


@pytest.mark.parametrize("engine", ENGINES)
def test_blank_zero_tables_get_one_note_each_and_no_warning(gkcheck, tmp_path, engine):
    printed = {key: values for key, values in TRUTH["applications"].items()}
    figures = [value for row in REVIEW_ROWS for value in TRUTH["reviews"][row]]
    with_zeros = checked(gkcheck, report_pdf(tmp_path / "zeros.pdf", printed, figures), engine)
    assert {rule: result["outcome"] for rule, result in with_zeros.items()} == dict.fromkeys(
        RULES.split(","), "passed"
    )  # the grids are read whole: no blank, nothing to say
    results = checked(gkcheck, blank_zero_report(tmp_path / "blanks.pdf"), engine)
    assert {rule: results[rule]["outcome"] for rule in ("GK303", "GK304", "GK305", "GK306")} == dict.fromkeys(
        ("GK303", "GK304", "GK305", "GK306"), "passed"
    )
    notes = results["GK301"]["findings"]
    assert [(note["severity"], note["location"]["table"], note["location"]["page"]) for note in notes] == [
        ("info", "applications", 2),
        ("info", "reviews", 3),
    ]
    assert [note["actual"] for note in notes] == [
        sum(zeros(values) for values in TRUTH["applications"].values()),
        zeros(figures),
    ]
    assert "表三有149个单元格为空，按0计入各项核对" in notes[0]["message"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_wrong_total_in_blank_zero_table_four_fails_on_its_cell(gkcheck, tmp_path, engine):
    figures = blanked([value for row in REVIEW_ROWS for value in TRUTH["reviews"][row]])
    assert figures[4] == "8"  # 行政复议 总计: 7 + 1
    wrong = [*figures[:4], "9", *figures[5:]]
    results = checked(gkcheck, blank_zero_report(tmp_path / "wrong.pdf", reviews=wrong), engine)
    (finding,) = results["GK306"]["findings"]
    where = finding["location"]
    assert (where["table"], where["row"], where["column"], where["page"]) == ("reviews", "rev", "total", 3)
    assert (finding["expected"], finding["actual"]) == (8, 9)
    assert [note["severity"] for note in results["GK301"]["findings"]] == ["info", "info"]


@pytest.mark.parametrize("engine", ENGINES)
def test_a_wrong_total_in_blank_zero_table_three_fails_the_sums_it_breaks(gkcheck, tmp_path, engine):
    """（七）总计 printed 45 for 自然人 where the results add up to 44 (its row's 总计 still 44)."""
    total = blanked(TRUTH["applications"]["r_total"])
    assert total == ["44", "", "", "", "", "", "44"]
    path = blank_zero_report(tmp_path / "wrong.pdf", applications={"r_total": ["45", *total[1:]]})
    results = checked(gkcheck, path, engine)
    places = {
        rule: [
            (f["location"]["row"], f["location"]["column"], f["location"]["page"], f["expected"], f["actual"])
            for f in results[rule]["findings"]
        ]
        for rule in ("GK303", "GK304", "GK305")
    }
    assert places == {
        "GK303": [("r_total", "total", 2, 45, 44)],  # the six applicant columns add up to 45, not 44
        "GK304": [("r_total", "natural", 2, 49, 50)],  # 一 + 二 = 49, 三（七） + 四 = 45 + 5
        "GK305": [("r_total", "natural", 2, 44, 45)],
    }
    assert results["GK306"]["outcome"] == "passed"


@pytest.mark.parametrize("engine", ENGINES)
def test_a_total_left_blank_beside_figures_warns_once(gkcheck, tmp_path, engine):
    """一、本年新收 has 49 under 自然人 and nothing under 总计: zero cannot explain that blank."""
    printed = dict(TRUTH["applications"])
    printed["new"] = [*printed["new"][:6], ""]
    figures = [value for row in REVIEW_ROWS for value in TRUTH["reviews"][row]]
    results = checked(gkcheck, report_pdf(tmp_path / "blank-total.pdf", printed, figures), engine)
    (warning,) = results["GK301"]["findings"]
    where = warning["location"]
    assert (warning["severity"], where["row"], where["column"], where["page"]) == (
        "warning",
        "new",
        "total",
        2,
    )
    assert (warning["expected"], warning["actual"]) == (49, "")
    assert "表三有1处合计为空，而其组成数值不为0" in warning["message"]
    # Nor is the blank reported again as a wrong sum (row 一's, or column 总计's 一 + 二 = 0).
    assert [results[rule]["outcome"] for rule in ("GK303", "GK304", "GK305", "GK306")] == ["passed"] * 4
