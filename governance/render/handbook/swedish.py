"""Swedish words for the search index: base forms, compound heads and synonyms.

The browser matches a typed word, and its forms without a definite or plural ending, only
as the start of an indexed word, so "förtur" would not find "bostadsförturen" and
"skulder" not "hyresskulder". The index therefore carries, per document, the extra words
a reader may type: the heads of its compounds (split where the first part is a word of the
corpus), and the synonyms from styrdok.yaml of the words it uses. The browser's query
normaliser (site/docs/assets/styrdok-sok.js) strips the same endings on the typed side.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

WORD = re.compile(r"[a-zåäöéü]+")
# Definite and plural endings, longest first; the browser strips the same list.
ENDINGS = (
    "heterna",
    "heten",
    "arna",
    "erna",
    "orna",
    "andet",
    "ande",
    "ar",
    "er",
    "or",
    "na",
    "en",
    "et",
    "n",
    "t",
)
_VOWELS = tuple("aeiouyåäö")
MIN_STEM = 3
MIN_HEAD = 4
MIN_COMPOUND = 8


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def bases(word: str) -> set[str]:
    """The word and the forms left when one definite or plural ending is taken off."""
    found = {word}
    for ending in ENDINGS:
        stem = word[: -len(ending)]
        if len(ending) == 1 and not stem.endswith(_VOWELS):
            continue  # a lone -n or -t only after a vowel: checklista-n, huse-t
        if word.endswith(ending) and len(stem) >= MIN_STEM:
            found.add(stem)
    return found


def compound_head(word: str, vocabulary: set[str]) -> str | None:
    """The head of a compound: the longest tail of at least four letters that is a corpus
    word (in some form) after a first part that is one too (with a linking s or e, or
    without its final a), or None."""
    if len(word) < MIN_COMPOUND:
        return None
    for cut in range(MIN_STEM + 1, len(word) - MIN_HEAD + 1):
        first, head = word[:cut], word[cut:]
        if bases(head) & vocabulary and any(f in vocabulary for f in _first_parts(first)):
            return head
    return None


def _first_parts(first: str) -> Iterator[str]:
    """What a compound's first part may be as a word: itself, without a linking s or e,
    or with the -a it drops ("skol-" from "skola", "hyres-" from "hyra")."""
    yield first
    yield first + "a"
    for link in ("s", "e", "es"):
        if first.endswith(link) and len(first) - len(link) >= MIN_STEM:
            yield first[: -len(link)]
            yield first[: -len(link)] + "a"


class Extras:
    """The extra index words for documents of one corpus."""

    def __init__(self, vocabulary: set[str], synonyms: list[list[str]]) -> None:
        self.vocabulary = vocabulary
        self.synonyms: dict[str, list[str]] = {}
        for group in synonyms:
            for word in group:
                self.synonyms.setdefault(word, []).extend(w for w in group if w != word)
        self._of_word: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def of_word(self, word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """A word's compound head, and the synonyms of it, its base forms and its head."""
        found = self._of_word.get(word)
        if found is None:
            head = compound_head(word, self.vocabulary) if len(word) >= MIN_COMPOUND else None
            heads = (head,) if head else ()
            synonyms: set[str] = set()
            for base in bases(word) | set(heads):
                synonyms.update(self.synonyms.get(base, ()))
            found = self._of_word[word] = (heads, tuple(synonyms))
        return found

    def for_words(self, found: Iterable[str]) -> tuple[list[str], list[str]]:
        """The compound heads and the synonyms of a document's words, each sorted, without
        the words the document has."""
        unique = set(found)
        heads: set[str] = set()
        synonyms: set[str] = set()
        for word in unique:
            word_heads, word_synonyms = self.of_word(word)
            heads.update(word_heads)
            synonyms.update(word_synonyms)
        return sorted(heads - unique), sorted(synonyms - unique)


def vocabulary(texts: Iterable[set[str]]) -> set[str]:
    """Every word of at least four letters in the word lists."""
    return {w for found in texts for w in found if len(w) >= MIN_HEAD}
