"""Corpus Markdown inside styrdok's own HTML (table cells, check lists): the same escaping
(escape.markdown), renderer (Python-Markdown, as MkDocs) and URL policy as the page bodies,
so a revision summary or a check list item looks like any other text field. Tables carry
each cell's column name (data-label), shown when the table stacks on a phone."""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from typing import Any

import markdown as _markdown  # type: ignore[import-untyped]  # Python-Markdown, as MkDocs

from governance import urlpolicy
from governance.render.handbook import escape

_ONE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)


_LOCAL = threading.local()


def _renderer() -> Any:
    """One Markdown converter per thread, reset before each text (making one costs more
    than using it)."""
    found = getattr(_LOCAL, "markdown", None)
    if found is None:
        extensions = ["tables", urlpolicy.SafeLinks()]  # as the handbook's pages (project.HOOK)
        found = _LOCAL.markdown = _markdown.Markdown(extensions=extensions)
    return found


def html(text: str) -> str:
    """A Markdown text field as HTML; one paragraph comes out without its <p>."""
    rendered = str(_renderer().reset().convert(escape.markdown(text.strip()))).strip()
    match = _ONE_PARAGRAPH.match(rendered)
    return match.group(1) if match and "<p>" not in match.group(1) else rendered


def cell(label: str, content: str, css: str = "") -> str:
    """A table cell that carries its column's name, shown when the table stacks on a phone."""
    extra = f' class="{css}"' if css else ""
    return f'<td data-label="{escape.html(label)}"{extra}>{content}</td>'


def revisions_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """The revision table of governance.facts (newest first); "Vad ändrades" is Markdown
    like every text field, dates don't break."""

    def content(head: str, value: str) -> str:
        return html(value) if head == "Vad ändrades" else escape.html(value)

    body = "\n".join(
        "<tr>"
        + "".join(
            cell(h, content(h, v), "styrdok-date" if h == "Datum" else "")
            for h, v in zip(header, row, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    head = "".join(f'<th scope="col">{h}</th>' for h in header)
    return (
        f'<table class="styrdok-stack styrdok-revisions">\n<thead>\n<tr>{head}</tr>\n</thead>\n'
        f"<tbody>\n{body}\n</tbody>\n</table>\n"
    )


def checklist(items: Sequence[str]) -> str:
    """A check list: an empty box before each item (site CSS), each item as Markdown."""
    lines = "\n".join(f"<li>{html(i)}</li>" for i in items)
    return f'<ul class="styrdok-checklist">\n{lines}\n</ul>\n'
