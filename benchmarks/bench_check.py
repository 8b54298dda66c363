#!/usr/bin/env python3
"""Time ``styrdok check`` against a bare YAML parse of the same files.

    python benchmarks/bench_check.py [--sizes 2000,10000] [--repeat 3] [--seed 1]

For each size a corpus is generated with scripts/gen_corpus.py in a temporary folder
(planted findings included unless --no-findings), then timed:

(a) parse: every .yaml file read and loaded with ruamel's C safe loader, one
    ``YAML(typ="safe", pure=False)`` for all files; best of --repeat;
(a') the same files read and loaded with styrdok's own loader (governance.fastyaml, libyaml
    events without ruamel's Python composer), in one process; best of --repeat;
(b) check: ``governance.check.check_corpus(root, today)`` in this process; best of --repeat;
(c) CLI: ``python -m governance check --root DIR --today 2026-11-23 --format json`` as a
    subprocess, interpreter start included; best of --repeat;
(d) the ratio (b)/(a), and the number of findings.

Targets: check on 2,000 documents within 2x the bare parse and under 2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]
import gen_corpus  # noqa: E402

TODAY = gen_corpus.TODAY
TARGET_DOCS, TARGET_RATIO, TARGET_SECONDS = 2000, 2.0, 2.0
CheckCorpus = Callable[[Path, date], list[Any]]


@dataclass
class Row:
    docs: int
    files: int
    megabytes: float
    parse: float
    fast_parse: float
    check: float | None
    cli: float | None
    findings: int | None
    planted: int


def best_of(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - started)
    return best, result


def parse_all(files: list[Path]) -> int:
    """Load every file; return how many could not be read (the planted broken files)."""
    yaml, failed = YAML(typ="safe", pure=False), 0
    for path in files:
        try:
            yaml.load(path.read_text("utf-8"))
        except Exception:  # invalid UTF-8, YAML errors, 2022-02-30: the planted files
            failed += 1
    return failed


def parse_all_fast(files: list[Path]) -> int:
    from governance.fastyaml import load

    failed = 0
    for path in files:
        try:
            load(path.read_text("utf-8"))
        except Exception:  # the planted broken files
            failed += 1
    return failed


def import_check() -> CheckCorpus | None:
    try:
        from governance.check import check_corpus
    except ImportError as exc:
        print(f"governance.check.check_corpus cannot be imported ({exc}); skipping (b).")
        return None
    return check_corpus


def run_cli(root: Path) -> tuple[float | None, int | None]:
    """Wall-clock seconds and number of findings of the command, or None if it failed."""
    command = [sys.executable, "-m", "governance", "check", "--root", str(root)]
    command += ["--today", TODAY.isoformat(), "--format", "json"]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    try:
        return seconds, len(json.loads(done.stdout)["findings"])
    except (ValueError, KeyError, TypeError):
        print(f"CLI failed (exit {done.returncode}): {done.stderr.strip()[-300:]}")
        return None, None


def measure(size: int, args: argparse.Namespace, check: CheckCorpus | None) -> Row:
    with tempfile.TemporaryDirectory(prefix="styrdok-bench-") as tmp:
        root = Path(tmp)
        print(f"generating {size:,} documents …", file=sys.stderr, flush=True)
        summary = gen_corpus.generate(
            root, size, seed=args.seed, findings=args.findings, force=True
        )
        files = sorted(root.rglob("*.yaml"))
        megabytes = sum(p.stat().st_size for p in files) / 1e6
        print(f"timing {len(files):,} files …", file=sys.stderr, flush=True)
        parse, _ = best_of(args.repeat, lambda: parse_all(files))
        fast_parse, _ = best_of(args.repeat, lambda: parse_all_fast(files))
        checked, findings = None, None
        if check is not None:
            checked, found = best_of(args.repeat, lambda: check(root, TODAY))
            findings = len(found)
        runs = [run_cli(root) for _ in range(args.repeat)]
        cli = min((r[0] for r in runs if r[0] is not None), default=None)
        cli_findings = runs[-1][1]
        if findings is not None and cli_findings is not None and cli_findings != findings:
            print(f"note: CLI reported {cli_findings} findings, in-process {findings}")
        planted = sum(len(paths) for paths in summary.planted.values())
        findings = cli_findings if findings is None else findings
        return Row(size, len(files), megabytes, parse, fast_parse, checked, cli, findings, planted)


COLUMNS: tuple[str, ...] = ("docs", "files", "MB", "(a) parse", "(a') fast", "(b) check")
COLUMNS += ("(c) CLI", "(b)/(a)", "(b)/(a')", "findings", "planted")
WIDTHS = (7, 7, 6, 10, 10, 10, 10, 8, 9, 9, 8)


def seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def cells(row: Row) -> tuple[str, ...]:
    ratio = "–" if row.check is None else f"{row.check / row.parse:.2f}x"
    fast_ratio = "–" if row.check is None else f"{row.check / row.fast_parse:.2f}x"
    found = "–" if row.findings is None else f"{row.findings:,}"
    sizes = (f"{row.docs:,}", f"{row.files:,}", f"{row.megabytes:.1f}")
    return (
        *sizes,
        seconds(row.parse),
        seconds(row.fast_parse),
        seconds(row.check),
        seconds(row.cli),
        ratio,
        fast_ratio,
        found,
        f"{row.planted:,}",
    )


def print_table(rows: list[Row]) -> None:
    for line in [COLUMNS, *(cells(row) for row in rows)]:
        print("  ".join(c.rjust(w) for c, w in zip(line, WIDTHS, strict=True)))


def print_verdict(rows: list[Row]) -> None:
    print(
        f"targets: check on {TARGET_DOCS:,} docs within {TARGET_RATIO:g}x the bare parse "
        f"and under {TARGET_SECONDS:g} s"
    )
    for row in rows:
        if row.docs == TARGET_DOCS and row.check is not None:
            fast = "met" if row.check < TARGET_SECONDS else "MISSED"
            near = "met" if row.check <= TARGET_RATIO * row.parse else "MISSED"
            print(
                f"  {row.docs:,} docs: check {row.check:.2f} s (< {TARGET_SECONDS:g} s: {fast}),"
                f" {row.check / row.parse:.2f}x parse (<= {TARGET_RATIO:g}x: {near}),"
                f" {row.check / row.fast_parse:.2f}x styrdok's own parse"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2000,10000", help="corpus sizes, comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="runs of (a) and (b); best counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--findings", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    check = import_check()
    rows = [measure(size, args, check) for size in sizes]
    print(
        f"\nstyrdok check, today {TODAY}: {os.cpu_count()} CPUs, Python {platform.python_version()}"
        f" ({platform.machine()}), best of {args.repeat} for each time"
    )
    print_table(rows)
    print_verdict(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
