"""Fuzzing: mutated samples (PDF, DOCX, HTML, TXT, Markdown) each give a result or a clean one-line error.

Bounded so the suite stays fast: `--fuzz-examples N` (default 200) mutants, drawn in a fixed
order (derandomized), checked in process with the real loaders under a per-file time limit.
`benchmarks/fuzz_figures.py` runs many more and prints the counts.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from gkcheck.commands.check import check_config  # noqa: E402
from gkcheck.results import ERROR  # noqa: E402
from gkcheck.runner import Checker  # noqa: E402
from tests.support.mdmaker import render_markdown  # noqa: E402
from tests.support.mutations import EXTREMES, SYNTAX, mutate, mutate_docx_part  # noqa: E402
from tests.support.paths import SAMPLE_REPORTS, SAMPLES  # noqa: E402

SOURCES = [
    SAMPLE_REPORTS / "003_35beedbe3e7b0ed3.pdf",
    *(SAMPLES / f"000_bd99d2d058b13537.{suffix}" for suffix in ("docx", "html", "txt")),
    *(SAMPLES / f"002_587a12f256707b84.{suffix}" for suffix in ("docx", "html", "txt")),
]
MARKDOWN_FROM = [SAMPLES / "000_bd99d2d058b13537.txt", SAMPLES / "002_587a12f256707b84.txt"]
CLASS_NAME = re.compile(r"\b[A-Z][a-zA-Z]+(Error|Exception)\b|Errno|Traceback")
TIME_LIMIT = 20  # seconds per mutant: a hang shows as the timeout error, which is a failure here

fractions = st.floats(0, 1, allow_nan=False)
byte_mutation = st.one_of(
    st.tuples(st.just("flip"), fractions, st.integers(0, 7)),
    st.tuples(st.sampled_from(["delete", "duplicate"]), fractions, st.integers(1, 4096)),
    st.tuples(st.just("truncate"), fractions),
    st.tuples(st.just("overwrite"), fractions, st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("insert"), fractions, st.sampled_from(SYNTAX)),
)
structure_mutation = st.tuples(
    st.sampled_from(["number", "span"]), st.integers(0, 10_000), st.sampled_from(EXTREMES)
)
mutations = st.lists(st.one_of(byte_mutation, structure_mutation), min_size=1, max_size=5)


def fuzz_sources(folder: Path) -> list[Path]:
    """The files mutated: the samples above, and Markdown renderings of two of them made in `folder`."""
    markdown = [render_markdown(text, folder / f"{text.stem}.md") for text in MARKDOWN_FROM]
    return [*SOURCES, *markdown]


@pytest.fixture(scope="module")
def checker():
    return Checker(check_config(["--timeout", str(TIME_LIMIT)]))


@pytest.fixture(scope="module")
def fuzz_settings(request):
    return settings(
        max_examples=request.config.getoption("--fuzz-examples"),
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )


def test_every_mutant_gives_a_result_or_a_clean_one_line_error(checker, fuzz_settings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("mutants")
    sources = fuzz_sources(tmp_path_factory.mktemp("sources"))
    originals = {source: source.read_bytes() for source in sources}

    @fuzz_settings
    @given(source=st.sampled_from(sources), changes=mutations, in_zip=st.booleans())
    def check_one(source, changes, in_zip):
        data = originals[source]
        if source.suffix == ".docx" and not in_zip:
            data = mutate_docx_part(data, changes)
        else:
            data = mutate(data, changes)
        path = folder / f"mutant{source.suffix}"
        path.write_bytes(data)
        result, _report = checker.check(str(path))
        if result.error is not None:
            for text in (result.error.zh, result.error.en):
                assert "\n" not in text and len(text) <= 200, text
                assert not CLASS_NAME.search(text), text
                assert not text.startswith(("超时", "timed out")), text
        crashed = [item for item in result.results if item.outcome == ERROR]
        assert not crashed, [(item.rule_id, item.traceback) for item in crashed]

    check_one()
