"""What an official document says about itself, as plain text: the metadata table (the
same facts as the handbook's table), the kind's place in the hierarchy and the status.
Pure functions of the corpus, a document and a day."""

from __future__ import annotations

from dataclasses import dataclass

from governance.config import Kind
from governance.load import Corpus
from governance.model import UNTIL_FURTHER_NOTICE, Document
from governance.render.export.docxkit import Line
from governance.status import Status


@dataclass(frozen=True)
class Row:
    label: str
    lines: list[Line]


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


def status_text(corpus: Corpus, doc: Document, status: Status) -> str:
    """The status in words."""
    state = status.state
    if state == "retired":
        text = "Dokumentet är upphävt och gäller inte längre"
        if doc.retirement:
            text += f" sedan {doc.retirement.date} ({doc.retirement.reason.strip()})"
        successor = corpus.documents.get(doc.superseded_by or "")
        return text + (f". Det ersätts av {successor.title}." if successor else ".")
    return {
        "in-force": "Dokumentet gäller.",
        "review-due": f"Dokumentet gäller. Det ska aktualitetsprövas senast {status.next_review}.",
        "review-overdue": "Dokumentet gäller, men aktualitetsprövningen skulle ha gjorts "
        f"senast {status.next_review}.",
        "expired": f"Giltighetstiden gick ut {doc.valid_until}.",
        "draft": "Utkast: dokumentet är inte beslutat och gäller inte.",
    }[state]


def metadata(corpus: Corpus, doc: Document, status: Status) -> list[Row]:
    """The rows of the metadata table, in the handbook's order."""
    names = corpus.config.name_of
    decision = doc.decision

    def row(label: str, text: str) -> Row:
        return Row(label, [(text, None)])

    def joined(section: str, ids: list[str]) -> str:
        return ", ".join(names(section, i) for i in ids) if ids else "–"

    rows = [
        row("Dokumentnamn", doc.title),
        row("Dokumentsort", kind_label(corpus, doc)),
        row("Status", status.label),
        row("Beslutad av", joined("bodies", decision.by if decision else [])),
        row("Gäller för", joined("units", doc.applies_to)),
        row("Diarienummer", (decision.registration_number or "–") if decision else "–"),
        row("Datum och paragraf för beslutet", decision_text(doc)),
        row("Giltighetstid", validity(doc)),
        row("Senast reviderad", str(doc.last_revised or "–")),
        row("Länkar kontrollerade", str(status.links_checked or "–")),
        row("Dokumentansvarig", joined("roles", [doc.owner] if doc.owner else [])),
        row("Version", doc.version or "–"),
        Row("Bilagor", [(a.title, a.url) for a in doc.attachments] or [("Inga", None)]),
    ]
    if status.next_review:
        rows.append(row("Nästa aktualitetsprövning", str(status.next_review)))
    if doc.publisher:
        rows.insert(2, row("Utgivare", doc.publisher))
    if doc.url:
        rows.insert(3, Row("Webbadress", [(doc.url, doc.url)]))
    return rows
