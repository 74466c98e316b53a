"""Chinese numerals both ways (`gkcheck.text`): what reports print and what Word's list numbers draw."""

from __future__ import annotations

import pytest

from gkcheck.loaders.docx_numbering import format_number
from gkcheck.text import chinese_to_int, int_to_chinese


def test_every_number_to_99_survives_the_round_trip():
    for number in range(1, 100):
        assert chinese_to_int(int_to_chinese(number)) == number


@pytest.mark.parametrize(
    ("number", "numeral"), [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五"), (99, "九十九")]
)
def test_numbers_are_written_as_reports_write_them(number, numeral):
    assert int_to_chinese(number) == numeral


@pytest.mark.parametrize(
    ("numeral", "number"), [("二〇二四", 2024), ("二O二四", 2024), ("2024", 2024), ("十", 10)]
)
def test_years_and_counts_are_read(numeral, number):
    assert chinese_to_int(numeral) == number


def test_what_is_not_a_number_reads_as_none():
    assert chinese_to_int("年度") is None and chinese_to_int("") is None


def test_word_list_numbers_use_the_same_numerals():
    assert format_number(12, "chineseCounting") == "十二"
    assert format_number(12, "chineseLegalSimplified") == "拾贰"
    assert format_number(120, "chineseCounting") == "120"
