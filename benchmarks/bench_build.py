#!/usr/bin/env python3
"""Time ``styrdok build`` against a plain MkDocs Material build of the same Markdown.

    python benchmarks/bench_build.py [--docs 2000] [--repeat 1] [--seed 1]
                                     [--scaling/--no-scaling] [--search/--no-search]

A clean corpus of --docs documents is generated with scripts/gen_corpus.py in a temporary
folder, then each build runs as a subprocess (under GNU time for its peak memory), best of
--repeat, the variants taking turns:

(a) styrdok: ``python -m governance build --root DIR --today 2026-11-23 --out OUT
    --no-downloads``, the whole build but the Word/PDF downloads (bench_export.py times
    those): check, generated MkDocs project, MkDocs Material;
(b) plain: ``python -m mkdocs build`` of a copy of the generated docs/ with a plain
    mkdocs.yml (site_name, theme material in Swedish, the search plugin and styrdok's nav:
    no overrides, no custom CSS or JS, Material's default features);
(c) plain + prune: (b) with ``features: [navigation.prune]``, to show the nav's share.

For each: wall time, peak RSS, output size and files, and the search index size. Then
styrdok/plain, judged against (b), and styrdok/(c) for comparison. With --scaling, styrdok
also builds N/4 and N/2 documents, printing output KB per page (constant = linear growth).
With --search, the time from typing "avhysning" in Chromium to the first search result, in
three fresh browser contexts, for (a) and (b).

Targets: styrdok's whole build within 1.15x the plain build (wall time); output growing
linearly with the page count (output ~ pages**k with k <= 1.1 from N/4 to N).
"""

from __future__ import annotations

import argparse
import functools
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]
import gen_corpus  # noqa: E402

TODAY = gen_corpus.TODAY
TARGET_RATIO = 1.15
LINEAR_EXPONENT = 1.1  # output ~ pages**k; above this it grows faster than linear
QUERY, SEARCH_RUNS = "avhysning", 3
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
BROWSER_ARGS += ["--disable-background-networking", "--disable-component-update"]
BROWSER_ARGS += ["--disable-sync"]
GNU_TIME = Path("/usr/bin/time")
# Without GNU time: a wrapper process that runs the one command and reports the peak RSS of
# its only child (RUSAGE_CHILDREN is the maximum over waited children, so here it is that one).
WRAPPER = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[2:])\n"
    "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "open(sys.argv[1], 'w').write(f'{use.ru_utime} {use.ru_stime} {use.ru_maxrss}')\n"
    "sys.exit(code)\n"
)
ENV = os.environ | {"NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Build:
    variant: str
    seconds: float
    cpu: float
    peak_mb: float
    out_mb: float
    files: int
    pages: int
    index_mb: float


def measured(command: list[str], report: Path) -> list[str]:
    """The command wrapped so that its CPU seconds and peak RSS (KB) go to ``report``."""
    if GNU_TIME.is_file() and sys.platform.startswith("linux"):
        return [str(GNU_TIME), "-f", "%U %S %M", "-o", str(report), *command]
    return [sys.executable, "-c", WRAPPER, str(report), *command]


def run(command: list[str]) -> tuple[float, float, float]:
    """Run the command; return wall-clock seconds, CPU seconds and peak RSS in MB."""
    with tempfile.NamedTemporaryFile(suffix=".rss") as report:
        started = time.perf_counter()
        done = subprocess.run(
            measured(command, Path(report.name)), cwd=REPO, env=ENV, capture_output=True, text=True
        )
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
        user, system, kilobytes = Path(report.name).read_text().splitlines()[-1].split()
    return seconds, float(user) + float(system), int(kilobytes) / 1024


def stats(variant: str, seconds: float, cpu: float, peak_mb: float, out: Path) -> Build:
    files = [p for p in out.rglob("*") if p.is_file()]
    index = out / "search" / "search_index.json"
    return Build(
        variant,
        seconds,
        cpu,
        peak_mb,
        out_mb=sum(p.stat().st_size for p in files) / 1e6,
        files=len(files),
        pages=sum(1 for p in files if p.suffix == ".html"),
        index_mb=index.stat().st_size / 1e6 if index.is_file() else 0.0,
    )


def build_styrdok(root: Path, out: Path) -> Build:
    """The whole ``styrdok build``, from a corpus with no generated project or site yet."""
    shutil.rmtree(root / ".styrdok", ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "governance", "build", "--root", str(root)]
    # The Word/PDF downloads are timed by benchmarks/bench_export.py; the plain build has none.
    command += ["--today", TODAY.isoformat(), "--out", str(out), "--no-downloads"]
    return stats("styrdok build", *run(command), out)


def build_plain(config: Path, out: Path, variant: str) -> Build:
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(out)]
    return stats(variant, *run(command), out)


def write_plain(project: Path, folder: Path, prune: bool) -> Path:
    """A plain Material project: styrdok's generated docs/ and nav, nothing else of styrdok's."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(project / "docs", folder / "docs")
    generated = YAML(typ="safe", pure=False).load((project / "mkdocs.yml").read_text("utf-8"))
    theme: dict[str, Any] = {"name": "material", "language": "sv"}
    if prune:
        theme["features"] = ["navigation.prune"]
    config = {"site_name": generated["site_name"], "theme": theme, "plugins": ["search"]}
    config["nav"] = generated["nav"]
    dumper = YAML(typ="safe", pure=True)
    dumper.default_flow_style = False
    dumper.allow_unicode = True
    with (folder / "mkdocs.yml").open("w", encoding="utf-8") as stream:
        dumper.dump(config, stream)
    return folder / "mkdocs.yml"


def best(builds: list[Build]) -> Build:
    return min(builds, key=lambda b: b.seconds)


def generate(root: Path, count: int, seed: int) -> None:
    print(f"generating {count:,} documents …", file=sys.stderr, flush=True)
    gen_corpus.generate(root, count, seed=seed, findings=False, force=True)


def compare(tmp: Path, args: argparse.Namespace) -> list[Build]:
    """(a), (b) and (c), taking turns --repeat times; the fastest run of each."""
    root = tmp / "corpus"
    generate(root, args.docs, args.seed)
    runs: dict[str, list[Build]] = {}
    for turn in range(1, args.repeat + 1):
        print(f"building, turn {turn} of {args.repeat} …", file=sys.stderr, flush=True)
        runs.setdefault("a", []).append(build_styrdok(root, tmp / "out-styrdok"))
        project = root / ".styrdok" / "handbook"
        for key, prune, variant in (("b", False, "plain Material"), ("c", True, "plain + prune")):
            config = write_plain(project, tmp / f"plain-{key}", prune)
            runs.setdefault(key, []).append(build_plain(config, tmp / f"out-{key}", variant))
    return [best(runs[key]) for key in "abc"]


def scaling(tmp: Path, args: argparse.Namespace, full: Build) -> list[tuple[int, Build]]:
    """styrdok at N/4 and N/2 documents (one run each), then the full build."""
    rows: list[tuple[int, Build]] = []
    for count in (args.docs // 4, args.docs // 2):
        root = tmp / f"corpus-{count}"
        generate(root, count, args.seed)
        print(f"building {count:,} documents …", file=sys.stderr, flush=True)
        rows.append((count, build_styrdok(root, tmp / f"out-{count}")))
        shutil.rmtree(root, ignore_errors=True)
        shutil.rmtree(tmp / f"out-{count}", ignore_errors=True)
    return [*rows, (args.docs, full)]


@contextmanager
def serving(site: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def first_result(browser: Any, url: str) -> float:
    """Seconds from typing the query into the search box to the first result, fresh context."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + "/")
        # styrdok's own search box and index or, on the plain build, Material's (lunr).
        own = page.locator("#styrdok-sok-q").count() > 0
        page.click("#styrdok-sok-q" if own else "input.md-search__input")
        started = time.perf_counter()
        page.keyboard.type(QUERY)
        result = ".styrdok-sok__item" if own else ".md-search-result__item"
        page.wait_for_selector(result, timeout=120_000)
        return time.perf_counter() - started
    finally:
        context.close()


def search_times(sites: dict[str, Path]) -> dict[str, list[float]] | None:
    """For each site, SEARCH_RUNS times to the first result; None without Playwright/Chromium."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed; skipping the search timing.")
        return None
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is not installed; skipping the search timing.")
        return None
    times: dict[str, list[float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        try:
            for variant, site in sites.items():
                print(f"searching {variant} …", file=sys.stderr, flush=True)
                with serving(site) as url:
                    times[variant] = [first_result(browser, url) for _ in range(SEARCH_RUNS)]
        finally:
            browser.close()
    return times


COLUMNS = ("variant", "seconds", "CPU s", "peak MB", "output MB", "files", "pages", "index MB")
WIDTHS = (-16, 8, 7, 8, 10, 7, 6, 9)


def print_rows(
    columns: tuple[str, ...], widths: tuple[int, ...], rows: Sequence[tuple[str, ...]]
) -> None:
    for line in [columns, *rows]:
        print(
            "  ".join(
                c.ljust(-w) if w < 0 else c.rjust(w) for c, w in zip(line, widths, strict=True)
            )
        )


def print_builds(builds: list[Build]) -> None:
    rows = [
        (b.variant, f"{b.seconds:.1f}", f"{b.cpu:.1f}", f"{b.peak_mb:.0f}", f"{b.out_mb:.1f}")
        + (f"{b.files:,}", f"{b.pages:,}", f"{b.index_mb:.2f}")
        for b in builds
    ]
    print_rows(COLUMNS, WIDTHS, rows)


def print_verdict(styrdok: Build, plain: Build, pruned: Build) -> None:
    """Judged on wall time against plain Material with default features; CPU time beside it,
    since wall time on a shared machine moves with whatever else runs."""
    ratio = styrdok.seconds / plain.seconds
    verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
    for name, other in (("plain Material", plain), ("plain + prune", pruned)):
        print(
            f"styrdok / {name + ':':<15} {styrdok.seconds / other.seconds:.2f}x wall,"
            f" {styrdok.cpu / other.cpu:.2f}x CPU"
        )
    print(
        f"target: styrdok's whole build within {TARGET_RATIO:g}x plain Material with default"
        f" features (wall): {ratio:.2f}x, {verdict}"
    )


def print_scaling(rows: list[tuple[int, Build]]) -> None:
    """Output KB per page for each size, and the exponent k in output ~ pages**k between the
    smallest and the largest size (1 = linear, 2 = quadratic)."""
    print("\noutput per page, styrdok build (roughly constant = linear growth):")
    table = [
        (f"{docs:,}", f"{b.pages:,}", f"{b.seconds:.1f}", f"{b.out_mb:.1f}")
        + (f"{b.out_mb * 1000 / b.pages:.1f}", f"{b.index_mb:.2f}")
        for docs, b in rows
    ]
    columns = ("docs", "pages", "seconds", "output MB", "KB/page", "index MB")
    print_rows(columns, (6, 6, 8, 10, 8, 9), table)
    small, large = rows[0][1], rows[-1][1]
    k = math.log(large.out_mb / small.out_mb) / math.log(large.pages / small.pages)
    verdict = "met" if k <= LINEAR_EXPONENT else "MISSED"
    print(
        f"target: output linear in pages: output ~ pages^{k:.2f} from {small.pages:,} to"
        f" {large.pages:,} pages (1 = linear, 2 = quadratic; <= {LINEAR_EXPONENT:g}: {verdict})"
    )


def print_search(times: dict[str, list[float]]) -> None:
    print(f'\ntime to the first search result in Chromium, typing "{QUERY}" (fresh context each):')
    for variant, runs in times.items():
        each = ", ".join(f"{t:.2f}" for t in runs)
        print(f"  {variant:<16}  {each} s; median {statistics.median(runs):.2f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000, help="documents in the corpus")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each build; best counts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scaling", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--search", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="styrdok-bench-") as name:
        tmp = Path(name)
        styrdok, plain, pruned = compare(tmp, args)
        sizes = scaling(tmp, args, styrdok) if args.scaling else []
        sites = {styrdok.variant: tmp / "out-styrdok", plain.variant: tmp / "out-b"}
        times = search_times(sites) if args.search else None
    print(
        f"\nstyrdok build, {args.docs:,} documents, today {TODAY}: {os.cpu_count()} CPUs,"
        f" Python {platform.python_version()} ({platform.machine()}), best of {args.repeat}"
    )
    print_builds([styrdok, plain, pruned])
    print_verdict(styrdok, plain, pruned)
    if sizes:
        print_scaling(sizes)
    if times:
        print_search(times)
    return 0


if __name__ == "__main__":
    sys.exit(main())
