"""Whether what is published is still current and complete: a registration number on a
document in force, the date of a knowledge page's last review, statistics that have grown
old, units that no longer exist, and the same external document listed twice."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from governance.dates import add_months
from governance.findings import Finding, Path_
from governance.load import Corpus, Entry, finding
from governance.model import Document, Section


def check_currency(corpus: Corpus, today: date) -> Iterator[Finding]:
    for doc_id, doc in corpus.documents.items():
        entry = corpus.entry_of[doc_id]
        if doc.status == "in-force":
            yield from _registration(corpus, entry, doc)
            yield from _ended_units(corpus, entry, doc, today)
        if doc.status != "retired":
            yield from _fact_check(entry, doc)
            yield from _figures(corpus, entry, doc, today)
    yield from _duplicates(corpus)


def _registration(corpus: Corpus, entry: Entry, doc: Document) -> Iterator[Finding]:
    kind = corpus.config.kind(doc.kind)
    decision = doc.current_decision
    if kind is None or not kind.governing or decision is None:
        return
    if not (decision.registration_number or "").strip():
        yield finding(
            "registration-number-missing",
            entry,
            f"{kind.label} gäller men beslutet {decision.date} har inget diarienummer.",
            ("decision",) if doc.decision is not None else ("revisions",),
        )


def _ended_units(corpus: Corpus, entry: Entry, doc: Document, today: date) -> Iterator[Finding]:
    for i, unit in enumerate(doc.applies_to):
        until = corpus.config.ended("units", unit, today)
        if until is not None:
            name = corpus.config.name_of("units", unit)
            yield finding(
                "unit-ended",
                entry,
                f"Dokumentet gäller för {name}, som upphörde {until}.",
                ("applies_to", i),
            )


def _fact_check(entry: Entry, doc: Document) -> Iterator[Finding]:
    if doc.fact_check is not None and doc.fact_check.date is None:
        yield finding(
            "last-reviewed-missing",
            entry,
            f"Sidan är faktagranskad av {doc.fact_check.by}, men datum för senaste "
            "granskning saknas; läsaren kan inte se hur aktuell den är.",
            ("fact_check",),
        )


def _figures(corpus: Corpus, entry: Entry, doc: Document, today: date) -> Iterator[Finding]:
    months = corpus.config.figures_max_age_months
    dated: list[tuple[Path_, str, date | None]] = list(_sections(doc.sections, ("sections",)))
    dated += [(("faq", i), f.question, f.figures_as_of) for i, f in enumerate(doc.faq)]
    for loc, heading, as_of in dated:
        stale_from = add_months(as_of, months) if as_of is not None else None
        if stale_from is not None and stale_from < today:
            yield finding(
                "figures-stale",
                entry,
                f"Siffrorna i '{heading}' gäller {as_of:%Y-%m}, mer än {months} månader sedan.",
                (*loc, "figures_as_of"),
            )


def _sections(sections: list[Section], prefix: Path_) -> Iterator[tuple[Path_, str, date | None]]:
    for i, section in enumerate(sections):
        yield (*prefix, i), section.title, section.figures_as_of
        yield from _sections(section.sections, (*prefix, i, "sections"))


def _duplicates(corpus: Corpus) -> Iterator[Finding]:
    """External references with the same title and publisher: every one after the first."""
    first: dict[tuple[str, str], str] = {}
    for entry in sorted(corpus.entries, key=lambda e: e.path):
        doc = entry.doc
        if not isinstance(doc, Document) or not doc.publisher or doc.status == "retired":
            continue
        kind = corpus.config.kind(doc.kind)
        if kind is None or kind.governing:
            continue
        key = (" ".join(doc.title.casefold().split()), " ".join(doc.publisher.casefold().split()))
        if key not in first:
            first[key] = doc.id
            continue
        yield finding(
            "external-duplicate",
            entry,
            f"'{doc.title}' ({doc.publisher}) finns redan som '{first[key]}'.",
            ("title",),
        )
