"""The prose of a report as sentences (gkcheck/sentences.py), on the sample reports through the real
loaders: the tables' labels and values are not prose, every narrative section is."""

from __future__ import annotations

import pytest

from gkcheck.commands import make_config
from gkcheck.commands.inspect import inspect_parser
from gkcheck.runner import Checker
from gkcheck.sentences import sentence_key
from tests.support.paths import SAMPLE_REPORTS, SAMPLES

SAMPLE_001 = "001_c779024abbc6666e"


def summary(path):
    config = make_config([str(path)], inspect_parser)
    return Checker(config).load(str(path)).summary()


@pytest.mark.parametrize("path", [SAMPLES / f"{SAMPLE_001}.txt", SAMPLE_REPORTS / f"{SAMPLE_001}.pdf"])
def test_prose_of_every_section_and_nothing_of_the_tables(path):
    sentences = summary(path).sentences
    sections = {item.section for item in sentences}
    assert {"一", "五", "六"} <= sections
    assert not [item.text for item in sentences if item.section in "三四"]
    texts = "".join(item.text for item in sentences)
    for label in ("本年制发件数", "结果维持", "本列数据的勾稽关系"):
        assert label not in texts
    first = next(item for item in sentences if item.section == "五")
    assert first.text.startswith("2021年，淄博高新区政府信息公开工作虽然取得了一定成效")
    if path.suffix == ".pdf":
        assert first.page == 5 and first.line is None  # the published PDF
    else:
        assert first.line == 60


def test_key_ignores_numbers_spaces_and_punctuation():
    assert sentence_key("2023年共收到申请 12 件。") == sentence_key("2022年，共收到申请9件")
    assert sentence_key("共收到申请12件") != sentence_key("共办结申请12件")
