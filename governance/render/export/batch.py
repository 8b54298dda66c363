"""The official .docx of many documents at once (the handbook's downloads): each taken from
the cache when nothing it depends on changed, the rest made by one process per core when
there are many."""

from __future__ import annotations

from datetime import date

from governance.load import Corpus
from governance.progress import Stages
from governance.render.export.cache import FileCache
from governance.render.export.official import document_docx, document_key
from governance.status import Statuses
from governance.workers import chunks, pool, worker_count

PARALLEL_FROM = 24  # documents to make; below this, starting workers costs more
# Set in the parent just before forking, so that workers inherit the corpus unpickled.
_shared: tuple[Corpus, Statuses] | None = None


def official_documents(
    corpus: Corpus,
    today: date,
    ids: list[str],
    cache: FileCache | None = None,
    statuses: Statuses | None = None,
    progress: Stages | None = None,
) -> dict[str, bytes]:
    """id → .docx for every id, in order; ``progress`` hears of each one."""
    statuses = Statuses(corpus, today) if statuses is None else statuses
    docs = corpus.documents
    keys = {i: document_key(corpus, docs[i], today, statuses) for i in ids} if cache else {}
    found = {i: cache.get(keys[i]) for i in ids} if cache else {}
    missing = [i for i in ids if found.get(i) is None]
    stages = progress or Stages()
    stages.advance(len(ids) - len(missing))  # from the cache
    made = dict(zip(missing, _make(corpus, statuses, missing, stages), strict=True))
    if cache:
        for doc_id, data in made.items():
            cache.put(keys[doc_id], data)
    return {i: found.get(i) or made[i] for i in ids}


def _make(corpus: Corpus, statuses: Statuses, ids: list[str], progress: Stages) -> list[bytes]:
    global _shared
    workers = worker_count(len(ids), PARALLEL_FROM)
    if not workers:
        made = []
        for doc_id in ids:
            made.append(_docx(corpus, statuses, doc_id))
            progress.advance()
        return made
    _shared = (corpus, statuses)
    try:
        with pool(workers) as running:
            parts = [list(part) for part in chunks(ids, workers)]
            done: list[bytes] = []
            for chunk in running.imap(_make_chunk, parts):
                done += chunk
                for _ in chunk:
                    progress.advance()
            return done
    finally:
        _shared = None


def _make_chunk(ids: list[str]) -> list[bytes]:
    assert _shared is not None
    corpus, statuses = _shared
    return [_docx(corpus, statuses, i) for i in ids]


def _docx(corpus: Corpus, statuses: Statuses, doc_id: str) -> bytes:
    return document_docx(corpus, corpus.documents[doc_id], statuses.today, statuses)
