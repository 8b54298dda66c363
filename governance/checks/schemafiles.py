"""The corpus' copy of the JSON Schema, and the first line that points editors to it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from governance import cachefile
from governance.findings import Finding
from governance.load import Corpus, Entry, finding
from governance.safefile import Unreadable, read_bytes
from governance.schema import (
    SCHEMAS,
    config_vocabulary,
    corpus_schema_text,
    modeline,
    schema_file,
    schema_for,
    without_examples,
)

SCHEMA_LIMIT = 20_000_000  # bytes; a schema copy with the corpus' vocabularies
MEMO = Path(".styrdok") / "build" / "schemafiles"


def check_schema_files(corpus: Corpus, today: date) -> Iterator[Finding]:
    for name in SCHEMAS:
        path = schema_file(name)
        if _stale(corpus, name):
            state = "saknas" if not (corpus.root / path).is_file() else "är inaktuell"
            entry = Entry(path=path, folder="")
            yield finding(
                "schema-outdated", entry, f"Schemafilen {path} {state}.", line=1, column=1
            )
    for entry in corpus.entries:
        if entry.doc is None:
            continue
        expected = modeline(entry.path, schema_for(entry.folder))
        first = entry.text.split("\n", 1)[0].rstrip("\r")
        if first != expected:
            yield finding(
                "schema-pointer",
                entry,
                f"Första raden ska vara '{expected}' så att editorn hittar schemat.",
                line=1,
                column=1,
            )


def _stale(corpus: Corpus, name: str) -> bool:
    path = corpus.root / schema_file(name)
    try:
        raw = read_bytes(path, SCHEMA_LIMIT, corpus.root)
    except Unreadable:
        return True
    vocabulary = config_vocabulary(corpus.config)
    # Making the expected schema is most of the check's time: the answer for this file and
    # these vocabularies is kept in the build cache (governance.cachefile).
    key = cachefile.digest(raw + repr(vocabulary).encode("utf-8"))
    memo = corpus.root / MEMO / f"{name}.pickle"
    known = cachefile.read(memo, "schema")
    if isinstance(known, tuple) and len(known) == 2 and known[0] == key:
        return bool(known[1])
    expected = corpus_schema_text(name, vocabulary)
    stale = bool(without_examples(raw.decode("utf-8", "replace")) != without_examples(expected))
    if (corpus.root / MEMO).parent.is_dir():  # .styrdok/build/ of a corpus that was built
        cachefile.write(memo, "schema", (key, stale))
    return stale
