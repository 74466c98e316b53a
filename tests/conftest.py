"""Fixtures for the whole suite. Helpers that tests import are in tests/support/."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from gkcheck.cli import main
from tests.support.results import Run


@pytest.fixture(autouse=True)
def neutral_environment(monkeypatch):
    """What the environment decides, the tests set themselves: the language (from the locale; here
    one that names none, so that a developer's English locale does not turn the output English)
    and colour (NO_COLOR, FORCE_COLOR)."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


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


def pytest_configure(config):
    """The document cache of every run in the suite lives in a folder of the suite's own."""
    folder = tempfile.mkdtemp(prefix="gkcheck-test-cache-")
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    os.environ["XDG_CACHE_HOME"] = folder
