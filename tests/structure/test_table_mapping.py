"""Every cell of the three statistics tables, from the DOCX, HTML and text versions of the samples.

The documents go through the real loaders and the real structure layer (`Checker.load`); the
expected values are the samples' .json truth files. The seeds (reports as published, saved as
text) are read too: three map exactly, and seed 003's misaligned rows become GK301 findings.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from gkcheck.commands.check import check_config
from gkcheck.report import Report
from gkcheck.runner import Checker
from tests.support.paths import DATA, SAMPLE_REPORTS, SAMPLES
from tests.support.results import rule_results

SEEDS = DATA / "seeds"
STEMS = sorted(path.stem for path in SAMPLES.glob("*.json") if not path.stem.endswith(".expected"))
FORMATS = ("docx", "html", "txt")
APPLICANT_COLUMNS = ("natural", "biz", "research", "ngo", "legal", "other_org", "total")
REVIEW_COLUMNS = ("upheld", "corrected", "other", "pending", "total")
# Row names of the truth files → row keys of the template (rules/templates/*.toml).
TRUTH_ROWS = {
    "carry": "carried_in",
    "r1": "r1_open",
    "r2": "r2_partial",
    "r7": "r_total",
    "next": "carried_out",
}


def expected_tables(stem: str) -> dict[str, dict[str, dict]]:
    truth = json.loads((SAMPLES / f"{stem}.json").read_text("utf-8"))["tables"]
    applications = {
        TRUTH_ROWS.get(row, row): dict(zip(APPLICANT_COLUMNS, row_values))
        for row, row_values in truth["t3"]["rows"].items()
    }
    reviews = {
        row: dict(zip(REVIEW_COLUMNS, truth["t4"][5 * index : 5 * index + 5]))
        for index, row in enumerate(("rev", "lit_direct", "lit_after"))
    }
    disclosure, counts = truth["t2"], ("made", "repealed", "in_force")
    active = {
        "a20_1.guizhang": dict(zip(counts, disclosure["rule1"]["规章"])),
        "a20_1.guifanxing": dict(zip(counts, disclosure["rule1"]["行政规范性文件"])),
        "a20_5.xuke": {"decisions": disclosure["rule5"]["行政许可"]},
        "a20_6.chufa": {"decisions": disclosure["rule6"]["行政处罚"]},
        "a20_6.qiangzhi": {"decisions": disclosure["rule6"]["行政强制"]},
        "a20_8.fee": {"amount_wan": Decimal(str(disclosure["rule8"]["行政事业性收费"]))},
    }
    return {"active_disclosure": active, "applications": applications, "reviews": reviews}


@pytest.fixture(scope="session")
def reports():
    cache: dict[Path, Report] = {}

    def get(path: Path) -> Report:
        if path not in cache:
            cache[path] = Checker(check_config([str(path)])).load(str(path))
        return cache[path]

    return get


def read_values(report: Report) -> dict[str, dict[str, dict]]:
    return {
        key: {row: {col: cell.value for col, cell in cols.items()} for row, cols in table.cells.items()}
        for key, table in report.tables.items()
    }


def assert_exact(report: Report, stem: str) -> None:
    assert read_values(report) == expected_tables(stem)
    for table in report.tables.values():
        assert table.shape_problems == [] and table.missing_rows == []


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("stem", STEMS)
def test_every_cell_is_exact(reports, stem, fmt):
    report = reports(SAMPLES / f"{stem}.{fmt}")
    assert report.document.format == fmt
    assert_exact(report, stem)


@pytest.mark.parametrize("stem", ["000_bd99d2d058b13537", "001_c779024abbc6666e", "004_d68fabd84de01588"])
def test_seeds_saved_one_cell_per_line_are_exact(reports, stem):
    assert_exact(reports(SEEDS / f"{stem}.txt"), stem)


def test_cells_keep_their_place_in_the_source(reports):
    word = reports(SAMPLES / "001_c779024abbc6666e.docx").tables["applications"].cells["r_total"]["natural"]
    assert (word.value, word.location.table, word.location.row, word.location.col) == (44, 1, 24, 3)
    text = reports(SAMPLES / "001_c779024abbc6666e.txt").tables["applications"].cells["r_total"]["natural"]
    lines = (SAMPLES / "001_c779024abbc6666e.txt").read_text("utf-8").splitlines()
    assert text.value == 44 and lines[text.location.line - 1].startswith("（七）总计\t44\t")
    assert (text.location.table_key, text.location.row_key, text.location.column_key) == (
        "applications",
        "r_total",
        "natural",
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_inspect_json_gives_the_cells_by_template_keys(gkcheck, fmt):
    run = gkcheck("inspect", SAMPLES / f"001_c779024abbc6666e.{fmt}", "--json")
    assert run.exit_code == 0
    tables = run.json()["tables"]
    assert tables["applications"]["cells"]["r_total"]["natural"]["value"] == 44
    assert tables["applications"]["cells"]["carried_out"]["total"]["value"] == 5
    assert tables["reviews"]["cells"]["rev"]["total"]["value"] == 8
    assert tables["active_disclosure"]["cells"]["a20_5.xuke"]["decisions"]["value"] == 9830
    location = tables["applications"]["cells"]["r_total"]["natural"]["location"]
    assert (location["table"], location["row"], location["column"]) == ("applications", "r_total", "natural")


def test_every_format_gets_the_same_verdicts_as_the_pdf(gkcheck):
    pdfs = sorted(SAMPLE_REPORTS.glob("00*.pdf"))
    run = gkcheck(SAMPLES, *pdfs, "--format", "json")
    reports = run.json()["reports"]
    assert len(reports) == 20 and all(report["error"] is None for report in reports)
    verdicts: dict[str, dict[str, dict]] = {}
    for report in reports:
        path = Path(report["path"])
        verdicts.setdefault(path.stem, {})[path.suffix] = {
            rule: (result["outcome"], len(result["findings"]))
            for rule, result in rule_results(report).items()
        }
    for stem, by_format in verdicts.items():
        assert set(by_format) == {".pdf", ".docx", ".html", ".txt"}
        for suffix in (".docx", ".html", ".txt"):
            assert by_format[suffix] == by_format[".pdf"], (stem, suffix)
        assert by_format[".txt"]["GK301"] == ("passed", 0)


def test_seed_saved_without_blank_lines_between_rows_is_exact(reports, tmp_path):
    """One cell per line with nothing between the rows: a label after a value starts a new row."""
    lines = (SEEDS / "000_bd99d2d058b13537.txt").read_text("utf-8").splitlines()
    kept = [
        line
        for index, line in enumerate(lines)
        if line.strip()
        or not (
            0 < index < len(lines) - 1
            and lines[index - 1].startswith("\t")
            and lines[index + 1].startswith("\t")
        )
    ]
    assert len(kept) < len(lines) - 30
    path = tmp_path / "000_bd99d2d058b13537.txt"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    report = reports(path)
    assert len(report.document.tables) == 3
    assert_exact(report, "000_bd99d2d058b13537")
