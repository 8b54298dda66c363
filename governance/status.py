"""A document's status on a day: the one computation that the checks, the handbook, the
official export and the lifecycle commands share.

* ``last_confirmed``: the last day the document was looked at as a whole (reviewed, revised
  or decided). Suspect links are judged from it; the next review is counted from it (or
  from the first day of validity, when that is later).
* ``next_review``: when the periodic review (aktualitetsprövning) is due, from the kind's
  interval in styrdok.yaml; None for kinds that are not reviewed.
* ``Status``: the state on a day (in force, review due within the warning window, review
  overdue, expired, draft, retired) with the dates and the version the pages show.
* ``Statuses``: the statuses of one corpus on one day, each computed once; a build makes one
  and hands it to every page and document it renders.

Pure functions of the configuration, the document and the day (and, for the links-checked
date, the dates the corpus gathered from the link cache).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Literal

from governance.config import Config
from governance.dates import add_months, window_end
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


def version_key(version: str) -> tuple[int, ...]:
    """``"2.10"`` → ``(2, 10)``: versions compared as numbers."""
    return tuple(int(part) for part in version.split("."))


def last_confirmed(doc: Document) -> date | None:
    """The last day the document was reviewed, revised or decided, if any."""
    days = [
        doc.last_review,
        doc.last_revised,
        doc.revisions[-1].date if doc.revisions else None,
        doc.decision.date if doc.decision else None,
    ]
    known = [d for d in days if d is not None]
    return max(known) if known else None


def review_basis(config: Config, doc: Document) -> tuple[date, int] | None:
    """The day the next review is counted from and the kind's interval in months, or None
    if the kind is not reviewed (or the document has no date to count from)."""
    kind = config.kind(doc.kind)
    if kind is None or not kind.governing or not kind.review_interval_months:
        return None
    known = [d for d in (last_confirmed(doc), doc.valid_from) if d is not None]
    return (max(known), kind.review_interval_months) if known else None


def next_review(config: Config, doc: Document) -> date | None:
    """When the document is next due for review, or None if its kind is not reviewed or
    the day falls past 9999-12-31 (``check`` reports that as date-out-of-range)."""
    basis = review_basis(config, doc)
    return add_months(*basis) if basis is not None else None


def is_expired(doc: Document, today: date) -> bool:
    """In force by its status, but its last day of validity has passed."""
    return (
        doc.status == "in-force" and isinstance(doc.valid_until, date) and doc.valid_until < today
    )


@dataclass(frozen=True)
class Status:
    """What a document's state is on a day, and the dates the pages show."""

    state: State
    next_review: date | None = None  # documents in force of a reviewed kind
    expires_soon: bool = False  # in force, last day of validity within the warning window
    version: str | None = None
    confirmed: date | None = None  # last_confirmed
    links_checked: date | None = None  # "Länkar kontrollerade"

    @property
    def label(self) -> str:
        return LABELS[self.state]

    @property
    def short(self) -> str:
        return SHORT[self.state]


def status_on(
    config: Config, doc: Document, today: date, links_checked: date | None = None
) -> Status:
    """``doc``'s status on ``today``. ``links_checked`` comes from the link cache; the later
    of it and the date written in the document is the one shown."""
    checked = max((d for d in (doc.links_checked, links_checked) if d is not None), default=None)
    state, due, soon = _state(config, doc, today)
    return Status(state, due, soon, doc.version, last_confirmed(doc), checked)


def _state(config: Config, doc: Document, today: date) -> tuple[State, date | None, bool]:
    if doc.status == "retired" or doc.status == "draft":
        return doc.status, None, False
    due = next_review(config, doc)
    window = window_end(today, config.review_warning_days)
    until = doc.valid_until if isinstance(doc.valid_until, date) else None
    soon = until is not None and today <= until <= window
    if is_expired(doc, today):
        return "expired", due, False
    if due is not None and due < today:
        return "review-overdue", due, soon
    if due is not None and due <= window:
        return "review-due", due, soon
    return "in-force", due, soon


def status_of(corpus: Corpus, doc: Document, today: date) -> Status:
    """``doc``'s status on ``today``, with the links-checked date the corpus gathered."""
    return status_on(corpus.config, doc, today, corpus.links_checked.get(doc.id))


class Statuses(Mapping[str, Status]):
    """The status of every document of ``corpus`` on ``today``, each computed once, when
    first asked for. Made once per build and handed to the pages and documents."""

    def __init__(self, corpus: Corpus, today: date) -> None:
        self.corpus, self.today = corpus, today
        self._found: dict[str, Status] = {}
        # Text a renderer makes once per build from these statuses (a listing's row of a
        # document, which a handbook shows on a dozen listing pages).
        self.memo: dict[tuple[str, ...], str] = {}

    def __getitem__(self, doc_id: str) -> Status:
        found = self._found.get(doc_id)
        if found is None:
            found = status_of(self.corpus, self.corpus.documents[doc_id], self.today)
            self._found[doc_id] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.corpus.documents)

    def __len__(self) -> int:
        return len(self.corpus.documents)

    def make_all(self) -> None:
        """Make every status now (before the build forks workers that all need them)."""
        for doc_id in self.corpus.documents:
            self[doc_id]
