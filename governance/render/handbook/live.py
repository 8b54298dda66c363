"""``styrdok serve``'s builder: the corpus, the generated project and MkDocs' state
(configuration, files, navigation, theme) stay in memory between saves, so a save costs
what it touches, not a build of the whole handbook.

A save is handled in three steps, each made visible as soon as it is written:

1. the saved documents' own pages: only the saved files are read again
   (governance.load.LoadCache), the corpus is checked, and each saved document's page is
   generated and rendered by MkDocs on its own;
2. every other page whose Markdown changed (backlinks, lists, register, review page), the
   downloads, and what MkDocs made of deleted files is removed;
3. the search index, made in a thread of its own and written when ready.

A save during a rebuild stops it between two pages; the next rebuild renders what was
left. In the end the site is what a fresh ``serve`` of the same corpus gives
(tests/test_handbook_serve.py compares the two). What every page
depends on (mkdocs.yml with the navigation, the theme, styrdok.yaml, site/) rebuilds
every page, as does a change in the corpus' errors, which are shown on every page.
"""

from __future__ import annotations

import logging
import shutil
import sys
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from governance.atomic import write_atomic
from governance.check import check
from governance.checks import draft_paths
from governance.findings import Finding
from governance.load import Corpus, Entry, LoadCache
from governance.render.handbook import incremental, pages, search_index, warm
from governance.render.handbook.build import preview_project
from governance.render.handbook.downloads import Downloads, make_downloads
from governance.render.handbook.project import (
    Changes,
    Project,
    search_files,
    site_dir,
    write_project,
)
from governance.render.handbook.state import backlinks
from governance.status import Statuses

log = logging.getLogger(__name__)
Stamp = tuple[tuple[str, int, int], ...]


class LiveHandbook:
    """The handbook of ``root`` kept built in ``site`` from the project in ``target``.
    ``visible`` is called whenever what is written so far may be shown (the server
    reloads the browsers)."""

    def __init__(
        self,
        root: Path,
        today: date,
        target: Path,
        site: Path,
        maintainer: bool = False,
        hooks: Callable[[Path], list[str]] | None = None,
    ) -> None:
        self.root, self.today, self.target, self.site = root, today, target, site
        self.maintainer = maintainer
        self.hooks = hooks or (lambda _config_file: [])
        self.visible: Callable[[], None] = lambda: None
        self.cache = LoadCache()
        self.errors: list[str] = []
        self.settings: Stamp = ()
        self.mkdocs: warm.Site | None = None
        self.poked: Callable[[], bool] = lambda: False  # the server saw a change
        self.generation = 0  # of the corpus, counted by rebuild
        self.searched = 0  # the generation whose search index was asked for
        self.corpus: Corpus | None = None  # the corpus shown
        self.config_file: Path | None = None
        self.pending: set[Path] = set()  # pages written but not yet rendered (docs/…)
        self.binaries: set[str] = set()  # the project's other files, in docs/
        self.search = _Search(today, lambda: self.wake())
        self.wake: Callable[[], None] = lambda: None

    def generate(self) -> Path:
        """The first project, with its search index, before the server starts: mkdocs.yml."""
        self.settings = self._settings()
        corpus, findings = self._check()
        self.errors = _error_lines(findings)
        project = self._project(corpus, findings, search=True)
        self.binaries, self.corpus = set(project.binaries), corpus
        return write_project(project, site_dir(self.root), self.target)

    def rebuild(self) -> None:
        """After a save: the three steps of the module's docstring. A save while a
        rebuild is under way stops it between two pages; the next rebuild does the rest."""
        if self._settings() != self.settings:  # styrdok.yaml or site/: everything
            self.cache, self.mkdocs = LoadCache(), None
            self.settings = self._settings()
        if (
            self.mkdocs is not None
            and self.corpus is not None
            and not self.cache.changed(self.root)
        ):
            self._finish(self.corpus)  # the search index is ready, or a save was not a change
            return
        self.generation += 1
        before = dict(self.cache.entries)
        corpus, findings = self._check()
        errors, self.errors = self.errors, _error_lines(findings)
        saved = [e for p, (_s, e, _f) in self.cache.entries.items() if _entry(before, p) is not e]
        if self.mkdocs is not None:
            self._saved_pages(corpus, findings, saved, self.errors != errors)
            self.visible()
        if self._interrupted():
            return
        project = self._project(corpus, findings, search=False)
        self.binaries = set(project.binaries)
        changes = Changes()
        config_file = write_project(
            project, site_dir(self.root), self.target, changes, keep_search=True
        )
        self.corpus, self.config_file = corpus, config_file
        self._render(config_file, changes, self.errors != errors)
        self.visible()
        self._finish(corpus)

    def _interrupted(self) -> bool:
        """A corpus file was saved since this rebuild began (not only a search index)."""
        return self.poked() and self.cache.changed(self.root)

    def _finish(self, corpus: Corpus) -> None:
        """The pages left by an interrupted rebuild, then the search index: asked for once
        the pages are done, written when ready for the corpus shown."""
        if self.pending and self.config_file is not None:
            self._render(self.config_file, Changes(), False)
            self.visible()
        if self.pending:
            return
        if self.searched != self.generation:
            self.searched = self.generation
            self.search.want(self.generation, corpus)
        ready = self.search.take()
        if ready is not None and ready[0] == self.generation:
            self._write_search(ready[1])

    def build_all(self, config_file: Path) -> None:
        """Every page, from the project in ``target`` (the first build)."""
        self.config_file = config_file
        self._render(config_file, Changes(), True)

    # -- the corpus ---------------------------------------------------------------------

    def _check(self) -> tuple[Corpus, list[Finding]]:
        corpus, findings = check(self.root, self.today, self.cache)
        errors = [f for f in findings if f.severity == "error"]
        if errors:
            from governance.report import render

            text = render(errors, "text", len({f.path for f in errors}))
            sys.stderr.write(
                f"Korpusen har fel; sidorna för dokumenten visas inte förrän de rättats:\n{text}"
            )
            sys.stderr.flush()
        return corpus, findings

    def _project(self, corpus: Corpus, findings: list[Finding], *, search: bool) -> Project:
        statuses = Statuses(corpus, self.today)
        files = make_downloads(corpus, self.today, pdf=False, statuses=statuses)
        return preview_project(
            corpus, self.today, findings, files, statuses, self.maintainer, search=search
        )

    def _settings(self) -> Stamp:
        """What every page depends on besides the corpus: styrdok.yaml and site/."""
        paths = [self.root / "styrdok.yaml"]
        own = self.root / "site"
        paths += sorted(own.rglob("*")) if own.is_dir() else []
        found = []
        for path in paths:
            try:
                stat = path.stat()
            except OSError:
                continue
            found.append((path.as_posix(), stat.st_size, stat.st_mtime_ns))
        return tuple(found)

    # -- step 1: the saved documents' pages ------------------------------------------------

    def _saved_pages(
        self, corpus: Corpus, findings: list[Finding], saved: list[Entry], errors_changed: bool
    ) -> None:
        """Each saved document's page, generated and rendered before anything else (with
        its downloads as step 2 makes them, so the page does not change again); a saved
        document that can no longer be read loses its page at once."""
        site = self.mkdocs
        assert site is not None
        site.config.extra["styrdok_errors"] = self.errors
        if errors_changed:
            warm.theme_templates(site)  # the page of a missing address lists the errors
        gone = [e.stem for e in saved if e.folder == "routines" and e.stem not in corpus.documents]
        incremental.remove_outputs(self.site, [Path("docs", pages.doc_path(i)) for i in gone])
        ids = {e.doc.id for e in saved if e.doc is not None}
        docs = {i: corpus.documents[i] for i in ids if i in corpus.documents}
        if not docs:
            return
        statuses = Statuses(corpus, self.today)
        files = _downloads_of(corpus, self.today, statuses, list(docs))
        drafts = draft_paths(corpus)
        shown = [f for f in findings if f.severity == "warning" or f.path in drafts]
        referenced_by = backlinks(corpus)
        for doc_id, doc in docs.items():
            path = pages.doc_path(doc_id)
            page = site.pages.get(path)
            if page is None:
                continue
            found = [f for f in shown if f.doc_id == doc_id] if self.maintainer else []
            text = pages.document_page(
                corpus,
                doc,
                statuses,
                found,
                referenced_by.get(doc_id, []),
                files.links.get(doc_id, []),
            )
            _write_text(self.target / "docs" / path, text)
            warm.render_page(site, page)

    # -- steps 2 and 3: MkDocs ------------------------------------------------------------

    def _render(self, config_file: Path, changes: Changes, everything: bool) -> bool:
        """MkDocs' pages for what ``changes`` says was written and deleted, and the pages
        an interrupted rebuild left; every page when ``everything``, into an emptied site
        when mkdocs.yml or the theme changed. False when a save interrupted it."""
        fingerprint = incremental.global_fingerprint(self.target)
        if self.mkdocs is None or self.mkdocs.fingerprint != fingerprint:
            self.mkdocs = warm.load_site(
                config_file, self.site, fingerprint, self.hooks(config_file)
            )
            if self.site.is_dir():
                shutil.rmtree(self.site)
            self.mkdocs.files.copy_static_files(dirty=False)
            everything = True
        site = self.mkdocs
        site.config.extra["styrdok_errors"] = self.errors
        docs = [Path(*p.parts[1:]) for p in changes.written if p.parts[:1] == ("docs",)]
        gone = [p for p in changes.deleted if p.parts[:1] == ("docs",)]
        known = {f.src_uri for f in site.files}
        added = [p for p in docs if p.as_posix() not in known]
        incremental.remove_outputs(self.site, gone)
        if added or gone:
            warm.gather(site)
        for rel in docs:
            if rel.as_posix() not in site.pages:
                _copy(self.target / "docs" / rel, self.site / rel)
        if everything or added or gone:
            warm.theme_templates(site)  # the sitemap lists every page, 404 shows the errors
        self.pending |= {Path(p) for p in site.pages} if everything else set(docs)
        for rel in sorted(self.pending, key=_listing_last):
            if self._interrupted():
                return False
            self.pending.discard(rel)
            page = site.pages.get(rel.as_posix())
            if page is not None:
                warm.render_page(site, page)
        return True

    def _write_search(self, files: dict[str, bytes]) -> None:
        """The search index made for the corpus now shown, into the project and the site."""
        folder = self.target / "docs" / search_index.BUNDLE_DIR
        keep = {*files, *self.binaries}
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            rel = path.relative_to(self.target / "docs")
            if path.is_file() and rel.as_posix() not in keep:
                path.unlink()
                (self.site / rel).unlink(missing_ok=True)
        for name, data in files.items():
            path = self.target / "docs" / name
            if path.is_file() and path.read_bytes() == data:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            _copy(path, self.site / name)
        self.visible()


def _listing_last(path: Path) -> tuple[bool, str]:
    """Documents' pages before the big listing pages: what a reader opens from the page."""
    return (path.parts[:1] != (pages.DOC_DIR,), path.as_posix())


class _Search:
    """The search index, made in a thread of its own (most of its time is the indexer's
    own process) so that the next save is not kept waiting; ``done`` is called when an
    index for the newest corpus asked for is ready."""

    def __init__(self, today: date, done: Callable[[], None]) -> None:
        self.today, self.done = today, done
        self.lock = threading.Lock()
        self.wanted: tuple[int, Corpus] | None = None
        self.ready: tuple[int, dict[str, bytes]] | None = None
        self.running = False

    def want(self, generation: int, corpus: Corpus) -> None:
        with self.lock:
            self.wanted = (generation, corpus)
            if self.running:
                return
            self.running = True
        threading.Thread(target=self._run, daemon=True).start()

    def take(self) -> tuple[int, dict[str, bytes]] | None:
        with self.lock:
            ready, self.ready = self.ready, None
            return ready

    def _run(self) -> None:
        while True:
            with self.lock:
                if self.wanted is None:
                    self.running = False
                    return
                (generation, corpus), self.wanted = self.wanted, None
            try:
                files = search_files(corpus, self.today)
            except Exception:  # shown in the terminal; the pages go on being rebuilt
                log.exception("Sökindexet kunde inte byggas")
                continue
            with self.lock:
                newest = self.wanted is None
                if newest:
                    self.ready = (generation, files)
            if newest:
                self.done()


def _entry(entries: dict[Path, tuple[Any, Entry, list[Finding]]], path: Path) -> Entry | None:
    found = entries.get(path)
    return found[1] if found else None


def _error_lines(findings: list[Finding]) -> list[str]:
    return [finding_line(f) for f in findings if f.severity == "error"]


def finding_line(f: Finding) -> str:
    """A finding on one line, for the banner of every page."""
    where = f"{f.path}:{f.line}" if f.line else f.path
    field = f" {f.field}:" if f.field else ""
    return f"{where}: [{f.code}]{field} {f.message}"


def _downloads_of(corpus: Corpus, today: date, statuses: Statuses, ids: list[str]) -> Downloads:
    """The Word downloads of some documents only, from the cache when nothing changed."""
    from governance.render.export.batch import official_documents
    from governance.render.export.cache import FileCache
    from governance.render.handbook.downloads import CACHE_DIR, DOWNLOAD_DIR, downloadable

    out = Downloads()
    wanted = [i for i in downloadable(corpus) if i in ids]
    cache = FileCache(corpus.root / CACHE_DIR / "docx", ".docx")
    for doc_id, data in official_documents(corpus, today, wanted, cache, statuses).items():
        out.add(doc_id, f"{DOWNLOAD_DIR}/{doc_id}.docx", "docx", data)
    return out


def _write_text(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _copy(source: Path, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(dest, source.read_bytes())
