"""The example corpus: realistic, so it has real findings, and no errors."""

from __future__ import annotations

import shutil
from collections import Counter
from datetime import date
from pathlib import Path

from conftest import REPO

from governance.check import check_corpus
from governance.load import load_corpus

TODAY = date(2026, 11, 23)


# The sources' defects, each as the finding a process leader needs to see (document, code,
# field); all warnings: what is in force has no errors.
EXPECTED = [
    ("anvisning-ansvarsfordelning-psykisk-funktionsnedsattning", "review-overdue", "decision"),
    # Source 004: "Senast granskad:" left empty.
    ("kunskapsstod-indirekt-forebyggande-stod", "last-reviewed-missing", "fact_check"),
    # Source 003 links to the homelessness plan 2020–2022, long expired.
    ("plan-hemloshet-2020-2022", "expired", "valid_until"),
    # Source 002/000: the district administrations and social resource administration
    # were closed at the end of 2020.
    ("rutin-bostad-forst", "unit-ended", "applies_to[0]"),
    ("rutin-bostad-forst", "unit-ended", "applies_to[1]"),
    ("rutin-bostad-forst", "review-overdue", "last_revised"),
    ("rutin-bostad-forst", "link-expired", "links[0]"),
    # Source 003 as published: [Nummer] and [Bilagor], in a draft of the next version.
    ("rutin-forebygga-avhysning-revidering", "placeholder", "decision.registration_number"),
    ("rutin-forebygga-avhysning-revidering", "placeholder", "attachments[0].title"),
    ("rutin-forebygga-avhysning-revidering", "link-expired", "links[0]"),
    # Source 003: in force without a registration number.
    ("rutin-forebygga-avhysning", "registration-number-missing", "decision"),
    ("rutin-forebygga-avhysning", "review-overdue", "last_revised"),
    ("rutin-forebygga-avhysning", "revised-before-decided", "last_revised"),
    ("rutin-forebygga-avhysning", "link-expired", "links[0]"),
    ("rutin-intern-samordning-avhysning", "link-expired", "links[0]"),
    ("rutin-intern-samordning-avhysning", "review-overdue", "reviews"),
    ("rutin-nodbistand-boende", "unit-ended", "applies_to[0]"),
    ("rutin-nodbistand-boende", "unit-ended", "applies_to[1]"),
    ("rutin-nodbistand-boende", "review-overdue", "last_revised"),
    # Source 000: statistics "from November 2019" (and July–October 2019).
    ("rutin-nodbistand-boende", "figures-stale", "faq[11].figures_as_of"),
    ("rutin-nodbistand-boende", "figures-stale", "faq[12].figures_as_of"),
    ("rutin-nodbistand-boende", "figures-stale", "faq[13].figures_as_of"),
    ("rutin-nodbistand-boende", "figures-stale", "faq[14].figures_as_of"),
    ("rutin-samordnad-plan-och-samtycke", "review-overdue", "last_revised"),
    # Source 002: the links to the method guide and to the routine were "(#)".
    ("stod-bostad-forst-implementering", "placeholder-link", "sections[0].body"),
    ("stod-bostad-forst-implementering", "placeholder-link", "sections[1].body"),
]


def test_example_corpus_gives_exactly_the_expected_findings() -> None:
    findings = check_corpus(REPO, TODAY)
    assert [(f.doc_id, f.code, f.field) for f in findings] == EXPECTED
    assert Counter(f.severity for f in findings)["warning"] == len(findings)


def test_the_placeholders_of_the_draft_are_errors_once_it_is_in_force(tmp_path: Path) -> None:
    root = tmp_path / "exempel"
    shutil.copytree(REPO / "routines", root / "routines")
    shutil.copytree(REPO / "templates", root / "templates")
    shutil.copytree(REPO / "schema", root / "schema")
    shutil.copy(REPO / "styrdok.yaml", root / "styrdok.yaml")
    draft = root / "routines" / "rutin-forebygga-avhysning-revidering.yaml"
    draft.write_text(draft.read_text("utf-8").replace("status: draft", "status: in-force"))
    errors = [(f.code, f.field) for f in check_corpus(root, TODAY) if f.severity == "error"]
    assert errors == [
        ("placeholder", "decision.registration_number"),
        ("placeholder", "attachments[0].title"),
    ]


def test_source_001_registration_numbers_are_fields() -> None:
    docs = load_corpus(REPO).documents
    assert docs["extern-lund-handlingsplan-hemloshet-2017"].registration_number == "SO 2017/0164"
    assert docs["extern-lund-kartlaggning-hemloshet-2017"].registration_number == "2017/0174"
    assert "Dnr" not in (docs["extern-lund-kartlaggning-hemloshet-2015"].summary or "")


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
