"""The archive in the handbook: a page per version at ``dokument/ID/version/X.Y/``, the
whole page as it was, under a banner that cannot be taken for the current one, and with
"Vad ändrades" against the version before; and the list "Tidigare versioner".

Version pages are rendered by the same page code as the document's page (DocumentPage),
from the version's YAML, are ``noindex`` (set by the theme override from the page's
``archived`` front matter) and left out of search: the search index is made from the
current documents' records only (governance.render.handbook.search_records).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from governance import cachefile, facts
from governance.archive.show import as_document, validity, versioned_corpus
from governance.archive.versions import Archive, Version
from governance.lifecycle.compare import compare
from governance.load import Corpus
from governance.render.handbook import escape
from governance.render.handbook.body import SEARCH_EXCLUDE
from governance.render.handbook.downloads import Download
from governance.render.handbook.pages import (
    DocumentPage,
    download_links,
    metadata_table,
)
from governance.render.handbook.redline import redline
from governance.render.handbook.version_keys import content_key, corpus_key, document_key
from governance.render.handbook.version_paths import version_path as version_path
from governance.status import Statuses
from governance.workers import chunks, pool, worker_count

_RELATIVE = re.compile(r"\]\((?!https?:|mailto:|tel:|#|/)")
ARCHIVED_TITLE = "Arkiverad version – gäller inte"


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
        """The version's banner, as the HTML of an admonition (the box the document's own
        status banner is): styrdok's own HTML, so it is set aside and not converted
        (governance.render.handbook.passthrough), and the rest of the page's top is the
        same for every version of the document, converted once for all of them
        (governance.render.handbook.sections). The link to the current page is written as
        MkDocs writes it from a version page (``dokument/ID/version/X.Y/``, directory URLs,
        as every styrdok page is addressed) to the document's (``dokument/ID/``)."""
        current = f'<a href="../../">{escape.html(self.current_title)}</a>'
        banner = escape.html(banner_text(self.version))
        if self.version.current:
            kind, title = "info styrdok-version", f"Version {escape.html(self.version.version)}"
            text = f"{banner} Sidan visar vad som ändrades i den; läs den på {current}."
        else:
            kind, title = "danger styrdok-archived", ARCHIVED_TITLE
            text = (
                f"<strong>{banner}</strong> Den här sidan visar dokumentet som det var då, "
                f"för arkivet. Den gällande texten finns på {current}."
            )
        return (
            f'<div class="admonition {kind}">\n<p class="admonition-title">{title}</p>\n'
            f"<p>{text}</p>\n</div>\n"
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


class VersionPages(Mapping[str, str]):
    """Every version page of the corpus (docs/ path → Markdown), each with its content key
    (``content_keys``). Only the pages whose key is new are made at once; another page's
    Markdown is taken from the project's docs/ (``folder``) when its digest is the one
    made with its key, else made again, and only when it is asked for: a build that finds
    a page unchanged leaves it where it was written (governance.render.handbook.
    archive_html, write_project)."""

    def __init__(
        self, pages: dict[str, tuple[str, int, str]], digests: dict[str, str], source: Any
    ) -> None:
        self.pages, self.digests, self.source = pages, digests, source  # (doc, index, key)
        self.content_keys = {path: key for path, (_, _, key) in pages.items()}
        self.made: dict[str, str] = {}
        self.folder: Path | None = None

    def __getitem__(self, path: str) -> str:
        found = self.made.get(path)
        if found is None:
            found = self._written(path)
            if found is None:
                found = _make_chunk([self.pages[path]], self.source)[0]
            self.made[path] = found
        return found

    def _written(self, path: str) -> str | None:
        try:
            data = (self.folder / path).read_bytes() if self.folder is not None else b""
        except OSError:
            return None
        ok = data and cachefile.digest(data) == self.digests.get(path)
        return data.decode("utf-8") if ok else None

    def __iter__(self) -> Iterator[str]:
        return iter(self.pages)

    def __len__(self) -> int:
        return len(self.pages)


def archive_pages(
    corpus: Corpus,
    archive: Archive,
    downloads: Mapping[tuple[str, str], Sequence[Download]] | None = None,
) -> VersionPages:
    """Every version page of the corpus' documents (``start_pages``, finished at once)."""
    return start_pages(corpus, archive, downloads).result()


class Pending:
    """Version pages being made (``start_pages``): ``result`` waits for them, ``abandon``
    stops the workers (the build failed meanwhile)."""

    def __init__(self, finish: Callable[[], VersionPages], running: Any) -> None:
        self.finish, self.running = finish, running

    def result(self) -> VersionPages:
        try:
            return self.finish()
        finally:
            self.abandon()

    def abandon(self) -> None:
        if self.running is not None:
            self.running.terminate()
            self.running.join()
            self.running = None


def start_pages(
    corpus: Corpus,
    archive: Archive,
    downloads: Mapping[tuple[str, str], Sequence[Download]] | None = None,
) -> Pending:
    """Start making every version page of the corpus' documents; ``Pending.result``
    gives them once made (many are made in forked workers, meanwhile the caller makes the
    other pages). ``downloads``: each version's files, by (document id, version). A page
    is made again only when its content key (a digest of what it shows) is new; the keys
    of a document's pages, and the digests of their Markdown, are kept under .styrdok/ by
    a digest of what they all digest (``document_key``), so a document that did not change
    costs neither."""
    global _shared
    files = downloads or {}
    pages: dict[str, tuple[str, int, str]] = {}  # path → document, version's index, key
    digests: dict[str, str] = {}  # path → its Markdown's digest
    missing: list[tuple[str, int, str]] = []  # the pages whose key is new
    base, days = corpus_key(corpus), dict[date, Statuses]()
    index_file = cachefile.Shards(corpus.root / PAGE_INDEX, "version-pages")
    changed: dict[str, str] = {}  # document → its new summary
    paths: dict[str, list[str]] = {}  # document → its pages
    for doc_id, versions in archive.versions.items():
        doc = corpus.documents.get(doc_id)
        if doc is None or not has_pages(versions):
            continue
        own = [tuple(files.get((doc_id, v.version), ())) for v in versions]
        summary = document_key(corpus, versions, doc.title, own, base, archive.keys.get(doc_id))
        kept = index_file.get(doc_id)
        known = _known(kept)
        if known and kept[0] == summary:
            keys = list(known)
        else:
            keys = [
                content_key(corpus, versions, i, doc.title, own[i], base, days)
                for i in range(len(versions))
            ]
            changed[doc_id] = summary
            missing += [(doc_id, i, key) for i, key in enumerate(keys) if key not in known]
        paths[doc_id] = [version_path(doc_id, v.version) for v in versions]
        for i, (path, key) in enumerate(zip(paths[doc_id], keys, strict=True)):
            pages[path], digests[path] = (doc_id, i, key), known.get(key, "")
    source = (corpus, archive, files)
    workers = worker_count(len(missing), PARALLEL_FROM)
    running: Any = None
    if workers:
        _shared = source  # the workers inherit it when forked, here
        try:
            running = pool(workers)
        finally:
            _shared = None
    result = running.map_async(_make_chunk, chunks(missing, workers)) if running else None

    def finish() -> VersionPages:
        made = (
            [page for chunk in result.get() for page in chunk]
            if result is not None
            else _make_chunk(missing, source)
        )
        found = VersionPages(pages, digests, source)
        for (doc_id, index, _), page in zip(missing, made, strict=True):
            path = version_path(doc_id, archive.versions[doc_id][index].version)
            found.made[path], digests[path] = page, cachefile.digest(page.encode("utf-8"))
        for doc_id, summary in changed.items():
            index_file.put(doc_id, (summary, [(pages[p][2], digests[p]) for p in paths[doc_id]]))
        index_file.save()
        shutil.rmtree(corpus.root / EARLIER_CACHE, ignore_errors=True)  # its pages: in docs/
        return found

    return Pending(finish, running)


def _known(kept: Any) -> dict[str, str]:
    """The keys of a document's pages at the last build, in order, with the digests of
    their Markdown ({} when there is no such entry)."""
    if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[1], list)):
        return {}
    try:
        return {str(k): str(d) for k, d in kept[1]}
    except (TypeError, ValueError):  # not as this code writes it
        return {}


PARALLEL_FROM = 200  # version pages; below, starting workers costs more than it saves
_shared: Source | None = None


Source = tuple[Corpus, Archive, Mapping[tuple[str, str], Sequence[Download]]]


def _make_chunk(missing: Sequence[tuple[str, int, str]], source: Source | None = None) -> list[str]:
    made_from = source or _shared
    assert made_from is not None
    corpus, archive, files = made_from
    out = []
    for doc_id, index, _ in missing:
        versions = archive.versions[doc_id]
        own = files.get((doc_id, versions[index].version), ())
        out.append(version_page(corpus, versions, index, corpus.documents[doc_id].title, own))
    return out


PAGE_INDEX = Path(".styrdok") / "archive" / "sidnycklar"  # each document's page keys
EARLIER_CACHE = Path(".styrdok") / "archive" / "pages"  # where earlier builds kept pages
