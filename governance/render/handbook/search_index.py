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

Registration numbers and ids are words of their own (``=d:so 2024/0001`` a document's own
number, ``=t:`` one its text mentions, ``=i:`` an id), matched as typed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

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


def cached_bundle(pages: dict[str, str], cache: Path) -> dict[str, bytes]:
    """The bundle, from ``cache`` (a folder of styrdok's) when the records are the ones it
    was made from: a change that leaves every document's text, title, filters and metadata
    as they were (a date, a link) does not index again."""
    text = json.dumps([FORMAT, sorted(pages.items())])
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    stamp = cache / "key"
    if stamp.is_file() and stamp.read_text("utf-8") == key:
        found = {
            p.relative_to(cache / "files").as_posix(): p.read_bytes()
            for p in sorted((cache / "files").rglob("*"))
            if p.is_file()
        }
        if found:
            return found
    made = bundle(pages)
    if cache.exists():
        shutil.rmtree(cache)
    for name, data in made.items():
        path = cache / "files" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    stamp.write_text(key, "utf-8")
    return made


def bundle(pages: dict[str, str]) -> dict[str, bytes]:
    """Index the records (URL → record JSON, search_records.pages); return the bundle,
    path under docs/ → bytes. The same records give the same bytes."""
    entries = [json.loads(pages[url]) for url in sorted(pages)]
    files: dict[str, bytes] = {}
    counts = [Counter(TOKEN.findall(_reader_text(e).lower())) for e in entries]
    lengths = [sum(c.values()) for c in counts]
    average = sum(lengths) / len(lengths) if lengths else 1.0
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for number, entry in enumerate(entries):
        for word, score in _scores(entry, counts[number], lengths[number], average).items():
            postings[word].append((number, score))
    chunks = []
    for words in _chunked(sorted(postings), postings):
        data = _pack(
            {
                "w": words,
                "d": [_deltas(postings[w]) for w in words],
                "s": [[s for _, s in postings[w]] for w in words],
            }
        )
        name = f"ord/{_hash(data)}.sok"
        files[name] = data
        chunks.append([words[0], words[-1], name])
    filters = {}
    for key in FILTERS:
        values: dict[str, list[int]] = defaultdict(list)
        for number, entry in enumerate(entries):
            for value in entry["filters"].get(key, []):
                values[value].append(number)
        data = _pack({v: _deltas([(n, 0) for n in ns]) for v, ns in sorted(values.items())})
        filters[key] = name = f"filter/{key}-{_hash(data)}.sok"
        files[name] = data
    for number, entry in enumerate(entries):
        files[f"sida/{number}.sok"] = _pack(_shown(entry))
    tiers = "".join(e["filters"].get("tier", ["1"])[0] for e in entries)
    head = {"format": FORMAT, "count": len(entries), "tiers": tiers, "chunks": chunks}
    head["filters"] = filters
    head["version"] = hashlib.sha256(json.dumps(sorted(files)).encode()).hexdigest()[:10]
    files["sok.sok"] = _pack(head)
    return {f"{BUNDLE_DIR}/{name}": data for name, data in sorted(files.items())}


def _reader_text(entry: dict[str, Any]) -> str:
    return " ".join([entry["title"], entry["summary"], *entry["blocks"]])


def _scores(
    entry: dict[str, Any], counts: Counter[str], length: int, average: float
) -> dict[str, int]:
    """Word → the document's score for it (1–255)."""
    norm = K1 * (1 - B + B * length / average)
    score = {word: tf * (K1 + 1) / (tf + norm) for word, tf in counts.items()}
    fields = {
        "title": [entry["title"]],
        "summary": [entry["summary"]],
        "synonyms": entry["synonyms"],
        "tail": [*entry["values"], *entry["heads"]],
    }
    for name, texts in fields.items():
        bonus = FIELD_BONUS[name]
        for word in _words(texts):
            score[word] = score.get(word, 0.0) + bonus
    found = {word: max(1, min(255, round(value * SCALE))) for word, value in score.items()}
    for key, prefix in EXACT.items():
        for value in entry["filters"].get(key, []):
            found[prefix + value.lower()] = 255
    return found


def _words(texts: Iterable[str]) -> set[str]:
    return {w for text in texts for w in TOKEN.findall(text.lower())}


def _chunked(words: list[str], postings: dict[str, list[tuple[int, int]]]) -> list[list[str]]:
    """The sorted words in runs of about CHUNK_POSTINGS postings, a word counted as
    WORD_POSTINGS more (a word is never split)."""
    runs: list[list[str]] = [[]]
    size = 0
    for word in words:
        weight = len(postings[word]) + WORD_POSTINGS
        if size and size + weight > CHUNK_POSTINGS:
            runs.append([])
            size = 0
        runs[-1].append(word)
        size += weight
    return [run for run in runs if run]


def _deltas(pairs: list[tuple[int, int]]) -> list[int]:
    found, last = [], 0
    for number, _ in pairs:
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
