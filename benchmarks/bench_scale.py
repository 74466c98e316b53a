"""Speed and scale figures, measured in one run so that their ratios are comparable.

    python benchmarks/bench_scale.py [--rounds N] [--skip-long] [--big-batch N] [--dask]

Prints, as CPU time (user + system, far less disturbed than wall time on a shared machine):
- the whole check in process, ms per page, with each PDF engine, beside bare text and
  character-box extraction of the same pages: with pypdfium2's own calls (as the issue measured
  it), with PDFium's functions called directly, and the least a Python layer of characters costs
  (one PDFium call and one dict per character). Rounds are interleaved; the median and range
  of the ratios are given. The checker is built once, as a run builds it, and each file is checked
  as if it were new;
- a one-report run, a run on an empty folder (start-up alone) and `gkcheck --version`, whole process;
- batch throughput of `-j 1` against `-j 2` on 40 files, and a cached re-run against the first run,
  on those 40 files and on a batch the size of a province's (400 files);
- peak memory (RSS) of checking one PDF of 100 and of 2,000 pages;
- the same 40 files on a Dask LocalCluster of two worker processes against `-j 2` (with --dask).
"""

from __future__ import annotations

import argparse
import ctypes
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "sample_reports").glob("*.pdf"))
GKCHECK = [sys.executable, "-m", "gkcheck"]
# Children run as a user's gkcheck does, with their bytecode written and read again.
CHILD_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def child_cpu(command: list[str]) -> float:
    """CPU seconds of a child process (and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, capture_output=True, check=False, env=CHILD_ENV)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def child_wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False, env=CHILD_ENV)
    return time.perf_counter() - started


def distinct_batch(folder: Path, copies: int = 8) -> Path:
    """`copies` of each sample, each with a comment after its end, so that no two files are the same."""
    for copy in range(copies):
        for path in SAMPLES:
            (folder / f"{copy}-{path.name}").write_bytes(path.read_bytes() + f"\n% copy {copy}\n".encode())
    return folder


def page_count(path: Path) -> int:
    import pypdfium2 as pdfium

    with pdfium.PdfDocument(str(path)) as pdf:
        return len(pdf)


def bare_pdfium(paths: list[Path]) -> None:
    """Text and every character's box, read with pypdfium2's own calls, as the issue measures it."""
    _each_text_page(paths, lambda text: [text.get_charbox(index) for index in range(text.count_chars())])


def raw_pdfium(paths: list[Path]) -> None:
    """The same with PDFium's functions called directly, the boxes left unread: the least it costs."""
    import pypdfium2.raw as pdfium_c

    box = [ctypes.c_double() for _ in range(4)]

    def read(text) -> None:
        for index in range(text.count_chars()):
            pdfium_c.FPDFText_GetCharBox(text.raw, index, *box)

    _each_text_page(paths, read)


def floor_pdfium(paths: list[Path]) -> None:
    """The least a Python layer of pdfminer-like characters costs: one PDFium call and a dict each."""
    import pypdfium2.raw as pdfium_c

    from gkcheck.loaders.pdfium_chars import direct, kept_texts

    double = ctypes.POINTER(ctypes.c_double)
    origin = direct(
        pdfium_c.FPDFText_GetCharOrigin, ctypes.c_int, ctypes.c_void_p, ctypes.c_int, double, double
    )
    x, y = ctypes.c_double(), ctypes.c_double()
    x_ref, y_ref = ctypes.pointer(x), ctypes.pointer(y)

    def read(text) -> None:
        handle = ctypes.cast(text.raw, ctypes.c_void_p).value
        chars = []
        for index, letter in kept_texts(text.raw):
            origin(handle, index, x_ref, y_ref)
            chars.append({"text": letter, "x0": x.value, "x1": x.value, "top": y.value, "bottom": y.value})

    _each_text_page(paths, read)


def _each_text_page(paths: list[Path], read) -> None:
    """`read(text page)` for every page of `paths`, after the page's text is read whole."""
    import pypdfium2 as pdfium

    for path in paths:
        pdf = pdfium.PdfDocument(str(path))
        for page in pdf:
            text = page.get_textpage()
            text.get_text_range()
            read(text)
            text.close()
            page.close()
        pdf.close()


def bare_pdfminer(paths: list[Path]) -> None:
    """pdfminer.six's `extract_pages` alone: the reference the issue's table of costs is measured against."""
    from pdfminer.high_level import extract_pages

    for path in paths:
        for _page in extract_pages(str(path)):
            pass


def checker_for(engine: str):
    """A checker as a run builds it once, before its first file (start-up is measured on its own)."""
    from gkcheck.commands.check import check_config
    from gkcheck.runner import Checker

    return Checker(check_config(["--no-cache", "--pdf-engine", engine]))


def whole_check(paths: list[Path], checker) -> None:
    """Check each file as if it were the first: the text caches are emptied before each."""
    from gkcheck.text import fold, squash

    for path in paths:
        squash.cache_clear()
        fold.cache_clear()
        checker.check(str(path))


def cpu_of(function, *args) -> float:
    started = time.process_time()
    function(*args)
    return time.process_time() - started


def ratio_line(name: str, ratios: list[float]) -> str:
    return f"{name}: {statistics.median(ratios):.2f} [{min(ratios):.2f}–{max(ratios):.2f}]"


def engines(rounds: int) -> None:
    pages = sum(page_count(path) for path in SAMPLES)
    checkers = {engine: checker_for(engine) for engine in ("pdfium", "pdfminer")}
    for checker in checkers.values():
        whole_check(SAMPLES[:1], checker)  # imports and warm-up
    bare_pdfminer(SAMPLES[:1])
    figures: dict[str, list[float]] = {
        "pdfium": [],
        "pdfminer": [],
        "bare": [],
        "raw": [],
        "floor": [],
        "extract_pages": [],
    }
    for _ in range(rounds):
        figures["bare"].append(cpu_of(bare_pdfium, SAMPLES))
        figures["raw"].append(cpu_of(raw_pdfium, SAMPLES))
        figures["floor"].append(cpu_of(floor_pdfium, SAMPLES))
        figures["extract_pages"].append(cpu_of(bare_pdfminer, SAMPLES))
        figures["pdfium"].append(cpu_of(whole_check, SAMPLES, checkers["pdfium"]))
        figures["pdfminer"].append(cpu_of(whole_check, SAMPLES, checkers["pdfminer"]))
    print(f"in process, {len(SAMPLES)} sample PDFs, {pages} pages, {rounds} rounds (CPU ms/page, median):")
    for name, label in (
        ("pdfium", "whole check, pdfium"),
        ("pdfminer", "whole check, pdfminer"),
        ("bare", "bare pypdfium2 text + char boxes"),
        ("raw", "the same, raw PDFium calls"),
        ("floor", "characters: one call and a dict each"),
        ("extract_pages", "pdfminer.six extract_pages alone"),
    ):
        print(f"  {label:<36} {statistics.median(figures[name]) / pages * 1000:6.1f}")
    print(
        "  "
        + ratio_line(
            "pdfium check / bare pypdfium2", [a / b for a, b in zip(figures["pdfium"], figures["bare"])]
        )
    )
    ratios = [a / b for a, b in zip(figures["pdfium"], figures["raw"])]
    print("  " + ratio_line("pdfium check / raw PDFium calls", ratios))
    ratios = [a / b for a, b in zip(figures["floor"], figures["bare"])]
    print("  " + ratio_line("characters, one call and a dict each / bare pypdfium2", ratios))
    for name, other in (("pdfminer check", "pdfminer"), ("pdfminer extract_pages", "extract_pages")):
        ratios = [a / b for a, b in zip(figures["pdfium"], figures[other])]
        print("  " + ratio_line(f"pdfium check / {name}", ratios))
    ratios = [a / b for a, b in zip(figures["bare"], figures["extract_pages"])]
    print("  " + ratio_line("bare pypdfium2 / pdfminer extract_pages", ratios))


def start_up(rounds: int) -> None:
    report = min(SAMPLES, key=lambda path: abs(page_count(path) - 6))  # the target is for 6 pages
    one = [*GKCHECK, "-q", "--no-cache", str(report)]
    version = [*GKCHECK, "--version"]
    one_cpu = statistics.median(child_cpu(one) for _ in range(rounds))
    one_wall = statistics.median(child_wall(one) for _ in range(rounds))
    version_cpu = statistics.median(child_cpu(version) for _ in range(rounds))
    version_wall = statistics.median(child_wall(version) for _ in range(rounds))
    with tempfile.TemporaryDirectory() as empty:  # start-up alone: a run that finds no report (exit 5)
        none = [*GKCHECK, "-q", "--no-cache", empty]
        none_cpu = statistics.median(child_cpu(none) for _ in range(rounds))
        none_wall = statistics.median(child_wall(none) for _ in range(rounds))
    print(f"whole process ({page_count(report)}-page report): {one_wall:.2f} s wall, {one_cpu:.2f} s CPU")
    print(f"a run on an empty folder: {none_wall:.3f} s wall, {none_cpu:.3f} s CPU")
    print(f"gkcheck --version: {version_wall:.3f} s wall, {version_cpu:.3f} s CPU")


def batches(rounds: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "batch"
        batch.mkdir()
        distinct_batch(batch)
        files = len(list(batch.iterdir()))
        empty = Path(folder) / "empty"
        empty.mkdir()
        base = [*GKCHECK, "-q", str(batch)]
        parallel = []
        for _ in range(rounds):
            one = child_wall([*base, "--no-cache", "-j", "1"])
            two = child_wall([*base, "--no-cache", "-j", "2"])
            parallel.append(one / two)
        cached, beyond_start = [], []
        for index in range(rounds):
            cache = Path(folder) / f"cache-{index}"
            start = child_wall([*GKCHECK, "-q", str(empty), "--cache-dir", str(cache)])
            first = child_wall([*base, "-j", "1", "--cache-dir", str(cache)])
            again = child_wall([*base, "-j", "1", "--cache-dir", str(cache)])
            cached.append(first / again)
            beyond_start.append((first - start) / max(again - start, 1e-3))
        print(f"batch of {files} different files (wall time ratios, median [range] of {rounds} rounds):")
        print("  " + ratio_line("-j 2 throughput / -j 1", parallel))
        print("  " + ratio_line("first run / cached re-run", cached))
        print("  " + ratio_line("the same, start-up (a run on no file) taken off both", beyond_start))


def cached_at_scale(files: int) -> None:
    """A batch the size of a province's: the first run and a cached re-run, both as a user runs them."""
    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / "batch"
        batch.mkdir()
        distinct_batch(batch, copies=-(-files // len(SAMPLES)))
        command = [*GKCHECK, "-q", str(batch), "--cache-dir", str(Path(folder) / "cache")]
        first = child_wall(command)
        again = child_wall(command)
        count = len(list(batch.iterdir()))
        print(
            f"batch of {count} different files, default jobs: first run {first:.1f} s, cached re-run", end=""
        )
        print(f" {again:.2f} s: {first / again:.1f}× faster")


def long_pdf(pages: int, path: Path) -> Path:
    """The sample pages over and over, each sample's fonts and resources shared, as in one long report."""
    import pypdfium2 as pdfium

    target = pdfium.PdfDocument.new()
    share = -(-pages // len(SAMPLES))
    for sample in SAMPLES:
        source = pdfium.PdfDocument(str(sample))
        wanted = min(share, pages - len(target))
        target.import_pages(source, [index % len(source) for index in range(wanted)])
    target.save(str(path))
    return path


def peak_memory() -> None:
    code = (
        "import resource, sys; from gkcheck.cli import main; main(['-q', '--no-cache', sys.argv[1]]); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    with tempfile.TemporaryDirectory() as folder:
        for pages in (100, 2000):
            path = long_pdf(pages, Path(folder) / f"long-{pages}.pdf")
            done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True)
            peak_kb = int(done.stdout.strip().splitlines()[-1])
            print(f"peak RSS, one PDF of {pages} pages: {peak_kb / 1024:.0f} MB")


def dask_throughput(rounds: int) -> None:
    from distributed import LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    try:
        with tempfile.TemporaryDirectory() as folder:
            batch = distinct_batch(Path(folder))
            base = [*GKCHECK, "-q", "--no-cache", str(batch)]
            ratios = []
            for _ in range(rounds):
                local = child_wall([*base, "-j", "2"])
                remote = child_wall([*base, "--executor", "dask", "--scheduler", cluster.scheduler_address])
                ratios.append(local / remote)
        print("  " + ratio_line("Dask LocalCluster (2 workers) throughput / -j 2", ratios))
    finally:
        cluster.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-long", action="store_true", help="leave out the 2,000-page memory figure")
    parser.add_argument("--dask", action="store_true", help="also the Dask LocalCluster throughput")
    parser.add_argument(
        "--big-batch",
        type=int,
        default=400,
        metavar="N",
        help="files of the cached re-run at scale (0: none)",
    )
    args = parser.parse_args()
    engines(args.rounds)
    start_up(args.rounds)
    batches(args.rounds)
    if args.big_batch:
        cached_at_scale(args.big_batch)
    if not args.skip_long:
        peak_memory()
    if args.dask:
        dask_throughput(args.rounds)


if __name__ == "__main__":
    main()
