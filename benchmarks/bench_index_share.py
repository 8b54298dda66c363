#!/usr/bin/env python3
"""What the search index adds to ``styrdok build``: full builds with and without it,
interleaved, on the same generated corpus.

    python benchmarks/bench_index_share.py [--docs 2000] [--rounds 3] [--seed 1]

``bench_search.py`` times the index alone in a process of its own (records and index
files, one core). In ``styrdok build`` the index is made in a child on the other core
while the pages are made, so what it adds to the build's wall time is what the user
waits for. Each round runs ``styrdok build --clean --no-downloads`` twice, in turn: as it
is, and with the search index's files made empty (``project.search_files`` replaced in
the build's process, nothing else changed). Target (issue 13): the index adds <= 10 %.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TODAY = "2026-11-23"
ENV = os.environ | {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
BUILD = """\
import sys
from governance.render.handbook import project
if sys.argv[1] == "utan":
    project.search_files = lambda *args, **kwargs: {}
from governance.cli import main
main(["build", "--root", sys.argv[2], "--today", sys.argv[3], "--clean", "--no-downloads",
      "--out", sys.argv[4]], standalone_mode=False)
"""


def timed(variant: str, corpus: Path, out: Path) -> float:
    started = time.perf_counter()
    command = [sys.executable, "-c", BUILD, variant, str(corpus), TODAY, str(out)]
    subprocess.run(command, cwd=REPO, env=ENV, capture_output=True, check=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(f"CPUs: {os.cpu_count()}, {args.docs} documents, load {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="bench-index-share-") as name:
        corpus = Path(name) / "corpus"
        generate = [sys.executable, "scripts/gen_corpus.py", str(corpus), "--count"]
        generate += [str(args.docs), "--seed", str(args.seed), "--no-findings"]
        subprocess.run(generate, cwd=REPO, env=ENV, capture_output=True, check=True)
        times: dict[str, list[float]] = {"med": [], "utan": []}
        for _ in range(args.rounds):
            for variant in times:
                times[variant].append(timed(variant, corpus, Path(name) / f"ut-{variant}"))
    with_index, without = statistics.median(times["med"]), statistics.median(times["utan"])
    added = (with_index - without) / without * 100
    print("| styrdok build --clean --no-downloads | median | runs |")
    print("|---|---:|---|")
    for label, key in (("with the search index", "med"), ("without it", "utan")):
        runs = ", ".join(f"{t:.1f}" for t in times[key])
        print(f"| {label} | {statistics.median(times[key]):.1f} s | {runs} |")
    verdict = "met" if added <= 10 else "NOT met"
    print(f"\nThe index adds {added:.1f} % to the build (target <= 10 %: {verdict}).")
    print(f"Load average at the end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
