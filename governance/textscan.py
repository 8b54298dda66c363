"""Text that must never be published, found in a file's raw text: placeholders, empty
links, personal identity numbers. Pure functions of the text, cheap on a clean file (a few
substring tests and one digit scan), so they run while files are read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from governance.normalise import normalise

Hit = tuple[str, int, str]  # code, offset in the text, the text found

_BRACKET = re.compile(
    r"\[(?:[A-ZÅÄÖ][a-zåäö]+|Ange[^\]\n]{0,40}|Skriv[^\]\n]{0,40}|Fyll i[^\]\n]{0,40})\](?![(\[:])"
)
_MARKERS = ("TODO", "FIXME", "XXX", "TBD")
_MARKER = re.compile(r"\b(?:TODO|FIXME|XXX|TBD)\b")
_LOREM = re.compile(r"(?i:lorem ipsum)")
# A date still to be filled in: 20XX-XX-XX, ÅÅÅÅ-MM-DD, YYYY-MM-DD, xxxx-xx-xx …
_DATE_SHAPE = re.compile(
    r"(?<![\w-])(?:[12][0-9]|[XxYyÅå]{2})[XxYyÅå]{2}-(?:[Xx]{2}|MM)-(?:[Xx]{2}|DD)(?![\w-])"
)
_XXXX = re.compile(r"(?<![\w-])[Xx]{4,}(?![\w-])")
# An ellipsis standing alone (a value, "Dnr: …", "[…]"), not one ending a word.
_ELLIPSIS = re.compile(r"(?<![^\s:\[(])(?:…|\.\.\.)(?![^\s)\]])")
_EMPTY_LINK = re.compile(r"\[[^\[\]\n]{0,120}\]\([\s#]*\)|\]\([\s#]*\)")  # with its text
_EMPTY_HREF = re.compile(r"href=[\"']#?[\"']")
# Six digits, two more for the century, an optional separator, four digits; the rest is
# judged in Python (is_personnummer), which is several times faster than lookarounds.
PNR_CANDIDATE = re.compile(r"\d\d\d\d\d\d(?:\d\d)?[-+ ]?\d\d\d\d")
# A bare ten-digit number after one of these words is a phone number (0701234567).
_PHONE_WORDS = ("tel", "tfn", "mobil", "växel", "sms", "ring", "fax", "nr:")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def is_personnummer(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a PNR_CANDIDATE match in normalised text) is a
    personnummer or samordningsnummer (day + 60) standing on its own: a real date, a valid
    check digit, no digit on either side. Letters, ``/``, ``-`` and ``_`` around it do
    not hide it (``beslut_800101-0019.pdf``). Not taken for one: a timestamp
    ``ÅÅÅÅMMDD-TTMM`` of this century, and a bare ten-digit number after a phone word."""
    before = text[start - 1] if start else " "
    after = text[end : end + 2]
    if before.isdigit() or after[:1].isdigit() or (after[:1] == "-" and after[1:2].isdigit()):
        return False
    raw = text[start:end]
    digits = raw.replace("-", "").replace("+", "").replace(" ", "")
    century, ymd, tail = (
        (digits[:2], digits[2:8], digits[8:]) if len(digits) == 12 else ("", digits[:6], digits[6:])
    )
    if century and century not in ("18", "19", "20"):
        return False
    if century == "20" and raw[8:9] == "-" and _is_time(tail):
        return False  # 20221123-1530: a timestamp
    if not century and raw == digits and ymd.startswith("0") and _after_phone_word(text, start):
        return False
    centuries = (century,) if century else (("18", "19") if "+" in raw else ("19", "20"))
    return _is_date(centuries, ymd) and luhn_ok(ymd + tail)


def _is_time(hhmm: str) -> bool:
    return int(hhmm[:2]) < 24 and int(hhmm[2:]) < 60


def _after_phone_word(text: str, start: int) -> bool:
    near = text[max(0, start - 24) : start].casefold()
    return any(word in near for word in _PHONE_WORDS)


def _is_date(centuries: tuple[str, ...], ymd: str) -> bool:
    month, day = int(ymd[2:4]), int(ymd[4:6])
    day = day - 60 if day > 60 else day
    for century in centuries:
        try:
            date(int(century + ymd[:2]), month, day)
            return True
        except ValueError:
            continue
    return False


def find_personnummer(text: str) -> Iterator[tuple[int, int]]:
    """Start and end, in ``text``, of every personnummer, also when it is written with
    HTML entities, YAML escapes, Unicode dashes or spaces, or zero-width characters
    (governance.normalise)."""
    plain, where = normalise(text)
    for match in PNR_CANDIDATE.finditer(plain):
        if is_personnummer(plain, match.start(), match.end()):
            yield where(match.start()), where(match.end() - 1) + 1


def scan(text: str, extra: tuple[str, ...] = ()) -> list[Hit]:
    """Every suspicious place in ``text``: (code, offset, text found)."""
    hits: list[Hit] = [("placeholder", m.start(), m.group()) for m in _placeholders(text, extra)]
    hits += [("placeholder-link", m.start(), m.group()) for m in _empty_links(text)]
    hits += [("personnummer", start, "") for start, _ in find_personnummer(text)]
    return hits


def _placeholders(text: str, extra: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """Substring tests first: they cost almost nothing when the text is clean."""
    if "[" in text:
        yield from _BRACKET.finditer(text)
    if any(marker in text for marker in _MARKERS):
        yield from _MARKER.finditer(text)
    if "orem" in text or "OREM" in text:
        yield from _LOREM.finditer(text)
    if "-XX" in text or "-xx" in text or "-MM-" in text:
        yield from _DATE_SHAPE.finditer(text)
    if "xxxx" in text or "XXXX" in text:
        yield from _XXXX.finditer(text)
    if "…" in text or "..." in text:
        yield from _ELLIPSIS.finditer(text)
    for word in extra:
        if word in text:
            yield from re.finditer(re.escape(word), text)


def _empty_links(text: str) -> Iterator[re.Match[str]]:
    if "](" in text:
        yield from _EMPTY_LINK.finditer(text)
    if "href=" in text:
        yield from _EMPTY_HREF.finditer(text)
