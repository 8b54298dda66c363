"""Deadlines as an iCalendar file (RFC 5545) that Outlook and other calendars import: one
all-day event per deadline.

An event's UID names the document and the kind of deadline, not the date, so importing a
newer file moves the event instead of adding a second one. DTSTAMP is the day the file was
made (``--today``), which keeps the output reproducible.
"""

from __future__ import annotations

from datetime import date, timedelta

from governance import __version__
from governance.ids import slug
from governance.lifecycle.due import WHAT_SV, Deadline

CRLF = "\r\n"


def escape(text: str) -> str:
    """TEXT value escaping: backslash, semicolon, comma and line breaks."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 character."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return CRLF.join(out)


def _day(day: date) -> str:
    return day.strftime("%Y%m%d")


def event(deadline: Deadline, domain: str, today: date) -> list[str]:
    what = WHAT_SV[deadline.what]
    review = f"\nRegistrera prövningen med: styrdok review {deadline.doc_id}"
    description = (
        f"{what} för {deadline.title} ({deadline.doc_id}).\n"
        f"Dokumentansvarig: {deadline.owner_name}.\nFil: {deadline.path}"
        + (review if deadline.what == "review" else "")
    )
    return [
        "BEGIN:VEVENT",
        f"UID:{deadline.what}-{deadline.doc_id}@{domain}",
        f"DTSTAMP:{_day(today)}T000000Z",
        f"DTSTART;VALUE=DATE:{_day(deadline.day)}",
        f"DTEND;VALUE=DATE:{_day(deadline.day + timedelta(days=1))}",
        f"SUMMARY:{escape(f'{what}: {deadline.title}')}",
        f"DESCRIPTION:{escape(description)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def calendar(found: list[Deadline], organisation: str, today: date) -> str:
    """The calendar as text with CRLF line endings."""
    domain = f"{slug(organisation)}.styrdok"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//styrdok//styrdok {__version__}//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(f'Styrande dokument: tidsfrister ({organisation})')}",
    ]
    for deadline in found:
        lines += event(deadline, domain, today)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
