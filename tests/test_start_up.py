"""What a run pays for before its first file: the libraries it imports and the patterns it compiles.

Each library named here was once imported by every run; a run that does not read what needs it
must not import it again (the figures are in benchmarks/bench_scale.py).
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import random
import re
import subprocess
import sys

import pathspec

import gkcheck
from gkcheck.collect import DEFAULT_EXCLUDES, NameExcludes, exclude_spec
from tests.support.paths import SAMPLE_REPORTS

# Imported only by the runs that need them: web pages and Word documents, .gitignore patterns,
# worker processes, and the spreadsheet, Dask and JUnit outputs.
NOT_FOR_A_PDF = ("lxml", "docx", "pathspec", "multiprocessing", "gkcheck.pool", "openpyxl", "distributed")
READERS = ("pdfplumber", "pdfminer", "pypdfium2")


def modules_after(*argv: str) -> dict:
    """The modules a `gkcheck ARGV` run in a fresh process has imported when it ends."""
    code = (
        "import sys, json, contextlib, io, gkcheck.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    gkcheck.cli.main({list(argv)!r})\n"
        "print(json.dumps({'modules': sorted(sys.modules)}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def loaded(found: dict, names: tuple[str, ...]) -> list[str]:
    return [name for name in found["modules"] if name in names or name.split(".")[0] in names]


def test_a_pdf_run_imports_no_library_a_pdf_does_not_need():
    found = modules_after("-q", "--no-cache", str(sorted(SAMPLE_REPORTS.glob("*.pdf"))[0]))
    assert loaded(found, NOT_FOR_A_PDF) == []
    assert "pypdfium2" in found["modules"]


def test_a_run_on_a_folder_of_no_reports_imports_no_reader(tmp_path):
    found = modules_after("-q", "--no-cache", str(tmp_path))
    assert loaded(found, NOT_FOR_A_PDF + READERS) == []


def test_no_module_constant_is_a_pattern_compiled_at_import():
    """Module-level regular expressions are `LazyPattern`s: compiled when first used, not by every run."""
    compiled = []
    for info in pkgutil.walk_packages(gkcheck.__path__, "gkcheck."):
        if info.name == "gkcheck.__main__":
            continue
        module = importlib.import_module(info.name)
        compiled += [
            f"{info.name}.{name}" for name, value in vars(module).items() if isinstance(value, re.Pattern)
        ]
    assert compiled == []


def test_plain_name_excludes_match_as_pathspec_matches_them():
    names = [*DEFAULT_EXCLUDES, "报告", "a", "b.pdf", "build.pdf", "xbuild", "Build", "dist-1", "venv2"]
    patterns = [*DEFAULT_EXCLUDES, "报告", "dist-1"]
    ours, theirs = exclude_spec(patterns), pathspec.GitIgnoreSpec.from_lines(patterns)
    assert isinstance(ours, NameExcludes)
    chosen = random.Random(7)
    for _ in range(3000):
        path = "/".join(chosen.choices(names, k=chosen.randint(1, 4))) + chosen.choice(["", "/"])
        assert ours.match_file(path) == theirs.match_file(path), path


def test_patterns_beyond_plain_names_are_matched_by_pathspec():
    for pattern in ("*.tmp", "/build", "drafts/", "!keep", "#comment", "a b", ".", "[ab]"):
        assert not isinstance(exclude_spec([*DEFAULT_EXCLUDES, pattern]), NameExcludes), pattern
