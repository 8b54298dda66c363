#!/usr/bin/env python3
"""How much a city's CI installs: the core (check, lifecycle, links, due, Word forms) and
the core with the handbook extra, side by side.

    python benchmarks/install_size.py [--wheel dist/styrdok-0.1.0-py3-none-any.whl]

Builds the wheel from this tree when none is given, makes three fresh virtual
environments (empty, core, core + handbook) and prints for each its size on disk (as
``du -sk``), the size over the empty one, and the number of distributions installed.
Needs the package index (or pip's cache) like any install."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def size_mb(path: Path) -> float:
    out = subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True)
    return int(out.stdout.split()[0]) / 1024


def packages(home: Path) -> int:
    out = subprocess.run(
        [str(home / "bin" / "python"), "-m", "pip", "list", "--format=freeze"],
        capture_output=True,
        text=True,
        check=True,
    )
    return len(out.stdout.splitlines())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheel", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="styrdok-size-") as tmp:
        wheel = args.wheel
        if wheel is None:
            subprocess.run(
                [sys.executable, "-m", "build", "--wheel", "--outdir", f"{tmp}/dist", str(REPO)],
                check=True,
                capture_output=True,
            )
            wheel = next(Path(tmp, "dist").glob("*.whl"))
        url = wheel.resolve().as_uri()
        rows = []
        for name, reqs in [
            ("empty", []),
            ("core", [f"styrdok @ {url}"]),
            ("core + handbook", [f"styrdok @ {url}", "styrdok[handbook]"]),
        ]:
            home = Path(tmp) / name.replace(" ", "")
            venv.EnvBuilder(with_pip=True).create(home)
            if reqs:
                subprocess.run(
                    [str(home / "bin" / "python"), "-m", "pip", "install", "--quiet", *reqs],
                    check=True,
                    capture_output=True,
                )
            rows.append((name, size_mb(home), packages(home)))
    empty = rows[0][1]
    print(f"{'environment':<18} {'on disk':>9} {'added':>9} {'dists':>6}")
    for name, mb, count in rows:
        print(f"{name:<18} {mb:>7.0f} MB {mb - empty:>7.0f} MB {count:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
