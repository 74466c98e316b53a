"""The Markdown loader: `#` headings and pipe tables, in .md files and in text that is Markdown."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.support.mdmaker import render_markdown
from tests.support.paths import CLEAN, SAMPLES
from tests.support.pdfmaker import replaced

SAMPLE_001 = SAMPLES / "001_c779024abbc6666e.txt"


def inspect(gkcheck, path) -> dict:
    run = gkcheck("inspect", str(path), "--json")
    assert run.exit_code == 0, run.stderr
    return json.loads(run.stdout)


def cells(report: dict, key: str) -> dict:
    table = report["tables"][key]
    return {row: {col: cell["value"] for col, cell in cols.items()} for row, cols in table["cells"].items()}


def test_a_markdown_rendering_reads_as_the_text_does(gkcheck, tmp_path):
    markdown = render_markdown(SAMPLE_001, tmp_path / "001.md")
    from_md, from_txt = inspect(gkcheck, markdown), inspect(gkcheck, SAMPLE_001)
    assert from_md["format"] == "md"
    assert list(from_md["sections"]) == ["一", "二", "三", "四", "五", "六"]
    assert (from_md["title"], from_md["issuer"], from_md["year"]) == (
        from_txt["title"],
        from_txt["issuer"],
        from_txt["year"],
    )
    for key in ("active_disclosure", "applications", "reviews"):
        assert cells(from_md, key) == cells(from_txt, key), key
    assert from_md["tables"]["applications"]["missing_rows"] == []


@pytest.mark.parametrize("clean", sorted(CLEAN.glob("*.txt")), ids=lambda path: path.stem)
def test_clean_reports_as_markdown_pass_every_rule(gkcheck, tmp_path, clean):
    markdown = render_markdown(clean, tmp_path / f"{clean.stem}.md")
    run = gkcheck(str(markdown), "--format", "json", "--fail-on", "info", "--select", "GK")
    fired = {
        result["rule"]: result["findings"]
        for result in run.json()["reports"][0]["results"]
        if result["outcome"] not in ("passed", "skipped")
    }
    assert fired == {}
    assert run.exit_code == 0


def test_a_wrong_total_in_a_markdown_table_is_caught(gkcheck, tmp_path):
    def edit(text):
        return replaced(text, [("（七）总计\t44\t0\t0\t0\t0\t0\t44", "（七）总计\t44\t0\t0\t0\t0\t0\t45")])

    markdown = render_markdown(SAMPLE_001, tmp_path / "001.md", edit)
    run = gkcheck(str(markdown), "--format", "json", "--select", "GK303")
    [result] = run.json()["reports"][0]["results"]
    assert result["outcome"] == "failed"
    assert [(f["expected"], f["actual"]) for f in result["findings"]] == [(44, 45)]
    assert result["findings"][0]["location"]["row"] == "r_total"


def test_text_that_is_markdown_is_read_as_markdown(gkcheck, tmp_path):
    markdown = render_markdown(SAMPLE_001, tmp_path / "001.md")
    saved_as_text = tmp_path / "001-saved.txt"
    shutil.copy(markdown, saved_as_text)
    report = inspect(gkcheck, saved_as_text)
    assert report["format"] == "md"
    assert cells(report, "reviews") == cells(inspect(gkcheck, markdown), "reviews")


def test_plain_text_stays_plain_text(gkcheck):
    assert inspect(gkcheck, SAMPLE_001)["format"] == "txt"
