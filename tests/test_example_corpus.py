"""The example corpus: realistic, so it has real findings, and no errors."""

from __future__ import annotations

from collections import Counter
from datetime import date

from conftest import REPO

from governance.check import check_corpus
from governance.load import load_corpus

TODAY = date(2026, 11, 23)


def test_example_corpus_has_no_errors() -> None:
    findings = check_corpus(REPO, TODAY)
    errors = [f"{f.path}:{f.line} {f.code} {f.message}" for f in findings if f.severity == "error"]
    assert errors == []


def test_example_corpus_shows_the_expired_homelessness_plan() -> None:
    findings = check_corpus(REPO, TODAY)
    codes = {(f.doc_id, f.code) for f in findings}
    assert ("plan-hemloshet-2020-2022", "expired") in codes
    assert ("rutin-forebygga-avhysning", "link-expired") in codes
    assert ("rutin-forebygga-avhysning", "revised-before-decided") in codes
    assert Counter(f.severity for f in findings)["warning"] == len(findings)


def test_example_corpus_holds_the_documents_the_sources_describe() -> None:
    corpus = load_corpus(REPO)
    docs, templates = corpus.documents, corpus.templates
    eviction = docs["rutin-forebygga-avhysning"]
    assert len(eviction.processes) == 2
    assert [len(p.steps) for p in eviction.processes] == [6, 5]
    assert {r.unit for r in eviction.responsibilities} == {"ffs", "avo", "socialforvaltningarna"}
    housing_first = docs["rutin-bostad-forst"]
    assert len(housing_first.principles) == 8
    assert housing_first.target_group is not None and len(housing_first.target_group.criteria) == 6
    assert sorted(housing_first.templates) == sorted(templates)
    assert len(templates) == 4
    assert len(docs["rutin-nodbistand-boende"].faq) == 16
    assert docs["kunskapsstod-indirekt-forebyggande-stod"].fact_check is not None
    externals = [d for d in docs.values() if d.kind == "extern"]
    assert len(externals) >= 50
    assert len({(d.title.casefold(), d.publisher) for d in externals}) == len(
        externals
    )  # deduplicated
    types = {f.type for t in templates.values() for f in t.fields}
    assert types == {"text", "multiline", "date", "yesno", "choice", "table"}


def test_example_corpus_names_roles_not_people() -> None:
    text = "\n".join(p.read_text("utf-8") for p in (REPO / "routines").rglob("*.yaml"))
    text += "\n".join(p.read_text("utf-8") for p in (REPO / "templates").rglob("*.yaml"))
    assert "@" not in text
    for name in (
        "Johanna",
        "Larsson",
        "Björstedt",
        "Stina",
        "Anefur",
        "Boustedt",
        "Burlin",
        "Eriksson",
    ):
        assert name not in text
