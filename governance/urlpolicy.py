"""The one URL policy: which addresses may become a link or an image, in a handbook page or
a Word export, whether they come from a field (``url``) or from Markdown text.

* A **link** may go to http, https, mailto and tel addresses, and to relative addresses
  (``../annan-sida/``, ``#avsnitt``, ``bilaga.pdf``). Anything else — ``javascript:``,
  ``vbscript:``, ``data:``, ``file:``, ``//annan.server`` — is refused.
* An **image** may only be a relative address: the handbook is an intranet page, and an
  image from another server is a request to a third party every time the page is read.

Addresses are judged as a browser reads them: HTML entities decoded (``&#106;avascript:``),
leading and trailing spaces and control characters removed, tabs and newlines inside
removed (``java\\tscript:``), the scheme in any case.

``SafeLinks`` is a Python-Markdown extension that applies the policy to every ``<a href>``
and ``<img src>`` Markdown produces (links, reference links, autolinks, images), after
Markdown has parsed the text and before anything else sees it: a refused link becomes
inert text that still shows the address. The handbook's MkDocs project runs it through a
hook, the Word export directly, and ``styrdok check`` collects what it refuses.

This module imports only the standard library and ``markdown``: it is copied into the
generated MkDocs project (``hooks/``), which builds without styrdok installed.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any, Literal

from markdown import Extension, Markdown  # type: ignore[import-untyped]
from markdown.treeprocessors import (  # type: ignore[import-untyped]
    Treeprocessor,
    UnescapeTreeprocessor,
)
from markdown.util import AMP_SUBSTITUTE  # type: ignore[import-untyped]

ALLOWED_SCHEMES = ("http", "https", "mailto", "tel")
INERT_LINK_CLASS = "styrdok-inert-link"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
_STRIP = "".join(chr(c) for c in range(0x21)) + "\x7f"  # C0 controls, space, DEL
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_ENCODE = ' <>"()'

Use = Literal["link", "image"]


def normalise(url: str) -> str:
    """The address as a browser reads it from an attribute."""
    text = url.replace(AMP_SUBSTITUTE, "&")
    for _ in range(3):  # entities of entities: decode until nothing changes
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return _TAB_OR_NEWLINE.sub("", text.strip(_STRIP))


def scheme_of(url: str) -> str | None:
    """The scheme in lower case (``javascript``), or None for a relative address."""
    match = _SCHEME.match(normalise(url))
    return match[1].lower() if match else None


def problem(url: str, use: Use = "link") -> str | None:
    """Why ``url`` may not be a link (or an image), in Swedish; None if it may."""
    clean = normalise(url)
    scheme = scheme_of(clean)
    if use == "image":
        if scheme is not None or clean.startswith(("//", "\\\\", "/\\")):
            return "en bild får bara hämtas från handboken själv (en relativ adress)"
        return None
    if scheme is None:
        if clean.startswith(("//", "\\\\", "/\\")):
            return "en adress som börjar med // saknar protokoll; skriv hela adressen med https://"
        return None
    if scheme not in ALLOWED_SCHEMES:
        return f"'{scheme}:' är inte tillåtet; bara http, https, mailto, tel och relativa länkar"
    return None


def href(url: str | None, use: Use = "link") -> str | None:
    """The address to write in a page, or None when the policy refuses it. Characters
    that would end a Markdown link or an HTML attribute are percent-encoded."""
    if url is None or problem(url, use) is not None:
        return None
    clean = normalise(url)
    return "".join(f"%{ord(c):02X}" if c in _ENCODE else c for c in clean)


@dataclass(frozen=True)
class Refused:
    url: str
    use: Use
    reason: str


class _Disarm(Treeprocessor):  # type: ignore[misc]
    def __init__(self, md: Markdown, found: list[Refused] | None) -> None:
        super().__init__(md)
        self.found = found
        self.unescape = UnescapeTreeprocessor(md)

    def run(self, root: ET.Element) -> None:
        for parent in root.iter():
            for i, child in enumerate(list(parent)):
                if child.tag in ("a", "img"):
                    self._judge(parent, i, child)

    def _judge(self, parent: ET.Element, index: int, element: ET.Element) -> None:
        use: Use = "image" if element.tag == "img" else "link"
        raw = element.get("src" if use == "image" else "href")
        if raw is None:
            return
        url = normalise(self.unescape.unescape(raw))
        reason = problem(url, use)
        if reason is None:
            return
        if self.found is not None:
            self.found.append(Refused(url, use, reason))
        parent.remove(element)
        parent.insert(index, inert(element, url, use))


def inert(element: ET.Element, url: str, use: Use) -> ET.Element:
    """A refused link or image as text that keeps the address visible."""
    span = ET.Element("span", {"class": INERT_LINK_CLASS})
    span.tail = element.tail
    if use == "image":
        alt = element.get("alt") or ""
        span.text = f"Bild: {alt} ({url})" if alt else f"Bild: {url}"
        return span
    span.text = element.text
    for child in element:
        span.append(child)
    shown = "".join(element.itertext()).strip()
    if shown != url:
        suffix = f" ({url})" if shown else url
        if len(span):
            span[-1].tail = (span[-1].tail or "") + suffix
        else:
            span.text = (span.text or "") + suffix
    return span


class SafeLinks(Extension):  # type: ignore[misc]
    """Apply the policy to every link and image Markdown makes; with ``found``, record
    what was refused."""

    def __init__(self, found: list[Refused] | None = None, **kwargs: Any) -> None:
        self.found = found
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        # After 'inline' (20), which makes the links, before anything that reads them.
        md.treeprocessors.register(_Disarm(md, self.found), "styrdok_safe_links", 15)
