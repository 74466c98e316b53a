"""OCR benchmark: cell accuracy, verdicts, speed and memory on scans of the project's sample PDFs.

    python plugins/gkcheck-ocr/benchmarks/ocr_benchmark.py cells --dpi 150 200 300
    python plugins/gkcheck-ocr/benchmarks/ocr_benchmark.py verdicts -j 2

`cells`: each sample's table pages are scanned (rotated, blurred, noisy, as the tests do) and read
at each resolution; every cell is compared with the text layer's cell at the same grid position
(tables 二, 三 and 四: the ruled tables the samples hold). Prints exact cells, seconds per page and
the process's peak memory. `verdicts`: whole scans checked with `gkcheck -j N`; prints the rules
whose outcome differs from the text-layer PDF's, false errors, seconds per page and the peak memory
of the largest process (a worker).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from scans import SAMPLES, make_scan  # noqa: E402

from gkcheck.document import normalise_number_text  # noqa: E402
from gkcheck.loaders.pdf import load_with_pdfium  # noqa: E402


def table_pages(document) -> list[int]:
    return sorted({table.location.page for table in document.tables})


def compare(ocr_tables, text_tables) -> tuple[int, int, list[str]]:
    exact = total = 0
    wrong = []
    for scanned, text in zip(ocr_tables, text_tables):
        got = {(c.row, c.col): normalise_number_text(c.text) for row in scanned.rows for c in row}
        for row in text.rows:
            for cell in row:
                want = normalise_number_text(cell.text)
                total += 1
                if got.get((cell.row, cell.col)) == want:
                    exact += 1
                else:
                    read = got.get((cell.row, cell.col))
                    wrong.append(f"p{cell.location.page} r{cell.row}c{cell.col}: {want!r} → {read!r}")
    missing = sum(len(row) for table in text_tables[len(ocr_tables) :] for row in table.rows)
    return exact, total + missing, wrong


def cells(dpis: list[int], verbose: bool) -> None:
    from gkcheck_ocr import read_scan

    with tempfile.TemporaryDirectory() as folder:
        for dpi in dpis:
            exact = total = pages = 0
            seconds = 0.0
            for sample in sorted(SAMPLES.glob("*.pdf")):
                text = load_with_pdfium(str(sample))
                chosen = table_pages(text)
                scan = Path(folder) / f"{sample.stem}.pdf"
                if not scan.exists():  # scanned once, at a scanner's 300 dpi; read at each resolution
                    make_scan(sample, scan, dpi=300, pages=[page - 1 for page in chosen])
                started = time.perf_counter()
                document = read_scan(str(scan), "pdf", dpi)
                seconds += time.perf_counter() - started
                pages += len(chosen)
                got_exact, got_total, wrong = compare(document.tables, text.tables)
                exact, total = exact + got_exact, total + got_total
                if verbose:
                    for line in wrong:
                        print(f"  {sample.name} {dpi}dpi {line}")
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{dpi} dpi: {exact}/{total} cells exact ({100 * exact / total:.2f} %), "
                f"{seconds / pages:.1f} s per page over {pages} pages, peak memory {peak:.0f} MB"
            )


def outcomes(paths: list[Path], *options: str) -> dict[str, dict]:
    run = subprocess.run(
        [sys.executable, "-m", "gkcheck", *map(str, paths), "--format", "json", "--no-cache", *options],
        capture_output=True,
        text=True,
    )
    reports = json.loads(run.stdout)["reports"]
    return {
        Path(r["path"]).stem: {x["rule"]: (x["outcome"], x.get("severity")) for x in r["results"]}
        for r in reports
    }


def verdicts(jobs: int) -> None:
    samples = sorted(SAMPLES.glob("*.pdf"))
    with tempfile.TemporaryDirectory() as folder:
        scans = [make_scan(sample, Path(folder) / sample.name) for sample in samples]
        pages = sum(load_with_pdfium(str(sample)).page_count for sample in samples)
        started = time.perf_counter()
        scanned = outcomes(scans, "-j", str(jobs), "--timeout", "1800")  # a 9-page scan: minutes
        seconds = time.perf_counter() - started
    text = outcomes(samples)
    same = total = false_errors = 0
    for name, results in text.items():
        for rule, verdict in results.items():
            if rule == "GK001":
                continue
            total += 1
            got = scanned[name].get(rule)
            same += got == verdict
            if got != verdict:
                print(f"  {name} {rule}: text {verdict} → scan {got}")
            false_errors += bool(got and got[1] == "error" and got[0] == "failed" and verdict != got)
    # the largest of the processes run (a worker under -j N): children's usage holds their own children
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"verdicts: {same}/{total} equal to the text layer's, {false_errors} false errors; "
        f"{seconds / pages:.1f} s per page with -j {jobs} ({pages} pages, whole run), "
        f"peak memory of a process {peak:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    cells_parser = commands.add_parser("cells")
    cells_parser.add_argument("--dpi", type=int, nargs="+", default=[150, 200, 300])
    cells_parser.add_argument("-v", "--verbose", action="store_true")
    verdicts_parser = commands.add_parser("verdicts")
    verdicts_parser.add_argument("-j", "--jobs", type=int, default=2)
    args = parser.parse_args()
    if args.command == "cells":
        cells(args.dpi, args.verbose)
    else:
        verdicts(args.jobs)


if __name__ == "__main__":
    main()
