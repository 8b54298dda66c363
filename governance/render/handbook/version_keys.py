"""The digests the version archive's cached pages and PDFs are kept by: what every
version page of the corpus shows alike (``corpus_key``), what one version page shows
(``content_key``), and what all of one document's version pages show
(``document_key``, computed without reading the versions' data)."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from governance.archive.versions import Version
from governance.load import Corpus
from governance.render.handbook.downloads import Download
from governance.status import Statuses


@functools.cache
def _code() -> str:
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for path in sorted([*here.glob("*.py"), *(here.parent.parent / "archive").glob("*.py")]):
        digest.update(path.read_bytes())
    for name in ("facts.py", "status.py", "lifecycle/compare.py", "model.py"):
        digest.update((here.parent.parent / name).read_bytes())
    return digest.hexdigest()


def corpus_key(corpus: Corpus) -> str:
    """A digest of what every version page of the corpus shows alike: the code, the
    configuration and the templates (made once per build, not once per page)."""
    templates = [[t.id, t.title, t.version] for t in corpus.templates.values()]
    parts = [_code(), corpus.config.model_dump_json(), templates]
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def document_key(
    corpus: Corpus,
    versions: list[Version],
    title: str,
    downloads: Sequence[Sequence[Download]],
    base: str,
    history: str | None = None,
) -> str:
    """A digest of everything that ``content_key`` digests for each of a document's
    versions, without their data: the versions (their blob ids: each the data of one
    content; or ``history``, the archive's key of the document, which makes them), the
    title, the files, and the files of the documents they name (a linked document's
    title, sort and status on a day follow from its file, the configuration and the date
    its links were checked). A document whose key is the last build's has the last
    build's pages."""
    named = sorted({r for v in versions for r in v.refs if r != v.doc_id})
    related = [
        [i, corpus.entry_of[i].digest, repr(corpus.links_checked.get(i))]
        for i in named
        if i in corpus.documents and i in corpus.entry_of
    ]
    parts = [
        base,
        title,
        history
        or [
            [v.version, v.valid_from, v.valid_until, v.successor, v.current, _content(v), v.refs]
            for v in versions
        ],
        [[[d.path, d.kind, d.size] for d in own] for own in downloads],
        related,
        [i for i in named if i not in corpus.entry_of],
    ]
    return hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()  # plain data: repr is exact


def content_key(
    corpus: Corpus,
    versions: list[Version],
    index: int,
    title: str,
    downloads: Sequence[Download] = (),
    base: str | None = None,
    days: dict[date, Statuses] | None = None,
) -> str:
    """A digest of everything a version page shows: the code, the configuration and the
    templates (``base``: corpus_key, when the caller made it already), the version and the
    one before it, the titles and statuses of what it links to (``days``: the statuses of
    the build's pages by day, kept there), and its files to download."""
    version = versions[index]
    previous = _content(versions[index - 1]) if index > 0 else None
    day = version.valid_from or date(2000, 1, 1)
    statuses = days.get(day) if days is not None else None
    if statuses is None:
        statuses = Statuses(corpus, day)
        if days is not None:
            days[day] = statuses
    linked = version.data.get("links")
    related = [
        [i, corpus.documents[i].title, corpus.documents[i].kind, statuses[i].short]
        for i in (linked if isinstance(linked, list) else [])
        if isinstance(i, str) and i in corpus.documents and i != version.doc_id
    ]
    parts = [
        base or corpus_key(corpus),
        [version.version, version.valid_from, version.valid_until, version.successor],
        version.current,
        _content(version),
        previous,
        title,
        related,
        [[d.path, d.kind, d.size] for d in downloads],
    ]
    text = json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _content(version: Version) -> Any:
    """What stands for a version's text in a digest: its blob id, which the text has only
    with that content (cheaper than the text itself), or the text."""
    return ["blob", version.source] if version.source else version.data
