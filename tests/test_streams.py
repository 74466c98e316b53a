"""Output on a GBK console (Chinese Windows, output piped or redirected): simulated with
PYTHONIOENCODING=cp936 in a real process."""

from __future__ import annotations

import os
import subprocess
import sys

from lxml import etree

from tests.support.paths import SAMPLES

SAMPLE_000 = SAMPLES / "000_bd99d2d058b13537.txt"
BULLET = "\u2022"  # •, common in Word exports, not in GBK


def title_with_bullet(tmp_path):
    text = SAMPLE_000.read_text(encoding="utf-8").replace("开发区发展改革局", f"开发区{BULLET}发展改革局", 1)
    path = tmp_path / "bullet.txt"
    path.write_text(text, encoding="utf-8")
    return path


def run(tmp_path, *args: str, encoding: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run(
        [sys.executable, "-m", "gkcheck", *args], capture_output=True, env=env, cwd=tmp_path, timeout=120
    )


def test_text_output_on_a_gbk_console_replaces_what_gbk_cannot_write(tmp_path):
    report = title_with_bullet(tmp_path)
    utf8 = run(tmp_path, str(report), "--select", "GK104", encoding="utf-8")
    assert BULLET in utf8.stdout.decode("utf-8")  # the title is in the output
    gbk = run(tmp_path, str(report), "--select", "GK104", encoding="cp936")
    assert gbk.returncode == 0, gbk.stderr.decode("gbk")  # GK104 finds only a note: passed
    text = gbk.stdout.decode("gbk")
    assert "开发区?发展改革局" in text and "1 份通过" in text


def test_junit_redirected_on_a_gbk_console_is_utf_8(tmp_path):
    report = title_with_bullet(tmp_path)
    out = run(tmp_path, str(report), "--format", "junit", encoding="cp936")
    assert out.returncode == 0
    root = etree.fromstring(out.stdout)  # the declaration says UTF-8; so must the bytes
    assert root.tag == "testsuites"
    assert f"开发区{BULLET}发展改革局" in out.stdout.decode("utf-8")


def test_json_redirected_on_a_gbk_console_is_utf_8(tmp_path):
    import json

    report = title_with_bullet(tmp_path)
    out = run(tmp_path, str(report), "--format", "json", "--select", "GK104", encoding="cp936")
    document = json.loads(out.stdout.decode("utf-8"))
    assert BULLET in document["reports"][0]["results"][0]["findings"][0]["actual"]
