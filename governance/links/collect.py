"""Every address in the corpus and every place it is written.

* fields marked ``Url`` in the model (governance.fields: the document's own address,
  attachments, supporting documents, sources): the whole value is one address;
* every other text field is Markdown: links, reference definitions, autolinks, ``href``
  and bare web addresses (governance.links.scan);
* hyperlinks in the Word layout (.docx) of a template (governance.links.docx);
* the corpus' own handbook pages, ``site/docs/**/*.md`` (web, mail and phone links only:
  MkDocs checks their internal links when it builds).

Lines are found only for the places that get a finding (``Place.position``), as
``styrdok check`` does, so a clean run never outlines a file.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from governance.fields import Url, strings
from governance.findings import Path_, field_name
from governance.links import docx
from governance.links.scan import find_links, may_link
from governance.links.urls import Kind, kind_of
from governance.load import Corpus, Entry
from governance.model import Template
from governance.safefile import read_site_file

SITE_PAGES = Path("site") / "docs"


@dataclass(frozen=True, slots=True)
class Place:
    """Where an address is written. In a YAML file ``loc`` is the field and ``nth`` says
    which occurrence of the same address in that field; elsewhere line and column are
    known from the start."""

    path: str
    doc_id: str = ""
    loc: Path_ = ()
    nth: int = 0
    line: int = 0
    column: int = 0
    context: str = ""  # said after the message, e.g. the link text in a Word layout

    @property
    def field(self) -> str:
        return field_name(self.loc)


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    kind: Kind
    place: Place
    markup: bool = True  # written as a link (not a bare address in the text)


@dataclass
class Collected:
    links: list[Link] = field(default_factory=list)
    # Files whose links could not be read (an unreadable Word layout): place and why.
    unreadable: list[Place] = field(default_factory=list)


def collect(corpus: Corpus) -> Collected:
    """Every address in the corpus: file by file, field by field in the model's order."""
    found = Collected()
    for entry in corpus.entries:
        if entry.doc is None:
            continue
        if may_link(entry.text):
            found.links.extend(_from_entry(entry))
        if isinstance(entry.doc, Template) and entry.doc.layout:
            _from_layout(corpus.root, entry, entry.doc.layout, found)
    found.links.extend(_from_site(corpus.root))
    return found


def page_of(entry: Entry) -> str:
    """The handbook page (docs-relative .md) an entry's text is shown on."""
    from governance.render.handbook.pages import doc_path, template_path

    assert entry.doc is not None
    return template_path(entry.doc.id) if entry.folder == "templates" else doc_path(entry.doc.id)


def _from_entry(entry: Entry) -> Iterator[Link]:
    assert entry.doc is not None
    doc_id = entry.doc.id
    for loc, text, mark in strings(entry.doc):
        if isinstance(mark, Url):
            url = text.strip()
            kind = kind_of(url)
            if url and url != "#" and kind != "other":
                # A field for a web address: one without a scheme is a wrong web address.
                kind = "web" if kind == "internal" else kind
                yield Link(url, kind, Place(entry.path, doc_id, loc))
            continue
        if not may_link(text):
            continue
        seen: dict[str, int] = {}
        for hit in find_links(text):
            nth = seen.get(hit.url, 0)
            seen[hit.url] = nth + 1
            kind = kind_of(hit.url)
            if kind == "internal" and not hit.markup:
                continue
            place = Place(entry.path, doc_id, loc, nth)
            yield Link(hit.url, kind, place, hit.markup)


def _from_layout(root: Path, entry: Entry, layout: str, found: Collected) -> None:
    assert entry.doc is not None
    doc_id = entry.doc.id
    candidates = [(root / entry.path).parent / layout, root / layout]
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        return  # a missing layout is reported by the Word checks
    try:
        rel = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return  # outside the corpus: not ours to read
    result = docx.hyperlinks(path)
    if result.problem:
        found.unreadable.append(Place(rel, doc_id, context=result.problem))
        return
    for url, text in result.links:
        kind = kind_of(url)
        if kind in ("web", "mail", "tel"):  # a relative target means a file beside the .docx
            context = f"i Word-layouten, länktexten '{text}'" if text else "i Word-layouten"
            found.links.append(Link(url, kind, Place(rel, doc_id, context=context)))


def _from_site(root: Path) -> Iterator[Link]:
    base = root / SITE_PAGES
    if not base.is_dir():
        return
    for path in sorted(base.rglob("*.md")):
        text = read_site_file(path, root).decode("utf-8", errors="replace")
        rel = path.relative_to(root).as_posix()
        for hit in find_links(text):
            kind = kind_of(hit.url)
            if kind in ("web", "mail", "tel"):
                line = text.count("\n", 0, hit.offset) + 1
                column = hit.offset - (text.rfind("\n", 0, hit.offset) + 1) + 1
                yield Link(hit.url, kind, Place(rel, line=line, column=column), hit.markup)


def position(link: Link, entries: dict[str, Entry]) -> tuple[int, int]:
    """1-based line and column of the address in its file (0, 0 when the file has no
    lines, like a .docx): the address itself when it can be found in the field's text,
    else the field."""
    place = link.place
    if place.line or place.path not in entries:
        return place.line, place.column
    entry = entries[place.path]
    line, column = entry.locator.position(place.loc)
    text = entry.text
    start = _offset(text, line, column)
    at = start - 1
    for _ in range(place.nth + 1):
        at = text.find(link.url, at + 1)
        if at < 0:
            return line, column
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def _offset(text: str, line: int, column: int) -> int:
    at = 0
    for _ in range(line - 1):
        at = text.find("\n", at) + 1
        if at == 0:
            return len(text)
    return at + column - 1
