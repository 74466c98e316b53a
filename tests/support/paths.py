"""Where the real documents are: the repository's samples, seeds, repaired texts and published PDFs."""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
SAMPLE_REPORTS = ROOT / "sample_reports"
DATA = TESTS / "data"
SAMPLES = DATA / "samples"
SEEDS = DATA / "seeds"
CLEAN = DATA / "clean"
RULE_CASES = DATA / "rules"
# The shared corpus of published reports, beside the repository (not part of it).
CORPUS = ROOT.parent / "shared" / "corpus"
