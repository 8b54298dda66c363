"""The archive in the handbook: a page per version at ``dokument/ID/version/X.Y/``, the
whole page as it was, under a banner that cannot be taken for the current one, and with
"Vad ändrades" against the version before; and the list "Tidigare versioner".

Version pages are rendered by the same page code as the document's page (DocumentPage),
from the version's YAML, are ``noindex`` (set by the theme override from the page's
``archived`` front matter) and left out of search: the search index is made from the
current documents' records only (governance.render.handbook.search_records).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from governance import facts
from governance.archive.show import as_document, validity, versioned_corpus
from governance.archive.versions import Archive, Version
from governance.atomic import write_atomic
from governance.lifecycle.compare import compare
from governance.load import Corpus
from governance.render.handbook import escape
from governance.render.handbook.body import SEARCH_EXCLUDE
from governance.render.handbook.downloads import Download
from governance.render.handbook.pages import (
    DOC_DIR,
    DocumentPage,
    download_links,
    metadata_table,
)
from governance.render.handbook.redline import redline
from governance.status import Statuses
from governance.workers import chunks, pool, worker_count

_RELATIVE = re.compile(r"\]\((?!https?:|mailto:|tel:|#|/)")
ARCHIVED_TITLE = "Arkiverad version – gäller inte"


def version_path(doc_id: str, version: str) -> str:
    return f"{DOC_DIR}/{doc_id}/version/{version}.md"


def banner_text(version: Version) -> str:
    start = version.valid_from.isoformat() if version.valid_from else "okänt datum"
    if version.current:
        return f"Version {version.version} – gäller sedan {start}. Det är den gällande versionen."
    end = version.valid_until.isoformat() if version.valid_until else "okänt datum"
    text = f"Version {version.version} – gällde från {start} till {end}"
    if version.successor:
        return f"{text}, ersatt av version {version.successor}."
    retirement = version.data.get("retirement")
    return text + (", då dokumentet upphävdes." if isinstance(retirement, dict) else ".")


class VersionPage(DocumentPage):
    """A document's page as it stood in one version."""

    def __init__(self, corpus: Corpus, version: Version, current_title: str) -> None:
        doc = as_document(version)
        shown = versioned_corpus(corpus, doc)
        day = version.valid_from or date.fromisoformat(version.day or "2000-01-01")
        super().__init__(shown, shown.documents[doc.id], Statuses(shown, day), [])
        self.version, self.current_title = version, current_title

    def _front(self) -> str:
        title = escape.front(f"{self.doc.title} (version {self.version.version})")
        return "\n".join(
            [
                "---",
                f"title: {title}",
                "archived: true",
                "robots: noindex, nofollow",
                "search:",
                "  exclude: true",
                "---",
                "",
            ]
        )

    def _banner(self) -> str:
        current = f"[{escape.inline(self.current_title)}]({self.doc.id}.md)"  # see _RELATIVE
        if self.version.current:
            return f'!!! info styrdok-version "Version {escape.html(self.version.version)}"\n    {banner_text(self.version)} Sidan visar vad som ändrades i den; läs den på {current}.\n'
        return (
            f'!!! danger styrdok-archived "{ARCHIVED_TITLE}"\n'
            f"    **{banner_text(self.version)}** Den här sidan visar dokumentet som det var då, "
            f"för arkivet. Den gällande texten finns på {current}.\n"
        )

    def _metadata(self) -> str:
        rows = facts.metadata(self.corpus, self.doc, self.status)
        state = "Gällande version" if self.version.current else "Arkiverad version, gäller inte"
        shown = [facts.Row(r.label, [(state, None)]) if r.label == "Status" else r for r in rows]
        return metadata_table(shown)

    def _relations(self, referenced_by: list[str]) -> Iterator[str]:
        return iter(())  # what links here now says nothing about then


def version_page(
    corpus: Corpus,
    versions: list[Version],
    index: int,
    current_title: str,
    downloads: Sequence[Download] = (),
) -> str:
    """The page of ``versions[index]``, with "Vad ändrades" against the version before."""
    version = versions[index]
    page = VersionPage(corpus, version, current_title).render([], [])
    page = _RELATIVE.sub("](../../", page)  # two folders further down than the document's
    previous = versions[index - 1] if index > 0 else None
    changes = compare(previous.data, version.data) if previous else compare({}, {})
    files = download_links(downloads).replace("](../", "](../../../") if downloads else ""
    return "\n".join(
        p for p in (page, files, redline(changes, previous.version if previous else None)) if p
    )


def earlier_list(archive: Archive, doc_id: str) -> str:
    """ "Tidigare versioner" on a document's page: each version with its validity, newest
    first, and a link to what changed in the current one."""
    versions = archive.of(doc_id)
    earlier = [v for v in versions if not v.current]
    if not earlier:
        return ""
    rows = [
        f"- [Version {escape.inline(v.version)}]({doc_id}/version/{v.version}.md): "
        f"gällde {escape.inline(validity(v))}"
        for v in reversed(earlier)
    ]
    current = next((v for v in versions if v.current), None)
    if current is not None:
        link = f"{doc_id}/version/{current.version}.md#vad-andrades"
        rows.insert(
            0, f"- Version {escape.inline(current.version)}, gällande: [vad ändrades]({link})"
        )
    return f"## Tidigare versioner {SEARCH_EXCLUDE}\n\n" + "\n".join(rows) + "\n"


def has_pages(versions: Sequence[Version]) -> bool:
    """Whether a document's versions have pages: with one version, the document's own page
    is all there is."""
    return len(versions) >= 2


def archive_pages(
    corpus: Corpus,
    archive: Archive,
    downloads: Mapping[tuple[str, str], Sequence[Download]] | None = None,
) -> Iterator[tuple[str, str]]:
    """(path, Markdown) of every version page of the corpus' documents; ``downloads``:
    each version's files, by (document id, version). Each page is cached under .styrdok/
    by a digest of what it shows, so an unchanged version is not rendered again."""
    global _shared
    cache = corpus.root / PAGE_CACHE
    files = downloads or {}
    pages: list[tuple[str, int, str]] = []  # document, version's index, cache key
    base, days = corpus_key(corpus), dict[date, Statuses]()
    for doc_id, versions in archive.versions.items():
        doc = corpus.documents.get(doc_id)
        if doc is None or not has_pages(versions):
            continue
        for index, version in enumerate(versions):
            own = files.get((doc_id, version.version), ())
            key = content_key(corpus, versions, index, doc.title, own, base, days)
            pages.append((doc_id, index, key))
    missing = [p for p in pages if not (cache / f"{p[2]}.md").is_file()]
    _shared = (corpus, archive, files)
    try:
        workers = worker_count(len(missing), PARALLEL_FROM)
        made = (
            _make_chunk(missing)
            if not workers
            else [page for chunk in _in_workers(missing, workers) for page in chunk]
        )
    finally:
        _shared = None
    for (_, _, key), page in zip(missing, made, strict=True):
        _store(cache / f"{key}.md", page)
    for doc_id, index, key in pages:
        version = archive.versions[doc_id][index]
        yield version_path(doc_id, version.version), (cache / f"{key}.md").read_text("utf-8")


PARALLEL_FROM = 200  # version pages; below, starting workers costs more than it saves
_shared: tuple[Corpus, Archive, Mapping[tuple[str, str], Sequence[Download]]] | None = None


def _in_workers(missing: list[tuple[str, int, str]], workers: int) -> Iterator[list[str]]:
    """The pages in forked workers, which inherit the corpus and the archive."""
    with pool(workers) as running:
        yield from running.imap(_make_chunk, chunks(missing, workers))


def _make_chunk(missing: Sequence[tuple[str, int, str]]) -> list[str]:
    assert _shared is not None
    corpus, archive, files = _shared
    out = []
    for doc_id, index, _ in missing:
        versions = archive.versions[doc_id]
        own = files.get((doc_id, versions[index].version), ())
        out.append(version_page(corpus, versions, index, corpus.documents[doc_id].title, own))
    return out


PAGE_CACHE = Path(".styrdok") / "archive" / "pages"


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


def _store(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, text.encode("utf-8"))
