"""References: every id a field marked ``Ref`` holds (governance.fields) must exist, in
styrdok.yaml or the corpus; links must not go to retired or expired documents; a routine
and its templates must list each other."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from governance.checks.memo import EntryMemo
from governance.fields import Target, references
from governance.findings import Finding, Path_
from governance.load import Corpus, Entry, finding
from governance.messages import did_you_mean
from governance.model import Document, Template
from governance.status import is_expired

_TERMS: dict[Target, tuple[str, str]] = {
    "bodies": ("unknown-body", "Okänt beslutande organ"),
    "units": ("unknown-unit", "Okänd förvaltning/enhet"),
    "roles": ("unknown-role", "Okänd roll"),
    "themes": ("unknown-theme", "Okänt tema"),
}
_MISSING = {
    "link-unknown": "Det finns inget dokument med id '{id}'.{tip}",
    "template-unknown": "Mallen '{id}' finns inte under templates/.",
    "template-routine-unknown": "Rutinen '{id}' finns inte under routines/.",
}


def check_references(corpus: Corpus, today: date) -> Iterator[Finding]:
    """Every marked reference in every file, against styrdok.yaml or the corpus."""
    known = {section: corpus.config.term_ids(section) for section in _TERMS}
    memo = EntryMemo(corpus.root, "references")  # the walk over every field: most of the time
    for entry in corpus.entries:
        if entry.doc is None:
            continue
        kept = memo.get(entry)
        found: list[Finding] | None = None
        if isinstance(kept, list):  # the memo's references: plain data, as written
            try:
                found = _unknown(corpus, known, entry, kept)
            except (TypeError, ValueError, KeyError, AttributeError, IndexError):
                found = None  # a damaged memo: the file's references are found again
        if found is None:
            found = _unknown(corpus, known, entry, _found(memo, entry))
        yield from found
    memo.save()


Mark = tuple[Target, str, bool]  # a Ref as plain data: to, unknown, current_only
Refs = list[tuple[Path_, str, Mark]]


def _found(memo: EntryMemo, entry: Entry) -> Refs:
    """The file's references (governance.fields), kept in the memo with its text."""
    assert entry.doc is not None
    refs = [
        (loc, value, (r.to, r.unknown, r.current_only)) for loc, value, r in references(entry.doc)
    ]
    memo.put(entry, refs)
    return refs


def _unknown(
    corpus: Corpus, known: dict[Target, set[str]], entry: Entry, refs: Refs
) -> list[Finding]:
    """The findings about the file's references."""
    doc = entry.doc
    assert doc is not None
    retired = doc.status == "retired"
    registered = corpus.entry_of.get(doc.id) is entry  # not a duplicate id
    found = []
    for loc, value, (to, unknown, current_only) in refs:
        if to in _TERMS:
            if value in known[to] or _current_decision_again(doc, tuple(loc)):
                continue
            found.append(_unknown_term(entry, tuple(loc), to, value))
        elif registered and not corpus.exists(value) and not (retired and current_only):
            if _current_decision_again(doc, tuple(loc)):  # reported once, at decision
                continue
            code = unknown or "link-unknown"
            found.append(_unknown_id(corpus, entry, tuple(loc), code, value))
    return found


def _current_decision_again(doc: Document | Template, loc: Path_) -> bool:
    """A revision's decision that is the document's current ``decision`` (revise keeps
    both): its ids are the same and are checked there."""
    if not isinstance(doc, Document) or loc[:1] != ("revisions",) or len(loc) < 3:
        return False
    index = loc[1]
    if not isinstance(index, int) or loc[2] != "decision" or index >= len(doc.revisions):
        return False
    return doc.revisions[index].decision == doc.decision


def _unknown_term(entry: Entry, loc: Path_, section: Target, value: str) -> Finding:
    code, noun = _TERMS[section]
    message = f"{noun} '{value}': den finns inte under {section} i styrdok.yaml."
    return finding(code, entry, message, loc)


def _unknown_id(corpus: Corpus, entry: Entry, loc: Path_, code: str, value: str) -> Finding:
    tip = did_you_mean(value, corpus.documents) if code == "link-unknown" else ""
    return finding(code, entry, _MISSING[code].format(id=value, tip=tip), loc)


def check_links(corpus: Corpus, today: date) -> Iterator[Finding]:
    for doc_id, doc in corpus.documents.items():
        if doc.status == "retired":
            continue
        entry = corpus.entry_of[doc_id]
        for i, target_id in enumerate(doc.links):
            yield from _link(corpus, entry, ("links", i), target_id, today)


def _link(
    corpus: Corpus, entry: Entry, loc: tuple[str, int], target_id: str, today: date
) -> Iterator[Finding]:
    target = corpus.documents.get(target_id)
    if entry.doc is not None and target_id == entry.doc.id:
        yield finding(
            "link-self", entry, f"Dokumentet länkar till sig självt ('{target_id}').", loc
        )
        return
    if target is None:
        return
    if target.status == "retired":
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


def check_templates(corpus: Corpus, today: date) -> Iterator[Finding]:
    for doc_id, doc in corpus.documents.items():
        entry = corpus.entry_of[doc_id]
        for i, tid in enumerate(doc.templates):
            template = corpus.templates.get(tid)
            if template is not None and doc_id not in template.routines:
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
        if routine is not None and template.id not in routine.templates:
            yield finding(
                "template-not-listed",
                entry,
                f"Mallen anger rutinen '{rid}', men rutinen listar inte mallen under templates.",
                ("routines", i),
            )
