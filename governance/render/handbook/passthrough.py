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
