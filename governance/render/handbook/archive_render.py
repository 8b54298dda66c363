"""A version page set into the theme (governance.render.handbook.archive_html): MkDocs'
configuration, the project's files and theme loaded once, each page's Markdown converted
section by section (governance.render.handbook.sections) and put into the *shell*, the
theme's page rendered once for a page at the same depth, with markers where the title,
the table of contents, the skip link and the content go, each replaced in one pass. A
page the shell does not fit (no first heading, no table of contents) is rendered with the
whole theme, as MkDocs would."""

from __future__ import annotations

import functools
import json
import logging
import re
import threading
from pathlib import Path
from typing import Any

from governance.atomic import write_atomic
from governance.errors import ToolError
from governance.render.handbook import mkdocs_config, passthrough
from governance.render.handbook.project import WarningLog
from governance.render.handbook.sections import Sections

_SHELL_PATH = "dokument/styrdok-versionsskal/version/0.0.md"
_TITLE, _TOC, _CONTENT = "styrdokSKALxTITEL", "styrdokSKALxTOC", "styrdokSKALxINNEHALL"
_H1 = "styrdok-skal-h1"
_SHELL_CONTENT = f'<h1 id="{_H1}">{_CONTENT}</h1>'


class Renderer:
    """MkDocs' configuration, files, navigation and theme, loaded once for the pages the
    cache does not have."""

    def __init__(
        self, config_file: Path, site: Path, shell: Path, key: str, configured: Any = None
    ) -> None:
        """``shell``: where the shell is kept, for the project's theme and configuration
        as ``key`` (global_fingerprint and this code) says. ``configured``: the project's
        configuration as MkDocs builds the site with it (read, and given to the plugins
        and hooks: ``on_config``), read already."""
        from governance.render.handbook.docfiles import DocFiles

        self.warnings = WarningLog()
        mine = threading.get_ident()  # MkDocs may build in another thread meanwhile
        self.warnings.addFilter(lambda record: record.thread == mine)
        logging.getLogger("mkdocs").addHandler(self.warnings)
        if configured is None:
            config = mkdocs_config.load(config_file, site.resolve(), strict=True)
            configured = config.plugins.on_config(config)  # the hook adds the URL policy
        self.config = configured
        self.env = self.config.theme.get_env()
        self.files = DocFiles(self.config, self.env)  # listed only if a page needs it
        self.item = self.env.get_template("partials/toc-item.html")
        self.items: dict[tuple[Any, ...], str] = {}  # see _toc_item
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

        found = self.files.get_file_from_path(path) if path != _SHELL_PATH else None
        file = found or File(
            path, self.config.docs_dir, self.config.site_dir, self.config.use_directory_urls
        )
        page = Page(None, file, self.config)
        if markdown is not None:
            page.markdown, page.meta = meta.get_data(markdown)
            if not self.sections.render(page):
                page.render(self.config, self.files.full())
        return page

    @functools.cached_property
    def nav(self) -> Any:
        from mkdocs.structure.nav import get_navigation

        return get_navigation(self.files.full(), self.config)

    def _theme(self, page: Any, files: Any = None) -> str:
        """The page rendered with the whole theme; ``files``: the files to take the
        navigation (the pages it names) from, when not every file of the site."""
        from mkdocs.commands.build import get_context
        from mkdocs.structure.nav import get_navigation

        self.config._current_page = page
        page.active = True
        try:
            nav = self.nav if files is None else get_navigation(files, self.config)
            pages = (files or self.files.full()).documentation_pages()
            context = get_context(nav, pages, self.config, page)
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
        html = self._theme(page, self.files)  # the navigation's pages looked up one by one
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
            self.sentinel_item: "\n      \n        ".join(self._toc_item(i) for i in items),
            _SHELL_CONTENT: str(page.content),
            self.shell_url: str(page.url),
        }
        return self.markers.sub(lambda m: parts[m.group(0)], self.shell)

    def _toc_item(self, item: Any) -> str:
        """An entry of the table of contents, rendered once for all the pages that have it
        (the versions of a document share most of theirs): the template is given the
        entry only, so the same entry renders the same."""
        key = _toc_key(item)
        found = self.items.get(key)
        if found is None:
            found = self.items[key] = str(self.item.render(toc_item=item))
        return found

    def close(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)


def _toc_key(item: Any) -> tuple[Any, ...]:
    """Everything an entry of the table of contents holds, its entries' too."""
    own = sorted((k, repr(v)) for k, v in vars(item).items() if k != "children")
    return (tuple(own), tuple(_toc_key(c) for c in item.children))


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
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps({"key": key, "shell": list(shell)}).encode("utf-8"))
