"""Names from styrdok.yaml: kinds, bodies, units, roles, themes; fields a kind requires;
who may decide a kind."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from governance.findings import Finding, Path_
from governance.load import Corpus, Entry, finding
from governance.model import Document, Template

_TERMS = {
    "unknown-body": ("bodies", "beslutande organ"),
    "unknown-unit": ("units", "förvaltning/enhet"),
    "unknown-role": ("roles", "roll"),
    "unknown-theme": ("themes", "tema"),
}


def check_terms(corpus: Corpus, today: date) -> Iterator[Finding]:
    for entry in corpus.entries:
        doc = entry.doc
        if isinstance(doc, Document):
            yield from _document_terms(corpus, entry, doc)
        elif isinstance(doc, Template) and doc.owner:
            yield from _unknown(corpus, entry, "unknown-role", [(("owner",), doc.owner)])


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
    yield from _unknown(
        corpus,
        entry,
        "unknown-body",
        [(("decision", "by", i), b) for i, b in enumerate(decision_by)],
    )
    yield from _unknown(corpus, entry, "unknown-unit", _unit_refs(doc))
    yield from _unknown(corpus, entry, "unknown-role", _role_refs(doc))
    yield from _unknown(
        corpus, entry, "unknown-theme", [(("themes", i), t) for i, t in enumerate(doc.themes)]
    )
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


def _unknown(
    corpus: Corpus, entry: Entry, code: str, refs: list[tuple[Path_, str]]
) -> Iterator[Finding]:
    section, noun = _TERMS[code]
    known = corpus.config.term_ids(section)
    for loc, value in refs:
        if value not in known:
            yield finding(
                code,
                entry,
                f"Okänd {noun} '{value}': den finns inte under {section} i styrdok.yaml.",
                loc,
            )


def _unit_refs(doc: Document) -> list[tuple[Path_, str]]:
    refs: list[tuple[Path_, str]] = [(("applies_to", i), u) for i, u in enumerate(doc.applies_to)]
    refs += [
        (("responsibilities", i, "unit"), r.unit)
        for i, r in enumerate(doc.responsibilities)
        if r.unit
    ]
    return refs


def _role_refs(doc: Document) -> list[tuple[Path_, str]]:
    refs: list[tuple[Path_, str]] = [(("owner",), doc.owner)] if doc.owner else []
    refs += [(("audience", i), r) for i, r in enumerate(doc.audience)]
    refs += [
        (("responsibilities", i, "role"), r.role)
        for i, r in enumerate(doc.responsibilities)
        if r.role
    ]
    for p, process in enumerate(doc.processes):
        groups = [((), process.steps)] + [
            (("phases", f), ph.steps) for f, ph in enumerate(process.phases)
        ]
        for f, phase in enumerate(process.phases):
            refs += [
                (("processes", p, "phases", f, "roles", i), r) for i, r in enumerate(phase.roles)
            ]
        for prefix, steps in groups:
            for s, step in enumerate(steps):
                base: Path_ = ("processes", p, *prefix, "steps", s)
                if step.role:
                    refs.append(((*base, "role"), step.role))
                refs += [
                    ((*base, "substeps", i, "role"), sub.role)
                    for i, sub in enumerate(step.substeps)
                    if sub.role
                ]
    return refs
