"""The version pages' HTML, made outside MkDocs' page loop and cached.

A corpus with a long history has several version pages per document; rendering each with
the theme on every build tripled a cold build. So the generated project keeps every version
page as Markdown in docs/ (a successor that drops ``exclude_docs`` from mkdocs.yml builds
them with MkDocs as before), but MkDocs is told to leave them out (``exclude_docs``: links
to them still resolve, MkDocs only does not render them). After MkDocs, ``write`` puts
each page into the site:

* its Markdown is converted with the project's Markdown extensions, the URL policy hook
  and MkDocs' link resolution, section by section (governance.render.handbook.sections),
  in forked workers that start while MkDocs builds the other pages (``converting``);
* it is set into a *shell*: the theme's page rendered once, for a page at the same depth
  (every version page is ``dokument/ID/version/X.Y/``, so the relative paths to the
  assets and the navigation are the same), with markers where the title, the table of
  contents, the skip link and the content go, each replaced in one pass;
* the finished HTML is cached under .styrdok/archive/html/ by a digest of the page's
  Markdown, the project's theme and configuration (incremental.global_fingerprint) and
  this code: a version that did not change is never converted again.

A page the shell does not fit (no first heading, no table of contents) is rendered with
the whole theme, as MkDocs would."""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from governance.atomic import write_atomic
from governance.errors import ToolError
from governance.render.handbook import output, passthrough
from governance.render.handbook.incremental import SITE_CACHE, global_fingerprint, output_paths
from governance.render.handbook.project import WarningLog
from governance.render.handbook.sections import Sections
from governance.workers import chunks, pool, worker_count

HTML_CACHE = Path(".styrdok") / "archive" / "html"
SHELL_CACHE = Path(".styrdok") / "archive" / "skal.json"
WRITTEN = Path(".styrdok") / "archive" / "skrivna.json"  # the site's version page files
EXCLUDED = "dokument/*/version/"
_PATH = re.compile(r"\Adokument/[^/]+/version/[^/]+\.md\Z")
_OUTPUT = re.compile(r"\Adokument/[^/]+/version/[^/]+/index\.html\Z")
_SHELL_PATH = "dokument/styrdok-versionsskal/version/0.0.md"
_TITLE, _TOC, _CONTENT = "styrdokSKALxTITEL", "styrdokSKALxTOC", "styrdokSKALxINNEHALL"
_H1 = "styrdok-skal-h1"
_SHELL_CONTENT = f'<h1 id="{_H1}">{_CONTENT}</h1>'


def exclude(config: dict[str, Any]) -> None:
    """Tell MkDocs to leave the version pages to ``write`` (added to the site's own
    ``exclude_docs``, gitignore patterns)."""
    own = config.get("exclude_docs")
    lines = [str(own).rstrip("\n")] if own else []
    config["exclude_docs"] = "\n".join([*lines, EXCLUDED]) + "\n"


def is_version_page(path: str) -> bool:
    return bool(_PATH.match(path))


class Early:
    """Version pages converted in forked workers while MkDocs builds the rest of the site
    (``converting``): (path, HTML) of each and the warnings, once they are done."""

    def __init__(self, keys: dict[str, str], running: Any = None, result: Any = None) -> None:
        self.keys, self.running, self.result = keys, running, result  # keys: page → cache key

    def take(self) -> tuple[dict[str, bytes], list[str]]:
        if self.result is None:
            return {}, []
        made: dict[str, bytes] = {}
        warned: list[str] = []
        for pages, messages in self.result.get():
            made.update(pages)
            warned += messages
        self.result = None
        return made, warned


@contextlib.contextmanager
def converting(config_file: Path, root: Path, pages: Mapping[str, str]) -> Iterator[Early]:
    """Start converting the version pages the cache does not have, in forked workers, for
    ``write`` to take (the project must be written already): with two cores the archive's
    pages are made while MkDocs builds the others. Few pages are left to ``write``."""
    wanted = {p: t for p, t in pages.items() if is_version_page(p)}
    cache = root / HTML_CACHE
    fingerprint = global_fingerprint(config_file.parent) + _code()
    keys = {p: _key(fingerprint, t) for p, t in wanted.items()}
    missing = [(p, t) for p, t in wanted.items() if not (cache / f"{keys[p]}.html").is_file()]
    workers = worker_count(len(missing), PARALLEL_FROM)
    if not workers:
        yield Early(keys)
        return
    setup = (config_file, root / SITE_CACHE, root / SHELL_CACHE, fingerprint)
    gc.freeze()  # the collector leaves what is here alone: fewer pages copied after forking
    running = pool(workers)
    try:
        jobs = [(setup, list(part)) for part in chunks(missing, workers)]
        yield Early(keys, running, running.map_async(_convert_job, jobs))
    finally:
        running.terminate()
        running.join()
        gc.unfreeze()


def write(
    config_file: Path, site: Path, root: Path, pages: Mapping[str, str], early: Early | None = None
) -> None:
    """Put every version page of ``pages`` (docs/ path → Markdown) into ``site``, from the
    cache or ``early`` (``converting`` of the same pages) where it can, converting the
    rest here; a file already holding the page is not written again."""
    wanted = {p: t for p, t in pages.items() if is_version_page(p)}
    cache = root / HTML_CACHE
    fingerprint = global_fingerprint(config_file.parent) + _code()
    keys = early.keys if early is not None else {}
    if keys.keys() != wanted.keys():
        keys = {p: _key(fingerprint, t) for p, t in wanted.items()}
    made, warned = early.take() if early is not None else ({}, [])
    _check(warned)  # before anything is cached: a broken link stops every build
    for path, html in made.items():
        if path in keys:
            _replace(cache / f"{keys[path]}.html", html)
    written = _read_written(root / WRITTEN, site)
    in_place = {p for p in wanted if _unchanged(site, p, keys[p], written.get(p))}
    missing = [p for p in wanted if p not in in_place and not (cache / f"{keys[p]}.html").is_file()]
    if missing:
        renderer = _Renderer(config_file, site, root / SHELL_CACHE, fingerprint)
        try:
            converted = _convert_chunk([(p, wanted[p]) for p in missing], renderer)[0]
        finally:
            renderer.close()
        _check(renderer.warnings.messages)
        for path, html in converted:
            _replace(cache / f"{keys[path]}.html", html)
    now: dict[str, list[Any]] = {}
    for path in wanted:
        target = site / output_paths(Path(path))[0]
        if path not in in_place:
            html = (cache / f"{keys[path]}.html").read_bytes()
            if not _holds(target, html):
                _replace(target, html)
        now[path] = [keys[path], *_identity(target)]
    _replace(root / WRITTEN, json.dumps({"site": str(site.resolve()), "pages": now}).encode())
    if keys:  # a build without the archive leaves the cache for the next one with it
        _prune(cache, {f"{k}.html" for k in keys.values()})


def _check(warnings: list[str]) -> None:
    """As MkDocs' strict build: a warning (a broken link) stops the build."""
    if warnings:
        said = "".join(f"\n  {m}" for m in warnings[:20])
        raise ToolError(f"MkDocs kunde inte bygga versionssidorna:{said}")


PARALLEL_FROM = 200  # version pages; below, starting workers costs more than it saves
_shared: _Renderer | None = None


Setup = tuple[Path, Path, Path, str]  # the project's mkdocs.yml, the site, the shell, its key


def _convert_job(
    job: tuple[Setup, list[tuple[str, str]]],
) -> tuple[list[tuple[str, bytes]], list[str]]:
    """A chunk of ``converting``'s pages, in a worker: its renderer is made by the first
    chunk it gets (not before MkDocs starts in the parent)."""
    global _shared
    setup, pages = job
    if _shared is None:
        _shared = _Renderer(*setup)
    return _convert_chunk(pages)


def _convert_chunk(
    pages: Sequence[tuple[str, str]], renderer: _Renderer | None = None
) -> tuple[list[tuple[str, bytes]], list[str]]:
    used = renderer or _shared
    assert used is not None
    before = len(used.warnings.messages)
    made = [(p, used.page(p, m).encode("utf-8", errors="xmlcharrefreplace")) for p, m in pages]
    return made, used.warnings.messages[before:] if renderer is None else []


def copy_site(site: Path, target: Path) -> None:
    """Make ``target`` (to be published) hold the built site (governance.render.handbook.
    output.fill). The version pages are hard links where the file system allows: ``write``
    never changes their files in place (it replaces them), and MkDocs does not write them,
    so the published copy stays as it is."""
    output.fill(site, target, lambda rel: bool(_OUTPUT.match(rel)))


def _identity(path: Path) -> list[int]:
    """What tells that a file is the one written: its size, time of change and inode."""
    found = path.stat()
    return [found.st_size, found.st_mtime_ns, found.st_ino]


def _unchanged(site: Path, path: str, key: str, written: Any) -> bool:
    """Whether the site's file of ``path`` is still the one written with ``key`` (a full
    MkDocs build empties the site: then it is not)."""
    if not isinstance(written, list) or not written or written[0] != key:
        return False
    try:
        return _identity(site / output_paths(Path(path))[0]) == written[1:]
    except OSError:
        return False


def _read_written(path: Path, site: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("site") != str(site.resolve()):
        return {}
    pages = data.get("pages")
    return pages if isinstance(pages, dict) else {}


def _key(fingerprint: str, markdown: str) -> str:
    return hashlib.sha256(f"{fingerprint}\0{markdown}".encode()).hexdigest()


@functools.cache
def _code() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _replace(path: Path, data: bytes) -> None:
    """A new file in place of the old (never written in place: see ``linkable``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)  # a temporary file of its own: workers write at once


def _prune(cache: Path, used: Iterable[str]) -> None:
    """Take away cached pages no version page of this build is: the cache stays the size
    of the archive."""
    keep = set(used)
    for path in cache.glob("*.html") if cache.is_dir() else ():
        if path.name not in keep:
            path.unlink(missing_ok=True)


class _Renderer:
    """MkDocs' configuration, files, navigation and theme, loaded once for the pages the
    cache does not have."""

    def __init__(self, config_file: Path, site: Path, shell: Path, key: str) -> None:
        """``shell``: where the shell is kept, for the project's theme and configuration
        as ``key`` (global_fingerprint and this code) says."""
        from mkdocs.config import load_config
        from mkdocs.structure.files import get_files

        self.warnings = WarningLog()
        logging.getLogger("mkdocs").addHandler(self.warnings)
        config = load_config(str(config_file), site_dir=str(site.resolve()), strict=True)
        self.config = config.plugins.on_config(config)  # the hook adds the URL policy
        self.files = get_files(self.config)
        self.env = self.config.theme.get_env()
        self.files.add_files_from_theme(self.env, self.config)
        self.item = self.env.get_template("partials/toc-item.html")
        self.sections = Sections(self.config, self.files)
        kept = _read_shell(shell, key)
        self.shell, self.shell_url, self.sentinel_item = kept or self._shell()
        if kept is None:
            _store_shell(shell, key, (self.shell, self.shell_url, self.sentinel_item))
        keys = [_TITLE, f"#{_H1}", self.sentinel_item, _SHELL_CONTENT, self.shell_url]
        self.markers = re.compile("|".join(re.escape(k) for k in sorted(keys, key=len)[::-1]))

    def _page(self, path: str, markdown: str | None) -> Any:
        from mkdocs.structure.files import File
        from mkdocs.structure.pages import Page
        from mkdocs.utils import meta

        found = self.files.get_file_from_path(path)
        file = found or File(
            path, self.config.docs_dir, self.config.site_dir, self.config.use_directory_urls
        )
        page = Page(None, file, self.config)
        if markdown is not None:
            page.markdown, page.meta = meta.get_data(markdown)
            if not self.sections.render(page):
                page.render(self.config, self.files)
        return page

    @functools.cached_property
    def nav(self) -> Any:
        from mkdocs.structure.nav import get_navigation

        return get_navigation(self.files, self.config)

    def _theme(self, page: Any) -> str:
        from mkdocs.commands.build import get_context

        self.config._current_page = page
        page.active = True
        try:
            context = get_context(self.nav, self.files.documentation_pages(), self.config, page)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            return str(template.render(context))
        finally:
            page.active = False
            self.config._current_page = None

    def _shell(self) -> tuple[str, str, str]:
        from mkdocs.structure.toc import get_toc

        page = self._page(_SHELL_PATH, None)
        page.meta = {"title": _TITLE, "archived": True, "robots": "noindex, nofollow"}
        page.meta["search"] = {"exclude": True}
        page.content = _SHELL_CONTENT
        sentinel: Any = {"level": 2, "id": _TOC, "name": _TOC, "children": []}
        top: Any = {"level": 1, "id": _H1, "name": _TITLE, "children": [sentinel]}
        page.toc = get_toc([top])
        html = self._theme(page)
        item = str(self.item.render(toc_item=page.toc.items[0].children[0]))
        if html.count(item) != 1 or html.count(page.content) != 1:
            raise ToolError("Temat visar inte versionssidorna som styrdok väntar sig.")
        return html, page.url, item

    def page(self, path: str, markdown: str) -> str:
        text, blocks = passthrough.set_aside(markdown)
        page = self._page(path, text)
        if blocks:
            content = passthrough.put_back(str(page.content), blocks)
            if content is None:  # Markdown did not see a block as styrdok wrote it
                page = self._page(path, markdown)
            else:
                page.content = content
        toc = list(page.toc)
        items = list(toc[0].children) if toc and toc[0].level == 1 else []
        meta_keys = set(page.meta) - {"title", "archived", "robots", "search"}
        if not items or not toc or "<h1" not in page.content or meta_keys:
            return self._theme(page)  # the shell does not fit: the whole theme
        parts = {
            _TITLE: str(page.meta.get("title", "")),
            f"#{_H1}": str(toc[0].url),
            self.sentinel_item: "\n      \n        ".join(
                str(self.item.render(toc_item=i)) for i in items
            ),
            _SHELL_CONTENT: str(page.content),
            self.shell_url: str(page.url),
        }
        return self.markers.sub(lambda m: parts[m.group(0)], self.shell)

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)


def _read_shell(path: Path, key: str) -> tuple[str, str, str] | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    parts = data.get("shell") if isinstance(data, dict) and data.get("key") == key else None
    if isinstance(parts, list) and len(parts) == 3 and all(isinstance(p, str) for p in parts):
        return parts[0], parts[1], parts[2]
    return None


def _store_shell(path: Path, key: str, shell: tuple[str, str, str]) -> None:
    _replace(path, json.dumps({"key": key, "shell": list(shell)}).encode("utf-8"))
