"""Every address that would become a link or an image, judged by the one URL policy
(governance.urlpolicy): fields marked as web addresses in the model and the links and images in Markdown text,
found by parsing the text with Python-Markdown as the handbook and the Word export do, so
reference links, entity-encoded and mixed-case schemes are seen as a browser sees them.
Also ``!!!`` in text, which the handbook shows as text rather than as a box."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import astuple
from datetime import date
from typing import Any

import markdown  # type: ignore[import-untyped]
from pydantic import BaseModel

from governance import urlpolicy
from governance.checks.memo import EntryMemo
from governance.fields import addresses
from governance.findings import Finding, Path_
from governance.load import Corpus, Entry, finding
from governance.model import Document

# The start of a link target in Markdown: after "](" or a reference definition's "]:".
_TARGET = re.compile(r"(?:\]\(|\]:)[ \t\n]*<?([^\s)>]*)")
_RAW_MARKS = ("](", "]:", "![", "!!!", "\\")  # substring tests: far faster than a regex
_SCALARS = (bool, int, float, date)
_ALLOWED_START = ("http://", "https://", "mailto:", "tel:")
_ADMONITION = re.compile(r"^[ \t>*+\-\d.]*!!!", re.M)


def check_urls(corpus: Corpus, today: date) -> Iterator[Finding]:
    found: list[urlpolicy.Refused] = []
    md = markdown.Markdown(extensions=["tables", urlpolicy.SafeLinks(found)])
    memo = EntryMemo(corpus.root, "urls")  # parsing with Markdown is most of the time
    for entry in corpus.entries:
        if entry.doc is None:
            continue
        known = memo.get(entry)
        try:
            results = [_finding(*fields) for fields in known] if known is not None else None
        except (TypeError, ValueError):
            results = None
        if results is None:
            results = list(_check(entry, md, found))
            memo.put(entry, [(astuple(f)[:-1], f.loc) for f in results])
        yield from results
    memo.save()


def _check(entry: Entry, md: Any, found: list[urlpolicy.Refused]) -> Iterator[Finding]:
    """The findings of one file: a function of its text alone."""
    assert entry.doc is not None
    if isinstance(entry.doc, Document):
        for loc, url in _url_fields(entry.doc):
            yield from _field(entry, loc, url)
    if not any(mark in entry.text for mark in _RAW_MARKS):
        return  # no link, image or box in the file, also not escaped
    for loc, text in _strings(entry.doc):
        if loc and loc[-1] == "url":
            continue
        if _may_refuse(text):
            found.clear()
            md.reset().convert(text)
            yield from (_refused(entry, loc, r) for r in found)
        if "!!!" in text:
            yield from _admonition(entry, loc, text)


def _finding(values: tuple[Any, ...], loc: tuple[str | int, ...]) -> Finding:
    code, severity, path, message, hint, line, column, field, doc_id = values
    return Finding(code, severity, path, message, hint, line, column, field, doc_id, tuple(loc))


def _url_fields(doc: Document) -> Iterator[tuple[Path_, str]]:
    """The fields the model marks as web addresses (governance.fields)."""
    return addresses(doc)


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


def _may_refuse(text: str) -> bool:
    """Whether Markdown could make a refused link or image of ``text``; cheap, so that
    only such texts are parsed. Entities and escapes are left to Markdown to decode."""
    if "![" in text:
        return True
    if "](" not in text and "]:" not in text:
        return False
    for match in _TARGET.finditer(text):
        target = match[1]
        if "&" in target or "\\" in target or target.startswith("//"):
            return True
        if ":" in target.split("/", 1)[0] and not target.lower().startswith(_ALLOWED_START):
            return True
    return False


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


def _strings(root: Any) -> Iterator[tuple[Path_, str]]:
    """Every string in a model that Markdown could make a link, image or box of, with
    where it is. A loop, not recursion: this walks every field of thousands of documents."""
    stack: list[tuple[Path_, Any]] = [((), root)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, str):
            if "](" in value or "]:" in value or "![" in value or "!!!" in value:
                yield loc, value
            continue
        if isinstance(value, BaseModel):
            items: Any = vars(value).items()
        elif isinstance(value, list):
            items = enumerate(value)
        elif isinstance(value, dict):
            items = value.items()
        else:
            continue
        for key, item in items:
            if item is not None and not isinstance(item, _SCALARS):
                stack.append(((*loc, key), item))
