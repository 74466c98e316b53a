"""Fuzz figures: check many mutated samples and count results, clean errors and internal errors.

    python benchmarks/fuzz_figures.py [--mutants 2000] [--seed 1]

The mutations are those of tests/test_fuzz.py (tests/support/mutations.py), drawn from `random`.
An internal error is a rule that raised, a timeout, or an error message that is not one clean line
(over 200 characters, a newline, a Python class name or errno). Prints the counts by source format
and the distinct internal errors.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gkcheck.commands.check import check_config  # noqa: E402
from gkcheck.results import ERROR  # noqa: E402
from gkcheck.runner import Checker  # noqa: E402
from tests.support.mutations import EXTREMES, SYNTAX, mutate, mutate_docx_part  # noqa: E402
from tests.test_fuzz import CLASS_NAME, fuzz_sources  # noqa: E402


def random_mutation(rng: random.Random) -> tuple:
    kind = rng.choice(["flip", "delete", "duplicate", "truncate", "overwrite", "insert", "number", "span"])
    where = rng.random()
    if kind == "flip":
        return (kind, where, rng.randrange(8))
    if kind in ("delete", "duplicate"):
        return (kind, where, rng.randint(1, 4096))
    if kind == "truncate":
        return (kind, where)
    if kind == "overwrite":
        return (kind, where, rng.randbytes(rng.randint(1, 64)))
    if kind == "insert":
        return (kind, where, rng.choice(SYNTAX))
    return (kind, rng.randrange(10_000), rng.choice(EXTREMES))


def internal_problem(result) -> str | None:
    crashed = [item.rule_id for item in result.results if item.outcome == ERROR]
    if crashed:
        return f"rule raised: {', '.join(crashed)}: {result.results[0].reason}"
    if result.error is None:
        return None
    for text in (result.error.zh, result.error.en):
        if "\n" in text or len(text) > 200 or CLASS_NAME.search(text) or text.startswith("timed out"):
            return f"unclean message: {text[:120]!r}"
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mutants", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    checker = Checker(check_config(["--timeout", "20"]))
    sources_folder = tempfile.TemporaryDirectory()
    sources = fuzz_sources(Path(sources_folder.name))
    originals = {source: source.read_bytes() for source in sources}
    counts: Counter[tuple[str, str]] = Counter()
    problems: Counter[str] = Counter()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(args.mutants):
            source = rng.choice(sources)
            changes = [random_mutation(rng) for _ in range(rng.randint(1, 5))]
            data = originals[source]
            in_zip = rng.random() < 0.5
            data = (
                mutate_docx_part(data, changes)
                if source.suffix == ".docx" and not in_zip
                else mutate(data, changes)
            )
            path = Path(tmp) / f"mutant{source.suffix}"
            path.write_bytes(data)
            result, _ = checker.check(str(path))
            problem = internal_problem(result)
            outcome = "internal error" if problem else ("clean error" if result.error else "result")
            counts[(source.suffix, outcome)] += 1
            if problem:
                problems[problem] += 1
    print(f"{args.mutants} mutants in {time.monotonic() - started:.0f} s (seed {args.seed})")
    for suffix in sorted({suffix for suffix, _ in counts}):
        row = {outcome: counts[(suffix, outcome)] for outcome in ("result", "clean error", "internal error")}
        print(f"  {suffix:6} {row}")
    total = {
        outcome: sum(n for (_, o), n in counts.items() if o == outcome)
        for outcome in ("result", "clean error", "internal error")
    }
    print(f"  total  {total}")
    for problem, count in problems.most_common():
        print(f"  {count:5}  {problem}")


if __name__ == "__main__":
    main()
