"""Text that must never be published: placeholders, empty links, personal identity numbers.

The raw file text is searched once with a combined expression, so a clean file costs one
regex pass; only a hit composes the file to find which field holds it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from governance.findings import Finding, Path_
from governance.load import Corpus, Entry, finding
from governance.model import Document

_PLACEHOLDER = (
    r"\[(?:[A-ZÅÄÖ][a-zåäö]+|Ange[^\]\n]{0,40}|Skriv[^\]\n]{0,40}|Fyll i[^\]\n]{0,40})\](?![(\[:])"
    r"|\b(?:TODO|FIXME|XXX|TBD)\b"
    r"|(?i:lorem ipsum)"
)
_EMPTY_LINK = r"\]\(\s*#?\s*\)|href=[\"']#?[\"']"
_PNR = r"(?<![\w/-])(?P<century>18|19|20)?(?P<date>\d{6})(?P<sep>[-+])?(?P<tail>\d{4})(?![\w/]|-\d)"
_SCAN = re.compile(f"(?P<placeholder>{_PLACEHOLDER})|(?P<link>{_EMPTY_LINK})|(?P<pnr>{_PNR})")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def is_personnummer(match: re.Match[str]) -> bool:
    """A personnummer or samordningsnummer (day + 60) with a valid date and check digit.
    A bare ten-digit number starting with 0 is taken for a phone number."""
    century, ymd, sep, tail = match.group("century", "date", "sep", "tail")
    if not century and not sep and ymd.startswith("0"):
        return False
    month, day = int(ymd[2:4]), int(ymd[4:6])
    if day > 60:
        day -= 60
    year = int((century or "20") + ymd[:2])
    try:
        date(year if century else 2000 + year % 100, month, day)
    except ValueError:
        return False
    return luhn_ok(ymd + tail)


def check_text(corpus: Corpus, today: date) -> Iterator[Finding]:
    extra = [re.escape(p) for p in corpus.config.placeholders]
    extra_re = re.compile("|".join(extra)) if extra else None
    for entry in corpus.entries:
        if entry.doc is None:
            continue
        yield from _scan(entry, _SCAN.finditer(entry.text))
        if extra_re:
            for match in extra_re.finditer(entry.text):
                yield from _hit(entry, match, "placeholder", match.group())
        if isinstance(entry.doc, Document):
            yield from _empty_urls(entry, entry.doc)


def _scan(entry: Entry, matches: Iterator[re.Match[str]]) -> Iterator[Finding]:
    for match in matches:
        if match.group("placeholder"):
            yield from _hit(entry, match, "placeholder", match.group())
        elif match.group("link"):
            yield from _hit(entry, match, "placeholder-link", match.group())
        elif is_personnummer(match):
            yield from _hit(entry, match, "personnummer", "")


def _hit(entry: Entry, match: re.Match[str], code: str, shown: str) -> Iterator[Finding]:
    start = match.start()
    line = entry.text.count("\n", 0, start) + 1
    column = start - (entry.text.rfind("\n", 0, start) + 1) + 1
    loc: Path_ | None = entry.locator.path_at(line, column)
    if loc is None and code != "personnummer":
        return  # in a comment or a key: never published
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
