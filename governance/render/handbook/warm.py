"""MkDocs' build, step by step (``mkdocs.commands.build.build`` of MkDocs 1.6, pinned
below 2): what a build gathers before it writes (configuration, files, navigation, theme
environment, a Page for each page) kept in memory, and single pages rendered with it, for
``styrdok serve`` (governance.render.handbook.live)."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

from governance.render.handbook import mkdocs_config


@dataclass
class Site:
    """MkDocs' state for one mkdocs.yml and theme: what a build gathers before it writes."""

    config: Any
    files: Any
    nav: Any
    env: Any
    fingerprint: str
    pages: dict[str, Any] = field(default_factory=dict)  # docs path → its Page
    doc_files: Any = None
    theme: list[Any] | None = None  # the theme's files, listed already (``theme_files``)
    compiled: set[str] = field(default_factory=set)  # templates compiled in a helper


def load_site(config_file: Path, out: Path, fingerprint: str, hooks: list[str]) -> Site:
    config = mkdocs_config.load(config_file, out, hooks=hooks)
    config.plugins.on_startup(command="serve", dirty=True)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    site = Site(config, None, None, None, fingerprint)
    gather(site)
    return site


def load_build(config_file: Path, out: Path, fingerprint: str) -> Site:
    """The state of ``mkdocs build`` (strict) of a project, as for ``load_site``: for a
    build that renders only some pages (governance.render.handbook.incremental)."""
    site = configure(config_file, out, fingerprint)
    gather_build(site)
    return site


def configure(config_file: Path, out: Path, fingerprint: str) -> Site:
    """The first steps of ``load_build``: the configuration, read and validated (which
    imports the Markdown extensions), without the files of docs/."""
    config = mkdocs_config.load(config_file, out, strict=True)
    config = config.plugins.on_config(config)
    config.plugins.on_pre_build(config=config)
    return Site(config, None, None, None, fingerprint)


def gather_build(site: Site) -> None:
    """The rest of ``load_build``: files, navigation, theme and pages, as ``mkdocs build``."""
    if site.theme is None:
        theme_files(site)
    gather(site, serve=False)


def theme_files(site: Site) -> None:
    """The theme's environment, and its files listed (for ``gather``): they depend on the
    theme only, not on docs/. Listing them walks every file of the theme (thousands of
    icons), so a build made ready early (governance.render.handbook.ready) does it before
    the project is written."""
    from mkdocs.structure.files import Files

    env = site.config.theme.get_env()
    found = Files([])
    found.add_files_from_theme(env, site.config)
    site.env, site.theme = env, list(found)


def preload(site: Site, names: list[str]) -> None:
    """Compile the theme's templates ``names`` (those a page used last time) into the
    environment ``theme_files`` made, ahead of the first page: only when no plugin or
    hook changes the environment (``on_env``), which then is the one pages render with."""
    from jinja2 import TemplateError

    if site.env is None or site.config.plugins.events.get("env"):
        return
    for name in names:
        try:
            site.env.get_template(name)
        except (TemplateError, OSError):
            continue  # not in this theme: a page that uses it says so


def loaded(site: Site) -> list[str]:
    """The names of the templates the environment has compiled (for ``preload``), and
    those a helper compiled for it (governance.render.handbook.incremental)."""
    keys = site.env.cache.keys() if site.env.cache is not None else []
    return sorted({key[1] for key in keys} | site.compiled)


def refresh(site: Site, written: list[str], deleted: list[str]) -> bool:
    """Bring the files ``gather`` listed up to date with the files of docs/ written and
    deleted since (paths relative to docs/), as a new walk of docs/ would list them: for a
    build made ready before the project was written (governance.render.handbook.ready).
    False when that takes more than adding and removing files that are not pages (a page
    came or went, or a file of docs/ takes the place of the theme's or gives it back):
    then only a new ``gather`` lists them as MkDocs would. The navigation stays: it is
    mkdocs.yml's, and the pages are the same."""
    from mkdocs.structure.files import File, set_exclusions

    config, files = site.config, site.files
    theme = {file.src_uri for file in site.theme or []}
    if any(name in theme or _rendered_page(name, config) for name in deleted):
        return False
    for name in written:
        known = files.get_file_from_path(name)
        if name in theme or (_rendered_page(name, config) and known is None):
            return False
    for name in deleted:
        known = files.get_file_from_path(name)
        if known is not None:
            files.remove(known)
    for name in written:
        if files.get_file_from_path(name) is None:
            new = File(name, config.docs_dir, config.site_dir, config.use_directory_urls)
            set_exclusions([new], config)
            files.append(new)
    return True


def _is_page(name: str) -> bool:
    return name.lower().endswith((".md", ".markdown"))


def _rendered_page(name: str, config: Any) -> bool:
    """A page MkDocs renders: not one that ``exclude_docs`` leaves out (a version page of
    the archive: a file MkDocs only lists, as any other file)."""
    from mkdocs.structure.files import File, set_exclusions

    if not _is_page(name):
        return False
    file: Any = File(name, config.docs_dir, config.site_dir, config.use_directory_urls)
    set_exclusions([file], config)
    return not file.inclusion.is_excluded()


def gather(site: Site, *, serve: bool = True) -> None:
    """MkDocs' files, navigation and theme environment, and a Page for each page (of a
    preview when ``serve``, else of a build)."""
    from mkdocs.structure.files import InclusionLevel, get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation
    from mkdocs.structure.pages import Page

    inclusion = InclusionLevel.is_in_serve if serve else InclusionLevel.is_included
    config = site.config
    files = get_files(config) if config.plugins.events.get("files") else _listed(config)
    if site.theme is None:
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
    else:  # as add_files_from_theme: the theme's files that docs/ does not have
        env = site.env
        for file in site.theme:
            if files.get_file_from_path(file.src_uri) is None:
                files.append(file)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    site.pages = {}
    for file in files.documentation_pages(inclusion=inclusion):
        if file.page is None:
            Page(None, file, config)
        site.pages[file.src_uri] = file.page
    site.env = config.plugins.on_env(env, config=config, files=files)
    site.files, site.nav = files, nav
    site.doc_files = files.documentation_pages(inclusion=inclusion)


def _listed(config: Any) -> Any:
    """MkDocs' ``get_files`` (the same walk, the same order), except that the archive's
    version folders (governance.render.handbook.archive_html: thousands of pages MkDocs
    does not render, listed only so that links to them resolve), and the documents'
    folders that hold them, are not walked: each of their pages is listed when a page
    links it (``_Lazy``). Not when a plugin is given the
    files (``on_files``): it may want them all."""
    from mkdocs.structure.files import File, _file_sort_key, set_exclusions

    from governance.render.handbook.version_paths import holds_only_version_pages

    files: list[Any] = []
    conflicting: list[tuple[Any, Any]] = []
    docs = config["docs_dir"]
    for source_dir, dirnames, filenames in os.walk(docs, followlinks=True):
        relative = os.path.relpath(source_dir, docs)
        inside = "" if relative == "." else f"{PurePath(relative).as_posix()}/"
        dirnames[:] = sorted(d for d in dirnames if not holds_only_version_pages(inside + d))
        filenames.sort(key=_file_sort_key)
        by_dest: dict[str, Any] = {}
        for filename in filenames:
            file = File(
                os.path.join(relative, filename),
                docs,
                config["site_dir"],
                config["use_directory_urls"],
            )
            first = by_dest.setdefault(file.dest_uri, file)
            if first is not file:
                conflicting.append((first, file))
            files.append(file)
    set_exclusions(files, config)
    for a, b in conflicting:  # as get_files: README.md beside an index.md
        if b.inclusion.is_included() and a.inclusion.is_included():
            logging.getLogger("mkdocs.structure.files").warning(
                f"Excluding '{a.src_uri}' from the site because it conflicts with '{b.src_uri}'."
            )
        with contextlib.suppress(ValueError):
            files.remove(a if b.inclusion.is_included() else b)
    return _lazy()(files, config)


@functools.cache
def _lazy() -> Any:
    from mkdocs.structure.files import File, Files, set_exclusions

    from governance.render.handbook.version_paths import is_version_page

    class _Lazy(Files):
        """Files with the archive's version pages listed when first asked for."""

        def __init__(self, files: list[Any], config: Any) -> None:
            super().__init__(files)
            self.config = config

        def get_file_from_path(self, path: str) -> Any:
            found = super().get_file_from_path(path)
            name, config = PurePath(path).as_posix(), self.config
            docs = config["docs_dir"]
            if found is None and is_version_page(name) and os.path.isfile(f"{docs}/{name}"):
                found = File(name, docs, config["site_dir"], config["use_directory_urls"])
                set_exclusions([found], config)
                self.append(found)
            return found

    return _Lazy


def render_page(site: Site, page: Any) -> None:
    from mkdocs.commands.build import _build_page, _populate_page

    _populate_page(page, site.config, site.files)
    _build_page(page, site.config, site.doc_files, site.nav, site.env)


def theme_templates(site: Site) -> None:
    from mkdocs.commands.build import _build_extra_template, _build_theme_template

    for template in site.config.theme.static_templates:
        _build_theme_template(template, site.env, site.files, site.config, site.nav)
    for template in site.config.extra_templates:
        _build_extra_template(template, site.files, site.config, site.nav)
