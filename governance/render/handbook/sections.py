"""A version page's Markdown converted section by section, each section's HTML kept for the
document's other versions (governance.render.handbook.archive_html).

The versions of a document share most of their sections word for word, so each section
(from one ``## `` heading to the next) is converted once per document with one Markdown
converter, reset between conversions, instead of a new one per page (MkDocs' Page.render),
and the HTML of the sections is joined. That is the HTML MkDocs makes of the whole page
when nothing in one section depends on another:

* no line before the last section opens raw HTML (an HTML block could run on over a
  heading) and no line defines a link reference (``[x]: url`` applies to the whole page):
  such a page is converted whole;
* no two sections hold the same ``id`` (the table of contents makes the ids of a page
  unique across all of it): checked after converting, else the page is converted whole;
* a link is resolved against the page's own file: a section is shared between the pages
  of one folder only (every version of a document is ``dokument/ID/version/X.Y``), and a
  section that links into that folder is kept for its own page only.

A test converts the version pages of a generated corpus both ways and compares them.
"""

from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

import markdown  # type: ignore[import-untyped]
from markdown.extensions.toc import nest_toc_tokens  # type: ignore[import-untyped]
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]

_SECTION = re.compile(r"(?<=\n\n)(?=## )")
_HTML = re.compile(r"^ {0,3}<", re.M)  # a line that may open a block of raw HTML
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.M)  # a link reference
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_ANYWHERE = ("http:", "https:", "mailto:", "tel:", "#")


class _Ids(Treeprocessor):  # type: ignore[misc]
    """Every id of the converted section (after the table of contents made its own)."""

    def run(self, root: Element) -> None:
        self.found = [i for e in root.iter() if (i := e.get("id"))]


class Sections:
    """One Markdown converter with MkDocs' configuration and each section's HTML, table of
    contents and ids, for the pages of one folder at a time."""

    def __init__(self, config: Any, files: Any) -> None:
        self.config, self.files = config, files
        self.md = markdown.Markdown(
            extensions=config["markdown_extensions"],
            extension_configs=config["mdx_configs"] or {},
        )
        self.ids = _Ids(self.md)
        self.md.treeprocessors.register(self.ids, "styrdok_ids", 4)  # after the toc's 5
        self.folder = ""
        self.kept: dict[tuple[str, str], tuple[str, list[dict[str, Any]], list[str], Any]] = {}

    def render(self, page: Any) -> bool:
        """Set the page's content, table of contents and title from its Markdown as
        ``page.render`` would; False when the page must be converted whole."""
        from mkdocs.structure.toc import get_toc

        text = str(page.markdown)
        sections = _SECTION.split(text)
        if _REFERENCE.search(text) or any(_HTML.search(s) for s in sections[:-1]):
            return False
        folder = page.file.src_uri.rpartition("/")[0]
        if folder != self.folder:  # the pages come folder by folder: keep one folder's
            self.folder, self.kept = folder, {}
        parts = [self._section(page, part) for part in sections]
        ids = [i for part in parts for i in part[2]]
        if len(set(ids)) != len(ids):
            return False
        page.content = "\n".join(part[0] for part in parts if part[0])
        page.toc = get_toc(nest_toc_tokens([dict(t) for part in parts for t in part[1]]))
        page._title_from_render = parts[0][3]
        page.present_anchor_ids = set(ids)
        return True

    def _section(self, page: Any, text: str) -> tuple[str, list[dict[str, Any]], list[str], Any]:
        key = (page.file.src_uri if _local_link(text) else "", text)
        found = self.kept.get(key)
        if found is None:
            found = self.kept[key] = self._convert(page, text)
        return found

    def _convert(self, page: Any, text: str) -> tuple[str, list[dict[str, Any]], list[str], Any]:
        from mkdocs.structure import pages

        md = self.md.reset()
        pages._RelativePathTreeprocessor(page.file, self.files, self.config)._register(md)
        title = pages._ExtractTitleTreeprocessor()
        title._register(md)
        self.ids.found = []  # Markdown runs nothing on an empty text
        html = md.convert(text)
        tokens = list(_flat(getattr(md, "toc_tokens", [])))
        return html, tokens, list(self.ids.found), title.title


def _local_link(text: str) -> bool:
    """Whether the section links a file beside the page (a link the folder's pages would
    each write differently); every other link is the same from each of them."""
    for target in _LINK.findall(text):
        if target.startswith(_ANYWHERE):
            continue
        if not target.startswith("../") or "version/" in target:
            return True
    return False


def _flat(tokens: list[dict[str, Any]]) -> Any:
    for token in tokens:
        yield {k: v for k, v in token.items() if k != "children"}
        yield from _flat(token["children"])
