"""Corpus text into Markdown and HTML without letting it become markup.

* ``html``: plain text for our own HTML (tables, banners): everything escaped.
* ``inline``: plain text inside Markdown (headings, link text, list items): HTML escaped and
  Markdown's own characters backslashed, so a title is shown exactly as written.
* ``markdown``: a Markdown body written by a process leader: Markdown stays Markdown, but raw
  HTML is shown as text, ``{…}`` cannot become an attribute list (attr_list is enabled for
  styrdok's own headings) and ``!!!`` cannot open an admonition (styrdok's own status and
  warning boxes cannot be imitated). Links and images are judged after Markdown has parsed
  them, by governance.urlpolicy.SafeLinks, in the handbook and the Word export alike.
* ``html_link``/``md_link``: a link from a field (``url``), through the same URL policy: a
  refused address is shown as text, never as a link.
* ``attr``/``front``: values for front matter, which MkDocs puts in pages unescaped.
"""

from __future__ import annotations

import html as _html
import json
import re

from governance import urlpolicy

_MD_SPECIAL = "\\`*_{}[]()#+!|>-"  # Markdown's own characters: each one backslashed
_BACKSLASHED = str.maketrans({c: "\\" + c for c in _MD_SPECIAL})
_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.S)
# "!!!" opens an admonition: corpus text never does ("\\!" is a literal "!"), so a body
# cannot draw a box that looks like styrdok's status banner.
_ADMONITION = re.compile(r"!(?=!!)")


def html(text: str) -> str:
    return _html.escape(text, quote=True)


def inline(text: str) -> str:
    """Plain text shown as written inside Markdown."""
    escaped = _html.escape(" ".join(text.split()), quote=False)
    return escaped.translate(_BACKSLASHED)


def markdown(text: str) -> str:
    """A Markdown body: raw HTML and admonitions shown as text; code left alone."""
    parts = _CODE.split(text)
    for i in range(0, len(parts), 2):  # even parts are outside code
        part = parts[i].replace("<", "&lt;").replace("{", "&#123;")  # no attr_list from text
        parts[i] = _ADMONITION.sub(r"\\!", part)
    return "".join(parts)


def front(text: str) -> str:
    """A front matter string: HTML escaped (MkDocs themes print it unescaped), as YAML."""
    return json.dumps(_html.escape(text, quote=True), ensure_ascii=False)


def html_link(url: str, text: str) -> str:
    """An HTML link to ``url`` showing ``text`` (already HTML), or, when the URL policy
    refuses the address, the text with the address beside it, as text."""
    target = urlpolicy.href(url)
    if target is None:
        shown = (
            f"{text} (<code>{html(url)}</code>)" if text != html(url) else f"<code>{text}</code>"
        )
        return f'<span class="{urlpolicy.INERT_LINK_CLASS}">{shown}</span>'
    return f'<a href="{html(target)}">{text}</a>'


def md_link(url: str, text: str) -> str:
    """A Markdown link to ``url`` showing ``text`` (already Markdown), or the text and the
    address as plain text when the URL policy refuses it."""
    target = urlpolicy.href(url)
    if target is None:
        return f"{text} ({inline(url)})"
    return f"[{text}]({target})"
