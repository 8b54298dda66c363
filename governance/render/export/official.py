"""A governing document as the official Word document.

Title page (organisation, title, the kind's place in the hierarchy, status and the
metadata table), a table of contents, the body (governance.render.export.content), and a footer
with the document's id, version and page numbers. The core properties carry title, kind,
id, registration number and version; the language is sv-SE throughout.
"""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path

import docx

from governance import cachefile, facts
from governance.load import Corpus
from governance.model import Document
from governance.render.export.content import Body
from governance.render.export.docxkit import LANG, Style, Writer, clean
from governance.render.export.markdown import write_body
from governance.render.forms.ooxml import set_custom_properties
from governance.status import Statuses

CONTENTS_TITLE = "Innehåll"
# Custom properties that let 'styrdok import --update' recognise the document and version.
PROP_ID, PROP_VERSION = "styrdok.id", "styrdok.version"
PROP_LINKS, PROP_TEMPLATES = "styrdok.links", "styrdok.templates"
DRAFT_STAMP = "UTKAST – inte beslutat, gäller inte"
METADATA_TITLE = "Uppgifter om dokumentet"
THIS_DOCUMENT = facts.THIS_DOCUMENT


def document_docx(
    corpus: Corpus, doc: Document, today: date, statuses: Statuses | None = None
) -> bytes:
    """The official .docx of ``doc``, its status as of ``today``; the same bytes each time.
    ``statuses``: the corpus' statuses on ``today``, when the build has made them already."""
    statuses = Statuses(corpus, today) if statuses is None else statuses
    writer = Writer()
    _properties(writer, corpus, doc, statuses)
    _title_page(writer, corpus, doc, statuses)
    place = writer.contents_here()
    Body(writer, corpus, doc, statuses).write()
    if writer.toc:
        writer.fill_contents(place, CONTENTS_TITLE)
    else:
        place._p.getparent().remove(place._p)
    version = f", version {doc.version}" if doc.version else ""
    if doc.status == "draft":
        writer.header(DRAFT_STAMP)
    writer.footer(f"{doc.title} ({doc.id}{version})")
    return writer.to_bytes()


def _title_page(w: Writer, corpus: Corpus, doc: Document, statuses: Statuses) -> None:
    w.paragraph(corpus.config.organisation, style="Subtitle")
    w.paragraph(_one_line(doc.title), style="Title")
    _hierarchy(w, corpus, doc)
    status = statuses[doc.id]
    para = w.paragraph()
    said = _plain(corpus, facts.status_text(corpus, doc, status))
    what = facts.nature(corpus, doc)
    if what != "governing" and status.state not in ("draft", "retired"):
        w.add(para, f"{facts.banner_title(corpus, doc)}: ", Style(bold=True))
        w.add(para, said)
    else:
        w.add(para, "Status: ", Style(bold=True))
        w.add(para, f"{status.label}. {said}")
    if doc.summary:
        write_body(w, doc.summary, 1)
    w.add(w.paragraph(style="Caption"), METADATA_TITLE)
    rows = facts.metadata(corpus, doc, status)
    w.table(
        ["Uppgift", "Värde"],
        [[[(row.label, None)], row.lines] for row in rows],
        caption=METADATA_TITLE,
        header_column=True,
    )
    w.page_break()


def _plain(corpus: Corpus, text: facts.StatusText) -> str:
    """The status sentences as plain text: a document named by its title."""
    return "".join(
        corpus.documents[value].title if kind == "document" else value for value, kind in text.parts
    )


def _hierarchy(w: Writer, corpus: Corpus, doc: Document) -> None:
    """Policy › Riktlinje › … (the regulating kinds) with this document's kind in bold and
    named as this one; a kind outside the hierarchy says what it is first."""
    para = w.paragraph()
    before, kinds = facts.hierarchy_line(corpus, doc)
    if before:
        w.add(para, "Dokumentsort: ", Style(bold=True))
        w.add(para, f"{before} ")
    w.add(para, f"{facts.HIERARCHY_TITLE}: ", Style(bold=True))
    for n, (label, here) in enumerate(kinds):
        if n:
            w.add(para, " › ")
        if here:
            w.add(para, f"{label} {THIS_DOCUMENT}", Style(bold=True))
        else:
            w.add(para, label)


def _properties(w: Writer, corpus: Corpus, doc: Document, statuses: Statuses) -> None:
    """Core properties, so that a document archive can file the document without opening it."""
    props = w.doc.core_properties
    decision = doc.decision
    registration = decision.registration_number if decision else None
    props.title = _one_line(doc.title)
    props.subject = _one_line(facts.kind_label(corpus, doc))
    props.identifier = doc.id
    props.keywords = _one_line(", ".join(x for x in (doc.id, registration) if x))
    props.version = doc.version or ""
    props.revision = max(1, len(doc.revisions))
    props.author = _one_line(corpus.config.organisation)
    owner = ", ".join(corpus.config.name_of("roles", o) for o in doc.owners)
    props.last_modified_by = _one_line(owner)
    props.category = "Styrande dokument" if _governing(corpus, doc) else "Stöddokument"
    props.comments = _one_line(doc.summary or "")
    props.content_status = statuses[doc.id].label
    props.language = LANG
    created, modified = _dates(doc) or (statuses.today, statuses.today)
    props.created, props.modified = _midnight(created), _midnight(modified)
    set_custom_properties(
        w.doc,
        {
            PROP_ID: doc.id,
            PROP_VERSION: doc.version or "",
            PROP_LINKS: ",".join(doc.links),  # tells apart documents with the same title
            PROP_TEMPLATES: ",".join(doc.templates),
        },
    )


def _dates(doc: Document) -> tuple[date, date] | None:
    """When the document was made (decided, first revised or valid from) and last changed;
    None for a document with none of those dates (then: today)."""
    first = [doc.decision.date if doc.decision else None, *(r.date for r in doc.revisions[:1])]
    created = next((d for d in [*first, doc.valid_from] if d is not None), None)
    if created is None:
        return None
    modified = doc.last_revised or (doc.revisions[-1].date if doc.revisions else created)
    return created, max(created, modified)


@functools.cache
def _code_version() -> str:
    """What documents are made with: this package's source and python-docx's version."""
    return cachefile.source_digest(Path(__file__).parent, docx.__version__)


def document_key(
    corpus: Corpus, doc: Document, today: date, statuses: Statuses | None = None
) -> str:
    """A digest of everything ``document_docx`` reads: the same key gives the same bytes,
    so a cache can hold the .docx under it. The status includes the links-checked date
    the document shows, so a new ``styrdok links`` run gives a new file."""
    statuses = Statuses(corpus, today) if statuses is None else statuses

    def state(other: Document) -> list[str]:
        status = statuses[other.id]
        return [
            other.id,
            other.title,
            other.kind,
            other.url or "",
            status.state,
            str(status.next_review),
        ]

    related = [
        corpus.documents[i] for i in [*doc.links, doc.superseded_by or ""] if i in corpus.documents
    ]
    templates = [corpus.templates[t] for t in doc.templates if t in corpus.templates]
    parts = {
        "code": _code_version(),
        "config": corpus.config.model_dump_json(),
        "doc": doc.model_dump_json(),
        "status": [*state(doc), str(statuses[doc.id].links_checked)],
        "related": [state(other) for other in related],
        "templates": [[t.id, t.title, t.version] for t in templates],
        "today": "" if _dates(doc) else str(today),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


def _one_line(text: str) -> str:
    """A property value: one line, at most the 255 characters a property holds."""
    line = " ".join(clean(text).split())
    return line if len(line) <= 255 else line[:254] + "…"


def _governing(corpus: Corpus, doc: Document) -> bool:
    kind = corpus.config.kind(doc.kind)
    return kind is not None and kind.governing


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)
