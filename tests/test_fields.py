"""The model marks references and web addresses (governance.fields); one walker serves the
reference check and the link collector, so a new field of such a type is checked without
touching either."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, edit

from governance.checks.refs import check_references
from governance.fields import Url, references, strings
from governance.load import load_corpus
from governance.model import Document, RoleId, WebAddress


def test_references_are_every_marked_field(corpus: Path) -> None:
    doc = load_corpus(corpus).documents["rutin-a"]
    found = {(loc, value, ref.to) for loc, value, ref in references(doc)}
    assert found == {
        (("decision", "by", 0), "avdelningschef", "bodies"),
        (("applies_to", 0), "socialforvaltningen", "units"),
        (("owner",), "processledare", "roles"),
        (("links", 0), "riktlinje-b", "documents"),
        (("templates", 0), "mall-c", "templates"),
        (("themes", 0), "boende", "themes"),
        (("audience", 0), "socialsekreterare", "roles"),
        (("processes", 0, "steps", 0, "role"), "socialsekreterare", "roles"),
    }


class Deputy(Document):
    """A document with a field the checks have never heard of."""

    deputy: RoleId | None = None
    page: WebAddress | None = None


def test_a_new_reference_field_is_checked_without_touching_the_checks(corpus: Path) -> None:
    loaded = load_corpus(corpus)
    entry = loaded.entry_of["rutin-a"]
    assert isinstance(entry.doc, Document)
    entry.doc = Deputy(**entry.doc.model_dump(), deputy="vikarie")
    found = [f for f in check_references(loaded, TODAY) if f.path == entry.path]
    assert [(f.code, f.field, f.message) for f in found] == [
        (
            "unknown-role",
            "deputy",
            "Okänd roll 'vikarie': den finns inte under roles i styrdok.yaml.",
        )
    ]


def test_a_new_address_field_is_one_address() -> None:
    doc = Deputy(id="x", title="X", kind="rutin", status="draft", page="https://example.org/a b")
    marked = [(loc, text) for loc, text, mark in strings(doc) if isinstance(mark, Url)]
    assert marked == [(("page",), "https://example.org/a b")]


def test_links_of_a_retired_document_are_not_checked(corpus: Path) -> None:
    """A retired document may link to documents removed since; its successor must exist."""
    edit(corpus, "routines/rutin-a.yaml", "links: [riktlinje-b]", "links: [borttagen]")
    found = [f.code for f in check_references(load_corpus(corpus), TODAY)]
    assert found == ["link-unknown"]
    edit(corpus, "routines/rutin-a.yaml", "status: in-force", "status: retired")
    edit(
        corpus,
        "routines/rutin-a.yaml",
        "links: [borttagen]",
        "links: [borttagen]\nsuperseded_by: ny",
    )
    retired = [(f.code, f.field) for f in check_references(load_corpus(corpus), TODAY)]
    assert retired == [("link-unknown", "superseded_by")]
