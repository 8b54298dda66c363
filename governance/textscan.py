"""Text that must never be published, found in a file's raw text: placeholders, empty
links, personal identity numbers. Pure functions of the text, cheap on a clean file (a few
substring tests and one digit scan), so they run while files are read."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

Hit = tuple[str, int, str]  # code, offset in the text, the text found

_BRACKET = re.compile(
    r"\[(?:[A-ZÅÄÖ][a-zåäö]+|Ange[^\]\n]{0,40}|Skriv[^\]\n]{0,40}|Fyll i[^\]\n]{0,40})\](?![(\[:])"
)
_MARKERS = ("TODO", "FIXME", "XXX", "TBD")
_MARKER = re.compile(r"\b(?:TODO|FIXME|XXX|TBD)\b")
_LOREM = re.compile(r"(?i:lorem ipsum)")
_EMPTY_LINK = re.compile(r"\]\([\s#]*\)")
_EMPTY_HREF = re.compile(r"href=[\"']#?[\"']")
# Six digits, two more for the century, an optional sign, four digits; the rest is judged
# in Python (is_personnummer), which is several times faster than lookarounds in the regex.
PNR_CANDIDATE = re.compile(r"\d\d\d\d\d\d(?:\d\d)?[-+]?\d\d\d\d")
_BEFORE = frozenset("/-_")
_AFTER = frozenset("/_")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def is_personnummer(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a PNR_CANDIDATE match) is a personnummer or
    samordningsnummer (day + 60) standing on its own, with a real date and a valid check
    digit. A bare ten-digit number starting with 0 is taken for a phone number."""
    before = text[start - 1] if start else " "
    after = text[end : end + 2]
    if before.isalnum() or before in _BEFORE or (after[:1].isalnum() or after[:1] in _AFTER):
        return False
    if after[:1] == "-" and after[1:2].isdigit():
        return False
    raw = text[start:end]
    digits = raw.replace("-", "").replace("+", "")
    century, ymd, tail = (
        (digits[:2], digits[2:8], digits[8:]) if len(digits) == 12 else ("", digits[:6], digits[6:])
    )
    if century and century not in ("18", "19", "20"):
        return False
    if not century and raw == digits and ymd.startswith("0"):
        return False
    month, day = int(ymd[2:4]), int(ymd[4:6])
    day = day - 60 if day > 60 else day
    try:
        date(int((century or "20") + ymd[:2]), month, day)
    except ValueError:
        return False
    return luhn_ok(ymd + tail)


def find_personnummer(text: str) -> Iterator[re.Match[str]]:
    for match in PNR_CANDIDATE.finditer(text):
        if is_personnummer(text, match.start(), match.end()):
            yield match


def scan(text: str, extra: tuple[str, ...] = ()) -> list[Hit]:
    """Every suspicious place in ``text``: (code, offset, text found)."""
    hits: list[Hit] = [("placeholder", m.start(), m.group()) for m in _placeholders(text, extra)]
    hits += [("placeholder-link", m.start(), m.group()) for m in _empty_links(text)]
    hits += [("personnummer", m.start(), "") for m in find_personnummer(text)]
    return hits


def _placeholders(text: str, extra: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """Substring tests first: they cost almost nothing when the text is clean."""
    if "[" in text:
        yield from _BRACKET.finditer(text)
    if any(marker in text for marker in _MARKERS):
        yield from _MARKER.finditer(text)
    if "orem" in text or "OREM" in text:
        yield from _LOREM.finditer(text)
    for word in extra:
        if word in text:
            yield from re.finditer(re.escape(word), text)


def _empty_links(text: str) -> Iterator[re.Match[str]]:
    if "](" in text:
        yield from _EMPTY_LINK.finditer(text)
    if "href=" in text:
        yield from _EMPTY_HREF.finditer(text)
