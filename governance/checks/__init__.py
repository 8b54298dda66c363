"""The checks: small functions, corpus in, findings out. ``run_checks`` runs them all,
applies the severity configured in styrdok.yaml, and fills in lines and columns."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date

from governance.checks.currency import check_currency
from governance.checks.dates import check_dates
from governance.checks.layout import check_layouts
from governance.checks.published import check_published
from governance.checks.refs import check_links, check_references, check_templates
from governance.checks.schemafiles import check_schema_files
from governance.checks.suspect import check_suspect_links
from governance.checks.terms import check_terms
from governance.checks.text import check_text
from governance.checks.urls import check_urls
from governance.codes import UNDECIDED
from governance.findings import Finding, configured
from governance.load import Corpus

Check = Callable[[Corpus, date], Iterable[Finding]]

CHECKS: tuple[Check, ...] = (
    check_terms,
    check_references,
    check_links,
    check_templates,
    check_dates,
    check_text,
    check_urls,
    check_published,
    check_schema_files,
    check_suspect_links,
    check_layouts,
    check_currency,
)


def draft_paths(corpus: Corpus) -> set[str]:
    """The files of documents that are drafts (status: draft)."""
    return {
        entry.path
        for entry in corpus.entries
        if entry.doc is not None and getattr(entry.doc, "status", "") == "draft"
    }


def run_checks(corpus: Corpus, today: date) -> list[Finding]:
    found = list(corpus.findings)
    dropped = {e.path: e.dropped for e in corpus.entries if e.partial}
    for check in CHECKS:
        found.extend(f for f in check(corpus, today) if not _about_dropped(f, dropped))
    return sorted(_configured(corpus, found), key=lambda f: f.sort_key)


def _about_dropped(found: Finding, dropped: dict[str, frozenset[str]]) -> bool:
    """A finding about a field that was left out of a partly loaded document: its schema
    error already says what is wrong there."""
    fields = dropped.get(found.path)
    if not fields or not found.loc or found.code in _IN_TEXT:
        return False  # text found in the file is reported wherever it stands
    return str(found.loc[0]) in fields


_IN_TEXT = frozenset({"placeholder", "placeholder-link", "personnummer"})


def _configured(corpus: Corpus, found: list[Finding]) -> Iterable[Finding]:
    entries = {e.path: e for e in corpus.entries}
    drafts = draft_paths(corpus)
    for item in configured(found, corpus.config.severity):
        if item.severity == "error" and item.code in UNDECIDED and item.path in drafts:
            item = replace(item, severity="warning")
        if item.line == 0:
            entry = entries.get(item.path)
            if entry is not None:
                item = item.at(*entry.locator.position(item.loc))
        yield item
