"""Fixtures for the whole suite. Helpers that tests import are in tests/support/."""

from __future__ import annotations

import pytest

from gkcheck.cli import main
from tests.support.results import Run


@pytest.fixture
def gkcheck(capsys):
    """Run the gkcheck command line in-process: `gkcheck("a.pdf", "--lang", "en")` → Run."""

    def run(*args: str) -> Run:
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


def pytest_addoption(parser):
    parser.addoption(
        "--update-rule-cases",
        action="store_true",
        help="rewrite tests/data/rules/*/*.expected.json from what the rules find, instead of comparing",
    )
    parser.addoption(
        "--fuzz-examples",
        type=int,
        default=200,
        help="how many mutated documents tests/test_fuzz.py checks (default 200)",
    )
