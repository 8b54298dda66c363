"""Large blocks of styrdok's own HTML (the listing pages' document lists, the register
table) passed around Python-Markdown: its raw-HTML parser took seconds on a list of 2,000
documents, only to copy the block unchanged.

In a page's Markdown each block becomes a placeholder comment, the blocks follow the
page's text after a marker, and the front matter says so (so no other page, whatever its
text, is touched); the generated project's hook (``HOOK_TEXT``, in
project.HOOK) takes them off before Markdown runs and puts them back into the HTML. The
page's HTML is what Markdown made of the blocks in place, and a plain ``mkdocs build`` of
the project gives the same (the hook is part of the project).

A block is styrdok's own HTML, its text escaped where it is made (escape.html).

The version pages, which styrdok converts itself after MkDocs, set their blocks aside the
same way with ``set_aside`` and ``put_back`` (found by their shape, not wrapped).
"""

from __future__ import annotations

import re

MARK = "\n<!-- styrdok:html-blocks -->\n"
SPLIT = "\n<!-- styrdok:next-block -->\n"
_WRAPPED = re.compile(r"<!-- styrdok:begin -->\n(.*?)\n<!-- styrdok:end -->\n", re.S)

HOOK_TEXT = f"""

# Large HTML blocks passed around Markdown (governance/render/handbook/passthrough.py).
import re as _re

_MARK = {MARK!r}
_SPLIT = {SPLIT!r}
_PLACE = _re.compile(r"<!-- styrdok:block (\\d+) -->")


def on_page_markdown(markdown, page, **kwargs):
    if not page.meta.get("styrdok_html_blocks"):
        page.styrdok_blocks = []
        return markdown
    text, found, blocks = markdown.partition(_MARK)
    page.styrdok_blocks = blocks.split(_SPLIT) if found else []
    return text


def on_page_content(html, page, **kwargs):
    blocks = getattr(page, "styrdok_blocks", [])
    return _PLACE.sub(lambda m: blocks[int(m.group(1))], html) if blocks else html
"""


def wrap(html: str) -> str:
    """A block of HTML (ending with a newline) to be passed around Markdown by ``collect``."""
    return f"<!-- styrdok:begin -->\n{html.rstrip(chr(10))}\n<!-- styrdok:end -->\n"


def collect(text: str) -> str:
    """The page with each wrapped block replaced by its placeholder, and the blocks after
    the marker at the end."""
    blocks: list[str] = []

    def place(found: re.Match[str]) -> str:
        blocks.append(found.group(1))
        return f"<!-- styrdok:block {len(blocks) - 1} -->\n"

    body = _WRAPPED.sub(place, text)
    if not blocks:
        return body
    assert body.startswith("---\n"), "a page with blocks has front matter"
    end = body.index("\n---\n", 3)  # the page says it has blocks; no other page is cut
    return body[:end] + "\nstyrdok_html_blocks: true" + body[end:] + MARK + SPLIT.join(blocks)


# styrdok's own HTML in a page (the metadata and revision tables, check lists, the
# redline's tables and sections): a block at the start of a line after an empty one, to its
# closing tag at the start of a line, then an empty line or the end of the page. Markdown
# passes such a block through as it is, but its HTML parser is most of a page's time; so
# it is set aside, a marker paragraph in its place.
_BLOCK = re.compile(r"(?<=\n\n)<(table|ul|ol|div)\b[^\n]*\n.*?^</\1>\n(?=\n|\Z)", re.S | re.M)
_MARK = "styrdokRAWx"


def set_aside(markdown: str) -> tuple[str, list[str]]:
    """For pages styrdok converts itself (the version pages, governance.render.handbook.
    archive_html): the page with each of its own HTML blocks replaced by a marker
    paragraph, and the blocks; ``put_back`` restores them in the HTML."""
    if _MARK in markdown:
        return markdown, []
    blocks: list[str] = []

    def mark(match: re.Match[str]) -> str:
        last = match.end() == len(markdown)  # Markdown's HTML ends where the page's text does
        blocks.append(match.group(0)[:-1] if last else match.group(0))
        return f"{_MARK}{len(blocks) - 1}\n"

    return _BLOCK.sub(mark, markdown), blocks


def put_back(content: str, blocks: list[str]) -> str | None:
    """The content with each block where its marker paragraph is; None when a marker is
    not a paragraph of its own (then the page is converted with its blocks)."""
    marks = {f"<p>{_MARK}{i}</p>": block for i, block in enumerate(blocks)}
    if any(content.count(m) != 1 for m in marks):
        return None
    pattern = re.compile("|".join(re.escape(m) for m in marks))
    return pattern.sub(lambda m: marks[m.group(0)], content)
