"""Memory of the main gkcheck process over a large batch: does it grow with the number of reports?

    python benchmarks/bench_batch_memory.py [--files 2000] [--jobs 2]

Copies the sample texts, pages and Word files into a temporary folder until there are `--files`
of them, runs `gkcheck -j N --format json -o out.json` on the folder, and samples the main
process's resident memory (VmRSS) every 0.1 s. Prints the memory after the first tenth of the
files, at the last file, the peak (which includes rendering the JSON at the end), and the growth
per report between the first tenth and the last file.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "tests" / "data" / "samples"


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def make_batch(folder: Path, count: int) -> None:
    sources = sorted(path for path in SAMPLES.iterdir() if path.suffix in (".txt", ".html", ".docx"))
    for index in range(count):
        source = sources[index % len(sources)]
        shutil.copy(source, folder / f"{index:05d}-{source.name}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "batch"
        folder.mkdir()
        make_batch(folder, args.files)
        out, progress = Path(tmp) / "out.json", Path(tmp) / "stdout.txt"
        command = [sys.executable, "-m", "gkcheck", str(folder), "-j", str(args.jobs), "--json", str(out)]
        started = time.monotonic()
        samples: list[tuple[int, float]] = []  # (files done, MB)
        with progress.open("wb") as stdout:
            process = subprocess.Popen(command, stdout=stdout, stderr=subprocess.DEVNULL)
            while process.poll() is None:
                memory = rss_mb(process.pid)
                if memory is not None:
                    done = progress.read_bytes().count(b"\n")
                    samples.append((done, memory))
                time.sleep(0.1)
        seconds = time.monotonic() - started
        reports = len(json.loads(out.read_text(encoding="utf-8"))["reports"])
    tenth = args.files // 10
    early = max((mb for done, mb in samples if done <= tenth), default=0.0)
    checking = [mb for done, mb in samples if done < args.files]
    late = max(checking, default=0.0)
    peak = max(mb for _done, mb in samples)
    print(f"{reports} reports in {seconds:.1f} s with -j {args.jobs}")
    print(
        f"main process: {early:.0f} MB after {tenth} files, {late:.0f} MB at the last file, "
        f"peak {peak:.0f} MB"
    )
    print(f"growth while checking: {(late - early) / max(1, args.files - tenth) * 1024:.1f} KB per report")


if __name__ == "__main__":
    main()
