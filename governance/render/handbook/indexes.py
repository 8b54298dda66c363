"""The pages that help staff find documents: by kind, theme, administration and role, the
register, the review list and the template list. Listing pages are left out of the search
index (their text is only titles, already indexed on the documents' own pages)."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from governance import facts
from governance.findings import Finding
from governance.load import Corpus
from governance.model import Document
from governance.render.handbook import escape, passthrough, text
from governance.render.handbook.pages import DOC_DIR, TEMPLATE_DIR
from governance.render.handbook.state import by_title
from governance.status import Statuses

NO_SEARCH = "search:\n  exclude: true\n"
# The document field that names each kind of term from styrdok.yaml.
TERM_FIELDS = {"themes": "themes", "units": "applies_to", "roles": "audience"}


def _front(title: str, searchable: bool = False) -> str:
    return f"---\ntitle: {escape.front(title)}\n{'' if searchable else NO_SEARCH}---\n\n# {escape.inline(title)}\n"


def _doc_list(corpus: Corpus, docs: list[Document], statuses: Statuses, depth: int) -> str:
    """The documents as a list of links, written as the HTML Markdown makes of a list
    (``depth``: of the page's address, a folder): on a list of thousands MkDocs then only
    passes the block through, several times faster."""
    up = "../" * depth
    if not docs:
        return "Inga dokument.\n"
    memo = statuses.memo
    lines = []
    for doc in docs:
        row = memo.get(("list", doc.id, up))
        if row is None:
            status = facts.short_status(corpus, doc, statuses[doc.id])
            kind = corpus.config.kind(doc.kind)
            label = kind.label if kind else doc.kind
            row = memo["list", doc.id, up] = (
                f'<li><a href="{up}{DOC_DIR}/{doc.id}/">{_text(doc.title)}</a> – '
                f"{_text(label)}, {_text(status.lower())}</li>"
            )
        lines.append(row)
    return passthrough.wrap("<ul>\n" + "\n".join(lines) + "\n</ul>\n")


def _text(text: str) -> str:
    """Text as Markdown shows an escape.inline text: spaces collapsed, HTML escaped."""
    return html.escape(" ".join(text.split()), quote=False)


def kind_page(corpus: Corpus, kind_id: str, statuses: Statuses) -> str:
    kind = corpus.config.kind(kind_id)
    assert kind is not None
    docs = by_title(corpus, {d.id for d in corpus.documents.values() if d.kind == kind_id})
    current = [d for d in docs if d.status != "retired"]
    retired = [d for d in docs if d.status == "retired"]
    text = _front(plural(kind.label)) + "\n" + _doc_list(corpus, current, statuses, 2)
    if retired:
        text += "\n## Upphävda\n\n" + _doc_list(corpus, retired, statuses, 2)
    return passthrough.collect(text)


def term_page(corpus: Corpus, section: str, term_id: str, statuses: Statuses, heading: str) -> str:
    """Documents naming a theme, a unit or an audience role."""
    field = TERM_FIELDS[section]
    docs = by_title(
        corpus,
        {
            d.id
            for d in corpus.documents.values()
            if term_id in getattr(d, field) and d.status != "retired"
        },
    )
    return passthrough.collect(_front(heading) + "\n" + _doc_list(corpus, docs, statuses, 2))


def section_index(title: str, intro: str, entries: list[tuple[str, str]]) -> str:
    items = "\n".join(f"- [{escape.inline(label)}]({target})" for label, target in entries)
    return _front(title) + f"\n{intro}\n\n{items}\n"


def templates_index(corpus: Corpus) -> str:
    items = [
        f"- [{escape.inline(t.title)}]({t.id}.md) (version {escape.inline(t.version)})"
        for t in sorted(corpus.templates.values(), key=lambda t: t.title.casefold())
    ]
    intro = "Mallar som hör till rutinerna. Varje mall visar sina fält och vilka rutiner som använder den."
    return _front("Mallar") + f"\n{intro}\n\n" + ("\n".join(items) or "Inga mallar.") + "\n"


def register_page(corpus: Corpus, statuses: Statuses) -> str:
    """Every document in a table that the reader can sort and filter (styrdok.js)."""
    heads = ("Dokument", "Sort", "Dokumentansvarig", "Status", "Gäller till", "Nästa prövning")
    head = "".join(f'<th scope="col" aria-sort="none">{h}</th>' for h in heads)
    rows = []
    for doc in by_title(corpus, set(corpus.documents)):
        status = statuses[doc.id]
        kind = corpus.config.kind(doc.kind)
        until = (
            doc.valid_until
            if isinstance(doc.valid_until, date)
            else "Tills vidare"
            if doc.valid_from
            else "–"
        )
        cells = (
            f'<a href="../{DOC_DIR}/{doc.id}/">{escape.html(doc.title)}</a>',
            escape.html(kind.label if kind else doc.kind),
            escape.html(", ".join(corpus.config.name_of("roles", o) for o in doc.owners) or "–"),
            escape.html(facts.short_status(corpus, doc, status)),
            str(until),
            str(status.next_review or "–"),
        )
        tds = "".join(
            text.cell(h, c, "styrdok-date" if i >= 4 else "")
            for i, (h, c) in enumerate(zip(heads, cells, strict=True))
        )
        rows.append(f'<tr data-status="{status.state}">{tds}</tr>')
    intro = (
        "Alla dokument i handboken. Klicka på en kolumnrubrik för att sortera, "
        "och skriv i fältet för att filtrera."
    )
    table = (
        '<div class="styrdok-filter"><label for="styrdok-filter">Filtrera registret</label>\n'
        '<input id="styrdok-filter" type="search" data-styrdok-filter="styrdok-register" autocomplete="off"></div>\n'
        '<p class="styrdok-count" aria-live="polite" data-styrdok-count="styrdok-register"></p>\n'
        '<table class="styrdok-sortable styrdok-stack" id="styrdok-register">\n'
        "<caption>Register över styrande dokument</caption>\n"
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n"
    )
    return passthrough.collect(_front("Register") + f"\n{intro}\n\n" + passthrough.wrap(table))


def review_page(corpus: Corpus, statuses: Statuses, warnings: Sequence[Finding] = ()) -> str:
    """Documents whose review is overdue or due soon, or that have expired, by owner; then
    what the check found to fix, per document (shown only here, not to every reader)."""
    groups: dict[str, list[Document]] = defaultdict(list)
    for doc in corpus.documents.values():
        if statuses[doc.id].state in ("review-overdue", "review-due", "expired"):
            names = [corpus.config.name_of("roles", o) for o in doc.owners]
            for name in names or ["Ingen dokumentansvarig"]:
                groups[name].append(doc)
    intro = (
        f"Dokument vars aktualitetsprövning är försenad eller ska göras inom "
        f"{corpus.config.review_warning_days} dagar, och dokument vars giltighetstid har gått ut, "
        f"per dokumentansvarig. Uppdaterad {statuses.today}."
    )
    parts = [_front("Aktualitetsprövning"), intro, ""]
    if not groups:
        parts.append("Inga dokument behöver prövas just nu.\n")
    for owner in sorted(groups, key=str.casefold):
        parts.append(f"## {escape.inline(owner)}\n")
        parts.append(
            _review_table(sorted(groups[owner], key=lambda d: d.title.casefold()), statuses)
        )
    parts.append(_findings_section(corpus, warnings))
    return passthrough.collect("\n".join(parts))


def _findings_section(corpus: Corpus, warnings: Sequence[Finding]) -> str:
    by_doc: dict[str, list[Finding]] = defaultdict(list)
    for finding in warnings:
        if finding.doc_id in corpus.documents:
            by_doc[finding.doc_id].append(finding)
    parts = ["## Att åtgärda för dokumentansvarig\n"]
    if not by_doc:
        return parts[0] + "\nKontrollen hittade inget att åtgärda.\n"
    parts.append("Det som kontrollen hittade i dokumenten, per dokument.\n")
    for doc in by_title(corpus, set(by_doc)):
        parts.append(f"### [{escape.inline(doc.title)}]({DOC_DIR}/{doc.id}.md)\n")
        parts.append("\n".join(f"- {escape.inline(f.message)}" for f in by_doc[doc.id]) + "\n")
    return "\n".join(parts)


def _review_table(docs: list[Document], statuses: Statuses) -> str:
    head = "".join(f'<th scope="col">{h}</th>' for h in ("Dokument", "Status", "Senast"))
    rows = []
    for doc in docs:
        status = statuses[doc.id]
        deadline = doc.valid_until if status.state == "expired" else status.next_review
        rows.append(
            f'<tr><td><a href="../{DOC_DIR}/{doc.id}/">{escape.html(doc.title)}</a></td>'
            f"<td>{escape.html(status.short)}</td><td>{deadline}</td></tr>"
        )
    return passthrough.wrap(
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n"
    )


def tags_page(corpus: Corpus, statuses: Statuses) -> str:
    """The documents by theme and tag, made here and not by the theme's tags plugin, which
    sees only the pages a dirty build rebuilds."""
    names: dict[str, set[str]] = defaultdict(set)
    for doc in corpus.documents.values():
        for tag in [*(corpus.config.name_of("themes", t) for t in doc.themes), *doc.tags]:
            names[tag].add(doc.id)
    parts = [_front("Taggar"), "\nDokumenten efter tema och tagg.\n"]
    for tag in sorted(names, key=str.casefold):
        parts.append(
            f"\n## {escape.inline(tag)}\n\n"
            + _doc_list(corpus, by_title(corpus, names[tag]), statuses, 1)
        )
    return passthrough.collect("".join(parts))


def plural(label: str) -> str:
    irregular = {
        "Policy": "Policyer",
        "Regel": "Regler",
        "Mall": "Mallar",
        "Handbok": "Handböcker",
        "Externt dokument": "Externa dokument",
    }
    if label in irregular:
        return irregular[label]
    if label.endswith("ing"):
        return label + "ar"
    if label.endswith("e"):
        return label + "r"
    if label.endswith("n"):
        return label + "er"
    if label.endswith("d") or label.endswith("t"):
        return label
    return label + "er"


TEMPLATE_INDEX = f"{TEMPLATE_DIR}/index.md"
