"""Time `gkcheck` end to end on the sample reports: whole process, per report and per page.

    python benchmarks/bench_check.py [PATH ...] [--repeat N]

Prints the wall time of the whole command (interpreter start, imports, all files) and, from one
in-process run, the time per report and per page, best of N repeats.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def whole_process(paths: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "gkcheck", "-q", "-q", *paths], capture_output=True, check=False
        )
        times.append(time.perf_counter() - started)
    return min(times)


def per_report(paths: list[str], repeat: int) -> list[tuple[str, int, float]]:
    from gkcheck.commands.check import check_config
    from gkcheck.runner import Checker

    checker = Checker(check_config([]))
    rows = []
    for path in paths:
        best, pages = float("inf"), 0
        for _ in range(repeat):
            result, _report = checker.check(path)
            best, pages = min(best, result.duration), result.pages
        rows.append((path, pages, best))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = args.paths or sorted(str(path) for path in (ROOT / "sample_reports").glob("*.pdf"))
    total = whole_process(paths, args.repeat)
    rows = per_report(paths, args.repeat)
    pages = sum(row[1] for row in rows)
    print(
        f"whole process, {len(paths)} reports, {pages} pages: "
        f"{total:.2f} s ({total / pages * 1000:.0f} ms/page)"
    )
    print(f"{'report':<48} {'pages':>5} {'s':>7} {'ms/page':>8}")
    for path, count, seconds in rows:
        print(f"{Path(path).name:<48} {count:>5} {seconds:>7.3f} {seconds / max(count, 1) * 1000:>8.0f}")
    in_process = sum(row[2] for row in rows)
    print(f"{'in-process total':<48} {pages:>5} {in_process:>7.3f} {in_process / pages * 1000:>8.0f}")
    print(f"median per report: {statistics.median(row[2] for row in rows):.3f} s")


if __name__ == "__main__":
    main()
