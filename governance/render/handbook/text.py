"""Corpus Markdown inside styrdok's own HTML (table cells, check lists): the same escaping
(escape.markdown), renderer (Python-Markdown, as MkDocs) and URL policy as the page bodies,
so a revision summary or a check list item looks like any other text field. Tables carry
each cell's column name (data-label), shown when the table stacks on a phone."""

from __future__ import annotations

import re
from collections.abc import Sequence

import markdown as _markdown  # type: ignore[import-untyped]  # Python-Markdown, as MkDocs

from governance import urlpolicy
from governance.model import Revision
from governance.render.handbook import escape

_ONE_PARAGRAPH = re.compile(r"\A<p>(.*)</p>\Z", re.S)


def html(text: str) -> str:
    """A Markdown text field as HTML; one paragraph comes out without its <p>."""
    extensions = ["tables", urlpolicy.SafeLinks()]  # as the handbook's pages (project.HOOK)
    rendered = _markdown.markdown(escape.markdown(text.strip()), extensions=extensions).strip()
    match = _ONE_PARAGRAPH.match(rendered)
    return match.group(1) if match and "<p>" not in match.group(1) else rendered


def cell(label: str, content: str, css: str = "") -> str:
    """A table cell that carries its column's name, shown when the table stacks on a phone."""
    extra = f' class="{css}"' if css else ""
    return f'<td data-label="{escape.html(label)}"{extra}>{content}</td>'


_REVISION_HEADS = ("Version", "Datum", "Ändring", "Vad ändrades")


def revisions_table(revisions: Sequence[Revision]) -> str:
    """Revisions newest first; a summary is Markdown like every text field."""
    version, day, change, what = _REVISION_HEADS
    rows = "\n".join(
        "<tr>"
        + cell(version, escape.html(r.version))
        + cell(day, str(r.date), "styrdok-date")
        + cell(change, "Större" if r.major else "Mindre")
        + cell(what, html(r.summary))
        + "</tr>"
        for r in reversed(revisions)
    )
    head = "".join(f'<th scope="col">{h}</th>' for h in _REVISION_HEADS)
    return (
        f'<table class="styrdok-stack styrdok-revisions">\n<thead>\n<tr>{head}</tr>\n</thead>\n'
        f"<tbody>\n{rows}\n</tbody>\n</table>\n"
    )


def checklist(items: Sequence[str]) -> str:
    """A check list: an empty box before each item (site CSS), each item as Markdown."""
    lines = "\n".join(f"<li>{html(i)}</li>" for i in items)
    return f'<ul class="styrdok-checklist">\n{lines}\n</ul>\n'
