"""A scanned report, made from a sample PDF, read by OCR: the same tables and verdicts as its text layer.

OCR is slow, so each scan is read once per module (into a private document cache) and many tests
look at that one reading.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from scans import SAMPLES, edits, make_scan, overprint

from gkcheck.cli import main
from gkcheck.commands.check import check_config
from gkcheck.document import normalise_number_text
from gkcheck.loaders.pdf import load_with_pdfium
from gkcheck.runner import Checker

SAMPLE = SAMPLES / "000_bd99d2d058b13537.pdf"


def run_json(capsys, *args) -> dict:
    main([str(arg) for arg in (*args, "--format", "json", "--lang", "zh")])
    (report,) = json.loads(capsys.readouterr().out)["reports"]
    return {item["rule"]: item for item in report["results"]}


@pytest.fixture(scope="module")
def scan(tmp_path_factory) -> Path:
    return make_scan(SAMPLE, tmp_path_factory.mktemp("scan") / "scan.pdf")


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def ocr_document(scan, cache_dir):
    """The scan as the loaders read it (OCR'd once, and kept in the module's cache)."""
    config = check_config([str(scan), "--cache-dir", str(cache_dir)])
    started = time.perf_counter()
    document = Checker(config).load(str(scan)).document
    document.metadata["seconds"] = time.perf_counter() - started
    return document


@pytest.fixture(scope="module")
def text_document():
    return load_with_pdfium(str(SAMPLE))


def cell_texts(table) -> list[list[str]]:
    return [[normalise_number_text(cell.text) for cell in row] for row in table.rows]


def test_the_scan_has_no_text_layer(scan):
    assert load_with_pdfium(str(scan)).has_text_layer is False


def test_read_by_ocr_into_lines_with_page_and_bbox(ocr_document, text_document):
    assert ocr_document.metadata["text_source"] == "ocr"
    assert ocr_document.has_text_layer and ocr_document.page_count == text_document.page_count
    titles = [line for line in ocr_document.lines if "政府信息公开工作年度报告" in line.text]
    assert titles and titles[0].location.page == 1
    x0, top, x1, bottom = titles[0].location.bbox
    assert 0 < x0 < x1 < 595 and 0 < top < bottom < 842


def test_same_table_grids_as_the_text_layer(ocr_document, text_document):
    assert [(t.location.page, len(t.rows)) for t in ocr_document.tables] == [
        (t.location.page, len(t.rows)) for t in text_document.tables
    ]
    for scanned, text in zip(ocr_document.tables, text_document.tables):
        assert [[(c.row, c.col, c.rowspan, c.colspan) for c in row] for row in scanned.rows] == [
            [(c.row, c.col, c.rowspan, c.colspan) for c in row] for row in text.rows
        ]


def test_every_number_cell_reads_as_printed(ocr_document, text_document):
    wrong = [
        (table.location.page, a, b)
        for table, text in zip(ocr_document.tables, text_document.tables)
        for row_a, row_b in zip(cell_texts(table), cell_texts(text))
        for a, b in zip(row_a, row_b)
        if b.isdigit() and a != b
    ]
    assert wrong == []


def test_same_verdicts_as_the_text_layer(scan, cache_dir, capsys):
    scanned = run_json(capsys, scan, "--cache-dir", cache_dir)
    text = run_json(capsys, SAMPLE, "--no-cache")
    outcomes = {rule: (item["outcome"], item.get("severity")) for rule, item in text.items()}
    differ = {
        rule: (item["outcome"], outcomes[rule])
        for rule, item in scanned.items()
        if rule != "GK001" and (item["outcome"], item.get("severity")) != outcomes[rule]
    }
    assert differ == {}
    note = scanned["GK001"]
    assert note["outcome"] == "failed" and note["severity"] == "info"
    assert "OCR" in note["findings"][0]["message"]


def test_a_second_run_reads_the_cache_not_the_pages(scan, cache_dir, ocr_document):
    config = check_config([str(scan), "--cache-dir", str(cache_dir)])
    started = time.perf_counter()
    again = Checker(config).load(str(scan)).document
    assert time.perf_counter() - started < ocr_document.metadata["seconds"] / 5
    assert [t.text_rows() for t in again.tables] == [t.text_rows() for t in ocr_document.tables]


def test_without_the_plugin_the_scan_is_refused(scan, capsys):
    results = run_json(capsys, scan, "-p", "no:ocr", "--no-cache")
    assert results["GK001"]["outcome"] == "failed" and results["GK001"]["severity"] == "error"


def test_page_images_in_a_folder_are_collected(tmp_path, capsys):
    for name in ("page.png", "page.JPG", "page.tiff", "notes.bmp"):
        (tmp_path / name).write_bytes(b"")
    main([str(tmp_path), "--show-files"])
    listed = capsys.readouterr().out
    assert "page.png" in listed and "page.JPG" in listed and "page.tiff" in listed
    assert "notes.bmp" not in listed


def applications_cell(document, row_label: str, column: int | None = None):
    """A cell of 表三's row starting with `row_label` in the text layer: its 总计, or the `column`."""
    (table,) = [t for t in document.tables if any(r and r[0].text.startswith("一、本年新收") for r in t.rows)]
    total_col = next(c.col for row in table.rows for c in row if c.text.strip() == "总计")
    row = next(row for row in table.rows if row and any(c.text.startswith(row_label) for c in row[:2]))
    return next(c for c in row if c.col == (total_col if column is None else column))


def reviews_total(document):
    """The 总计 of 表四's 行政复议 in the text layer (the fifth figure of its number row)."""
    table = document.tables[-1]
    assert table.rows[1][4].text.strip() == "总计"
    return table.rows[-1][4]


@pytest.fixture(scope="module")
def wrong_totals(tmp_path_factory, text_document) -> Path:
    """A scan of 表三 and 表四 with wrong totals where every part is 0, and two smudged zeros.

    表三 一、本年新收: 总计 7, printed clearly; the 总计 of （一）予以公开 below it a smudged 0, an
    uncertain number in the same column but not in the row's sum. 表三 二、上年结转: 总计 5, and its
    自然人 a smudged 0 (an uncertain part that could be 5). 表四 行政复议: 总计 7, printed clearly.
    """
    first, carried = (
        applications_cell(text_document, "一、本年新收"),
        applications_cell(text_document, "二、上年结转"),
    )
    disclosed = applications_cell(text_document, "（一）予以公开")
    natural = applications_cell(text_document, "二、上年结转", column=carried.col - 6)
    reviews = reviews_total(text_document)
    for cell in (first, carried, disclosed, natural, reviews):
        assert cell.text.strip() == "0"
    table_three, table_four = first.location.page - 1, reviews.location.page - 1
    edit = edits(
        overprint(first.location.bbox, "7", page=table_three),
        overprint(disclosed.location.bbox, "0", page=table_three, smudge=True),
        overprint(carried.location.bbox, "5", page=table_three),
        overprint(natural.location.bbox, "0", page=table_three, smudge=True),
        overprint(reviews.location.bbox, "7", page=table_four),
    )
    target = tmp_path_factory.mktemp("wrong") / "wrong.pdf"
    return make_scan(SAMPLE, target, pages=[table_three, table_four], edit=edit)


def findings_by_row(result) -> dict[str, dict]:
    return {
        label: found
        for found in result["findings"]
        for label in ("一、本年新收", "二、上年结转", "行政复议")
        if label in found["message"]
    }


def read_at(document, page: int, bbox) -> tuple[str, float]:
    """The text and confidence of the OCR'd cell whose middle lies in `bbox` (points) on `page`."""
    return next(
        (text, confidence)
        for location, text, confidence in document.metadata["ocr_confidence"]
        if location.page == page
        and location.row is not None
        and bbox[0] <= (location.bbox[0] + location.bbox[2]) / 2 <= bbox[2]
        and bbox[1] <= (location.bbox[1] + location.bbox[3]) / 2 <= bbox[3]
    )


def test_the_smudged_zeros_are_uncertain_reads(wrong_totals, text_document):
    document = Checker(check_config([str(wrong_totals), "--no-cache"])).load(str(wrong_totals)).document
    first, carried = (
        applications_cell(text_document, "一、本年新收"),
        applications_cell(text_document, "二、上年结转"),
    )
    disclosed = applications_cell(text_document, "（一）予以公开")
    natural = applications_cell(text_document, "二、上年结转", column=carried.col - 6)
    for cell, printed in ((first, "7"), (carried, "5")):
        text, confidence = read_at(document, 1, cell.location.bbox)
        assert text == printed and confidence >= 0.9
    for cell in (disclosed, natural):
        text, confidence = read_at(document, 1, cell.location.bbox)
        assert text == "0" and confidence < 0.9


def test_a_wrong_total_fails_as_in_a_text_pdf(wrong_totals, capsys):
    # the uncertain 0 below in the same column is not part of the row's sum: the error stays
    results = run_json(capsys, wrong_totals, "--no-cache", "--select", "GK001,GK303,GK306")
    failed = findings_by_row(results["GK303"])["一、本年新收"]
    assert "总计为7" in failed["message"] and "OCR" not in failed["message"]
    assert failed.get("severity") in (None, "error")
    assert results["GK306"]["outcome"] == "failed" and results["GK306"]["severity"] == "error"
    (reviewed,) = results["GK306"]["findings"]
    assert "总计为7" in reviewed["message"] and "OCR" not in reviewed["message"]


def test_a_failure_only_through_an_uncertain_number_is_a_warning(wrong_totals, capsys):
    results = run_json(capsys, wrong_totals, "--no-cache", "--select", "GK303")
    assert results["GK303"]["outcome"] == "failed" and results["GK303"]["severity"] == "error"
    carried = findings_by_row(results["GK303"])["二、上年结转"]
    assert carried["severity"] == "warning"
    assert carried["message"].startswith("OCR 识别不确定，请人工核对：第1页“0”（置信度")
    assert "总计为5" in carried["message"]


def test_every_number_uncertain_makes_every_failure_a_warning(wrong_totals, capsys):
    # every number counts as uncertain at a threshold above 1: the failures can only be warnings
    options = ("--no-cache", "--select", "GK303,GK306", "--ocr-min-confidence", "1.01")
    results = run_json(capsys, wrong_totals, *options)
    for rule in ("GK303", "GK306"):
        assert results[rule]["outcome"] == "failed" and results[rule]["severity"] == "warning"
    first = findings_by_row(results["GK303"])["一、本年新收"]
    assert first["message"].startswith("OCR 识别不确定，请人工核对：第1页")
    assert "“7”（置信度" in first["message"] and "总计为7" in first["message"]


def test_a_multi_page_tiff_is_read_page_by_page(tmp_path):
    import pypdfium2 as pdfium
    from scans import scanned_page

    pdf = pdfium.PdfDocument(str(SAMPLE))
    try:
        page = scanned_page(pdf[0], seed=3)
    finally:
        pdf.close()
    top = page.crop((0, 0, page.width, page.height // 4))  # the title and the statistics period
    path = tmp_path / "pages.tiff"
    top.save(path, save_all=True, append_images=[top.rotate(0.3, fillcolor=255)], dpi=(200, 200))
    document = Checker(check_config([str(path), "--no-cache"])).load(str(path)).document
    assert document.page_count == 2 and document.metadata["text_source"] == "ocr"
    for number in (1, 2):
        page_text = "".join(line.text for line in document.lines if line.location.page == number)
        assert "2023年度政府信息公开工作年度报告" in page_text


def test_the_row_labels_of_table_two_keep_what_their_brackets_hold(tmp_path):
    """On this page's scan the 八 of "第二十条第（八）项" was read as nothing between the brackets."""
    from gkcheck_ocr import read_scan

    sample = SAMPLES / "001_c779024abbc6666e.pdf"
    scan = make_scan(sample, tmp_path / "table-two.pdf", pages=[3])
    labels = [
        cell.text for table in read_scan(str(scan), "pdf", 200).tables for row in table.rows for cell in row
    ]
    printed = [
        cell.text for table in load_with_pdfium(str(sample)).tables for row in table.rows for cell in row
    ]
    assert "第二十条第（八）项" in printed
    assert [label for label in labels if "条第" in label] == [label for label in printed if "条第" in label]


def test_a_damaged_pdf_without_text_is_the_pdf_loaders_error_and_never_read_by_ocr(tmp_path, capsys):
    """A decompression bomb and a reference loop hold no text: the PDF loader refuses them first,
    with the message it gives without the plugin, in a fraction of the time OCR would take."""
    from tests.support.hostile import bomb_pdf, reference_loop_pdf

    bomb, loop = bomb_pdf(tmp_path / "bomb.pdf"), reference_loop_pdf(tmp_path / "loop.pdf")
    started = time.perf_counter()
    main([str(bomb), str(loop), "--no-cache", "-j", "1", "--format", "json", "--lang", "zh"])
    reports = json.loads(capsys.readouterr().out)["reports"]
    assert time.perf_counter() - started < 10
    assert [report["error"] for report in reports] == [
        "PDF 已损坏：其中的数据流解压后超过 128 MB（解压炸弹？）",
        "PDF 已损坏：对象 4 的引用循环指向自身",
    ]
