"""The search index's records and Swedish words, without a browser (the browser tests are in
test_handbook_browser.py)."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, edit, run

from governance.check import check
from governance.render.handbook import search_index, search_records, swedish


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
    page = json.loads(pages["dokument/rutin-a/"])
    text = " ".join([page["title"], page["summary"], *page["blocks"]])
    assert "Rutinen gäller när hyresvärden skickar en underrättelse." in text
    assert "Kontakta hyresvärden." in text  # a sub-step
    assert page["filters"]["dnr"] == ["SO 2025/0164"]  # its own number, exactly
    assert page["filters"]["dnr_text"] == ["SO 2017/0164"]  # one it mentions
    assert page["filters"]["tier"] == ["1"]  # a governing routine in force
    for label in ("Dokumentnamn", "Beslutad av", "Gäller för", "Diarienummer", "Refereras av"):
        assert label not in pages["dokument/rutin-a/"]
    assert json.loads(pages["mallar/mall-c/"])["filters"]["tier"] == ["2"]


def test_synonyms_reach_the_documents_that_use_the_other_word(corpus: Path) -> None:
    edit(
        corpus,
        "styrdok.yaml",
        "themes:",
        "search:\n  synonyms:\n    - [vräkning, avhysning]\nthemes:",
    )
    loaded, _ = check(corpus, TODAY)
    page = json.loads(search_records.pages(loaded, TODAY)["dokument/rutin-a/"])
    assert "vräkning" in page["synonyms"]


def _unpacked(files: dict[str, bytes], name: str) -> Any:
    return json.loads(gzip.decompress(files[f"{search_index.BUNDLE_DIR}/{name}"]))


def test_the_index_scores_title_words_above_body_words_and_matches_numbers_exactly(
    corpus: Path,
) -> None:
    loaded, _ = check(corpus, TODAY)
    files = search_index.bundle(search_records.pages(loaded, TODAY))
    head = _unpacked(files, "sok.sok")
    urls = [_unpacked(files, f"sida/{n}.sok")["url"] for n in range(head["count"])]
    scores: dict[str, dict[str, int]] = {}
    for _, _, name in head["chunks"]:
        chunk = _unpacked(files, name)
        for word, deltas, values in zip(chunk["w"], chunk["d"], chunk["s"], strict=True):
            numbers = list(itertools.accumulate(deltas))
            scores[word] = {urls[n]: s for n, s in zip(numbers, values, strict=True)}
    rutin_a = "dokument/rutin-a/"
    assert scores["=d:so 2025/0164"] == {rutin_a: 255}  # typed as printed, lower case
    assert rutin_a in scores["=t:so 2017/0164"]
    assert scores["=i:rutin-a"] == {rutin_a: 255}
    # A title word above a word the body has twice, above the owner's role (metadata).
    title, body, owner = scores["avhysning"], scores["hyresvärden"], scores["processledare"]
    assert title[rutin_a] > body[rutin_a] > owner[rutin_a]
    assert head["tiers"][urls.index("mallar/mall-c/")] == "2"
    # The same records give the same bytes.
    assert search_index.bundle(search_records.pages(loaded, TODAY)) == files


def test_a_synonym_group_of_one_word_is_a_clear_error(corpus: Path) -> None:
    edit(corpus, "styrdok.yaml", "themes:", "search:\n  synonyms:\n    - [vräkning]\nthemes:")
    result = run("check", "--root", str(corpus), "--today", "2026-11-23")
    assert result.exit_code == 2
    assert "synonyms" in result.output and "minst två ord" in result.output


def test_the_words_are_split_into_sorted_chunks_that_a_prefix_finds(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The browser loads the chunks whose first and last word surround a typed word; each
    word is in exactly one chunk, and the chunks follow each other in word order."""
    monkeypatch.setattr(search_index, "CHUNK_POSTINGS", 5)
    loaded, _ = check(corpus, TODAY)
    files = search_index.bundle(search_records.pages(loaded, TODAY))
    head = _unpacked(files, "sok.sok")
    assert len(head["chunks"]) > 3
    seen: list[str] = []
    for first, last, name in head["chunks"]:
        words = _unpacked(files, name)["w"]
        assert words == sorted(words) and [first, last] == [words[0], words[-1]]
        assert not seen or seen[-1] < first
        seen += words
    assert "hyresvärden" in seen and len(seen) == len(set(seen))


def test_a_run_of_rare_words_does_not_make_a_large_chunk(corpus: Path) -> None:
    """Registration numbers are words of a document or two each: a chunk of them is cut by
    its number of words as well, so typing one loads a small file."""
    loaded, _ = check(corpus, TODAY)
    pages = search_records.pages(loaded, TODAY)
    url, record = next(iter(pages.items()))
    entry = json.loads(record)
    entry["filters"]["dnr_text"] = [f"SO 2024/{n:04}" for n in range(5000)]
    files = search_index.bundle({**pages, url: json.dumps(entry)})
    head = _unpacked(files, "sok.sok")
    numbers = [c for c in head["chunks"] if c[0].startswith("=t:")]
    assert len(numbers) > 1
    for _, _, name in numbers:
        words = _unpacked(files, name)["w"]
        assert len(words) * (1 + search_index.WORD_POSTINGS) <= search_index.CHUNK_POSTINGS
