"""GK601–GK602: text rules: duplicated words and sentences, leftover markup."""

from __future__ import annotations

import re
from collections.abc import Iterator

from gkcheck.checks.narrative import narrative_lines
from gkcheck.document import Line
from gkcheck.patterns import LazyPattern
from gkcheck.report import Report
from gkcheck.rule import FindingCollector, rule
from gkcheck.text import CONVERSION_DEBRIS, FlatText, squash

PARAGRAPH_END = LazyPattern(r"[。；;：:！？!?]$")
ITEM_START = LazyPattern(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.．、](?!\d))"
)


def paragraphs(report, lines: list[Line]) -> Iterator[FlatText]:
    """Lines grouped into paragraphs.

    A PDF line that wraps joins the next one; a line that ends a sentence, or is a short numbered
    heading, ends its paragraph. Other formats: one line each.
    """
    if report.document.format != "pdf":
        for line in lines:
            yield FlatText([line])
        return
    current: list[Line] = []
    for line in lines:
        text = squash(line.text)
        if current and ITEM_START.match(text):
            yield FlatText(current)
            current = []
        current.append(line)
        if PARAGRAPH_END.search(text) or (ITEM_START.match(text) and len(text) <= 30):
            yield FlatText(current)
            current = []
    if current:
        yield FlatText(current)


HAN = LazyPattern(r"[\u4e00-\u9fff]")
REPEATED = LazyPattern(r"(.{2,60}?)\1")
DOUBLED_PUNCTUATION = LazyPattern(r"([。，；、：！？])\1+")
NUMERAL_ONLY = LazyPattern(r"^[一二三四五六七八九十百千万零〇两\d.]+$")
# Reduplications that are correct Chinese (AB AB verbs and adverbs seen in official writing).
ACCEPTED_REPEATS = {"研究", "讨论", "看看", "谢谢", "常常", "渐渐"}
LONG_REPEAT = 4  # characters: a repeated phrase this long is a warning, a shorter one a note


@rule("GK601", severity="warning", title="重复文字")
def duplicated_text(report: Report, finding: FindingCollector) -> None:
    """No word, phrase or sentence is repeated back to back, and no punctuation is doubled.

    **What it does**
    Searches the running text (not the tables) for a run of at least two Chinese characters
    written twice in a row: a doubled sentence ("现将有关情况报告如下现将有关情况报告如下") is a
    `warning`; a doubled word of two or three characters ("财政财政") and doubled punctuation
    ("。。", "，，") are `info` notes. Text wrapped over PDF lines is joined first, so a phrase
    split by a line break is still found; reduplications that are correct Chinese (一一, 常常,
    研究研究) and repeated numbers are not reported.

    **Why is this bad?**
    The 2021 format notice (国办公开办函〔2021〕30号) asks for reports that are 准确 and written with
    care, and local notices stress 文字严谨 (怀化市 2022). A doubled sentence in a published
    government report is a visible proofreading failure and usually marks a careless paste.

    **Example**
    Fails: "现将有关情况报告如下现将有关情况报告如下。"; "部门财政财政预决算6条"; "行政诉讼情况。。".
    Passes: "现将有关情况报告如下。"; "部门财政预决算6条"; "逐一核对，一一答复。".
    """
    for paragraph in paragraphs(report, narrative_lines(report)):
        for found in _repeats(paragraph.text):
            unit = found.group(1)
            long = len(HAN.findall(unit)) >= LONG_REPEAT
            finding(
                f"文字重复：“{found.group(0)}”" + ("" if long else "（词语重复）"),
                f"text written twice in a row: “{found.group(0)}”",
                where=paragraph.location(found.start(), found.end()),
                expected=unit,
                actual=found.group(0),
                severity=None if long else "info",
            )
        for found in DOUBLED_PUNCTUATION.finditer(paragraph.text):
            finding(
                f"标点重复：“{found.group(0)}”",
                f"punctuation doubled: “{found.group(0)}”",
                where=paragraph.location(found.start(), found.end()),
                expected=found.group(1),
                actual=found.group(0),
                severity="info",
            )


def _repeats(text: str) -> Iterator[re.Match]:
    position = 0
    while (found := REPEATED.search(text, position)) is not None:
        unit = found.group(1)
        if (
            len(HAN.findall(unit)) >= 2
            and not NUMERAL_ONLY.match(unit)
            and unit not in ACCEPTED_REPEATS
            and len(set(unit)) > 1
        ):
            yield found
            position = found.end()
        else:
            position = found.start() + 1


LEFTOVERS = (
    (
        CONVERSION_DEBRIS,
        "文档转换残留的书签标记",
        "a bookmark left over from document conversion",
    ),
    (
        LazyPattern(r"(?<![A-Za-z0-9])[XＸ×]{2,}(?![A-Za-z0-9])"),
        "模板占位符未填写",
        "an unfilled template placeholder",
    ),
    (
        LazyPattern(
            r"[（(](?:文字描述|此处[^）)]{0,12}|请?填写[^）)]{0,12}|单位名称|机关名称|具体内容|待补充|待定|略)[）)]"
        ),
        "模板说明文字未删除或未填写",
        "template instructions left in the text",
    ),
)


@rule("GK602", severity="warning", title="模板残留")
def leftover_markup(report: Report, finding: FindingCollector) -> None:
    """No template placeholders or conversion leftovers remain in the text.

    **What it does**
    Searches every line and table cell for what a finished report should not contain:
    placeholders of the template ("XX局", "××", "XXXX年"), template instructions in brackets
    ("（文字描述）", "（此处填写…）", "（单位名称）"), and conversion debris printed as text
    ("[bookmark: _GoBack]").

    **Why is this bad?**
    A placeholder means a fact the report had to state was never filled in, and template
    leftovers show the report was published without proofreading; the 2021 format notice
    (国办公开办函〔2021〕30号) holds bodies responsible for incomplete or perfunctory reports under
    《政府信息公开条例》第四十七条.

    **Example**
    Fails: "XX局2023年政府信息公开工作年度报告"; "统计期限自XXXX年1月1日起"; "（文字描述）".
    Passes: the names, years and text filled in.
    """
    for line in _all_text(report):
        text = squash(line.text)
        for pattern, zh, en in LEFTOVERS:
            for found in pattern.finditer(text):
                finding(
                    f"{zh}：“{found.group(0)}”",
                    f"{en}: “{found.group(0)}”",
                    where=line.location,
                    actual=found.group(0),
                )


def _all_text(report) -> Iterator[Line]:
    for block in report.document.blocks:
        if isinstance(block, Line):
            yield block
        else:
            for row in block.rows:
                for cell in row:
                    yield Line(cell.text, cell.location)
