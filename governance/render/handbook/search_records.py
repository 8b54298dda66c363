"""What the search index holds: one record per document and per template, made from the
corpus, not from the built pages — so navigation, metadata labels and listing pages never
reach the index, whatever theme builds the site, and a page that has no record (listing
pages, the register, a version page) cannot be found by the search.

A record is the title, the summary, the reader's text (sections, principles, target group,
responsibilities, processes with their steps, FAQ, checklists; for a template its
description and fields), the metadata values (owner, units, roles, registration numbers,
id) and the extra words of governance.render.handbook.swedish; search_index weighs them
(title and summary above the body, the metadata values and compound heads little) and
shows only the reader's text in excerpts. Kind, unit, role and status are filters, and
``tier`` orders the results for staff: 1 the organisation's governing documents in
force, 2 templates and other own documents, 3 external references, 4 retired, expired
and drafts. ``dnr`` (a document's own registration numbers), ``dnr_text`` (those its text
mentions) and ``id`` are matched exactly, as typed.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from governance import cachefile
from governance.load import Corpus
from governance.model import Document, Section, Step, Template
from governance.render.handbook import swedish
from governance.render.handbook.pages import DOC_DIR, TEMPLATE_DIR
from governance.status import Status, status_of

IN_FORCE = {"in-force", "review-due", "review-overdue"}
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`#>|~]+")
REGISTRATION = re.compile(r"\b([A-ZÅÄÖ]{1,6}) ?(\d{2,4}) ?/ ?(\d{1,6})\b")


def registration_numbers(text: str) -> list[str]:
    """Registration numbers as the browser normalises a typed one: "SO 2024/0001"."""
    if "/" not in text:
        return []
    return sorted({f"{a} {b}/{c}" for a, b, c in REGISTRATION.findall(text)})


@dataclass
class Record:
    url: str
    title: str
    summary: str
    blocks: list[str]
    meta: dict[str, str]
    filters: dict[str, list[str]]
    values: list[str] = field(default_factory=list)  # metadata values, searchable

    def text(self) -> str:
        return " ".join([self.title, self.summary, *self.blocks, *self.values])

    def entry(self, heads: list[str], synonyms: list[str]) -> dict[str, Any]:
        """What search_index indexes: the reader's fields, the extra words (compound heads,
        synonyms of the words it uses) and what the result list shows and filters on."""
        return {
            "url": self.url,
            "title": self.title,
            "summary": self.summary,
            "blocks": [b for b in self.blocks if b],
            "values": self.values,
            "heads": heads,
            "synonyms": synonyms,
            "meta": self.meta,
            "filters": self.filters,
        }


def plain(markdown: str | None) -> str:
    """Markdown as the words a reader sees: link text kept, markup characters dropped."""
    text = _LINK.sub(r"\1", markdown or "")
    return " ".join(_MARKUP.sub(" ", text).split())


def records(corpus: Corpus, today: date) -> list[Record]:
    """Every document and template, in id order."""
    found = [_document(corpus, doc, today) for _, doc in sorted(corpus.documents.items())]
    found += [_template(corpus, t) for _, t in sorted(corpus.templates.items())]
    return found


def pages(corpus: Corpus, today: date) -> dict[str, str]:
    """Record URL → the record as JSON (``Record.entry``), with compound heads and synonyms;
    the text is the search index cache's key."""
    found = records(corpus, today)
    texts = [set(swedish.words(r.text())) for r in found]
    extras = swedish.Extras(swedish.vocabulary(texts), corpus.config.search.synonyms)
    return {
        r.url: json.dumps(r.entry(*extras.for_words(words)), ensure_ascii=False, sort_keys=True)
        for r, words in zip(found, texts, strict=True)
    }


Keyed = list[tuple[str, str, Callable[[], dict[str, Any]]]]
# Above this many words new to or gone from the corpus' vocabulary, every document's
# compound heads are found again (instead of those of the words that may contain them).
MAX_DELTA = 50


def keyed(
    corpus: Corpus,
    today: date,
    folder: Path | None = None,
    reuse: bool = True,
    statuses: Mapping[str, Status] | None = None,
) -> Keyed:
    """Every record as ``pages`` has it (URL order), each with a key that changes when it
    does and a function that makes it. With ``folder`` (the build cache) a record whose
    document, status and styrdok.yaml are as last time is not made again, only its words
    and extra words are taken from there (search_index then has its analysis); only what
    changed is written back. ``statuses``: the documents' statuses on ``today``, made
    already."""
    config = cachefile.digest(corpus.config.model_dump_json().encode("utf-8"))
    store = cachefile.Shards(folder / "words", f"words:{config}", reuse=reuse) if folder else None
    makers: dict[str, tuple[str, Callable[[], Record]]] = {}
    for doc_id, doc in sorted(corpus.documents.items()):
        status = statuses[doc_id] if statuses is not None else status_of(corpus, doc, today)
        own = f"{config}\0{corpus.entry_of[doc_id].digest}\0{status.short}\0{status.state}"
        key = cachefile.digest(own.encode())
        makers[f"{DOC_DIR}/{doc_id}/"] = key, functools.partial(_document, corpus, doc, today)
    for template_id, template in sorted(corpus.templates.items()):
        key = cachefile.digest(f"{config}\0{corpus.entry_of[template_id].digest}".encode())
        makers[f"{TEMPLATE_DIR}/{template_id}/"] = (
            key,
            functools.partial(_template, corpus, template),
        )
    made: dict[str, Record] = {}
    words: dict[str, list[str]] = {}
    extras: dict[str, tuple[list[str], list[str]]] = {}
    stored: dict[str, Any] = {}
    for url, (key, make) in makers.items():
        known = stored[url] = store.get(url) if store is not None else None
        if isinstance(known, tuple) and len(known) == 4 and known[0] == key:
            words[url], extras[url] = known[1], (known[2], known[3])
        else:
            made[url] = make()
            words[url] = sorted({sys.intern(w) for w in swedish.words(made[url].text())})
    vocabulary = swedish.vocabulary(set(w) for w in words.values())
    synonyms = corpus.config.search.synonyms
    changed = _changed_words(store, vocabulary, synonyms, words)
    found = swedish.Extras(vocabulary, synonyms)
    out: Keyed = []
    for url, (key, make) in makers.items():
        if url in made or url not in extras or changed is None or changed.intersection(words[url]):
            extras[url] = found.for_words(words[url])
        heads, synonymous = extras[url]
        if store is not None and stored[url] != (key, words[url], heads, synonymous):
            store.put(url, (key, words[url], heads, synonymous))
        record = made.get(url)
        make_entry = functools.partial(_entry, record or make, heads, synonymous)
        out.append((url, cachefile.digest(repr((key, heads, synonymous)).encode()), make_entry))
    if store is not None:
        if store.get("") != (vocabulary, synonyms):
            store.put("", (vocabulary, synonyms))
        store.save()
    return sorted(out, key=lambda item: item[0])


def _entry(
    record: Record | Callable[[], Record], heads: list[str], synonyms: list[str]
) -> dict[str, Any]:
    made = record if isinstance(record, Record) else record()
    return made.entry(heads, synonyms)


def _changed_words(
    store: cachefile.Shards | None,
    vocabulary: set[str],
    synonyms: list[list[str]],
    words: dict[str, list[str]],
) -> set[str] | None:
    """The words whose compound heads may differ from last time (the vocabulary they are
    split by changed), or None for every word."""
    known = store.get("") if store is not None else None
    if not isinstance(known, tuple) or len(known) != 2 or known[1] != synonyms:
        return None
    delta = vocabulary.symmetric_difference(known[0])
    if len(delta) > MAX_DELTA:
        return None
    if not delta:
        return set()
    # A split probes the vocabulary with parts of the word, or a part with an "a" added.
    probes = delta | {v[:-1] for v in delta if v.endswith("a")}
    every = {w for found in words.values() for w in found if len(w) >= swedish.MIN_COMPOUND}
    return {w for w in every if any(p in w for p in probes)}


def _tier(corpus: Corpus, doc: Document, state: str) -> str:
    kind = corpus.config.kind(doc.kind)
    if state not in IN_FORCE:
        return "4"
    if doc.publisher or doc.kind == "extern":
        return "3"
    return "1" if kind is None or kind.governing else "2"


def _document(corpus: Corpus, doc: Document, today: date) -> Record:
    names = corpus.config.name_of
    status = status_of(corpus, doc, today)
    kind = corpus.config.kind(doc.kind)
    kind_label = kind.label if kind else doc.kind
    owners = [names("roles", o) for o in doc.owners]
    owner = ", ".join(owners)
    units = [names("units", u) for u in doc.applies_to]
    roles = [names("roles", r) for r in doc.audience]
    meta = {"title": doc.title, "kind": kind_label, "status": status.short, "state": status.state}
    if owner:
        meta["owner"] = owner
    filters = {
        "kind": [kind_label],
        "status": [status.short],
        "tier": [_tier(corpus, doc, status.state)],
    }
    if units:
        filters["unit"] = units
    if roles or owners:
        filters["role"] = sorted(set(roles) | set(owners))
    values = [doc.id, *owners, *units, *roles, *(names("themes", t) for t in doc.themes), *doc.tags]
    own: list[str] = []
    numbered = [doc.decision.registration_number if doc.decision else None]
    numbered.append(doc.registration_number)  # an external document's own Dnr (issue 12)
    for number in filter(None, numbered):
        values.append(number)
        own += registration_numbers(number.upper())
    if doc.publisher:
        values.append(doc.publisher)
    record = Record(
        url=f"{DOC_DIR}/{doc.id}/",
        title=doc.title,
        summary=plain(doc.summary),
        blocks=list(_document_blocks(corpus, doc)),
        meta=meta,
        filters=filters | {"id": [doc.id]},
        values=[v for v in values if v],
    )
    # Exact matches for a typed registration number: the document's own first, then
    # the documents that mention it.
    if own:
        record.filters["dnr"] = own
    mentioned = [
        n for n in registration_numbers(" ".join([record.summary, *record.blocks])) if n not in own
    ]
    if mentioned:
        record.filters["dnr_text"] = mentioned
    return record


def _document_blocks(corpus: Corpus, doc: Document) -> Iterator[str]:
    names = corpus.config.name_of
    yield from _sections(doc.sections)
    for p in doc.principles:
        yield f"{p.title}. {plain(p.description)}"
    if doc.target_group:
        yield plain(doc.target_group.description)
        yield " ".join(plain(c) for c in doc.target_group.criteria)
    for r in doc.responsibilities:
        who = names("units", r.unit) if r.unit else names("roles", r.role or "")
        yield f"{who}: " + " ".join(plain(d) for d in r.duties)
    for process in doc.processes:
        yield process.title
        yield plain(process.description)
        yield from _steps(corpus, process.steps)
        for phase in process.phases:
            yield phase.title
            yield plain(phase.description)
            yield from _steps(corpus, phase.steps)
    for item in doc.faq:
        yield f"{item.question} {plain(item.answer)}"
    for checklist in doc.checklists:
        yield checklist.title + ": " + " ".join(checklist.items)


def _sections(sections: list[Section]) -> Iterator[str]:
    for section in sections:
        yield section.title
        yield plain(section.body)
        yield from _sections(section.sections)


def _steps(corpus: Corpus, steps: list[Step]) -> Iterator[str]:
    names = corpus.config.name_of
    for step in steps:
        role = f"{names('roles', step.role)}: " if step.role else ""
        yield role + plain(step.text) + (" " + plain(step.details) if step.details else "")
        for sub in step.substeps:
            sub_role = f"{names('roles', sub.role)}: " if sub.role else ""
            yield sub_role + plain(sub.text)


def _template(corpus: Corpus, template: Template) -> Record:
    owner = ", ".join(corpus.config.name_of("roles", o) for o in template.owners)
    state = "in-force" if template.status == "in-force" else template.status
    status = {"in-force": "Gällande", "draft": "Utkast", "retired": "Upphävt"}[template.status]
    meta = {"title": template.title, "kind": "Mall", "status": status, "state": state}
    if owner:
        meta["owner"] = owner
    filters = {
        "kind": ["Mall"],
        "status": [status],
        "tier": ["2" if template.status == "in-force" else "4"],
    }
    if owner:
        filters["role"] = [owner]
    fields = [" ".join(x for x in (f.label, f.help or "") if x) for f in template.fields]
    return Record(
        url=f"{TEMPLATE_DIR}/{template.id}/",
        title=template.title,
        summary=plain(template.description),
        blocks=fields,
        meta=meta,
        filters=filters | {"id": [template.id]},
        values=[v for v in (template.id, owner) if v],
    )
