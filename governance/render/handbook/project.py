"""Corpus + site/ → a plain MkDocs project (mkdocs.yml, docs/, overrides/) → a static site.

The generated project needs nothing from styrdok to build: ``mkdocs build`` in its folder
gives the same site, so a successor that reads mkdocs.yml can take over. First everything
is gathered and rendered in memory, then the files are written, then MkDocs builds.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from governance import urlpolicy
from governance.archive.versions import Archive
from governance.errors import InputError, ToolError
from governance.findings import Finding
from governance.load import Corpus
from governance.render.handbook import changes, indexes, pages, versions
from governance.render.handbook.downloads import Downloads
from governance.render.handbook.state import backlinks
from governance.status import Statuses

SEARCH_WORKER = "assets/javascripts/workers/styrdok-search.js"
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
_WORKER_PATCH = """\
/* styrdok: Swedish stemming for typed searches. Material appends a wildcard to every
   typed term, and lunr does not stem a wildcard term, so "avhysningar*" would miss a page
   that says only "avhysning". Each such term is searched also as its stem with a wildcard. */
importScripts("%(worker)s")
;(function () {
  var search = lunr.Index.prototype.search
  lunr.Index.prototype.search = function (query) {
    if (lunr.sv && lunr.sv.stemmer) {
      query = query.split(/\\s+/).map(function (term) {
        var match = /^([^:*+\\-~^]+)\\*$/.exec(term)
        if (!match) return term
        var word = match[1].toLowerCase()
        var stem = lunr.sv.stemmer(new lunr.Token(word)).toString()
        return stem && stem !== word ? term + " " + stem + "*" : term
      }).join(" ")
    }
    return search.call(this, query)
  }
})()
"""


@dataclass
class Project:
    """The generated MkDocs project, in memory: file path → text, the config, and files
    to download (path → bytes), all relative to docs/."""

    files: dict[str, str]
    config: dict[str, Any]
    binaries: dict[str, bytes] = field(default_factory=dict)


def site_dir(root: Path) -> Path:
    """The corpus' own site/ folder, or the one that comes with styrdok."""
    own = root / "site"
    if (own / "mkdocs.yml").is_file():
        return own
    return Path(str(files("governance") / "data" / "site"))


def make_project(
    corpus: Corpus,
    today: date,
    warnings: list[Finding],
    downloads: Downloads | None = None,
    statuses: Statuses | None = None,
    archive: Archive | None = None,
) -> Project:
    """The project in memory; with ``downloads`` the pages link their files. ``statuses``:
    the documents' statuses on ``today``, when the build has made them already; ``archive``:
    the documents' versions, each with a page of its own."""
    files = downloads or Downloads()
    statuses = Statuses(corpus, today) if statuses is None else statuses
    by_doc: dict[str, list[Finding]] = {}
    for finding in warnings:
        by_doc.setdefault(finding.doc_id, []).append(finding)
    rendered: dict[str, str] = {}
    referenced_by = backlinks(corpus)
    for doc_id, doc in corpus.documents.items():
        found = by_doc.get(doc_id, [])
        history = versions.earlier_list(archive, doc_id) if archive else ""
        page = pages.document_page(
            corpus,
            doc,
            statuses,
            found,
            referenced_by.get(doc_id, []),
            files.links.get(doc_id, []),
            history,
        )
        rendered[pages.doc_path(doc_id)] = page
    if archive is not None:
        rendered.update(versions.archive_pages(corpus, archive))
    rendered[changes.PAGE] = changes.changes_page(corpus, archive)
    for template_id, template in corpus.templates.items():
        page = pages.template_page(corpus, template, files.links.get(template_id, []))
        rendered[pages.template_path(template_id)] = page
    nav = list(_nav_and_indexes(corpus, statuses, rendered))
    config = _base_config(site_dir(corpus.root))
    config["site_name"] = f"Styrande dokument – {corpus.config.organisation}"
    config["nav"] = nav
    binaries = dict(files.files)
    site_url = config.get("site_url")
    binaries.update(changes.feeds(corpus, archive, site_url if isinstance(site_url, str) else None))
    return Project(files=rendered, config=config, binaries=binaries)


def _nav_and_indexes(corpus: Corpus, statuses: Statuses, out: dict[str, str]) -> Iterator[Any]:
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
    yield {"Dokument": [kinds_index, *kinds_nav]}
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
    yield {"Mallar": [indexes.TEMPLATE_INDEX, *(pages.template_path(t.id) for t in templates)]}
    out["register.md"] = indexes.register_page(corpus, statuses)
    out["granskning.md"] = indexes.review_page(corpus, statuses)
    out["taggar.md"] = indexes.tags_page()
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
) -> Iterator[str]:
    field = indexes.TERM_FIELDS[section]
    used = {t for d in corpus.documents.values() for t in getattr(d, field)}
    terms = [t for t in getattr(corpus.config, section) if t.id in used]
    index = f"{key}/index.md"
    out[index] = indexes.section_index(title, intro, [(t.name, f"{t.id}.md") for t in terms])
    yield index
    for term in terms:
        heading = f"För {term.name.lower()}" if section == "roles" else term.name
        out[f"{key}/{term.id}.md"] = indexes.term_page(corpus, section, term.id, statuses, heading)
        yield f"{key}/{term.id}.md"


def _base_config(site: Path) -> dict[str, Any]:
    data = YAML(typ="safe", pure=False).load((site / "mkdocs.yml").read_text("utf-8"))
    if not isinstance(data, dict):
        raise InputError(f"{site / 'mkdocs.yml'}: filen ska vara en mappning.")
    return data


def write_project(project: Project, site: Path, target: Path) -> Path:
    """Make ``target`` hold exactly the project: site/ with the generated pages and config.
    Only files whose content changed are written, so a watching server rebuilds once."""
    desired: dict[Path, bytes] = {}
    for path in site.rglob("*"):
        rel = path.relative_to(site)
        if path.is_file() and rel.name != "mkdocs.yml" and "__pycache__" not in rel.parts:
            desired[rel] = path.read_bytes()
    for rel_name, text in project.files.items():
        desired[Path("docs") / rel_name] = text.encode("utf-8")
    for rel_name, data in project.binaries.items():
        desired[Path("docs") / rel_name] = data
    worker = _WORKER_PATCH % {"worker": _material_worker()}
    desired[Path("docs") / SEARCH_WORKER] = worker.encode("utf-8")
    desired[Path(HOOK)] = _HOOK_TEXT.encode("utf-8")
    desired[Path(HOOK).with_name("styrdok_urlpolicy.py")] = _policy_source()
    config = {**project.config, "hooks": [*project.config.get("hooks", []), HOOK]}
    desired[Path("mkdocs.yml")] = _config_text(config).encode("utf-8")
    _sync(target, desired)
    return target / "mkdocs.yml"


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


def _sync(target: Path, desired: dict[Path, bytes]) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(target.rglob("*"), reverse=True):
        rel = path.relative_to(target)
        if path.is_file() and rel not in desired:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for rel, content in desired.items():
        path = target / rel
        if path.is_file() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def _policy_source() -> bytes:
    return Path(urlpolicy.__file__).read_bytes()


def _material_worker() -> str:
    workers = Path(str(files("material"))) / "templates" / "assets" / "javascripts" / "workers"
    found = sorted(p.name for p in workers.glob("search.*.min.js"))
    if not found:
        raise ToolError("Hittar inte sökfunktionen i mkdocs-material. Installera om paketet.")
    return found[0]


def build_site(config_file: Path, out: Path, sources: Mapping[str, str] | None = None) -> None:
    """Build with MkDocs (strict: a broken link in the generated pages is an error). An
    error says what MkDocs warned about, naming the page (``dokument/ID.md``) and, from
    ``sources`` (page → corpus file), the file it was made from."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # the notice about a future MkDocs 2
    warnings = _Collect()
    logger.addHandler(warnings)
    try:
        config = load_config(str(config_file), site_dir=str(out.resolve()), strict=True)
        build(config)
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


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
