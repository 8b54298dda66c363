"""Internal links: a relative link in a document's text to a handbook page, with or
without ``#avsnitt``, is checked against the pages the handbook would have.

The pages are made in memory as ``styrdok build`` makes them
(governance.render.handbook.project.make_project, plus the corpus' site/docs); a page's
anchors are the ids in its HTML, converted by Python-Markdown with the handbook's own
Markdown extensions and settings, so a heading's id is exactly MkDocs' (the toc
extension's slug, ``_1`` for a repeated heading, ``{#eget-id}`` from attr_list). Only the
pages that links point into are converted.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import unquote, urlsplit

from governance.load import Corpus
from governance.messages import did_you_mean
from governance.safefile import read_site_file

_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
# YAML front matter as MkDocs strips it (mkdocs.utils.meta): links need no MkDocs installed.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n", re.DOTALL)
_NAME = re.compile(r"""<a\s[^>]*\bname\s*=\s*["']([^"']+)["']""")


@dataclass
class Pages:
    """The handbook's files (docs-relative paths) and the Markdown of its pages."""

    files: set[str]
    markdown: dict[str, str]
    config: dict[str, Any]
    _anchors: dict[str, set[str]] = field(default_factory=dict)
    _converter: Any = None

    def anchors(self, page: str) -> set[str]:
        if page not in self._anchors:
            self._anchors[page] = _ids(self._convert(self.markdown.get(page, "")))
        return self._anchors[page]

    def _convert(self, text: str) -> str:
        import markdown  # type: ignore[import-untyped]

        if self._converter is None:
            names, settings = _extensions(self.config.get("markdown_extensions") or [])
            self._converter = markdown.Markdown(extensions=names, extension_configs=settings)
        return str(self._converter.reset().convert(_FRONT_MATTER.sub("", text, count=1)))


def handbook_pages(corpus: Corpus) -> Pages:
    """The pages of the handbook of ``corpus``; raises whatever rendering raises."""
    from governance.render.handbook.project import make_project, site_bound, site_dir

    project = make_project(corpus, date.today(), [])
    markdown = dict(project.files)
    files = set(project.files) | set(project.binaries)
    site = site_dir(corpus.root)
    docs = site / "docs"
    for path in docs.rglob("*") if docs.is_dir() else []:
        rel = path.relative_to(docs).as_posix()
        if not path.is_dir():
            files.add(rel)
            if path.suffix == ".md" and rel not in markdown:
                raw = read_site_file(path, site_bound(site))
                markdown[rel] = raw.decode("utf-8", errors="replace")
    return Pages(files, markdown, project.config)


def _extensions(items: list[Any]) -> tuple[list[str], dict[str, dict[str, Any]]]:
    names: list[str] = []
    settings: dict[str, dict[str, Any]] = {}
    for item in items:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            for name, value in item.items():
                names.append(str(name))
                settings[str(name)] = dict(value or {})
    return names, settings


def _ids(html: str) -> set[str]:
    return set(_ID.findall(html)) | set(_NAME.findall(html))


def problem(pages: Pages, page: str, target: str) -> str | None:
    """What is wrong with the link ``target`` written on ``page``, in Swedish, or None."""
    parts = urlsplit(target)
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    if path.startswith("/"):
        return f"'{target}' börjar med /; skriv länken relativt sidan, t.ex. annat-id.md#avsnitt"
    found = _resolve(pages, page, path) if path else page
    if found is None:
        return f"sidan eller filen '{path}' finns inte i handboken"
    if not fragment or not found.endswith(".md"):
        return None
    anchors = pages.anchors(found)
    if fragment in anchors:
        return None
    tip = did_you_mean(fragment, anchors)
    return f"avsnittet '#{fragment}' finns inte på sidan {found}.{tip}"


def _resolve(pages: Pages, page: str, path: str) -> str | None:
    """The file a relative link leads to: from the page's source file, as MkDocs resolves
    it, or else from the page's address (use_directory_urls: dokument/a.md is shown at
    dokument/a/), as a browser follows a link MkDocs left alone."""
    here = posixpath.dirname(page)
    wanted = posixpath.normpath(posixpath.join(here, path))
    if wanted in pages.files:
        return wanted
    if path.endswith(".md"):
        return None
    stem = posixpath.splitext(posixpath.basename(page))[0]
    base = here if stem == "index" else posixpath.join(here, stem)
    url = posixpath.normpath(posixpath.join(base, path))
    url = "" if url == "." else url
    if url.startswith(".."):
        return None
    candidates = [url, f"{url}.md", f"{url}/index.md", url.removesuffix("/index.html") + ".md"]
    return next((c.lstrip("/") for c in candidates if c.lstrip("/") in pages.files), None)
