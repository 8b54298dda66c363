"""What happened to the corpus' documents, newest first: decisions, revisions, reviews and
retirements, each with the units and roles it concerns. The "Senaste ändringar" page and
the Atom feeds are made from this one list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from governance.load import Corpus
from governance.model import Document

Kind = Literal["decision", "revision", "review", "retirement"]
KIND_LABEL: dict[Kind, str] = {
    "decision": "Beslutad",
    "revision": "Reviderad",
    "review": "Aktualitetsprövad",
    "retirement": "Upphävd",
}


@dataclass(frozen=True)
class Event:
    day: date
    kind: Kind
    doc_id: str
    title: str
    text: str  # the revision's summary, the review's note, the retirement's reason
    version: str | None  # the version a decision or revision made
    units: tuple[str, ...]
    roles: tuple[str, ...]

    @property
    def label(self) -> str:
        return KIND_LABEL[self.kind]


def _events(doc: Document) -> list[Event]:
    units, roles = tuple(doc.applies_to), tuple(dict.fromkeys([*doc.audience, *doc.owners]))

    def event(day: date, kind: Kind, text: str, version: str | None = None) -> Event:
        return Event(day, kind, doc.id, doc.title, text, version, units, roles)

    out = []
    for n, revision in enumerate(doc.revisions):
        decided = revision.decision is not None or n == 0
        kind: Kind = "decision" if decided else "revision"
        out.append(event(revision.date, kind, revision.summary, str(revision.version)))
    out += [event(r.date, "review", r.note or "Dokumentet är aktuellt.") for r in doc.reviews]
    if doc.retirement is not None:
        out.append(event(doc.retirement.date, "retirement", doc.retirement.reason))
    return out


def events(corpus: Corpus, limit: int | None = None) -> list[Event]:
    """Every event of the corpus' documents, newest first (then by title)."""
    found = [e for doc in corpus.documents.values() for e in _events(doc)]
    found.sort(key=lambda e: (-e.day.toordinal(), e.title.casefold(), e.kind))
    return found[:limit] if limit is not None else found
