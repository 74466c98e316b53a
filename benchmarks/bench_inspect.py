"""Time what gkcheck adds to PDF parsing: per page and per report, beside pdfminer.six alone.

    python benchmarks/bench_inspect.py [PDF ...] [--repeat N]

For each PDF (default: sample_reports/*.pdf) prints, best of N runs:
- pdfminer: pdfminer.six alone extracting every page with layout analysis
  (`pdfminer.high_level.extract_pages`, fully consumed): the baseline;
- load: gkcheck's PDF loader (pdfplumber on pdfminer.six: characters, text lines, ruled tables);
- structure: sections, facts and the three statistics tables mapped onto the template;
- rules: every selected rule;
- own: structure + rules, gkcheck's own work on top of the parse, as a share of the pdfminer time.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from pdfminer.high_level import extract_pages

ROOT = Path(__file__).resolve().parent.parent


def best_of(repeat: int, function) -> tuple[float, object]:
    best, value = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        best = min(best, time.perf_counter() - started)
    return best, value


def pdfminer_alone(path: str) -> int:
    return sum(1 for _page in extract_pages(path))


def stages(checker, config, path: str, repeat: int) -> tuple[float, float, float, int]:
    head = Path(path).read_bytes()[:1024]
    load, document = best_of(
        repeat, lambda: config.hook.gkcheck_load_document(path=path, head=head, config=config)
    )
    structure, report = best_of(
        repeat, lambda: config.hook.gkcheck_build_report(document=document, config=config)
    )
    rules, _ = best_of(repeat, lambda: checker.run_rules(report))
    return load, structure, rules, document.page_count


def main() -> None:
    from gkcheck.commands.check import check_config
    from gkcheck.runner import Checker

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = args.paths or sorted(str(path) for path in (ROOT / "sample_reports").glob("*.pdf"))
    config = check_config([])
    checker = Checker(config)
    columns = ("pdfminer", 9), ("load", 7), ("struct", 7), ("rules", 7), ("own/pdfminer", 13)
    header = f"{'report':<30} {'pages':>5} " + " ".join(f"{name:>{width}}" for name, width in columns)
    print(header + "   (seconds per report)")
    totals = [0.0] * 4
    page_total = 0
    for path in paths:
        baseline, _ = best_of(args.repeat, lambda path=path: pdfminer_alone(path))
        load, structure, rules, pages = stages(checker, config, path, args.repeat)
        for index, value in enumerate((baseline, load, structure, rules)):
            totals[index] += value
        page_total += pages
        own = (structure + rules) / baseline * 100
        print(
            f"{Path(path).name:<30} {pages:>5} {baseline:>9.3f} {load:>7.3f} {structure:>7.3f} "
            f"{rules:>7.3f} {own:>12.1f}%"
        )
    baseline, load, structure, rules = totals
    print(
        f"{'total':<30} {page_total:>5} {baseline:>9.3f} {load:>7.3f} {structure:>7.3f} {rules:>7.3f} "
        f"{(structure + rules) / baseline * 100:>12.1f}%"
    )
    per_page = [value / page_total * 1000 for value in totals]
    print(
        f"{'per page (ms)':<30} {'':>5} {per_page[0]:>9.1f} {per_page[1]:>7.1f} "
        f"{per_page[2]:>7.1f} {per_page[3]:>7.1f}"
    )
    everything = load + structure + rules
    print(f"load / pdfminer: {load / baseline * 100:.0f}%  (pdfplumber's own parse, lines and ruled tables)")
    print(f"load + structure + rules over pdfminer alone: {(everything / baseline - 1) * 100:+.1f}%")


if __name__ == "__main__":
    main()
