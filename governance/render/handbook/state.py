"""What the handbook says about each document: its status in plain words, who links to
it, when it is next reviewed. Pure functions of the corpus and a day."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Literal

from governance.checks.dates import next_review
from governance.checks.refs import is_expired
from governance.load import Corpus
from governance.model import Document

State = Literal["in-force", "review-due", "review-overdue", "expired", "draft", "retired"]

LABELS: dict[State, str] = {
    "in-force": "Gällande",
    "review-due": "Gällande – aktualitetsprövning snart",
    "review-overdue": "Gällande – aktualitetsprövning försenad",
    "expired": "Giltighetstiden har gått ut",
    "draft": "Utkast",
    "retired": "Upphävt",
}
SHORT: dict[State, str] = {
    "in-force": "Gällande",
    "review-due": "Prövning snart",
    "review-overdue": "Prövning försenad",
    "expired": "Utgånget",
    "draft": "Utkast",
    "retired": "Upphävt",
}


@dataclass(frozen=True)
class Status:
    state: State
    next_review: date | None

    @property
    def label(self) -> str:
        return LABELS[self.state]

    @property
    def short(self) -> str:
        return SHORT[self.state]


def status_of(corpus: Corpus, doc: Document, today: date) -> Status:
    due = next_review(corpus, doc) if doc.status == "in-force" else None
    if doc.status == "retired":
        return Status("retired", None)
    if doc.status == "draft":
        return Status("draft", None)
    if is_expired(doc, today):
        return Status("expired", due)
    if due is not None and due < today:
        return Status("review-overdue", due)
    if due is not None and due <= today + timedelta(days=corpus.config.review_warning_days):
        return Status("review-due", due)
    return Status("in-force", due)


def backlinks(corpus: Corpus) -> dict[str, list[str]]:
    """For each document id, the ids of documents that link to it, in title order."""
    found: dict[str, set[str]] = defaultdict(set)
    for doc_id, doc in corpus.documents.items():
        for target in doc.links:
            found[target].add(doc_id)
    return {
        target: sorted(sources, key=lambda i: corpus.documents[i].title.casefold())
        for target, sources in found.items()
    }


def by_title(corpus: Corpus, ids: list[str] | set[str]) -> list[Document]:
    docs = [corpus.documents[i] for i in ids if i in corpus.documents]
    return sorted(docs, key=lambda d: d.title.casefold())


def links_checked(corpus: Corpus, doc: Document) -> date | None:
    """ "Länkar kontrollerade": the later of the date written in the document and the date of
    the last ``styrdok links`` run in which all of its links worked (.styrdok/links.json)."""
    from governance.links.cache import CACHE_FILE

    path = corpus.root / CACHE_FILE
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return doc.links_checked
    checked = _checked_dates(path, stamp).get(doc.id)
    if doc.links_checked is None or (checked is not None and checked > doc.links_checked):
        return checked
    return doc.links_checked


@lru_cache(maxsize=4)
def _checked_dates(path: Path, stamp: int) -> dict[str, date]:
    # Keyed on the file's mtime, so a new run of styrdok links (or styrdok serve) is seen.
    from governance.links.cache import links_checked_dates

    return links_checked_dates(path.parent.parent)
