"""What a document says about itself: the metadata table and its status in sentences.

One list of rows and one set of sentences, as plain text with link targets; the handbook
renders them as HTML (governance.render.handbook.pages) and the official export as Word
(governance.render.export.official). A new field shown in both is one row in ``metadata``.
Pure functions of the corpus, a document and its status (governance.status).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from governance.config import Kind
from governance.load import Corpus
from governance.model import UNTIL_FURTHER_NOTICE, Decision, Document, Template
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
    """The regulating kinds in the order of ``hierarchy`` in styrdok.yaml (Policy …
    Instruktion); without it, the governing kinds in the order of ``kinds``."""
    return corpus.config.regulating()


HIERARCHY_TITLE = "Reglerande styrande dokument"
THIS_DOCUMENT = "(detta dokument)"


def hierarchy_line(corpus: Corpus, doc: Document) -> tuple[str, list[tuple[str, bool]]]:
    """What the document is, and the regulating kinds with its own kind marked:
    ``("", [("Policy", False), …, ("Rutin", True), …])``. A kind outside the hierarchy
    says so first."""
    kinds = hierarchy(corpus)
    marked = [(k.label, k.id == doc.kind) for k in kinds]
    if any(here for _, here in marked):
        return "", marked
    kind = corpus.config.kind(doc.kind)
    what = "styrande, men inte reglerande" if kind and kind.governing else "inte styrande"
    return f"{kind_label(corpus, doc)} ({what}).", marked


Nature = Literal["governing", "external", "knowledge", "support"]
BANNER_TITLE: dict[str, str] = {
    "external": "Externt dokument",
    "knowledge": "Kunskapsstöd",
}
TEMPLATE_TEXT = (
    "Ett formulär att fylla i, som används med rutinerna nedan. Mallen är inte ett "
    "styrande dokument: det som gäller står i rutinen."
)


def nature(corpus: Corpus, doc: Document) -> Nature:
    """Governing, or which kind of document that is not: a knowledge page (fact-checked),
    an external reference (someone else's publication), or other support."""
    kind = corpus.config.kind(doc.kind)
    if kind is None or kind.governing:
        return "governing"
    if doc.fact_check is not None:
        return "knowledge"
    return "external" if doc.publisher else "support"


def banner_title(corpus: Corpus, doc: Document) -> str:
    """What a document that is not governing is, as its banner's heading."""
    what = nature(corpus, doc)
    return kind_label(corpus, doc) if what == "support" else BANNER_TITLE[what]


def short_status(corpus: Corpus, doc: Document, status: Status) -> str:
    """The status in a word or two, for lists: a document that is not governing is "inte
    styrande" rather than "gällande", which a reader takes for "applies to me"."""
    if nature(corpus, doc) != "governing" and status.state not in ("draft", "retired"):
        return "Inte styrande"
    return status.short


def _support_text(corpus: Corpus, doc: Document) -> str:
    org = corpus.config.organisation
    label = kind_label(corpus, doc)
    return {
        "external": f"{label} från {doc.publisher}: en referens till något som andra har gett "
        f"ut, inte ett styrande dokument för {org}.",
        "knowledge": f"{label}: fakta och vägledning, inte ett styrande dokument. Det beslutas "
        "inte och ställer inga krav.",
        "support": f"{label}: ett stöd i arbetet, inte ett styrande dokument.",
        "governing": "",
    }[nature(corpus, doc)]


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
    if nature(corpus, doc) != "governing" and state != "draft":
        return StatusText([(_support_text(corpus, doc), "text")])
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
    return StatusText([(text, "text"), *_supersedes(corpus, doc)])


def _supersedes(corpus: Corpus, doc: Document) -> list[Part]:
    """`` Ersätter: A, B.`` for the documents this one replaces."""
    old = [i for i in doc.supersedes if i in corpus.documents]
    parts: list[Part] = []
    for n, doc_id in enumerate(old):
        parts += [(" Ersätter: " if n == 0 else ", ", "text"), (doc_id, "document")]
    return [*parts, (".", "text")] if parts else []


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
    """The rows of the metadata table, in order; a row whose value is None is left out.
    A document that is not governing shows only what applies to it."""
    if nature(corpus, doc) != "governing":
        return _rows(_support_rows(corpus, doc, status))
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
    return _rows(rows)


RowValue = str | list[Line] | None


def _rows(rows: list[tuple[str, RowValue]]) -> list[Row]:
    return [
        Row(label, [(value, None)] if isinstance(value, str) else value)
        for label, value in rows
        if value is not None
    ]


def _support_rows(corpus: Corpus, doc: Document, status: Status) -> list[tuple[str, RowValue]]:
    """An external reference: publisher, year, registration number and address; a
    knowledge page: who fact-checked it and when; any: owner and version, when given."""
    check = doc.fact_check
    return [
        ("Dokumentnamn", doc.title),
        ("Dokumentsort", kind_label(corpus, doc)),
        ("Utgivare", doc.publisher or None),
        ("År", str(doc.year) if doc.year else None),
        ("Diarienummer", doc.registration_number or None),
        ("Webbadress", [(doc.url, doc.url)] if doc.url else None),
        ("Faktagranskad av", check.by if check else None),
        (
            "Senast granskad",
            (str(check.date) if check.date else "uppgift saknas") if check else None,
        ),
        ("Senast reviderad", str(doc.last_revised) if doc.last_revised else None),
        ("Länkar kontrollerade", str(status.links_checked) if status.links_checked else None),
        ("Dokumentansvarig", _names(corpus, "roles", doc.owners) if doc.owners else None),
        ("Version", status.version or None),
    ]


def revision_table(corpus: Corpus, doc: Document | Template) -> tuple[list[str], list[list[str]]]:
    """The revision history, newest first: version, date, size of the change, what
    changed, and, when any revision keeps one, the decision it was made with."""
    header = ["Version", "Datum", "Ändring", "Vad ändrades"]
    decided = any(r.decision for r in doc.revisions)
    rows = []
    for r in reversed(doc.revisions):
        row = [r.version, str(r.date), "Större" if r.major else "Mindre", r.summary]
        if decided:
            row.append(_decision_cell(corpus, r.decision, r.valid_from) if r.decision else "–")
        rows.append(row)
    return ([*header, "Beslut"] if decided else header), rows


def _decision_cell(corpus: Corpus, decision: Decision, valid_from: date | None) -> str:
    parts = [str(decision.date)]
    parts += [decision.paragraph] if decision.paragraph else []
    parts += [f"Dnr {decision.registration_number}"] if decision.registration_number else []
    parts.append("av " + _names(corpus, "bodies", decision.by))
    parts += [f"gäller från {valid_from}"] if valid_from else []
    return ", ".join(parts)


def _names(corpus: Corpus, section: str, ids: list[str]) -> str:
    return ", ".join(corpus.config.name_of(section, i) for i in ids) if ids else "–"
