"""``styrdok build``: check, stop on errors, generate the MkDocs project, build the site.

Drafts are not published: they are left out of the handbook, and their findings never stop
the build of the rest. ``drafts=True`` includes them, bannered, for a preview. An error in a
published document (in force or retired) stops the build, as CI's gate."""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import ParamSpec, TypeVar

from governance.archive.versions import Archive, build_archive, read_history_meanwhile
from governance.background import Job
from governance.checks import draft_paths, run_checks
from governance.clitext import counted
from governance.errors import StyrdokError
from governance.findings import Finding
from governance.load import Corpus, load_corpus
from governance.progress import Stages
from governance.render.handbook import archive_html, incremental, output, pages, ready
from governance.render.handbook.downloads import Downloads, make_downloads
from governance.render.handbook.project import (
    Changes,
    Project,
    make_project,
    site_dir,
    start_search,
    write_project,
)
from governance.status import Statuses

PROJECT_DIR = Path(".styrdok") / "handbook"
P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class BuildResult:
    findings: list[Finding]
    files: int = 0
    project: Path | None = None
    site: Path | None = None
    notes: list[str] = field(default_factory=list)  # e.g. why there are no PDFs
    pdf_failed: list[str] = field(default_factory=list)  # ids LibreOffice made no PDF of
    no_office: bool = False  # PDFs wanted, LibreOffice not installed
    drafts: set[str] = field(default_factory=set)  # files of drafts: never block the build
    # What the build loaded and made, kept with the result: the styrdok program ends
    # without freeing it object by object (governance.cli).
    kept: object = field(default=None, repr=False, compare=False)

    @property
    def errors(self) -> list[Finding]:
        """The errors that stop the build: those in published documents."""
        return [f for f in self.findings if f.severity == "error" and f.path not in self.drafts]

    @property
    def draft_errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error" and f.path in self.drafts]


def published(corpus: Corpus) -> Corpus:
    """The corpus without its drafts: what the staff's handbook shows."""
    documents = {i: d for i, d in corpus.documents.items() if d.status != "draft"}
    templates = {i: t for i, t in corpus.templates.items() if t.status != "draft"}
    return replace(corpus, documents=documents, templates=templates)


def _shown(findings: list[Finding], drafts: set[str]) -> list[Finding]:
    """What the pages list for their owner: warnings, and a previewed draft's errors."""
    return [f for f in findings if f.severity == "warning" or f.path in drafts]


def _unfreezing(build: Callable[P, R]) -> Callable[P, R]:
    """The build freezes the loaded corpus out of the cyclic collector's scans (rendering
    makes many short-lived objects, and each full collection would scan the whole corpus
    again); this gives it back when the build ends, however it ends."""

    @functools.wraps(build)
    def unfreezing(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return build(*args, **kwargs)
        finally:
            gc.unfreeze()

    return unfreezing


@_unfreezing
def build_handbook(
    root: Path,
    out: Path,
    today: date,
    project_dir: Path | None = None,
    *,
    downloads: bool = True,
    pdf: bool = True,
    site_url: str | None = None,
    progress: Stages | None = None,
    clean: bool = False,
    maintainer: bool = False,
    drafts: bool = False,
    archive: bool = True,
) -> BuildResult:
    """Build the handbook into ``out``; nothing is built when a published document has
    errors. The site is built beside ``out`` and swapped in only when MkDocs succeeds
    (governance.render.handbook.output); an ``out`` that building would destroy is
    refused before anything is done.

    With ``downloads`` each governing document's page offers its official .docx (and with
    ``pdf`` its PDF, made with LibreOffice and cached under .styrdok/) and each template's
    page its fillable form. ``site_url`` is the address the site is published at.
    The site is built in .styrdok/site/, only the pages a change touches unless ``clean``
    (governance.render.handbook.incremental), and published from a copy. With
    ``maintainer`` (a preview for document owners) each page also shows the check's
    findings for it; staff see them only on the review page. With
    ``drafts`` the drafts are shown too, each with its banner, and as in a ``maintainer``
    preview each page shows its findings. With ``archive`` every version in git history
    gets its page (governance.archive)."""
    maintainer = maintainer or drafts  # a preview with drafts is for their owners
    output.check_out(out, root)
    config_path = (project_dir or root / PROJECT_DIR) / "mkdocs.yml"
    site_cache = (root / incremental.SITE_CACHE).resolve()
    with (
        ready.started(config_path, site_cache, not clean) as mkdocs,  # on the other core
        contextlib.ExitStack() as stack,
    ):
        history = read_history_meanwhile(root) if archive else None  # on the other core
        if history is not None:
            stack.callback(history.abandon)
        corpus, shown, findings, index = _checked(root, today, clean, drafts)
        stack.callback(index.abandon)
        result = BuildResult(findings, files=len(corpus.entries), drafts=draft_paths(corpus))
        if result.errors:
            return result
        statuses = Statuses(shown, today)  # once per build, for every page and download
        stages = progress or Stages()
        files = (
            make_downloads(shown, today, pdf=pdf, statuses=statuses, progress=stages)
            if downloads
            else Downloads()
        )
        versions = _archived(shown, history) if archive else None
        if versions and downloads and pdf:  # each version's official PDF, in PDF/A
            from governance.render.handbook.version_pdfs import add_version_pdfs  # Word, PDF/A

            add_version_pdfs(shown, versions, files, stages)
        result.notes, result.pdf_failed = files.notes, files.pdf_failed
        result.no_office = files.no_office
        result.notes += versions.notes if versions else []
        result.project = project_dir or root / PROJECT_DIR
        project = make_project(
            shown,
            today,
            _shown(findings, result.drafts),
            files,
            statuses,
            versions,
            maintainer=maintainer,
            reuse=not clean,
            apart=True,
            index=index,
            folder=result.project,
        )
        archive_html.exclude(project.config)  # version pages: rendered after MkDocs, cached
        if site_url:  # where the handbook is published: its 404 page links from there
            project.config["site_url"] = site_url
        changes = Changes()
        config_file = write_project(project, site_dir(root), result.project, changes)
        count = len(project.files) + len(project.archived)
        stages.stage(f"Sidor med MkDocs ({counted(count, 'sida', 'sidor')})")
        hand_over = mkdocs.hand_over if mkdocs else None  # converted by the child made ready
        with archive_html.converting(config_file, root, project.archived, hand_over) as early:
            site = incremental.build(
                config_file,
                root,
                archive_html.for_mkdocs(changes),
                _sources(shown),
                clean=clean,
                early=mkdocs.render if mkdocs else None,
            )
            built = output.staging(out, root)
            fill_versions: archive_html.Filling | None = None
            try:  # the site copied while the last version pages are converted
                fill_versions = archive_html.copy_site(site, built, project.archived, early)
                written = archive_html.write(config_file, site, root, project.archived, early)
                fill_versions(written)
                output.publish(built, out, root)
            finally:
                if fill_versions is not None:
                    fill_versions.stop()
                output.discard(built)
        stages.end()
        result.site = out
        result.kept = (corpus, shown, project, files, statuses, versions)
        return result


def _checked(
    root: Path, today: date, clean: bool, drafts: bool
) -> tuple[Corpus, Corpus, list[Finding], Job[dict[str, bytes]]]:
    """``check``: the corpus loaded, what the handbook shows of it (without ``drafts``, not
    the drafts), and every finding; and the search index started on the other core as soon
    as the corpus is loaded, while it is checked. The corpus is frozen (see _unfreezing)
    before the collector runs again: its first collection would otherwise scan every
    object loading made."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        corpus = load_corpus(root, stored=not clean)
        gc.freeze()
        shown = corpus if drafts else published(corpus)
        index = start_search(shown, today, not clean)
        try:
            findings = run_checks(corpus, today)
        except BaseException:
            index.abandon()
            raise
    finally:
        if enabled:
            gc.enable()
    return corpus, shown, findings, index


def _archived(corpus: Corpus, history: Job[bool] | None) -> Archive:
    """The archive, frozen as the corpus is (see _unfreezing): the versions' parsed files
    are many objects that every later collection would otherwise scan again. ``history``:
    the git history being read meanwhile (read_history_meanwhile), waited for first; if
    that failed, build_archive reads it here and reports what it finds."""
    if history is not None:
        with contextlib.suppress(StyrdokError):
            history.result()
    found = build_archive(corpus, pages=True)
    gc.freeze()
    return found


def _sources(corpus: Corpus) -> dict[str, str]:
    """Each generated page and the corpus file it was made from."""
    made = {pages.doc_path(i): corpus.entry_of[i].path for i in corpus.documents}
    made.update({pages.template_path(i): corpus.entry_of[i].path for i in corpus.templates})
    return made


def preview_project(
    corpus: Corpus,
    today: date,
    findings: list[Finding],
    files: Downloads,
    statuses: Statuses,
    maintainer: bool,
    *,
    search: bool = True,
) -> Project:
    """The project of a preview (serve): every document, drafts too, each page with the
    findings a maintainer sees when ``maintainer``."""
    shown = _shown(findings, draft_paths(corpus))
    return make_project(corpus, today, shown, files, statuses, maintainer=maintainer, search=search)
