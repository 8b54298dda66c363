"""Placeholders, empty links and personal identity numbers (found by governance.textscan
while the files were read), reported on the field that holds them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from governance.findings import Finding, Path_
from governance.load import Corpus, Entry, finding
from governance.model import Document


def check_text(corpus: Corpus, today: date) -> Iterator[Finding]:
    for entry in corpus.entries:
        if entry.doc is None:
            continue
        for code, offset, shown in entry.hits:
            yield from _hit(entry, code, offset, shown)
        if isinstance(entry.doc, Document):
            yield from _empty_urls(entry, entry.doc)


def _hit(entry: Entry, code: str, start: int, shown: str) -> Iterator[Finding]:
    line = entry.text.count("\n", 0, start) + 1
    column = start - (entry.text.rfind("\n", 0, start) + 1) + 1
    loc: Path_ | None = entry.locator.path_at(line, column)
    if loc is None and code != "personnummer":
        return  # in a comment or a key: never published
    if code == "placeholder" and loc and loc[-1] == "help":
        return  # a form's help text says what to fill in, e.g. ÅÅÅÅ-MM-DD
    messages = {
        "placeholder": f"Platshållaren '{shown}' står kvar i texten.",
        "placeholder-link": f"Länken '{shown}' saknar mål.",
        "personnummer": "Texten innehåller ett personnummer eller samordningsnummer"
        + (" (i en kommentar)." if loc is None else "."),
    }
    yield finding(code, entry, messages[code], loc or (), line=line, column=column)


def _empty_urls(entry: Entry, doc: Document) -> Iterator[Finding]:
    urls: list[tuple[Path_, str | None]] = [(("url",), doc.url)]
    urls += [(("attachments", i, "url"), a.url) for i, a in enumerate(doc.attachments)]
    urls += [
        (("supporting_documents", i, "url"), s.url) for i, s in enumerate(doc.supporting_documents)
    ]
    urls += [(("sources", i, "url"), s.url) for i, s in enumerate(doc.sources)]
    for loc, url in urls:
        if url is not None and url.strip() in ("", "#"):
            yield finding(
                "placeholder-link", entry, f"Webbadressen '{url}' är en platshållare.", loc
            )
