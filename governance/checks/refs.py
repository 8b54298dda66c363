"""Links between documents, and between routines and their templates."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from governance.findings import Finding, Path_
from governance.load import Corpus, Entry, finding
from governance.messages import did_you_mean
from governance.model import Template
from governance.status import is_expired


def check_links(corpus: Corpus, today: date) -> Iterator[Finding]:
    for doc_id, doc in corpus.documents.items():
        if doc.status == "retired":
            continue
        entry = corpus.entry_of[doc_id]
        for i, target_id in enumerate(doc.links):
            yield from _link(corpus, entry, ("links", i), target_id, today)
    for doc_id, doc in corpus.documents.items():
        if doc.superseded_by and not corpus.exists(doc.superseded_by):
            yield _unknown(corpus, corpus.entry_of[doc_id], ("superseded_by",), doc.superseded_by)


def _link(
    corpus: Corpus, entry: Entry, loc: tuple[str, int], target_id: str, today: date
) -> Iterator[Finding]:
    target = corpus.documents.get(target_id)
    if entry.doc is not None and target_id == entry.doc.id:
        yield finding(
            "link-self", entry, f"Dokumentet länkar till sig självt ('{target_id}').", loc
        )
    elif target is None:
        if not corpus.exists(target_id):
            yield _unknown(corpus, entry, loc, target_id)
    elif target.status == "retired":
        successor = corpus.documents.get(target.superseded_by or "")
        instead = f" Det ersätts av '{successor.title}' ({successor.id})." if successor else ""
        yield finding(
            "link-retired",
            entry,
            f"Länken går till '{target.title}', som är upphävt.{instead}",
            loc,
        )
    elif is_expired(target, today):
        yield finding(
            "link-expired",
            entry,
            f"Länken går till '{target.title}', vars giltighetstid gick ut {target.valid_until}.",
            loc,
        )


def _unknown(corpus: Corpus, entry: Entry, loc: Path_, target_id: str) -> Finding:
    tip = did_you_mean(target_id, corpus.documents)
    return finding(
        "link-unknown", entry, f"Det finns inget dokument med id '{target_id}'.{tip}", loc
    )


def check_templates(corpus: Corpus, today: date) -> Iterator[Finding]:
    for doc_id, doc in corpus.documents.items():
        entry = corpus.entry_of[doc_id]
        for i, tid in enumerate(doc.templates):
            template = corpus.templates.get(tid)
            if template is None and not corpus.exists(tid):
                yield finding(
                    "template-unknown",
                    entry,
                    f"Mallen '{tid}' finns inte under templates/.",
                    ("templates", i),
                )
            elif template is not None and doc_id not in template.routines:
                yield finding(
                    "template-not-listed",
                    entry,
                    f"Dokumentet använder mallen '{tid}', men mallen anger inte '{doc_id}' under routines.",
                    ("templates", i),
                )
    for tid, template in corpus.templates.items():
        yield from _template_routines(corpus, corpus.entry_of[tid], template)


def _template_routines(corpus: Corpus, entry: Entry, template: Template) -> Iterator[Finding]:
    for i, rid in enumerate(template.routines):
        routine = corpus.documents.get(rid)
        if routine is None and not corpus.exists(rid):
            yield finding(
                "template-routine-unknown",
                entry,
                f"Rutinen '{rid}' finns inte under routines/.",
                ("routines", i),
            )
        elif routine is not None and template.id not in routine.templates:
            yield finding(
                "template-not-listed",
                entry,
                f"Mallen anger rutinen '{rid}', men rutinen listar inte mallen under templates.",
                ("routines", i),
            )
