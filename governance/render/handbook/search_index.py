"""The search index as static files: styrdok's own chunked index of the search records.

The bundle goes into the generated project's docs/ (``sok/``), so MkDocs — or any tool
that reads mkdocs.yml and copies docs/ — publishes it as it is: the site searches under
MkDocs Material, Zensical or plain MkDocs, from any static server and under any subpath.
The browser (site/docs/assets/styrdok-sok.js) loads the small entry file, then only the
chunks of words that the typed words begin with, and the result pages it shows.

Why not Pagefind (measured, issue 13): its browser search compares every matching page
with every matching word entry, so its time grows with the square of the matches — on a
10,000-document handbook one search took 0.8–2 s, and the tiers and Swedish forms need
several searches per keystroke. Here each (word, document) pair carries one precomputed
score, so a query is a few array passes in the browser.

Files, each gzip-compressed JSON (``.sok``, a name no server decompresses on its own):

* ``sok.sok`` — the entry: the number of documents, each one's tier (a string of
  digits), the chunk list (first and last word, file) and the filter files;
* ``ord/<hash>.sok`` — a chunk of the sorted words: for each word its documents
  (differences of the document numbers) and scores (0–255);
* ``filter/<key>-<hash>.sok`` — per filter (kind, unit, role, status) each value's
  documents;
* ``sida/<n>.sok`` — what the result list shows of document n: address, title, kind,
  status, owner and the reader's text for the excerpt.

A build keeps each record's analysis (its words, term frequencies and field bonuses) and
each chunk in its cache (``Indexer``), by a key that changes with the record, so after one
saved file only that record is analysed and only the chunks whose postings changed are
packed again; the bytes are those of an index made anew.

Registration numbers and ids are words of their own (``=d:so 2024/0001`` a document's own
number, ``=t:`` one its text mentions, ``=i:`` an id), matched as typed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from governance import cachefile

BUNDLE_DIR = "sok"
FORMAT = 1
TOKEN = re.compile(r"[0-9a-zåäöéüæø]+")
# A word's score in a document: the body's term frequency, saturated (BM25, k1 and b as
# usual), plus a fixed amount when the word is in the title, the summary, a synonym of
# the document's words, or its metadata values and compound heads.
K1, B = 1.2, 0.75
FIELD_BONUS = {"title": 3.0, "summary": 1.5, "synonyms": 1.5, "tail": 0.3}
SCALE = 255 / (K1 + 1 + sum(FIELD_BONUS.values()))
CHUNK_POSTINGS = 12_000
# A word weighs as much as this many postings in a chunk: a run of rare words (registration
# numbers, each in a document or two) would otherwise make a chunk several times larger.
WORD_POSTINGS = 5
FILTERS = ("kind", "unit", "role", "status")
EXACT = {"dnr": "=d:", "dnr_text": "=t:", "id": "=i:"}


def bundle(pages: dict[str, str]) -> dict[str, bytes]:
    """Index the records (URL → record JSON, search_records.pages); return the bundle,
    path under docs/ → bytes. The same records give the same bytes."""
    return Indexer().bundle([(url, "", json.loads(pages[url])) for url in sorted(pages)])


Entry = dict[str, Any]
# What indexing takes of one record: its key, its words (exact words, such as a
# registration number, last), for each word the number of its pair of term frequency in
# the reader's text and field bonus (None: an exact word), those pairs, the length of the
# text, its filters and what the result list shows (packed).
Pair = tuple[int, float] | None
Analysis = tuple[str, list[str], list[int], list[Pair], int, dict[str, Any], bytes]


class Indexer:
    """Makes the bundle; with ``folder`` (a build's cache, under .styrdok/) each record's
    analysis and each chunk are kept there, so that the next build analyses only the
    records whose key changed and packs only the chunks whose postings changed: the
    bytes are the same as without the cache."""

    def __init__(self, folder: Path | None = None, *, reuse: bool = True) -> None:
        self.folder = folder
        key = f"index:{FORMAT}:{K1}:{B}:{sorted(FIELD_BONUS.items())}:{CHUNK_POSTINGS}"
        self.key = f"{key}:{WORD_POSTINGS}"
        self.docs = cachefile.Shards(folder / "records", self.key, reuse=reuse) if folder else None
        found = cachefile.read(folder / "chunks.pickle", self.key) if folder and reuse else None
        self.chunks: dict[tuple[str, ...], Any] = found if isinstance(found, dict) else {}

    def bundle(
        self, records: Sequence[tuple[str, str, Entry | Callable[[], Entry]]]
    ) -> dict[str, bytes]:
        """The bundle of the records (URL, key, record or a function that makes it), in
        URL order; a record with the key of the one analysed last time is not made."""
        analyses = [self._analysis(url, key, record) for url, key, record in records]
        lengths = [a[4] for a in analyses]
        average = sum(lengths) / len(lengths) if lengths else 1.0
        postings = _postings(analyses, average)
        files: dict[str, bytes] = {}
        chunks, kept = [], {}
        for words in _chunked(sorted(postings), postings):
            numbers = [postings[w][0] for w in words]
            scores = [postings[w][1] for w in words]
            held = tuple(words)
            known = self.chunks.get(held)
            if known is not None and known[0] == numbers and known[1] == scores:
                data = known[2]
            else:
                data = _pack({"w": words, "d": [_deltas(n) for n in numbers], "s": scores})
            kept[held] = (numbers, scores, data)
            name = f"ord/{_hash(data)}.sok"
            files[name] = data
            chunks.append([words[0], words[-1], name])
        filters = {}
        for key in FILTERS:
            values: dict[str, list[int]] = defaultdict(list)
            for number, analysis in enumerate(analyses):
                for value in analysis[5].get(key, []):
                    values[value].append(number)
            data = _pack({v: _deltas(ns) for v, ns in sorted(values.items())})
            filters[key] = name = f"filter/{key}-{_hash(data)}.sok"
            files[name] = data
        for number, analysis in enumerate(analyses):
            files[f"sida/{number}.sok"] = analysis[6]
        tiers = "".join(a[5].get("tier", ["1"])[0] for a in analyses)
        head = {"format": FORMAT, "count": len(analyses), "tiers": tiers, "chunks": chunks}
        head["filters"] = filters
        head["version"] = hashlib.sha256(json.dumps(sorted(files)).encode()).hexdigest()[:10]
        files["sok.sok"] = _pack(head)
        self._save(kept)
        return {f"{BUNDLE_DIR}/{name}": data for name, data in sorted(files.items())}

    def _analysis(self, url: str, key: str, record: Entry | Callable[[], Entry]) -> Analysis:
        known = self.docs.get(url) if self.docs is not None and key else None
        if isinstance(known, tuple) and len(known) == 7 and known[0] == key:
            return known
        found = _analyse(key, record() if callable(record) else record)
        if self.docs is not None and key:
            self.docs.put(url, found)
        return found

    def _save(self, chunks: dict[tuple[str, ...], Any]) -> None:
        if self.folder is None or self.docs is None:
            return
        self.docs.save()
        if chunks != self.chunks:
            cachefile.write(self.folder / "chunks.pickle", self.key, chunks)


def _analyse(key: str, entry: Entry) -> Analysis:
    counts = Counter(TOKEN.findall(_reader_text(entry).lower()))
    bonus: dict[str, float] = {}
    fields = {
        "title": [entry["title"]],
        "summary": [entry["summary"]],
        "synonyms": entry["synonyms"],
        "tail": [*entry["values"], *entry["heads"]],
    }
    for name, texts in fields.items():
        for word in _words(texts):
            bonus[word] = bonus.get(word, 0.0) + FIELD_BONUS[name]
    words = sorted(set(counts) | set(bonus))
    filters = entry["filters"]
    exact = sorted({p + v.lower() for k, p in EXACT.items() for v in filters.get(k, [])})
    pairs: list[Pair] = []
    numbered: dict[Pair, int] = {}
    index = []
    for word in words:
        pair = (counts.get(word, 0), bonus.get(word, 0.0))
        if pair not in numbered:
            numbered[pair] = len(pairs)
            pairs.append(pair)
        index.append(numbered[pair])
    if exact:
        pairs.append(None)
        index += [len(pairs) - 1] * len(exact)
    words = [sys.intern(w) for w in [*words, *exact]]
    length = sum(counts.values())
    return key, words, index, pairs, length, filters, _pack(_shown(entry))


def _postings(analyses: list[Analysis], average: float) -> dict[str, tuple[list[int], list[int]]]:
    """Word → the numbers of its documents and the document's score for it (1–255): the
    body's term frequency, saturated (BM25), plus the word's field bonus; exact words 255."""
    postings: dict[str, tuple[list[int], list[int]]] = {}
    get = postings.get
    for number, (_key, words, index, pairs, length, _f, _s) in enumerate(analyses):
        norm = K1 * (1 - B + B * length / average)
        table = [_score(pair, norm) for pair in pairs]
        for word, at in zip(words, index, strict=True):
            score = table[at]
            found = get(word)
            if found is None:
                postings[word] = ([number], [score])
            else:
                found[0].append(number)
                found[1].append(score)
    return postings


def _score(pair: Pair, norm: float) -> int:
    if pair is None:
        return 255
    tf, bonus = pair
    value = (tf * (K1 + 1) / (tf + norm) if tf else 0.0) + bonus
    return max(1, min(255, round(value * SCALE)))


def _reader_text(entry: Entry) -> str:
    return " ".join([entry["title"], entry["summary"], *entry["blocks"]])


def _words(texts: Iterable[str]) -> set[str]:
    return {w for text in texts for w in TOKEN.findall(text.lower())}


def _chunked(words: list[str], postings: dict[str, tuple[list[int], list[int]]]) -> list[list[str]]:
    """The sorted words in runs of about CHUNK_POSTINGS postings, a word counted as
    WORD_POSTINGS more (a word is never split)."""
    runs: list[list[str]] = [[]]
    size = 0
    for word in words:
        weight = len(postings[word][0]) + WORD_POSTINGS
        if size and size + weight > CHUNK_POSTINGS:
            runs.append([])
            size = 0
        runs[-1].append(word)
        size += weight
    return [run for run in runs if run]


def _deltas(numbers: list[int]) -> list[int]:
    found, last = [], 0
    for number in numbers:
        found.append(number - last)
        last = number
    return found


def _shown(entry: dict[str, Any]) -> dict[str, Any]:
    """What a result shows: the meta (title, kind, status, state, owner), the address and
    the reader's text — never the metadata values or the extra words."""
    parts = [entry["title"], entry["summary"], *entry["blocks"]]
    text = " ".join(p if p.endswith((".", "!", "?", ":")) else p + "." for p in parts if p)
    return {"url": entry["url"], "meta": entry["meta"], "content": text}


def _pack(value: Any) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]
