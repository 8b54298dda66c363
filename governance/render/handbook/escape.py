"""Corpus text into Markdown and HTML without letting it become markup.

* ``html``: plain text for our own HTML (tables, banners): everything escaped.
* ``inline``: plain text inside Markdown (headings, link text, list items): HTML escaped and
  Markdown's own characters backslashed, so a title is shown exactly as written.
* ``markdown``: a Markdown body written by a process leader: Markdown stays Markdown, but raw
  HTML is shown as text, ``{…}`` cannot become an attribute list (attr_list is enabled for
  styrdok's own headings), and links or images with a script scheme lose their target.
* ``attr``/``front``: values for front matter, which MkDocs puts in pages unescaped.
"""

from __future__ import annotations

import html as _html
import json
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>-])")
_CODE = re.compile(r"(```.*?```|~~~.*?~~~|`[^`\n]*`)", re.S)
_UNSAFE_TARGET = re.compile(
    r"(\]\(\s*<?)\s*(?:javascript|vbscript|data|file):(?:[^()\s]|\([^()\s]*\))*", re.I
)


_UNSAFE_REFERENCE = re.compile(
    r"^(\s{0,3}\[[^\]\n]+\]:\s*<?)\s*(?:javascript|vbscript|data|file):\S*", re.I | re.M
)


def html(text: str) -> str:
    return _html.escape(text, quote=True)


def inline(text: str) -> str:
    """Plain text shown as written inside Markdown."""
    escaped = _html.escape(" ".join(text.split()), quote=False)
    return _MD_SPECIAL.sub(r"\\\1", escaped)


def markdown(text: str) -> str:
    """A Markdown body: raw HTML shown as text, script links disarmed; code left alone."""
    parts = _CODE.split(text)
    for i in range(0, len(parts), 2):  # even parts are outside code
        part = parts[i].replace("<", "&lt;").replace("{", "&#123;")  # no attr_list from text
        part = _UNSAFE_TARGET.sub(r"\1#", part)
        parts[i] = _UNSAFE_REFERENCE.sub(r"\1#", part)
    return "".join(parts)


def front(text: str) -> str:
    """A front matter string: HTML escaped (MkDocs themes print it unescaped), as YAML."""
    return json.dumps(_html.escape(text, quote=True), ensure_ascii=False)


_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:", "/", "#", "./", "../")


def url(target: str | None) -> str:
    """A link target for Markdown: web, mail and relative addresses only."""
    target = (target or "").strip()
    if not target.lower().startswith(_SAFE_SCHEMES):
        return "#"
    return "".join(f"%{ord(c):02X}" if c in ' ()<>"' else c for c in target)
