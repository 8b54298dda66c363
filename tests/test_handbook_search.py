"""The search index's records and Swedish words, without a browser (the browser tests are in
test_handbook_browser.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, edit, run

from governance.check import check
from governance.render.handbook import search_records, swedish


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("avhysningarna", "avhysning"),
        ("avhysningar", "avhysning"),
        ("stödet", "stöd"),
        ("checklistan", "checklista"),
        ("skulderna", "skuld"),
        ("kunskapsstöden", "kunskapsstöd"),
    ],
)
def test_definite_and_plural_forms_have_their_base(word: str, base: str) -> None:
    assert base in swedish.bases(word)


def test_a_lone_n_is_not_an_ending_after_a_consonant() -> None:
    assert swedish.bases("avhysning") == {"avhysning"}


def test_compound_heads_split_after_a_word_of_the_corpus() -> None:
    vocabulary = {"bostad", "hyra", "skuld", "förtur", "social", "sekreterare"}
    assert swedish.compound_head("bostadsförturen", vocabulary) == "förturen"
    assert swedish.compound_head("hyresskulden", vocabulary) == "skulden"
    assert swedish.compound_head("socialsekreterare", vocabulary) == "sekreterare"
    assert swedish.compound_head("avhysningarna", vocabulary) is None


def test_registration_numbers_are_normalised_as_typed() -> None:
    assert search_records.registration_numbers("Dnr SO 2024/0001 och KS 2023/12.") == [
        "KS 2023/12",
        "SO 2024/0001",
    ]


def test_records_hold_the_readers_text_and_no_labels(corpus: Path) -> None:
    loaded, _ = check(corpus, TODAY)
    pages = search_records.pages(loaded, TODAY)
    page = pages["dokument/rutin-a/"]
    assert "Rutinen gäller när hyresvärden skickar en underrättelse." in page
    assert "Kontakta hyresvärden." in page  # a sub-step
    assert 'data-pagefind-filter="dnr">SO 2025/0164<' in page  # its own number, exactly
    assert 'data-pagefind-filter="dnr_text">SO 2017/0164<' in page  # one it mentions
    assert 'data-pagefind-filter="tier">1<' in page  # a governing routine in force
    for label in ("Dokumentnamn", "Beslutad av", "Gäller för", "Diarienummer", "Refereras av"):
        assert label not in page
    assert 'data-pagefind-filter="tier">2<' in pages["mallar/mall-c/"]


def test_synonyms_reach_the_documents_that_use_the_other_word(corpus: Path) -> None:
    edit(
        corpus,
        "styrdok.yaml",
        "themes:",
        "search:\n  synonyms:\n    - [vräkning, avhysning]\nthemes:",
    )
    loaded, _ = check(corpus, TODAY)
    page = search_records.pages(loaded, TODAY)["dokument/rutin-a/"]
    assert "vräkning" in page.split(search_records.EXTRAS_MARK)[1]


def test_a_synonym_group_of_one_word_is_a_clear_error(corpus: Path) -> None:
    edit(corpus, "styrdok.yaml", "themes:", "search:\n  synonyms:\n    - [vräkning]\nthemes:")
    result = run("check", "--root", str(corpus), "--today", "2026-11-23")
    assert result.exit_code == 2
    assert "synonyms" in result.output and "minst två ord" in result.output
