"""Dates that cannot be, validity, and the periodic review (aktualitetsprövning)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from governance.dates import LAST_DAY
from governance.findings import Finding
from governance.load import Corpus, Entry, finding
from governance.model import Document, Revision, Template
from governance.status import review_basis, status_on, version_key


def check_dates(corpus: Corpus, today: date) -> Iterator[Finding]:
    for entry in corpus.entries:
        doc = entry.doc
        if isinstance(doc, Template | Document):
            yield from _revisions(entry, doc.revisions)
        if isinstance(doc, Document):
            yield from _document_dates(entry, doc)
            if doc.status == "in-force":
                yield from _validity(corpus, entry, doc, today)


def _document_dates(entry: Entry, doc: Document) -> Iterator[Finding]:
    if isinstance(doc.valid_until, date) and doc.valid_from and doc.valid_until < doc.valid_from:
        yield finding(
            "validity-order",
            entry,
            f"Giltig till ({doc.valid_until}) ligger före giltig från ({doc.valid_from}).",
            ("valid_until",),
        )
    if doc.decision and doc.last_revised and doc.last_revised < doc.decision.date:
        yield finding(
            "revised-before-decided",
            entry,
            f"Senast reviderad ({doc.last_revised}) ligger före beslutsdatum ({doc.decision.date}).",
            ("last_revised",),
        )


def _revisions(entry: Entry, revisions: list[Revision]) -> Iterator[Finding]:
    seen: set[tuple[int, ...]] = set()
    previous: Revision | None = None
    for i, rev in enumerate(revisions):
        key = version_key(rev.version)
        if key in seen:
            yield finding(
                "revision-duplicate",
                entry,
                f"Version {rev.version} finns redan tidigare i historiken.",
                ("revisions", i, "version"),
            )
        elif previous and (key < version_key(previous.version) or rev.date < previous.date):
            yield finding(
                "revision-order",
                entry,
                f"Version {rev.version} ({rev.date}) kommer efter version {previous.version} ({previous.date}); "
                "historiken ska gå från äldst till nyast.",
                ("revisions", i),
            )
        seen.add(key)
        previous = rev


def _validity(corpus: Corpus, entry: Entry, doc: Document, today: date) -> Iterator[Finding]:
    status = status_on(corpus.config, doc, today)
    if status.state == "expired":
        yield finding(
            "expired",
            entry,
            f"Dokumentet gällde till {doc.valid_until} men har status gällande.",
            ("valid_until",),
        )
        return
    if status.expires_soon:
        yield finding(
            "expires-soon", entry, f"Giltighetstiden går ut {doc.valid_until}.", ("valid_until",)
        )
    due = status.next_review
    loc = ("reviews",) if doc.reviews else ("last_revised",) if doc.last_revised else ("decision",)
    basis = review_basis(corpus.config, doc)
    if due is None and basis is not None:
        start, months = basis
        yield finding(
            "date-out-of-range",
            entry,
            f"Nästa aktualitetsprövning, {months} månader efter {start}, hamnar efter "
            f"{LAST_DAY}, det sista datum som går att räkna med.",
            loc,
        )
        return
    if status.state not in ("review-overdue", "review-due"):
        return
    owner = ", ".join(corpus.config.name_of("roles", o) for o in doc.owners) or "dokumentansvarig"
    loc = ("reviews",) if doc.reviews else ("last_revised",) if doc.last_revised else ("decision",)
    if status.state == "review-overdue":
        yield finding(
            "review-overdue",
            entry,
            f"Aktualitetsprövningen skulle ha gjorts senast {due} (ansvarig: {owner}).",
            loc,
        )
    else:
        yield finding(
            "review-due",
            entry,
            f"Aktualitetsprövning ska göras senast {due} (ansvarig: {owner}).",
            loc,
        )
