"""What a document says about itself: the metadata table and its status in sentences.

One list of rows and one set of sentences, as plain text with link targets; the handbook
renders them as HTML (governance.render.handbook.pages) and the official export as Word
(governance.render.export.official). A new field shown in both is one row in ``metadata``.
Pure functions of the corpus, a document and its status (governance.status).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from governance.config import Kind
from governance.load import Corpus
from governance.model import UNTIL_FURTHER_NOTICE, Document
from governance.status import Status

Line = tuple[str, str | None]  # text, and the address it links to
PartKind = Literal["text", "corpus", "document"]
Part = tuple[str, PartKind]  # our words, corpus text (escape it), or a document id (link it)


@dataclass(frozen=True)
class Row:
    label: str
    lines: list[Line]


@dataclass(frozen=True)
class StatusText:
    """The status in sentences. ``advice`` tells the reader of the handbook what to do; the
    official document, a record of the decision, leaves it out."""

    parts: list[Part]
    advice: str = ""


def kind_label(corpus: Corpus, doc: Document) -> str:
    kind = corpus.config.kind(doc.kind)
    return kind.label if kind else doc.kind


def hierarchy(corpus: Corpus) -> list[Kind]:
    """The governing kinds in the order of styrdok.yaml (Policy … Instruktion)."""
    return [k for k in corpus.config.kinds if k.governing]


def validity(doc: Document) -> str:
    start, until = doc.valid_from, doc.valid_until
    if start is None and until is None:
        return "–"
    if until == UNTIL_FURTHER_NOTICE or until is None:
        return f"Fr.o.m. {start} och tills vidare" if start else "Tills vidare"
    return f"{start or '…'} – {until}"


def decision_text(doc: Document) -> str:
    decision = doc.decision
    if decision is None:
        return "–"
    return f"{decision.date}, {decision.paragraph}" if decision.paragraph else str(decision.date)


def status_text(corpus: Corpus, doc: Document, status: Status) -> StatusText:
    """The status in words (the handbook's banner, the official document's title page)."""
    state = status.state
    if state == "retired":
        return StatusText(_retired(corpus, doc))
    if state == "expired":
        return StatusText(
            [(f"Giltighetstiden gick ut {doc.valid_until}.", "text")],
            "Kontrollera med dokumentansvarig vad som gäller.",
        )
    text = {
        "in-force": "Dokumentet gäller.",
        "review-due": f"Dokumentet gäller. Det ska aktualitetsprövas senast {status.next_review}.",
        "review-overdue": "Dokumentet gäller, men aktualitetsprövningen skulle ha gjorts "
        f"senast {status.next_review}.",
        "draft": "UTKAST. Dokumentet är inte beslutat och gäller inte.",
    }[state]
    if state == "draft":
        advice = "Sidan är en förhandsvisning och publiceras inte för personalen."
        return StatusText([(text, "text")], advice)
    return StatusText([(text, "text")])


def _retired(corpus: Corpus, doc: Document) -> list[Part]:
    parts: list[Part] = [("Dokumentet är upphävt och gäller inte längre", "text")]
    if doc.retirement:
        parts += [
            (f" sedan {doc.retirement.date} (", "text"),
            (doc.retirement.clause, "corpus"),
            (")", "text"),
        ]
    parts.append((".", "text"))
    if doc.superseded_by and doc.superseded_by in corpus.documents:
        parts += [(" Det ersätts av ", "text"), (doc.superseded_by, "document"), (".", "text")]
    return parts


def metadata(corpus: Corpus, doc: Document, status: Status) -> list[Row]:
    """The rows of the metadata table, in order; a row whose value is None is left out."""
    decision = doc.decision
    rows: list[tuple[str, str | list[Line] | None]] = [
        ("Dokumentnamn", doc.title),
        ("Dokumentsort", kind_label(corpus, doc)),
        ("Utgivare", doc.publisher or None),
        ("Webbadress", [(doc.url, doc.url)] if doc.url else None),
        ("Status", status.label),
        ("Beslutad av", _names(corpus, "bodies", decision.by if decision else [])),
        ("Gäller för", _names(corpus, "units", doc.applies_to)),
        ("Diarienummer", (decision.registration_number or "–") if decision else "–"),
        ("Datum och paragraf för beslutet", decision_text(doc)),
        ("Giltighetstid", validity(doc)),
        ("Senast reviderad", str(doc.last_revised or "–")),
        ("Länkar kontrollerade", str(status.links_checked or "–")),
        ("Dokumentansvarig", _names(corpus, "roles", doc.owners)),
        ("Version", status.version or "–"),
        ("Bilagor", [(a.title, a.url) for a in doc.attachments] or [("Inga", None)]),
        ("Nästa aktualitetsprövning", str(status.next_review) if status.next_review else None),
    ]
    return [
        Row(label, [(value, None)] if isinstance(value, str) else value)
        for label, value in rows
        if value is not None
    ]


def _names(corpus: Corpus, section: str, ids: list[str]) -> str:
    return ", ".join(corpus.config.name_of(section, i) for i in ids) if ids else "–"
