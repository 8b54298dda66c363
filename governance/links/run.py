"""The library entry point for ``styrdok links``: collect, check what the cache does not
answer, judge, remember.

    corpus ─ collect ─┬─ mailto:, tel:, malformed  → form checked, no request
                      ├─ internal (page#avsnitt)   → the handbook's pages and anchors
                      └─ web ─ excluded? cached? ─ check_urls (governance.links.probe)
                                                 └→ cache (.styrdok/links.json)
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urlsplit

from governance import __version__
from governance.clitext import counted
from governance.findings import Finding
from governance.links import anchors
from governance.links.cache import Cache, load_cache, save_cache
from governance.links.collect import Collected, Link, collect, page_of
from governance.links.probe import check_urls
from governance.links.result import Result
from governance.links.urls import excluded, form_problem, glob, without_fragment
from governance.links.verdict import configured, finding, place_finding, result_finding
from governance.load import Corpus, Entry
from governance.progress import Progress


@dataclass(frozen=True)
class Options:
    use_cache: bool = True  # False: check every address again (the cache is still updated)
    max_age: float | None = None  # seconds; None: links.max_age from styrdok.yaml
    today: date | None = None  # the date recorded for documents whose links all worked


@dataclass
class LinkReport:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0  # files with at least one address
    addresses: int = 0  # unique web addresses
    requested: int = 0  # checked now, with requests
    cached: int = 0  # answered by the cache
    excluded: int = 0  # places skipped by links.exclude
    seconds: float = 0.0
    cache_problem: str = ""
    # Every server name looked up now failed (two or more): most likely no network at all.
    no_name_resolved: bool = False

    def summary(self) -> str:
        text = (
            f"{counted(self.addresses, 'webbadress', 'webbadresser')}: {self.requested} kontrollerade nu, "
            f"{self.cached} ur cachen, {self.excluded} undantagna ({self.seconds:.1f} s)."
        )
        if self.no_name_resolved:
            text += (
                " Inget servernamn kunde slås upp: saknar datorn nätverk eller DNS? "
                "Bakom en proxy: sätt https_proxy."
            )
        return text


def check_links(
    corpus: Corpus, options: Options | None = None, progress: Progress | None = None
) -> LinkReport:
    """Check every link in the corpus, update the cache and return the findings."""
    options = options or Options()
    started = time.monotonic()
    config = corpus.config.links
    found = collect(corpus)
    patterns = [glob(p) for p in config.exclude]
    links = [link for link in found.links if link.kind != "other"]
    kept = [link for link in links if not excluded(link.url, patterns)]
    report = LinkReport(excluded=len(links) - len(kept))
    report.files = len({link.place.path for link in kept} | {p.path for p in found.unreadable})
    cache = load_cache(corpus.root)
    report.cache_problem = cache.problem
    results = _web_results(corpus, kept, cache, options, progress or Progress(), report)
    entries = {e.path: e for e in corpus.entries}
    findings = list(_judge(corpus, kept, results, entries)) + _unreadable(found)
    report.findings = configured(findings, corpus.config.severity)
    failed = {f.doc_id for f in report.findings if f.severity == "error"}
    failed |= {f.doc_id for f in report.findings if f.code == "link-unchecked"}
    with_links = {link.place.doc_id for link in kept} | {p.doc_id for p in found.unreadable}
    cache.record({d for d in with_links - failed if d}, options.today or date.today())
    save_cache(cache, time.time(), config.max_age)
    report.seconds = time.monotonic() - started
    return report


def user_agent(corpus: Corpus) -> str:
    return corpus.config.links.user_agent or f"styrdok/{__version__} (link checker)"


def _web_results(
    corpus: Corpus,
    links: list[Link],
    cache: Cache,
    options: Options,
    progress: Progress,
    report: LinkReport,
) -> dict[str, Result]:
    """A result for every web address: from the cache when it is young enough, else
    checked now. New results go into the cache even when the run is interrupted."""
    config = corpus.config.links
    urls = sorted(
        {without_fragment(x.url) for x in links if x.kind == "web" and not form_problem(x.url)}
    )
    max_age = config.max_age if options.max_age is None else options.max_age
    max_age_failed = min(max_age, config.max_age_failed)
    now = time.time()
    results: dict[str, Result] = {}
    for url in urls if options.use_cache else []:
        hit = cache.fresh(url, now, max_age, max_age_failed)
        if hit is not None:
            results[url] = hit
    todo = [url for url in urls if url not in results]
    report.addresses, report.cached, report.requested = len(urls), len(results), len(todo)
    fresh: dict[str, Result] = {}
    if not todo:
        return results
    progress.start(len(todo))
    try:
        asyncio.run(check_urls(todo, config, user_agent(corpus), fresh, progress.advance))
    finally:
        progress.finish()
        cache.add(fresh)
        if len(fresh) < len(todo):  # interrupted: keep what was done
            save_cache(cache, time.time(), config.max_age)
    hosts = {urlsplit(url).hostname for url in fresh}
    report.no_name_resolved = len(hosts) > 1 and all(r.outcome == "dns" for r in fresh.values())
    results.update(fresh)
    return results


def _judge(
    corpus: Corpus, links: list[Link], results: dict[str, Result], entries: dict[str, Entry]
) -> Iterable[Finding]:
    pages: anchors.Pages | str | None = None
    for link in links:
        problem = form_problem(link.url)
        if link.kind == "internal":
            if pages is None:
                pages = _pages(corpus)
            yield from _internal(link, pages, entries)
        elif problem:
            yield finding(
                "link-invalid", link, f"'{link.url}' är ingen giltig adress: {problem}.", entries
            )
        elif link.kind == "web":
            result = results[without_fragment(link.url)]
            if result.outcome != "ok":
                yield result_finding(link, link.url, result, entries)


def _pages(corpus: Corpus) -> anchors.Pages | str:
    """The handbook's pages, or why they could not be made (a corpus with errors)."""
    try:
        return anchors.handbook_pages(corpus)
    except Exception as exc:  # rendering is another package's; any failure stops only this
        return f"handbokens sidor kunde inte göras ({exc.__class__.__name__}: {exc}); rätta först felen som styrdok check visar"


def _internal(
    link: Link, pages: anchors.Pages | str, entries: dict[str, Entry]
) -> Iterable[Finding]:
    if isinstance(pages, str):
        yield finding(
            "link-unchecked", link, f"Länken '{link.url}' kontrollerades inte: {pages}.", entries
        )
        return
    try:
        problem = anchors.problem(pages, page_of(entries[link.place.path]), link.url)
    except Exception as exc:  # a Markdown extension of the handbook failing, say
        text = f"Länken '{link.url}' kontrollerades inte: {exc.__class__.__name__}: {exc}."
        yield finding("link-unchecked", link, text, entries)
        return
    if problem:
        text = f"Länken '{link.url}' går inte att följa: {problem}"
        yield finding(
            "link-internal-broken", link, text if text.endswith((".", "?")) else text + ".", entries
        )


def _unreadable(found: Collected) -> list[Finding]:
    return [
        place_finding(
            "link-unchecked",
            replace(p, context=""),
            f"Länkarna i filen kontrollerades inte: {p.context}.",
        )
        for p in found.unreadable
    ]
