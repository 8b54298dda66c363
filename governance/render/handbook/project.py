"""Corpus + site/ → a plain MkDocs project (mkdocs.yml, docs/, overrides/) → a static site.

The generated project needs nothing from styrdok to build: ``mkdocs build`` in its folder
gives the same site, so a successor that reads mkdocs.yml can take over. First everything
is gathered and rendered in memory, then the files are written, then MkDocs builds.
"""

from __future__ import annotations

import functools
import html
import io
import json
import logging
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from governance import background, urlpolicy
from governance.archive.versions import Archive
from governance.errors import InputError, ToolError
from governance.findings import Finding
from governance.load import Corpus
from governance.model import Document
from governance.render.handbook import (
    changes,
    indexes,
    mkdocs_config,
    pages,
    passthrough,
    search_index,
    search_records,
    statement,
    versions,
)
from governance.render.handbook.downloads import Downloads
from governance.render.handbook.pagecache import PageCache
from governance.render.handbook.state import backlinks
from governance.render.handbook.sync import Listing, listing, sync
from governance.safefile import read_site_file
from governance.status import Statuses

SEARCH_OPTIONS = f"{search_index.BUNDLE_DIR}/styrdok-sok.json"
SEARCH_CACHE = Path(".styrdok") / "build" / "search"
# The URL policy runs inside MkDocs' Markdown through a hook; the policy module is copied
# beside it, so the project still builds without styrdok.
HOOK = "hooks/styrdok_hooks.py"
_HOOK_TEXT = """\
# Genererad av styrdok: varje länk och bild i sidorna prövas mot styrdoks URL-policy.
from styrdok_urlpolicy import SafeLinks


def on_config(config, **kwargs):
    config.markdown_extensions.append(SafeLinks())
    return config
"""


@dataclass
class Changes:
    """What write_project did to the project folder, paths relative to it: the input of
    an incremental build (governance.render.handbook.incremental)."""

    written: set[Path] = field(default_factory=set)
    deleted: set[Path] = field(default_factory=set)
    # Of those, the pages MkDocs leaves out (exclude_docs: the version pages, put into the
    # site by governance.render.handbook.archive_html): no page of its own to render.
    apart: set[Path] = field(default_factory=set)


@dataclass
class Project:
    """The generated MkDocs project, in memory: file path → text, the config, and files
    to download (path → bytes), all relative to docs/."""

    files: dict[str, str]
    config: dict[str, Any]
    binaries: dict[str, bytes] = field(default_factory=dict)
    # Pages whose digest (cachefile.digest) is known: path → the text and its digest,
    # taken by write_project while the path still has that text.
    digests: dict[str, tuple[str, str]] = field(default_factory=dict)
    # The version pages (governance.render.handbook.versions.VersionPages), apart: their
    # Markdown is read only where it is not in place already.
    archived: Mapping[str, str] = field(default_factory=dict)
    # What the project's folder held while the project was made (the folder, and its
    # sync.listing), when it was listed on the other core: for write_project, which then
    # does not list it again.
    listed: tuple[Path, Listing] | None = None


def site_dir(root: Path) -> Path:
    """The corpus' own site/ folder, or the one that comes with styrdok."""
    own = root / "site"
    if (own / "mkdocs.yml").is_file():
        return own
    return _packaged_site()


def _packaged_site() -> Path:
    return Path(str(files("governance") / "data" / "site"))


def site_bound(site: Path) -> Path | None:
    """Where the files of ``site`` must stay: a corpus' own site/ inside the corpus
    (governance.safefile refuses a link out of it); styrdok's own site is not bounded."""
    return None if site == _packaged_site() else site.parent


def make_project(
    corpus: Corpus,
    today: date,
    warnings: list[Finding],
    downloads: Downloads | None = None,
    statuses: Statuses | None = None,
    archive: Archive | None = None,
    *,
    search: bool = True,
    maintainer: bool = False,
    reuse: bool = True,
    apart: bool = False,
    index: background.Job[dict[str, bytes]] | None = None,
    folder: Path | None = None,
) -> Project:
    """The project in memory; with ``downloads`` the pages link their files. ``statuses``:
    the documents' statuses on ``today``, when the build has made them already; ``archive``:
    the documents' versions, each with a page of its own. Without ``search`` the project has
    no search index (serve makes it after the pages). The check's warnings are listed on the
    review page, and with ``maintainer`` on each page too. Without ``reuse`` nothing is taken
    from the build cache (a clean build). With ``apart`` the search index and the listing
    pages are made on the other core (governance.background) while the document pages are
    made here; ``index``: the search index's making, started already (``start_search``);
    ``folder``: the project's folder, then listed there too for ``write_project``
    (``Project.listed``), which writing it does not need to wait for."""
    statuses = Statuses(corpus, today) if statuses is None else statuses
    if apart:  # each status made once, here, and not again in each child
        statuses.make_all()
    made = functools.partial(search_files, corpus, today, reuse, statuses)
    listed = functools.partial(_listings, corpus, statuses, warnings)
    elsewhere = index is not None or (search and apart)  # the index made in a child
    if index is None:
        index = start_search(corpus, today, reuse) if search and apart else background.Job("")
    lists: background.Job[tuple[Listings, tuple[Path, Listing] | None]] = (
        background.start("Listsidorna", functools.partial(_other_core, listed, folder))
        if apart
        else background.Job("")
    )
    try:
        project = _project(
            corpus,
            today,
            warnings,
            downloads,
            statuses,
            archive,
            maintainer,
            reuse,
            (lambda: lists.result()[0]) if apart else listed,
        )
        if apart:
            project.listed = lists.result()[1]
        if search:
            project.binaries.update(index.result() if elsewhere else made())
    finally:
        index.abandon()
        lists.abandon()
    return project


Listings = tuple[list[Any], dict[str, str]]  # the navigation, and the listing pages


def start_search(corpus: Corpus, today: date, reuse: bool) -> background.Job[dict[str, bytes]]:
    """The search index's files (``search_files``) made on the other core: the build starts
    it as soon as the corpus is loaded, while the corpus is checked."""
    return background.start("Sökindexet", functools.partial(search_files, corpus, today, reuse))


def _other_core(
    listings: Callable[[], Listings], folder: Path | None
) -> tuple[Listings, tuple[Path, Listing] | None]:
    """The listing pages, and then the project's folder listed (``sync.listing``): the
    listing pages are done before the document pages here, the folder before they are
    written."""
    return listings(), (folder, listing(folder)) if folder is not None else None


def _listings(corpus: Corpus, statuses: Statuses, warnings: list[Finding]) -> Listings:
    pages: dict[str, str] = {}
    nav = list(_nav_and_indexes(corpus, statuses, pages, warnings))
    return nav, pages


def _project(
    corpus: Corpus,
    today: date,
    warnings: list[Finding],
    downloads: Downloads | None,
    statuses: Statuses,
    archive: Archive | None,
    maintainer: bool,
    reuse: bool,
    listings: Callable[[], Listings],
) -> Project:
    files = downloads or Downloads()
    by_doc: dict[str, list[Finding]] = {}
    for finding in warnings:
        by_doc.setdefault(finding.doc_id, []).append(finding)
    rendered: dict[str, str] = {}
    referenced_by = backlinks(corpus)
    cache = PageCache(corpus, statuses, today, reuse)
    made = versions.start_pages(corpus, archive, files.versions) if archive else None
    try:  # the version pages are made in workers meanwhile
        for doc_id, doc in corpus.documents.items():
            found = by_doc.get(doc_id, []) if maintainer else []
            # "Tidigare versioner" follows from the document's versions, which follow from
            # the archive's key of its history: the key stands for the list, made only
            # when the page is made
            history = archive.keys.get(doc_id, "") if archive else ""
            inputs = (found, referenced_by.get(doc_id, []), files.links.get(doc_id, []), history)
            render = functools.partial(_document_page, doc, inputs, archive)
            rendered[pages.doc_path(doc_id)] = cache.page(doc_id, inputs, render)
        cache.save()
        archived: Mapping[str, str] = made.result() if made is not None else {}
    finally:
        if made is not None:
            made.abandon()
    for template_id, template in corpus.templates.items():
        page = pages.template_page(corpus, template, files.links.get(template_id, []))
        rendered[pages.template_path(template_id)] = page
    organisation = corpus.config.organisation
    record = statement.read_record(site_dir(corpus.root))
    rendered["tillganglighet.md"] = statement.statement_page(organisation, record)
    config = _base_config(site_dir(corpus.root))
    config["site_name"] = f"Styrande dokument – {corpus.config.organisation}"
    config["plugins"] = _plugins(config.get("plugins"))
    binaries = dict(files.files)
    binaries[SEARCH_OPTIONS] = search_options(corpus)
    site_url = config.get("site_url")
    url = site_url if isinstance(site_url, str) else None
    rendered[changes.PAGE], feeds = changes.page_and_feeds(corpus, archive, url)
    binaries.update(feeds)
    config["nav"], listed = listings()
    rendered.update(listed)
    digests = cache.digests(pages.doc_path)
    return Project(
        files=rendered, config=config, binaries=binaries, digests=digests, archived=archived
    )


def _document_page(
    doc: Document,
    inputs: tuple[Any, ...],
    archive: Archive | None,
    corpus: Corpus,
    statuses: Statuses,
) -> str:
    found, referenced_by, links, _ = inputs
    history = versions.earlier_list(archive, doc.id) if archive else ""
    return pages.document_page(corpus, doc, statuses, found, referenced_by, links, history)


def search_files(
    corpus: Corpus, today: date, reuse: bool = True, statuses: Statuses | None = None
) -> dict[str, bytes]:
    """The search index's files, by path in docs/: only what changed since the last build
    is made again (the build cache under .styrdok/; not used unless ``reuse``)."""
    folder = corpus.root / SEARCH_CACHE
    records = search_records.keyed(corpus, today, folder, reuse, statuses)
    return search_index.Indexer(folder, reuse=reuse).bundle(records)


def _plugins(plugins: Any) -> list[Any]:
    """The site's plugins without the theme's search (lunr): styrdok's index replaces it.
    Without a plugins entry MkDocs would add its search, so the list is always written."""

    def name(plugin: Any) -> str:
        return next(iter(plugin)) if isinstance(plugin, dict) else str(plugin)

    return [p for p in (plugins or []) if name(p).split("/")[-1] != "search"]


def search_options(corpus: Corpus) -> bytes:
    """The search box's filter choices and synonyms, in the index's folder."""
    used = corpus.documents.values()
    kinds = [k.label for k in corpus.config.kinds if any(d.kind == k.id for d in used)]
    if corpus.templates:
        kinds.append("Mall")
    units = [t.name for t in corpus.config.units if any(t.id in d.applies_to for d in used)]
    role_ids = {r for d in used for r in [*d.audience, *d.owners]}
    role_ids |= {r for t in corpus.templates.values() for r in t.owners}
    roles = [t.name for t in corpus.config.roles if t.id in role_ids]
    statuses = ["Gällande", "Prövning snart", "Prövning försenad", "Utgånget", "Utkast", "Upphävt"]
    data = {
        "filters": {"kind": kinds, "unit": units, "role": roles, "status": statuses},
        "synonyms": corpus.config.search.synonyms,
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _nav_and_indexes(
    corpus: Corpus, statuses: Statuses, out: dict[str, str], warnings: list[Finding]
) -> Iterator[Any]:
    """Write the listing pages into ``out`` and yield the navigation."""
    yield {"Start": "index.md"}
    used_kinds = [
        k for k in corpus.config.kinds if any(d.kind == k.id for d in corpus.documents.values())
    ]
    kinds_nav: list[Any] = []
    for kind in used_kinds:
        path = f"sorter/{kind.id}/index.md"
        # The kind's page lists its documents; the documents themselves stay out of the
        # navigation, which every page carries: with them in it, a kind of 800 routines
        # put 800 links on each of its 800 pages and the site grew with the square.
        out[path] = indexes.kind_page(corpus, kind.id, statuses)
        kinds_nav.append({indexes.plural(kind.label): path})
    kinds_index = "sorter/index.md"
    entries = [(indexes.plural(k.label), f"{k.id}/index.md") for k in used_kinds]
    out[kinds_index] = indexes.section_index("Dokumentsorter", "Dokumenten efter sort.", entries)
    yield {"Dokument": [{"Dokumentsorter": kinds_index}, *kinds_nav]}
    for key, section, title, intro in (
        ("teman", "themes", "Teman", "Dokumenten efter ämne."),
        (
            "forvaltningar",
            "units",
            "Förvaltningar",
            "Dokumenten efter vilka förvaltningar de gäller för.",
        ),
        ("roller", "roles", "För din roll", "Dokumenten som vänder sig till en viss roll."),
    ):
        yield {title: list(_term_pages(corpus, statuses, out, key, section, title, intro))}
    out[indexes.TEMPLATE_INDEX] = indexes.templates_index(corpus)
    templates = sorted(corpus.templates.values(), key=lambda t: t.title.casefold())
    # Every entry with its title: a dirty build (governance.render.handbook.incremental)
    # does not read the pages it does not rebuild, and would show them by file name.
    template_nav = [{_nav_title(t.title): pages.template_path(t.id)} for t in templates]
    yield {"Mallar": [{"Mallar": indexes.TEMPLATE_INDEX}, *template_nav]}
    out["register.md"] = indexes.register_page(corpus, statuses)
    out["granskning.md"] = indexes.review_page(corpus, statuses, warnings)
    out["taggar.md"] = indexes.tags_page(corpus, statuses)
    yield {"Register": "register.md"}
    yield {"Senaste ändringar": changes.PAGE}
    yield {"Aktualitetsprövning": "granskning.md"}
    yield {"Taggar": "taggar.md"}
    yield {"Hjälp": "hjalp.md"}
    yield {"Tillgänglighet": "tillganglighet.md"}


def _term_pages(
    corpus: Corpus,
    statuses: Statuses,
    out: dict[str, str],
    key: str,
    section: str,
    title: str,
    intro: str,
) -> Iterator[dict[str, str]]:
    field = indexes.TERM_FIELDS[section]
    used = {t for d in corpus.documents.values() for t in getattr(d, field)}
    terms = [t for t in getattr(corpus.config, section) if t.id in used]
    index = f"{key}/index.md"
    out[index] = indexes.section_index(title, intro, [(t.name, f"{t.id}.md") for t in terms])
    yield {_nav_title(title): index}
    for term in terms:
        heading = f"För {term.name.lower()}" if section == "roles" else term.name
        out[f"{key}/{term.id}.md"] = indexes.term_page(corpus, section, term.id, statuses, heading)
        yield {_nav_title(heading): f"{key}/{term.id}.md"}


def _nav_title(title: str) -> str:
    """A title in the navigation, escaped as the page's own (themes print it unescaped)."""
    return html.escape(title, quote=True)


def _base_config(site: Path) -> dict[str, Any]:
    raw = read_site_file(site / "mkdocs.yml", site_bound(site))
    data = YAML(typ="safe", pure=False).load(raw.decode("utf-8", errors="replace"))
    if not isinstance(data, dict):
        raise InputError(f"{site / 'mkdocs.yml'}: filen ska vara en mappning.")
    return data


def write_project(
    project: Project,
    site: Path,
    target: Path,
    changes: Changes | None = None,
    *,
    keep_search: bool = False,
) -> Path:
    """Make ``target`` hold exactly the project: site/ with the generated pages and config.
    Only files whose content changed are written, so a watching server rebuilds once and
    a dirty build rebuilds only those; ``changes`` gets what was written and deleted.
    With ``keep_search`` the search index already in ``target`` stays."""
    desired: dict[str, bytes | str] = {}
    for path in site.rglob("*"):
        rel = path.relative_to(site)
        if path.is_dir() or rel.name == "mkdocs.yml" or "__pycache__" in rel.parts:
            continue
        desired[rel.as_posix()] = read_site_file(path, site_bound(site))
    for rel_name, text in project.files.items():
        desired[f"docs/{rel_name}"] = text
    for rel_name, data in project.binaries.items():
        desired[f"docs/{rel_name}"] = data
    desired[HOOK] = (_HOOK_TEXT + passthrough.HOOK_TEXT).encode("utf-8")
    desired[Path(HOOK).with_name("styrdok_urlpolicy.py").as_posix()] = _policy_source()
    config = {**project.config, "hooks": [*project.config.get("hooks", []), HOOK]}
    desired["mkdocs.yml"] = _config_text(config).encode("utf-8")
    if keep_search:
        bundle = target / "docs" / search_index.BUNDLE_DIR
        for path in bundle.rglob("*") if bundle.is_dir() else ():
            name = path.relative_to(target).as_posix()
            if path.is_file() and name not in desired:
                desired[name] = path.read_bytes()
    changes = changes if changes is not None else Changes()
    digests = {
        f"docs/{rel_name}": digest
        for rel_name, (text, digest) in project.digests.items()
        if project.files.get(rel_name) is text
    }
    keys: Mapping[str, str] = getattr(project.archived, "content_keys", {})
    kept = {
        f"docs/{path}": (f"sidan:{keys.get(path, '')}", functools.partial(_page, project, path))
        for path in project.archived
    }
    if isinstance(project.archived, versions.VersionPages):  # where its pages were written
        project.archived.folder = target / "docs"
    listed = project.listed[1] if project.listed and project.listed[0] == target else None
    sync(target, desired, changes.written, changes.deleted, digests, kept, listed)
    return target / "mkdocs.yml"


def _page(project: Project, path: str) -> bytes:
    return project.archived[path].encode("utf-8")


def _config_text(config: dict[str, Any]) -> str:
    buffer = io.StringIO()
    dumper = YAML(typ="safe", pure=True)
    dumper.default_flow_style = False
    dumper.allow_unicode = True
    dumper.dump(config, buffer)
    return (
        "# Genererad av styrdok från korpusen och site/. Ändra i site/, inte här.\n"
        + buffer.getvalue()
    )


def _policy_source() -> bytes:
    return Path(urlpolicy.__file__).read_bytes()


def build_site(
    config_file: Path,
    out: Path,
    sources: Mapping[str, str] | None = None,
    *,
    dirty: bool = False,
) -> None:
    """Build with MkDocs (strict: a broken link in the generated pages is an error). An
    error says what MkDocs warned about, naming the page (``dokument/ID.md``) and, from
    ``sources`` (page → corpus file), the file it was made from. ``dirty`` rebuilds only
    pages whose Markdown is newer than their HTML."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, ConfigurationError

    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # the notice about a future MkDocs 2
    warnings = WarningLog()
    logger.addHandler(warnings)
    try:
        config = mkdocs_config.load(config_file, out.resolve(), strict=True)
        build(config, dirty=dirty)
    except (Abort, ConfigurationError) as exc:
        said = "".join(f"\n  {_named(m, sources or {})}" for m in warnings.messages[:20])
        raise ToolError(f"MkDocs kunde inte bygga handboken: {exc}{said}") from None
    finally:
        logger.removeHandler(warnings)


def _named(message: str, sources: Mapping[str, str]) -> str:
    """MkDocs' message with the corpus file beside each generated page it names."""
    for page, source in sources.items():
        if f"'{page}'" in message:
            message = message.replace(f"'{page}'", f"'{page}' (från {source})")
    return message


class WarningLog(logging.Handler):
    """The warnings MkDocs logs while it builds, kept to be reported."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
