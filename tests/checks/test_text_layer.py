"""A scanned PDF, and the PDFs the tests render: what the rule cases rely on."""

from __future__ import annotations

from tests.support.pdfmaker import render_pdf, render_scan
from tests.support.results import rule_results


def check(gkcheck, path, *args):
    run = gkcheck(path, "--format", "json", *args)
    assert run.exit_code in (0, 1), run.stderr
    (report,) = run.json()["reports"]
    return rule_results(report)


def test_scanned_pdf_fails_gk001_and_skips_every_other_rule(gkcheck, tmp_path):
    results = check(gkcheck, render_scan(tmp_path / "scan.pdf"))
    assert results["GK001"]["outcome"] == "failed"
    assert "OCR" in results["GK001"]["findings"][0]["message"]
    others = [result for rule_id, result in results.items() if rule_id != "GK001"]
    assert others and all(result["outcome"] == "skipped" for result in others)
    assert all("无文本层" in result["reason"] for result in others)


def test_render_pdf_round_trip_keeps_text(tmp_path):
    import pdfplumber

    from gkcheck.loaders.pdf import read_pdf

    path = render_pdf(["淄博市测试局", "2023年政府信息公开工作年度报告"], tmp_path / "t.pdf")
    with pdfplumber.open(path) as pdf:
        document = read_pdf(str(path), pdf)
    assert [line.text for line in document.lines][:2] == ["淄博市测试局", "2023年政府信息公开工作年度报告"]
