"""Where the real documents are: the repository's samples, seeds, repaired texts and published PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest

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
HONGZE_2023 = CORPUS / "zxj6827111-blip__KIROGOVCOMPARE" / "hzq2023_working.pdf"  # 淮安市洪泽区
HONGZE_2024 = CORPUS / "zxj6827111-blip__KIROGOVCOMPARE" / "hzq2024_working.pdf"
HUAIAN_2024 = CORPUS / "zxj6827111-blip__govnianbao" / "szfgs2024.pdf"  # 淮安市人民政府
NATIONAL_TEMPLATE = (
    CORPUS / "zxj6827111-blip__govnianbao" / "政务公开年报模版.docx"
)  # the blank 2021 template
PINGTAN = CORPUS / "changwu__pingtan-gov-zwgk-archive"  # 平潭 web pages saved as text, 2019–2025
PUBLISHED_PDFS = (HONGZE_2023, HONGZE_2024, HUAIAN_2024)
PEERS = CORPUS / "peers"  # a peer project's test documents and verdicts (its README.md says what)
NO_CORPUS = f"needs the shared corpus of published reports, not found at {CORPUS}"


def in_corpus(path: Path) -> bool:
    return CORPUS in path.parents


def corpus_file(path: Path) -> Path:
    """`path` in the shared corpus; the test is skipped, saying why, when the corpus is absent."""
    if not path.exists():
        pytest.skip(NO_CORPUS)
    return path
