#!/usr/bin/env python3
"""The handbook's search at scale: styrdok's own index against the previous lunr search
(MkDocs Material's, with styrdok's stem wrapper), on the same generated corpus.

    python benchmarks/bench_search.py [--sizes 500,2000] [--runs 1] [--seed 1]

For each size a clean corpus is generated (the old code's scripts/gen_corpus.py, so that
both read it), then built twice:
(new) with this checkout's ``styrdok build --no-downloads``, (old) with the code of git
``main`` before the search changed (``--old-ref``, extracted with git archive) — both as
subprocesses, timed. Each site is served on 127.0.0.1 and, in Chromium with a fresh
context per measurement, for five queries:

* load → first result: from navigation start to the first result on screen, the query
  typed as soon as the page has loaded (index and search code not yet fetched);
* keystroke → first result: on a loaded page, from the first keystroke of the query
  (typed at 0 ms a key, as fast as Playwright types: 5–15 ms a key) to the first result on
  screen;
* keystroke → the whole query's results (new search only: the count names the query; the
  first result above may be a prefix's, shown while the query is typed);
* as a person types (new search only; 150 ms a key, a search on each keystroke): from the
  last keystroke to the results of the whole query on screen (the count names the query);
* bytes transferred by the page load and the search together, and by the search files
  alone (sok/ or search/ and the worker).

The last query is a registration number that the generated corpus holds (its first
document's), typed as printed. Also the index size on disk and the time to build the new
index alone (records and index files, in process). Targets: first result <= 300 ms at 2,000 and 10,000 documents; <= 500 kB
transferred for a first search; the index build <= 10 % of the build.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

TODAY = "2026-11-23"
QUERIES = ["avhysning", "hyresskulden", "bostad först", "socialsekreterare"]
CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"]
BROWSER_ARGS += ["--disable-background-networking", "--disable-component-update"]
ENV = os.environ | {"NO_MKDOCS_2_WARNING": "1"}
TIMEOUT_MS = 900_000  # lunr at 10,000 documents
PERSON_MS = 150

# How each search shows itself: the box, and what appears when results are on screen.
NEW = {"box": "#styrdok-sok-q", "result": ".styrdok-sok__item", "count": ".styrdok-sok__count"}
OLD = {
    "box": "input.md-search__input",
    "result": ".md-search-result__item",
}


def run(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - started


def old_code(tmp: Path, ref: str) -> Path:
    folder = tmp / "old-styrdok"
    folder.mkdir()
    archive = subprocess.run(["git", "archive", ref], cwd=REPO, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def build(code: Path, corpus: Path, out: Path) -> float:
    command = [sys.executable, "-m", "governance", "build", "--root", str(corpus)]
    command += ["--today", TODAY, "--out", str(out), "--no-downloads"]
    return run(command, code, ENV | {"PYTHONPATH": str(code)})  # -m puts cwd first


def index_seconds(corpus: Path) -> float:
    """The new index alone: records from the corpus and Pagefind, in a fresh process."""
    script = (
        "import sys, time\nfrom datetime import date\nfrom pathlib import Path\n"
        "from governance.check import check\n"
        "from governance.render.handbook import search_index, search_records\n"
        f"corpus, _ = check(Path({str(corpus)!r}), date.fromisoformat({TODAY!r}))\n"
        "t = time.perf_counter()\n"
        f"search_index.bundle(search_records.pages(corpus, date.fromisoformat({TODAY!r})))\n"
        "print(time.perf_counter() - t)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        env=ENV | {"PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def size_kb(paths: list[Path]) -> float:
    total = 0
    for path in paths:
        files = path.rglob("*") if path.is_dir() else [path]
        total += sum(p.stat().st_size for p in files if p.is_file())
    return total / 1000


@contextmanager
def serving(site: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def is_search_file(url: str) -> bool:
    return bool(re.search(r"/(sok|search)/|/workers/", url))


def measure(browser: Any, url: str, variant: str, query: str, mode: str) -> dict[str, float]:
    """One fresh context: the page, then the query typed; times in ms, bytes in kB.
    ``mode``: "load" (typed as soon as the page has loaded), "keystroke" (typed at once on
    a loaded page) or "person" (150 ms a key, new search only)."""
    ui = NEW if variant == "new" else OLD
    context = browser.new_context()
    page = context.new_page()
    sizes: list[tuple[str, int]] = []

    def finished(request: Any) -> None:
        try:
            body = request.sizes()["responseBodySize"]
        except Exception:
            body = 0
        sizes.append((request.url, body))

    page.on("requestfinished", finished)
    started = time.perf_counter()
    page.goto(url, wait_until="load")
    loaded = time.perf_counter()
    page.click(ui["box"])
    if mode == "load":
        page.keyboard.type(query)
        page.wait_for_selector(ui["result"], timeout=TIMEOUT_MS)
        result = {"load_to_answer": (time.perf_counter() - started) * 1000}
    elif mode == "keystroke":
        typed = time.perf_counter()
        page.keyboard.type(query)
        page.wait_for_selector(ui["result"], timeout=TIMEOUT_MS)
        shown = time.perf_counter()
        result = {"to_result": (shown - typed) * 1000, "page_load": (loaded - started) * 1000}
        if variant == "new":  # the first result may be a prefix's: then the whole query's
            _wait_for_count(page, ui["count"], query)
            result["to_whole"] = (time.perf_counter() - typed) * 1000
    else:
        page.keyboard.type(query[:-1], delay=PERSON_MS)
        page.wait_for_timeout(PERSON_MS)
        last = time.perf_counter()
        page.keyboard.type(query[-1])
        _wait_for_count(page, ui["count"], query)
        result = {"person": (time.perf_counter() - last) * 1000}
    page.wait_for_timeout(300)  # let the last chunk requests finish
    result["kb_all"] = sum(b for _, b in sizes) / 1000
    result["kb_search"] = sum(b for u, b in sizes if is_search_file(u)) / 1000
    context.close()
    return result


def _wait_for_count(page: Any, count: str, query: str) -> None:
    """Until the result count names the whole query (it is announced when the query's
    first results are on screen)."""
    page.wait_for_function(
        "([count, q]) => (document.querySelector(count) || {}).textContent &&"
        " document.querySelector(count).textContent.includes(q)",
        arg=[count, query],
        timeout=TIMEOUT_MS,
    )


def browse(
    sites: dict[str, Path], runs: int, queries: list[str]
) -> dict[str, dict[str, list[float]]]:
    from playwright.sync_api import sync_playwright

    found: dict[str, dict[str, list[float]]] = {v: {} for v in sites}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        servers = {v: serving(site) for v, site in sites.items()}
        urls = {v: s.__enter__() for v, s in servers.items()}
        try:
            for _ in range(runs):
                for query in queries:
                    for variant in sites:  # the variants take turns
                        modes = ["load", "keystroke"] + (["person"] if variant == "new" else [])
                        for mode in modes:
                            figures = measure(browser, urls[variant], variant, query, mode)
                            if mode == "person":
                                figures = {
                                    "person": figures["person"],
                                    "kb_person": figures["kb_all"],
                                }
                            for key, value in figures.items():
                                found[variant].setdefault(key, []).append(value)
                            if mode == "keystroke":
                                found[variant].setdefault(f"q:{query}", []).append(
                                    figures["to_result"]
                                )
        finally:
            for s in servers.values():
                s.__exit__(None, None, None)
            browser.close()
    return found


def registration(corpus: Path) -> str:
    """The registration number of the corpus' first document that has one."""
    for path in sorted((corpus / "routines").rglob("*.yaml")):
        number = re.search(r"registration_number: ([A-Z]+ \d+/\d+)", path.read_text("utf-8"))
        if number:
            return number.group(1)
    raise SystemExit(f"no registration number in {corpus}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="500,2000")
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--old-ref", default="ce7286a", help="git ref with the lunr search")
    args = parser.parse_args()
    print(f"CPUs: {os.cpu_count()}, Python {sys.version.split()[0]}, {date.today()}")
    with tempfile.TemporaryDirectory(prefix="bench-search-") as name:
        tmp = Path(name)
        old = old_code(tmp, args.old_ref)
        for count in [int(s) for s in args.sizes.split(",")]:
            corpus = tmp / f"corpus-{count}"
            # Generated by the old code's scripts/gen_corpus.py (with its styrdok.yaml), so
            # that the old code reads it; the new code reads it as well.
            command = [sys.executable, "scripts/gen_corpus.py", str(corpus)]
            command += ["--count", str(count), "--seed", str(args.seed), "--no-findings"]
            run(command, old, ENV | {"PYTHONPATH": str(old)})
            sites = {"new": tmp / f"new-{count}", "old": tmp / f"old-{count}"}
            seconds = {"new": build(REPO, corpus, sites["new"])}
            shutil.rmtree(corpus / ".styrdok", ignore_errors=True)
            seconds["old"] = build(old, corpus, sites["old"])
            index = index_seconds(corpus)
            queries = [*QUERIES, registration(corpus)]
            figures = browse(sites, args.runs, queries)
            report(count, sites, seconds, index, figures, queries)
            for site in sites.values():
                shutil.rmtree(site, ignore_errors=True)
            shutil.rmtree(corpus, ignore_errors=True)


def report(
    count: int,
    sites: dict[str, Path],
    seconds: dict[str, float],
    index: float,
    figures: dict[str, dict[str, list[float]]],
    queries: list[str],
) -> None:
    med = statistics.median
    index_kb = {
        "new": size_kb([sites["new"] / "sok"]),
        "old": size_kb(
            [sites["old"] / "search", sites["old"] / "assets" / "javascripts" / "workers"]
        ),
    }
    print(f"\n## {count} documents\n")
    print("| | new (styrdok's index) | old (lunr) | old/new |")
    print("|---|---:|---:|---:|")

    def row(label: str, new: float, old: float, unit: str) -> None:
        ratio = f"{old / new:.1f}×" if new else "–"
        print(f"| {label} | {new:,.0f} {unit} | {old:,.0f} {unit} | {ratio} |")

    for key, label, unit in (
        ("load_to_answer", "page load → first result, typing at once (median)", "ms"),
        ("to_result", "first keystroke → first result (median)", "ms"),
        ("page_load", "page load (median)", "ms"),
        ("kb_all", "transferred, page + first search (median)", "kB"),
        ("kb_search", "of which search files (median)", "kB"),
    ):
        row(label, med(figures["new"][key]), med(figures["old"][key]), unit)
    row("index on disk", index_kb["new"], index_kb["old"], "kB")
    row("styrdok build --no-downloads", seconds["new"], seconds["old"], "s")
    for query in queries:
        row(
            f"  “{query}” → first result",
            med(figures["new"][f"q:{query}"]),
            med(figures["old"][f"q:{query}"]),
            "ms",
        )
    whole = figures["new"]["to_whole"]
    print(
        "| first keystroke → the whole query's results (the count names it), new only "
        f"(median, worst) | {med(whole):,.0f} ms, {max(whole):,.0f} ms | | |"
    )
    person = figures["new"]["person"]
    print(
        f"| as a person types ({PERSON_MS} ms a key): last keystroke → results of the whole "
        f"query, new only (median, worst) | {med(person):,.0f} ms, {max(person):,.0f} ms | | |"
    )
    print(
        "| as a person types: transferred, page + search (median, worst) | "
        f"{med(figures['new']['kb_person']):,.0f} kB, {max(figures['new']['kb_person']):,.0f} kB | | |"
    )
    share = index / seconds["new"] * 100
    print(f"\nNew index alone (records + index files): {index:.1f} s = {share:.0f} % of the build.")
    first = max(figures["new"]["to_result"])
    print(
        f"Targets: first result <= 300 ms: worst {first:,.0f} ms "
        f"({'met' if first <= 300 else 'NOT met'}); <= 500 kB for a first search: "
        f"{max(figures['new']['kb_all']):,.0f} kB "
        f"({'met' if max(figures['new']['kb_all']) <= 500 else 'NOT met'}); index <= 10 % "
        f"of the build: {'met' if share <= 10 else 'NOT met'}."
    )


if __name__ == "__main__":
    main()
