"""Files published as they are, scanned for personnummer like the documents
(governance.textscan, after normalising the text): the corpus' own handbook pages under
``site/``, and the text of each template's Word layout, which the handbook offers as a
form. An unreadable layout is reported by the layout checks, not here."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from governance import urlpolicy
from governance.codes import CODES
from governance.findings import Finding
from governance.load import Corpus, Entry, finding
from governance.model import Template
from governance.safefile import SITE_FILE_LIMIT, Unreadable, read_bytes
from governance.textscan import find_personnummer

SITE = "site"
_PARAGRAPH = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"
_TEXT = {".md", ".markdown", ".html", ".htm", ".txt", ".yml", ".yaml", ".js", ".css", ".json"}
_TEXT |= {".svg", ".xml"}


def check_published(corpus: Corpus, today: date) -> Iterator[Finding]:
    yield from _site_pages(corpus)
    for template_id, template in corpus.templates.items():
        if template.layout:
            yield from _layout_text(corpus, corpus.entry_of[template_id], template)


def _layout_text(corpus: Corpus, entry: Entry, template: Template) -> Iterator[Finding]:
    from governance.errors import UnsafeDocx
    from governance.render.forms.layout import layout_path
    from governance.safezip import open_docx

    path = layout_path(corpus, template)
    if path is None or path.is_symlink() or not path.is_file():
        return
    try:
        docx = open_docx(path, "Layouten")
        parts = [n for n in docx.names() if n.startswith("word/") and n.endswith(".xml")]
        text = "\n".join(_paragraphs(docx.xml(n)) for n in sorted(parts))
    except (UnsafeDocx, OSError, ValueError):
        return
    if next(find_personnummer(text), None) is not None:
        message = f"Word-layouten '{template.layout}' innehåller ett personnummer eller samordningsnummer."
        yield finding("personnummer", entry, message, ("layout",))
    yield from _layout_links(entry, template, path)


def _layout_links(entry: Entry, template: Template, path: Path) -> Iterator[Finding]:
    """Hyperlinks in the layout, through the one URL policy: they reach every form."""
    from governance.links.docx import hyperlinks

    for url, text in hyperlinks(path).links:
        reason = urlpolicy.problem(url)
        if reason is not None:
            shown = f" (länktexten '{text}')" if text else ""
            message = (
                f"Word-layouten '{template.layout}' länkar till '{urlpolicy.normalise(url)}'"
                f"{shown}: {reason}."
            )
            yield finding("url-unsafe", entry, message, ("layout",))


def _paragraphs(root: Any) -> str:
    """The text of each paragraph (its runs joined as Word shows them), one a line."""
    return "\n".join("".join(p.itertext()) for p in root.iter(_PARAGRAPH))


def _site_pages(corpus: Corpus) -> Iterator[Finding]:
    base = corpus.root / SITE
    if not base.is_dir():
        return
    for path in sorted(base.rglob("*")):
        if path.suffix.lower() not in _TEXT:
            continue
        try:  # what build publishes: regular files, links only within the corpus
            raw = read_bytes(path, SITE_FILE_LIMIT, corpus.root)
        except Unreadable:
            continue  # a folder, a FIFO, a link out: build refuses it, naming the reason
        text = raw.decode("utf-8", errors="replace")
        rel = path.relative_to(corpus.root).as_posix()
        for start, _ in find_personnummer(text):
            yield _found(rel, text, start)


def _found(rel: str, text: str, start: int) -> Finding:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    info = CODES["personnummer"]
    return Finding(
        code="personnummer",
        severity=info.severity,
        path=rel,
        message="Sidan innehåller ett personnummer eller samordningsnummer.",
        hint=info.hint,
        line=line,
        column=column,
    )
