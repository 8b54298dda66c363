"""A page per document and per template, as Markdown with a few blocks of our own HTML.

Every piece of corpus text passes through governance.render.handbook.escape. Links between
pages are relative Markdown links, so MkDocs checks them at build time.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from governance import facts
from governance.findings import Finding
from governance.load import Corpus
from governance.model import Document, Template
from governance.render.handbook import escape, text
from governance.render.handbook.body import SEARCH_EXCLUDE, Body
from governance.render.handbook.downloads import Download
from governance.render.handbook.state import by_title
from governance.status import Status, Statuses

DOC_DIR = "dokument"
TEMPLATE_DIR = "mallar"
FIELD_TYPES = {
    "text": "Text",
    "multiline": "Text, flera rader",
    "date": "Datum",
    "yesno": "Ja/nej",
    "choice": "Val ur lista",
    "table": "Tabell med rader",
}
_BANNER = {
    "in-force": "success",
    "review-due": "info",
    "review-overdue": "warning",
    "expired": "danger",
    "draft": "warning",
    "retired": "danger",
}


def doc_path(doc_id: str) -> str:
    return f"{DOC_DIR}/{doc_id}.md"


def template_path(template_id: str) -> str:
    return f"{TEMPLATE_DIR}/{template_id}.md"


def link(corpus: Corpus, doc_id: str, statuses: Statuses, here: str = DOC_DIR) -> str:
    """A Markdown link to a document, with its kind and status in words."""
    doc = corpus.documents[doc_id]
    kind = corpus.config.kind(doc.kind)
    prefix = "" if here == DOC_DIR else f"../{DOC_DIR}/"
    status = facts.short_status(corpus, doc, statuses[doc_id])
    return f"[{escape.inline(doc.title)}]({prefix}{doc_id}.md) ({kind.label if kind else doc.kind}, {status.lower()})"


class DocumentPage:
    """The Markdown of one document's page."""

    def __init__(
        self, corpus: Corpus, doc: Document, statuses: Statuses, findings: list[Finding]
    ) -> None:
        self.corpus, self.doc, self.statuses, self.findings = corpus, doc, statuses, findings
        self.status: Status = statuses[doc.id]
        self.names = corpus.config.name_of

    def render(
        self, referenced_by: list[str], downloads: Sequence[Download] = (), history: str = ""
    ) -> str:
        parts = [
            self._front(),
            f"# {escape.inline(self.doc.title)}\n",
            self._banner(),
            self._hierarchy(),
            self._warnings(),
        ]
        if self.doc.summary:
            parts.append(escape.markdown(self.doc.summary) + "\n")
        parts += [
            download_links(downloads),
            self._metadata(),
            *self._content(),
            *self._relations(referenced_by),
            self._revisions(),
            history,
        ]
        return "\n".join(p for p in parts if p)

    def _front(self) -> str:
        lines = ["---", f"title: {escape.front(self.doc.title)}"]
        tags = [*(self.names("themes", t) for t in self.doc.themes), *self.doc.tags]
        if tags:
            lines.append("tags:")
            lines += [f"  - {escape.front(t)}" for t in tags]
        if self.doc.status == "retired":
            lines += ["search:", "  boost: 0.5"]
        return "\n".join([*lines, "---", ""])

    def _banner(self) -> str:
        state = self.status.state
        said = facts.status_text(self.corpus, self.doc, self.status)
        text = "".join(self._part(value, kind) for value, kind in said.parts)
        text += f" {said.advice}" if said.advice else ""
        what = facts.nature(self.corpus, self.doc)
        if what != "governing" and state not in ("draft", "retired"):
            return (
                f'!!! info "{escape.html(facts.banner_title(self.corpus, self.doc))}"\n    {text}\n'
            )
        return f'!!! {_BANNER[state]} "Status: {escape.html(self.status.label)}"\n    {text}\n'

    def _hierarchy(self) -> str:
        """The regulating kinds, this document's own in bold (as the export's title page)."""
        before, kinds = facts.hierarchy_line(self.corpus, self.doc)
        names = " › ".join(
            f"**{escape.inline(label)}** {facts.THIS_DOCUMENT}" if here else escape.inline(label)
            for label, here in kinds
        )
        lead = f"{escape.inline(before)} " if before else ""
        return f"{lead}{facts.HIERARCHY_TITLE}: {names}\n{{ .styrdok-hierarchy }}\n"

    def _part(self, value: str, kind: facts.PartKind) -> str:
        if kind == "document":
            return link(self.corpus, value, self.statuses)
        return escape.inline(value) if kind == "corpus" else value

    def _warnings(self) -> str:
        if not self.findings:
            return ""
        items = "\n".join(f"    - {escape.inline(f.message)}" for f in self.findings)
        return f'!!! warning "Att åtgärda för dokumentansvarig"\n{items}\n'

    def _metadata(self) -> str:
        return metadata_table(facts.metadata(self.corpus, self.doc, self.status))

    def _content(self) -> Iterator[str]:
        return Body(self.corpus, self.doc, self._link).render()

    def _link(self, doc_id: str) -> str:
        return link(self.corpus, doc_id, self.statuses)

    def _relations(self, referenced_by: list[str]) -> Iterator[str]:
        doc, corpus = self.doc, self.corpus
        yield f"## Refereras av {SEARCH_EXCLUDE}\n"
        yield (
            "\n".join(f"- {link(corpus, s, self.statuses)}" for s in referenced_by)
            or "Inga dokument länkar hit."
        ) + "\n"
        if doc.templates:
            yield f"## Mallar {SEARCH_EXCLUDE}\n"
            for tid in doc.templates:
                template = corpus.templates.get(tid)
                if template:
                    yield f"- [{escape.inline(template.title)}](../{TEMPLATE_DIR}/{tid}.md) (version {escape.inline(template.version)})"
            yield ""

    def _revisions(self) -> str:
        return revisions_section(self.corpus, self.doc)


def revisions_section(corpus: Corpus, doc: Document | Template) -> str:
    """The revision history, newest first (a document's or a template's), with the
    decision each revision was made with when any keeps one."""
    if not doc.revisions:
        return ""
    header, rows = facts.revision_table(corpus, doc)
    return f"## Revideringar {SEARCH_EXCLUDE}\n\n{text.revisions_table(header, rows)}"


def metadata_table(rows: Sequence[facts.Row]) -> str:
    body = "\n".join(
        f'<tr><th scope="row">{row.label}</th><td>{_value(row.lines)}</td></tr>' for row in rows
    )
    return f'<table class="styrdok-meta">\n<caption>Uppgifter om dokumentet</caption>\n<tbody>\n{body}\n</tbody>\n</table>\n'


def _value(lines: list[facts.Line]) -> str:
    """A metadata value: each line escaped, a link where it has an address that the URL
    policy allows (else the address is shown as text)."""
    return "<br>".join(
        escape.html_link(url, escape.html(text)) if url else escape.html(text)
        for text, url in lines
    )


def download_links(downloads: Sequence[Download]) -> str:
    """The page's files to download, one link each with its format and size, left out of
    the search index (every page would have the same words). Document and template pages
    are both one folder down from the downloads' folder."""
    if not downloads:
        return ""
    links = " · ".join(f"[{d.label}](../{d.path})" for d in downloads)
    return f"{links}\n{{ .styrdok-downloads data-search-exclude }}\n"


def document_page(
    corpus: Corpus,
    doc: Document,
    statuses: Statuses,
    findings: list[Finding],
    referenced_by: list[str],
    downloads: Sequence[Download] = (),
    history: str = "",
) -> str:
    """The page of one document; ``referenced_by`` from state.backlinks and ``statuses``
    made once per build; ``history``: its list of earlier versions."""
    return DocumentPage(corpus, doc, statuses, findings).render(referenced_by, downloads, history)


def template_page(corpus: Corpus, template: Template, downloads: Sequence[Download] = ()) -> str:
    """A template's page: what it is for, where it is used, and its fields."""
    lines = [
        "---",
        f"title: {escape.front(template.title)}",
        "---",
        "",
        f"# {escape.inline(template.title)}",
        "",
        '!!! info "Mall"',
        f"    {facts.TEMPLATE_TEXT}",
        "",
    ]
    lines.append(f"Version {escape.inline(template.version)}.")
    if downloads:
        lines += ["", download_links(downloads)]
    if template.description:
        lines += ["", escape.markdown(template.description)]
    lines += ["", "## Används i", ""]
    for doc in by_title(corpus, set(template.routines)):
        lines.append(f"- [{escape.inline(doc.title)}](../{DOC_DIR}/{doc.id}.md)")
    lines += ["", "## Fält", "", _fields_table(template), ""]
    lines.append(revisions_section(corpus, template))
    return "\n".join(lines)


def _fields_table(template: Template) -> str:
    heads = ("Fält", "Typ", "Obligatoriskt", "Hjälptext", "Avsnitt")
    head = "".join(f'<th scope="col">{h}</th>' for h in heads)
    rows = []
    for f in template.fields:
        kind = FIELD_TYPES[f.type]
        if f.choices:
            kind += ": " + ", ".join(f.choices)
        if f.columns:
            kind += " (kolumner: " + ", ".join(c.label for c in f.columns) + ")"
        cells = (f.label, kind, "Ja" if f.required else "Nej", f.help or "", f.section or "")
        tds = "".join(text.cell(h, escape.html(c)) for h, c in zip(heads, cells, strict=True))
        rows.append(f"<tr>{tds}</tr>")
    return (
        f'<table class="styrdok-stack styrdok-fields">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
        + "\n".join(rows)
        + "\n</tbody>\n</table>"
    )
