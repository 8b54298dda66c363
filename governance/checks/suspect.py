"""Suspect links: a document links to another document (``links``) or uses a template
(``templates``) that has had a major revision (``major: true``) after the day the document
itself was last looked at as a whole: reviewed, revised or decided. The link stays suspect
until the document is reviewed (``styrdok review``) or revised.

The stamp is the date: a link is judged by the linking document's own dates, which
``review`` and ``revise`` keep, so the links need no stamp of their own. A document with
none of those dates (a new draft) is not judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from governance.findings import Finding
from governance.load import Corpus, Entry, finding
from governance.model import Document, Revision
from governance.status import last_confirmed, version_key


def unseen_major(revisions: list[Revision], since: date) -> Revision | None:
    """The latest major revision made after ``since``."""
    majors = [r for r in revisions if r.major and r.date > since]
    return max(majors, key=lambda r: (r.date, version_key(r.version))) if majors else None


def _change(target_id: str, revision: Revision, since: date) -> str:
    summary = revision.summary.strip().rstrip(".")
    return (
        f"fick en större ändring i version {revision.version} ({revision.date}): {summary}. "
        f"Dokumentet har inte prövats eller reviderats sedan dess (senast {since}); se "
        f"ändringen med 'styrdok diff {target_id}'."
    )


def check_suspect_links(corpus: Corpus, today: date) -> Iterator[Finding]:
    for doc_id, doc in corpus.documents.items():
        since = last_confirmed(doc)
        if doc.status == "retired" or since is None:
            continue
        entry = corpus.entry_of[doc_id]
        yield from _suspect_links(corpus, entry, doc, since)
        yield from _suspect_templates(corpus, entry, doc, since)


def _suspect_links(corpus: Corpus, entry: Entry, doc: Document, since: date) -> Iterator[Finding]:
    for i, target_id in enumerate(doc.links):
        target = corpus.documents.get(target_id)
        if target is None or target.status == "retired":
            continue
        revision = unseen_major(target.revisions, since)
        if revision is not None:
            message = f"Länken går till '{target.title}', som {_change(target_id, revision, since)}"
            yield finding("link-suspect", entry, message, ("links", i))


def _suspect_templates(
    corpus: Corpus, entry: Entry, doc: Document, since: date
) -> Iterator[Finding]:
    for i, template_id in enumerate(doc.templates):
        template = corpus.templates.get(template_id)
        if template is None or template.status == "retired":
            continue
        revision = unseen_major(template.revisions, since)
        if revision is not None:
            message = f"Mallen '{template.title}' {_change(template_id, revision, since)}"
            yield finding("link-suspect", entry, message, ("templates", i))
