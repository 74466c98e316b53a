"""The "no noise" figures: findings on clean documents, and the most lines one rule gives one report.

    python benchmarks/noise.py

Clean documents: the repaired samples (tests/data/clean) as text, as PDF (tests/support/pdfmaker.py)
and as Markdown (tests/support/mdmaker.py). Published documents: the shared corpus, and the peer
cases' texts (../shared/corpus/peers). For each, prints the number of findings at warning or higher
and the largest number of findings a single rule gave one report, with the rule.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.mdmaker import render_markdown  # noqa: E402
from tests.support.paths import CLEAN, CORPUS  # noqa: E402
from tests.support.pdfmaker import render_text_file  # noqa: E402

GRAVE = ("warning", "error")


def run(paths: list[Path]) -> list[dict]:
    done = subprocess.run(
        [sys.executable, "-m", "gkcheck", *map(str, paths), "--format", "json", "--select", "GK"],
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(done.stdout)["reports"]


def figures(report: dict) -> tuple[int, int, str]:
    grave, per_rule = 0, Counter()
    for result in report["results"]:
        for finding in result["findings"]:
            per_rule[result["rule"]] += 1
            if finding.get("severity", result["severity"]) in GRAVE:
                grave += 1
    rule, most = per_rule.most_common(1)[0] if per_rule else ("-", 0)
    return grave, most, rule


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        clean = sorted(CLEAN.glob("*.txt"))
        rendered = [render_text_file(path, Path(folder) / f"{path.stem}.pdf") for path in clean]
        rendered += [render_markdown(path, Path(folder) / f"{path.stem}.md") for path in clean]
        published = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".pdf", ".txt") and p.is_file())
        groups = {"clean": [*clean, *rendered], "published": published}
        for name, paths in groups.items():
            print(f"== {name} ({len(paths)} documents)")
            total = 0
            for report in run(paths):
                grave, most, rule = figures(report)
                total += grave
                where = Path(report["path"])
                label = where.relative_to(CORPUS) if CORPUS in where.parents else where.name
                print(f"{grave:4d} warning+  {most:3d} most from one rule ({rule})  {label}")
            print(f"   {total} findings at warning or higher in all")


if __name__ == "__main__":
    main()
