"""Addresses in Markdown text: links, reference definitions, autolinks, HTML ``href`` and
bare web addresses. Code (``inline`` and fenced blocks) is skipped: addresses there are
examples, not links. Pure functions of the text."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CODE = re.compile(r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)|`[^`\n]*`", re.S)
# From "](" on, so brackets inside the link text do not matter; a target may hold one
# level of balanced parentheses (Wikipedia's addresses do).
_INLINE = re.compile(r"\]\(\s*(?:<([^>\n]*)>|((?:[^()\s]|\([^()\s]*\))+))")
_REFERENCE = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)>?", re.M)
_AUTOLINK = re.compile(r"<((?:https?|mailto|tel):[^>\s]+)>", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_BARE = re.compile(r"(?<![\w/<\"'=\[\]])https?://[^\s<>\"'`\[\]]+", re.I)
_TRAILING = ".,;:!?*_"
MARKERS = ("://", "](", "]:", "mailto:", "tel:", "href")


@dataclass(frozen=True, slots=True)
class Found:
    """One address in a text: where it starts, as written, and whether it is link markup
    (a bare address is only text, so only markup can be an internal link)."""

    offset: int
    url: str
    markup: bool


def may_link(text: str) -> bool:
    return any(marker in text for marker in MARKERS)


def mask_code(text: str) -> str:
    """The text with code replaced by spaces, so offsets stay the same."""
    if "`" not in text and "~~~" not in text:
        return text
    return _CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), text)


def find_links(text: str) -> list[Found]:
    """Every address in ``text``, in order of appearance."""
    if not may_link(text):
        return []
    masked = mask_code(text)
    found: list[Found] = []
    taken: set[int] = set()
    for pattern in (_INLINE, _REFERENCE, _AUTOLINK, _HREF):
        for match in pattern.finditer(masked):
            group = next(g for g in range(1, (match.lastindex or 0) + 1) if match[g] is not None)
            url = match[group].strip()
            if url:
                found.append(Found(match.start(group), url, True))
                taken.add(match.start(group))
    for match in _BARE.finditer(masked):
        if match.start() not in taken:
            found.append(Found(match.start(), _trim(match.group()), False))
    return sorted(found, key=lambda f: f.offset)


def _trim(url: str) -> str:
    """A bare address without the punctuation that ends the sentence around it."""
    while url and url[-1] in _TRAILING or (url.endswith(")") and url.count("(") < url.count(")")):
        url = url[:-1]
    return url
