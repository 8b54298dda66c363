"""Kinds from styrdok.yaml: a document's kind exists, has the fields the kind requires,
and was decided by a body that may decide it. (Unknown bodies, units, roles and themes:
governance.checks.refs.)"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from governance.findings import Finding
from governance.load import Corpus, Entry, finding
from governance.model import Document


def check_terms(corpus: Corpus, today: date) -> Iterator[Finding]:
    for entry in corpus.entries:
        if isinstance(entry.doc, Document):
            yield from _document_terms(corpus, entry, entry.doc)


def _document_terms(corpus: Corpus, entry: Entry, doc: Document) -> Iterator[Finding]:
    kind = corpus.config.kind(doc.kind)
    if kind is None:
        known = ", ".join(k.id for k in corpus.config.kinds)
        yield finding(
            "unknown-kind",
            entry,
            f"Dokumentsorten '{doc.kind}' finns inte. Välj en av: {known}.",
            ("kind",),
        )
    decision_by = doc.decision.by if doc.decision else []
    if kind is None:
        return
    if doc.status == "in-force":
        for name in kind.required:
            if getattr(doc, name, None) in (None, [], ""):
                yield finding(
                    "kind-field-missing",
                    entry,
                    f"En gällande {kind.label.lower()} ska ha fältet '{name}'.",
                    (name,),
                )
    if kind.decided_by:
        for i, body in enumerate(decision_by):
            if body not in kind.decided_by and body in corpus.config.term_ids("bodies"):
                allowed = ", ".join(corpus.config.name_of("bodies", b) for b in kind.decided_by)
                yield finding(
                    "decided-by-not-allowed",
                    entry,
                    f"{corpus.config.name_of('bodies', body)} får inte besluta en {kind.label.lower()}. "
                    f"Får besluta: {allowed}.",
                    ("decision", "by", i),
                )
