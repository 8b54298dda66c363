"""Every address that would become a link or an image, judged by the one URL policy
(governance.urlpolicy): fields named ``url`` and the links and images in Markdown text,
found by parsing the text with Python-Markdown as the handbook and the Word export do, so
reference links, entity-encoded and mixed-case schemes are seen as a browser sees them.
Also ``!!!`` in text, which the handbook shows as text rather than as a box."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import markdown  # type: ignore[import-untyped]
from pydantic import BaseModel

from governance import urlpolicy
from governance.findings import Finding, Path_
from governance.load import Corpus, Entry, finding

_MAY_LINK = ("](", "]:", "<")
_ADMONITION = re.compile(r"^[ \t>*+\-\d.]*!!!", re.M)


def check_urls(corpus: Corpus, today: date) -> Iterator[Finding]:
    found: list[urlpolicy.Refused] = []
    md = markdown.Markdown(extensions=["tables", urlpolicy.SafeLinks(found)])
    for entry in corpus.entries:
        if entry.doc is None:
            continue
        for loc, text in _strings(entry.doc, ()):
            if loc and loc[-1] == "url":
                yield from _field(entry, loc, text)
                continue
            if any(mark in text for mark in _MAY_LINK):
                found.clear()
                md.reset().convert(text)
                yield from (_refused(entry, loc, r) for r in found)
            if "!!!" in text:
                yield from _admonition(entry, loc, text)


def _admonition(entry: Entry, loc: Path_, text: str) -> Iterator[Finding]:
    match = _ADMONITION.search(text)
    if match is None:
        return
    shown = text[match.start() :].split("\n", 1)[0].strip()
    yield finding(
        "text-admonition",
        entry,
        f"Raden '{shown}' blir ingen ruta i handboken utan visas som text.",
        loc,
    )


def _field(entry: Entry, loc: Path_, url: str) -> Iterator[Finding]:
    if url.strip() in ("", "#"):
        return  # reported as placeholder-link
    reason = urlpolicy.problem(url)
    if reason is not None:
        yield finding(
            "url-unsafe",
            entry,
            f"Adressen '{urlpolicy.normalise(url)}' blir ingen länk: {reason}.",
            loc,
        )


def _refused(entry: Entry, loc: Path_, refused: urlpolicy.Refused) -> Finding:
    if refused.use == "image":
        return finding(
            "image-remote",
            entry,
            f"Bilden '{refused.url}' visas inte: {refused.reason}.",
            loc,
        )
    return finding(
        "url-unsafe",
        entry,
        f"Länken till '{refused.url}' blir ingen länk: {refused.reason}.",
        loc,
    )


def _strings(value: Any, loc: Path_) -> Iterator[tuple[Path_, str]]:
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _strings(getattr(value, name), (*loc, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*loc, i))
