"""Deadlines as an iCalendar file (RFC 5545) that Outlook and other calendars import: one
all-day event per deadline, with a reminder (VALARM) some days before.

An event's UID names the document and the kind of deadline, not the date, so importing a
newer file moves the event instead of adding a second one. A deadline already passed is
shown on today's date, "FÖRSENAD" first in its title, where someone looks. SEQUENCE is the
shown date as a day number, so it grows when a review moves the deadline later and, for an
overdue one, every day it stays overdue: a calendar takes the newer file's event. DTSTAMP
is the day the file was made (``--today``), which keeps the output reproducible.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from governance import __version__
from governance.dates import window_end
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


EPOCH = date(2000, 1, 1)
OVERDUE = "FÖRSENAD"
DEFAULT_REMIND_DAYS = 14


def _description(deadline: Deadline, overdue: bool) -> str:
    what = WHAT_SV[deadline.what]
    late = f"\n{OVERDUE}: skulle ha varit klar {deadline.day.isoformat()}." if overdue else ""
    review = f"\nRegistrera prövningen med: styrdok review {deadline.doc_id}"
    return (
        f"{what} för {deadline.title} ({deadline.doc_id}).\n"
        f"Dokumentansvarig: {deadline.owner_name}.\nFil: {deadline.path}"
        + (review if deadline.what == "review" else "")
        + late
    )


def _alarm(summary: str, remind_days: int | None, overdue: bool) -> list[str]:
    """A display reminder ``remind_days`` before; for an overdue event at 09.00 the day it
    is shown (today). None: no reminder."""
    if remind_days is None:
        return []
    trigger = "PT9H" if overdue else (f"-P{remind_days}D" if remind_days else "PT9H")
    return [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"TRIGGER:{trigger}",
        f"DESCRIPTION:{escape(summary)}",
        "END:VALARM",
    ]


def event(
    deadline: Deadline, domain: str, today: date, remind_days: int | None = DEFAULT_REMIND_DAYS
) -> list[str]:
    overdue = deadline.overdue(today)
    shown = today if overdue else deadline.day
    summary = f"{WHAT_SV[deadline.what]}: {deadline.title}"
    if overdue:
        summary = f"{OVERDUE} sedan {deadline.day.isoformat()} – {summary}"
    return [
        "BEGIN:VEVENT",
        f"UID:{deadline.what}-{deadline.doc_id}@{domain}",
        f"DTSTAMP:{_day(today)}T000000Z",
        f"SEQUENCE:{(shown - EPOCH).days}",
        f"DTSTART;VALUE=DATE:{_day(shown)}",
        f"DTEND;VALUE=DATE:{_day(window_end(shown, 1))}",
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(_description(deadline, overdue))}",
        "TRANSP:TRANSPARENT",
        *_alarm(summary, remind_days, overdue),
        "END:VEVENT",
    ]


def _one_per_deadline(found: list[Deadline]) -> list[Deadline]:
    """One event per deadline: a document with several owners names them all."""
    merged: dict[tuple[str, str], Deadline] = {}
    for d in found:
        key = (d.what, d.doc_id)
        if key in merged:
            first = merged[key]
            merged[key] = replace(first, owner_name=f"{first.owner_name}, {d.owner_name}")
        else:
            merged[key] = d
    return list(merged.values())


def calendar(
    found: list[Deadline],
    organisation: str,
    today: date,
    remind_days: int | None = DEFAULT_REMIND_DAYS,
) -> str:
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
    for deadline in _one_per_deadline(found):
        lines += event(deadline, domain, today, remind_days)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
