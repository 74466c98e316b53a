"""Decompression bombs and reference loops end in seconds, in bounded memory, as damaged files."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.support.hostile import bomb_docx, bomb_pdf, minimal_pdf, reference_loop_pdf
from tests.support.paths import SAMPLES

MEMORY_LIMIT = 900 * 2**20  # bytes of address space: far less than the bombs inflate to


def limited_memory():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def check_under_memory_limit(path) -> tuple[str, float]:
    command = [sys.executable, "-m", "gkcheck", str(path), "--lang", "en", "--timeout", "60", "-j", "1"]
    started = time.monotonic()
    run = subprocess.run(command, capture_output=True, preexec_fn=limited_memory, timeout=120)
    assert run.returncode == 1 and run.stderr == b"", run.stderr
    return run.stdout.decode().splitlines()[0], time.monotonic() - started


@pytest.mark.skipif(sys.platform != "linux", reason="address-space limit")
def test_a_pdf_bomb_is_damaged_within_seconds_in_bounded_memory(tmp_path):
    bomb = bomb_pdf(tmp_path / "bomb.pdf", inflated_mb=1024)
    assert bomb.stat().st_size < 10_000
    line, seconds = check_under_memory_limit(bomb)
    assert line == f"{bomb} not checked: damaged PDF: a stream expands beyond 128 MB (a decompression bomb?)"
    assert seconds < 30


@pytest.mark.skipif(sys.platform != "linux", reason="address-space limit")
def test_a_docx_bomb_is_damaged_within_seconds_in_bounded_memory(tmp_path):
    bomb = bomb_docx(tmp_path / "bomb.docx", SAMPLES / "000_bd99d2d058b13537.docx", inflated_mb=300)
    line, seconds = check_under_memory_limit(bomb)
    assert line == f"{bomb} not checked: damaged DOCX: expands beyond 256 MB (a decompression bomb?)"
    assert seconds < 30


def test_a_reference_loop_is_damage_not_a_timeout(gkcheck, tmp_path):
    loop = reference_loop_pdf(tmp_path / "loop.pdf")
    started = time.monotonic()
    run = gkcheck(loop, "--lang", "en", "--format", "json", "--timeout", "30")
    (report,) = run.json()["reports"]
    assert report["error"] == "damaged PDF: object 4 refers to itself in a loop"
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    ("name", "content"), [("one-byte.pdf", b"%"), ("one-byte.txt", b"\xff"), ("ascii.txt", b"hello\n")]
)
def test_a_file_that_is_no_report_by_content_is_refused_whatever_its_name(gkcheck, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    (report,) = gkcheck(path, "--lang", "en", "--format", "json").json()["reports"]
    assert report["error"] in (
        "not a report: the file holds no Chinese character (not an annual report in text form)",
        "unknown format: not a PDF, DOCX, HTML or text file",
    )
    assert report["results"] == []


def test_a_pdf_of_more_pages_than_a_report_has_is_refused_with_its_count(gkcheck, tmp_path):
    pages = 1001
    kids = b" ".join(b"%d 0 R" % (3 + index) for index in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    path = tmp_path / "many.pdf"
    path.write_bytes(minimal_pdf(objects))
    (report,) = gkcheck(path, "--lang", "en", "--format", "json").json()["reports"]
    assert report["error"] == "too many pages for an annual report: 1001 (the limit is 1000)"


def test_a_page_nested_deeper_than_libxml2s_default_keeps_its_text(gkcheck, tmp_path):
    page = (SAMPLES / "000_bd99d2d058b13537.html").read_text(encoding="utf-8")
    head, body = page.split("<body", 1)
    opening, rest = body.split(">", 1)
    deep = tmp_path / "deep.html"
    deep.write_text(
        f"{head}<body{opening}>{'<div>' * 260}{rest.replace('</body>', '</div>' * 260 + '</body>')}",
        encoding="utf-8",
    )
    flat = gkcheck(SAMPLES / "000_bd99d2d058b13537.html", "--format", "json").json()["reports"][0]
    nested = gkcheck(deep, "--format", "json").json()["reports"][0]
    assert nested["error"] is None and nested["outcome"] == flat["outcome"] == "passed"


def test_a_page_nested_a_hundred_thousand_deep_is_a_clean_error(gkcheck, tmp_path):
    deep = tmp_path / "deep.html"
    deep.write_text(
        f"<html><body>{'<div>' * 100_000}<p>深处</p>{'</div>' * 100_000}</body></html>", encoding="utf-8"
    )
    (report,) = gkcheck(deep, "--format", "json", "--lang", "en").json()["reports"]
    assert report["error"] == "nested too deeply to be read (a damaged file?)"
