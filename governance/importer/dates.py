"""Dates as people write them in a metadata table: ``2022-02-02``, ``2 februari 2022``,
``2/2 2022``, ``2022-02-02, § 12``, and validity as ``Fr.o.m. 2022-02-15 och tills vidare``,
``Fr.o.m. 2022-02-15 t.o.m. 2024-12-31`` or ``2022-02-15 – 2024-12-31``."""

from __future__ import annotations

import re
from datetime import date

UNTIL_FURTHER_NOTICE = "until-further-notice"
MONTHS = {
    name: n
    for n, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb"),
            ("mars", "mar"),
            ("april", "apr"),
            ("maj",),
            ("juni", "jun"),
            ("juli", "jul"),
            ("augusti", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "okt"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WORDS = re.compile(r"(\d{1,2})\s*\.?\s+([a-zåäö]+)\.?\s+(\d{4})", re.IGNORECASE)
_SLASH = re.compile(r"(\d{1,2})/(\d{1,2})\s*-?\s*(\d{4})")
_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_PARAGRAPH = re.compile(r"§\s*\d+[a-z]?")
_FURTHER = re.compile(r"tills?\s*vidare|\btv\b|t\.v\.|tillsvidare", re.IGNORECASE)
_UNTIL = re.compile(r"t\.?\s*o\.?\s*m\.?|till och med|–|—|-\s|\s-", re.IGNORECASE)
EMPTY = {"", "-", "–", "—", "inga", "ingen", "saknas", "uppgift saknas"}


class DateError(ValueError):
    """The text holds no date styrdok can read."""


def is_empty(text: str) -> bool:
    return text.strip().casefold().rstrip(".") in EMPTY


def find_dates(text: str) -> list[tuple[int, date]]:
    """Every date in the text, with where it starts; raises DateError for an impossible one
    (2022-02-30)."""
    found: list[tuple[int, date]] = []
    taken: list[range] = []
    for pattern, order in ((_ISO, "ymd"), (_WORDS, "dmy"), (_SLASH, "dmy"), (_DOTTED, "dmy")):
        for match in pattern.finditer(text):
            if any(match.start() in span for span in taken):
                continue
            day = _make(match, order)
            if day is not None:
                found.append((match.start(), day))
                taken.append(range(match.start(), match.end()))
    return sorted(found)


def _make(match: re.Match[str], order: str) -> date | None:
    a, b, c = match.groups()
    if order == "ymd":
        year, month, day = int(a), int(b), int(c)
    else:
        month_text = b.casefold()
        if month_text.isdigit():
            month = int(month_text)
        elif month_text in MONTHS:
            month = MONTHS[month_text]
        else:
            return None
        year, day = int(c), int(a)
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(f"'{match.group(0)}' är inget giltigt datum") from None


def one_date(text: str) -> date:
    dates = find_dates(text)
    if not dates:
        raise DateError(f"'{text.strip()}' är inget datum styrdok kan läsa")
    return dates[0][1]


def decision(text: str) -> tuple[date, str | None]:
    """``2022-02-02, § 12`` → the date and the paragraph."""
    day = one_date(text)
    found = _PARAGRAPH.search(text)
    return day, (" ".join(found.group(0).split()) if found else None)


def validity(text: str) -> tuple[date | None, date | str | None]:
    """``Fr.o.m. X och tills vidare`` → (X, until-further-notice); ``X – Y`` → (X, Y);
    ``Tills vidare`` → (None, until-further-notice); ``… – Y`` → (None, Y)."""
    dates = find_dates(text)
    further = bool(_FURTHER.search(text))
    if not dates:
        if further:
            return None, UNTIL_FURTHER_NOTICE
        raise DateError(f"'{text.strip()}' är ingen giltighetstid styrdok kan läsa")
    if len(dates) == 1:
        position, day = dates[0]
        before = text[:position]
        if _UNTIL.search(before) and not re.search(r"fr\.?\s*o\.?\s*m", before, re.IGNORECASE):
            return None, day
        return day, (UNTIL_FURTHER_NOTICE if further else None)
    return dates[0][1], dates[1][1]
