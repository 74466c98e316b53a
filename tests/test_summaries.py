"""A report's summary is pickled once where it is made, and its tables are read only when asked for."""

from __future__ import annotations

import pickle

import pytest

from gkcheck.commands.check import check_config
from gkcheck.runner import Checker
from gkcheck.summaries import SummaryStore, renamed
from tests.support.paths import SAMPLE_REPORTS


@pytest.fixture(scope="module")
def summary():
    checker = Checker(check_config(["--no-cache"]))
    result, _report = checker.check(str(SAMPLE_REPORTS / "000_bd99d2d058b13537.pdf"))
    return result.summary


def test_an_unpickled_summary_equals_the_one_made_from_the_report(summary):
    again = pickle.loads(pickle.dumps(summary))
    assert again == summary
    assert again.tables["applications"].cells == summary.tables["applications"].cells


def test_its_tables_stay_pickled_until_a_rule_reads_them(summary):
    again = pickle.loads(pickle.dumps(summary))
    assert "tables" not in vars(again)
    assert (again.path, again.issuer, again.year) == (summary.path, summary.issuer, summary.year)
    assert again.sentences == summary.sentences
    assert "tables" not in vars(again)
    assert set(again.tables) == {"active_disclosure", "applications", "reviews"}
    assert "tables" in vars(again)


def test_a_summary_is_pickled_once_however_often_it_is_sent_on(summary):
    sent = pickle.dumps(summary)
    received = pickle.loads(sent)
    assert pickle.dumps(received) == sent
    assert pickle.dumps(pickle.loads(pickle.dumps(received))) == sent


def test_a_summary_under_another_name_keeps_everything_else(summary):
    moved = renamed(pickle.loads(pickle.dumps(summary)), "elsewhere.pdf")
    assert moved.path == "elsewhere.pdf"
    assert "tables" not in vars(moved)
    assert moved.tables == summary.tables
    assert renamed(summary, "elsewhere.pdf").tables == summary.tables


def test_a_missing_attribute_is_still_an_attribute_error(summary):
    again = pickle.loads(pickle.dumps(summary))
    with pytest.raises(AttributeError):
        _ = again.no_such_attribute
    with pytest.raises(AttributeError):
        _ = summary.no_such_attribute


def test_the_store_gives_back_the_summary(summary):
    store = SummaryStore()
    try:
        stored = store.add(summary)
        assert (stored.path, stored.year) == (summary.path, summary.year)
        assert stored.tables == summary.tables
        assert stored.sentences == summary.sentences
    finally:
        store.close()
