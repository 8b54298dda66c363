"""Relations the handbook shows: who links to each document, and documents in title
order. (A document's status is governance.status.)"""

from __future__ import annotations

from collections import defaultdict

from governance.load import Corpus
from governance.model import Document


def backlinks(corpus: Corpus) -> dict[str, list[str]]:
    """For each document id, the ids of documents that link to it, in title order."""
    found: dict[str, set[str]] = defaultdict(set)
    for doc_id, doc in corpus.documents.items():
        for target in doc.links:
            found[target].add(doc_id)
    return {
        target: sorted(sources, key=lambda i: (corpus.documents[i].title.casefold(), i))
        for target, sources in found.items()
    }


def by_title(corpus: Corpus, ids: list[str] | set[str]) -> list[Document]:
    """The documents in title order; two of the same title by id (``ids`` may be a set,
    whose order differs from one process to the next)."""
    docs = [corpus.documents[i] for i in ids if i in corpus.documents]
    return sorted(docs, key=lambda d: (d.title.casefold(), d.id))
