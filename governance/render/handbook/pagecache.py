"""The documents' pages of the last build, kept under ``.styrdok/build/pages/`` with what
each one read: a new build renders again only the pages whose reads changed.

A page is rendered from a view of the corpus that records what it reads: which documents
and templates (by id, also an id it only looked up and did not find), whose statuses and
links-checked dates. Its key is then made of the document's own file, the page's other
inputs (its findings, backlinks, downloads, earlier versions), styrdok.yaml, the day and,
for each thing it read, that thing as it is now (a document or template by the text of its
file, a status by its value). The next build computes the key of the reads the page made
last time: when it is the same, every input of the page is, and so is its Markdown. A page
that went through the whole corpus (a list of every document) depends on all of it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from governance import cachefile
from governance.load import Corpus
from governance.status import Status, Statuses

STORE = Path(".styrdok") / "build" / "pages"
SHARDS = 64  # files of the store: a page rendered again rewrites 1/64 of it
Read = tuple[str, str]  # what was read: kind ("d" document, "t" template, "s" status,
# "l" links-checked date, "e" file) and id; ("*", kind) for the whole of a kind


class _Watched(dict[str, Any]):
    """A dict of the corpus that notes each id asked for in ``reads`` (when set)."""

    def __init__(self, items: dict[str, Any], kind: str) -> None:
        super().__init__(items)
        self.kind = kind
        self.reads: set[Read] | None = None

    def _note(self, key: object) -> None:
        if self.reads is not None:
            self.reads.add((self.kind, str(key)))

    def _all(self) -> None:
        if self.reads is not None:
            self.reads.add(("*", self.kind))

    def __getitem__(self, key: str) -> Any:
        self._note(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        self._note(key)
        return super().get(key, default)

    def __contains__(self, key: object) -> bool:
        self._note(key)
        return super().__contains__(key)

    def __iter__(self) -> Iterator[str]:
        self._all()
        return super().__iter__()

    def __len__(self) -> int:
        self._all()
        return super().__len__()

    def keys(self) -> Any:
        self._all()
        return super().keys()

    def values(self) -> Any:
        self._all()
        return super().values()

    def items(self) -> Any:
        self._all()
        return super().items()


class _WatchedStatuses(Statuses):
    def __init__(self, inner: Statuses, watched: _Watched) -> None:
        super().__init__(inner.corpus, inner.today)
        self.inner, self.watched = inner, watched

    def __getitem__(self, doc_id: str) -> Status:
        if self.watched.reads is not None:
            self.watched.reads.add(("s", doc_id))
        return self.inner[doc_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.watched)

    def __len__(self) -> int:
        return len(self.watched)


class PageCache:
    """The document pages of one build: ``page`` gives a page from the store when its
    reads are as they were, else renders it from the recording view; ``save`` at the end."""

    def __init__(self, corpus: Corpus, statuses: Statuses, today: date, reuse: bool) -> None:
        self.corpus, self.statuses = corpus, statuses
        config = corpus.config.model_dump_json()
        self.store = cachefile.Shards(
            corpus.root / STORE,
            f"pages:{today.isoformat()}:{cachefile.digest(config.encode())}",
            reuse=reuse,
            count=SHARDS,
        )
        self.documents = _Watched(corpus.documents, "d")
        self.templates = _Watched(corpus.templates, "t")
        self.checked = _Watched(corpus.links_checked, "l")
        self.entries = _Watched(corpus.entry_of, "e")
        self.watched = (self.documents, self.templates, self.checked, self.entries)
        self.view = dataclasses.replace(
            corpus,
            documents=self.documents,
            templates=self.templates,
            links_checked=self.checked,
            entry_of=self.entries,
        )
        self.view_statuses = _WatchedStatuses(statuses, self.documents)
        self._all: dict[str, str] = {}
        self._values: dict[tuple[str, ...], str | None] = {}
        self._given: dict[str, tuple[str, str]] = {}  # doc id → its page and the digest

    def page(
        self, doc_id: str, inputs: tuple[Any, ...], render: Callable[[Corpus, Statuses], str]
    ) -> str:
        """The page of ``doc_id`` made by ``render`` (from the corpus and statuses given
        to it), whose other inputs are ``inputs`` (compared by their repr)."""
        own = repr(inputs)
        known = self.store.get(doc_id)
        if isinstance(known, tuple) and len(known) == 4:
            reads, key, text, digest = known
            fits = isinstance(text, str) and isinstance(digest, str)
            if fits and self._key(doc_id, own, reads) == key:
                self._given[doc_id] = text, digest
                return str(text)
        found: set[Read] = set()
        for watched in self.watched:
            watched.reads = found
        try:
            text = render(self.view, self.view_statuses)
        finally:
            for watched in self.watched:
                watched.reads = None
        reads = sorted(found)
        digest = cachefile.digest(text.encode("utf-8"))
        self._given[doc_id] = text, digest
        self.store.put(doc_id, (reads, self._key(doc_id, own, reads), text, digest))
        return text

    def save(self) -> None:
        self.store.save()

    def digests(self, path_of: Callable[[str], str]) -> dict[str, tuple[str, str]]:
        """Each page ``page`` gave, by its path (``path_of`` the id), with its digest
        (cachefile.digest of its UTF-8 text): writing the project does not make it again."""
        return {path_of(doc_id): given for doc_id, given in self._given.items()}

    def _key(self, doc_id: str, own: str, reads: Any) -> str:
        values = [self._value(tuple(read)) for read in reads]
        return cachefile.digest(repr((self._file(doc_id, "d"), own, reads, values)).encode())

    def _value(self, read: tuple[str, ...]) -> str | None:
        """What was read, as it is now (each computed once per build)."""
        if read in self._values:
            return self._values[read]
        found = self._values[read] = self._now(*read)
        return found

    def _now(self, kind: str, name: str) -> str | None:
        corpus = self.corpus
        if kind in ("d", "t"):
            return self._file(name, kind)
        if kind == "e":
            return corpus.entry_of[name].digest if name in corpus.entry_of else None
        if kind == "s":
            return repr(self.statuses[name]) if name in corpus.documents else None
        if kind == "l":
            return repr(corpus.links_checked.get(name))
        return self._whole(name)

    def _file(self, name: str, kind: str) -> str | None:
        """The document's or template's file (its text), or None: not one of the corpus."""
        pool = self.corpus.documents if kind == "d" else self.corpus.templates
        return self.corpus.entry_of[name].digest if name in pool else None

    def _whole(self, kind: str) -> str:
        found = self._all.get(kind)
        if found is None:
            corpus = self.corpus
            items: list[tuple[Any, ...]]
            if kind == "l":
                items = sorted((k, repr(v)) for k, v in corpus.links_checked.items())
            elif kind == "e":
                items = sorted((k, e.path, e.digest) for k, e in corpus.entry_of.items())
            else:
                pool = corpus.documents if kind == "d" else corpus.templates
                items = [(k, corpus.entry_of[k].digest) for k in sorted(pool)]
                if kind == "d":
                    items += [(k, repr(self.statuses[k])) for k in sorted(pool)]
            found = self._all[kind] = cachefile.digest(repr(items).encode())
        return found
