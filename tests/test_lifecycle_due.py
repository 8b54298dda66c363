"""styrdok due: deadlines per owner as a table, CSV and an iCalendar file (parsed with the
icalendar package)."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from conftest import run
from helpers import TODAY, copy_example

from governance.lifecycle.due import Window, parse_window
from governance.lifecycle.ics import fold

DAY = "--today=2026-11-23"
TABLE = """\
Processledare boendesociala frågor (processledare-boendesociala-fragor)
  2022-09-11  försenad  Aktualitetsprövning  rutin-bostad-forst                                        Göteborgs Stads rutin för Bostad först
  2026-02-06  försenad  Aktualitetsprövning  rutin-forebygga-avhysning                                 Rutin för samverkan mellan förvaltningarna i arbetet med att förebygga avhysning
  2026-03-20  försenad  Aktualitetsprövning  rutin-intern-samordning-avhysning                         Rutin för intern samordning av socialförvaltningarnas arbete med att förebygga avhysningar

Stadsledningskontoret (stadsledningskontoret)
  2022-12-31  försenad  Giltigheten går ut   plan-hemloshet-2020-2022                                  Göteborgs Stads hemlöshetsplan 2020–2022
  2024-02-15  försenad  Aktualitetsprövning  plan-hemloshet-2020-2022                                  Göteborgs Stads hemlöshetsplan 2020–2022
  2025-07-01  försenad  Aktualitetsprövning  anvisning-ansvarsfordelning-psykisk-funktionsnedsattning  Göteborgs Stads anvisning om ansvarsfördelning för personer med psykiska funktionsnedsättningar

Utvecklingsledare boendeverksamheten (utvecklingsledare-boende)
  2022-02-12  försenad  Aktualitetsprövning  rutin-nodbistand-boende                                   Rutin för nödbistånd boende

Verksamhetsutvecklare FFS (verksamhetsutvecklare-ffs)
  2026-02-06  försenad  Aktualitetsprövning  rutin-forebygga-avhysning                                 Rutin för samverkan mellan förvaltningarna i arbetet med att förebygga avhysning

Verksamhetsutvecklare FFS och ÄVO (verksamhetsutvecklare-ffs-avo)
  2026-10-02  försenad  Aktualitetsprövning  rutin-samordnad-plan-och-samtycke                         Göteborgs Stads rutin för samordnad plan och samtycke för personer med psykiska funktionsnedsättningar

Verksamhetsutvecklare ÄVO (verksamhetsutvecklare-avo)
  2026-02-06  försenad  Aktualitetsprövning  rutin-forebygga-avhysning                                 Rutin för samverkan mellan förvaltningarna i arbetet med att förebygga avhysning

8 tidsfrister i 7 dokument till och med 2027-02-21.
"""


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path)


def test_table_groups_deadlines_by_owner(example: Path) -> None:
    result = run("due", "--root", str(example), DAY)
    assert result.exit_code == 0
    assert result.output == TABLE


def test_the_window_and_the_owner(example: Path) -> None:
    result = run(
        "due",
        "--within",
        "3y",
        "--owner",
        "processledare-boendesociala-fragor",
        "--root",
        str(example),
        DAY,
    )
    lines = result.output.splitlines()
    assert lines[0] == "Processledare boendesociala frågor (processledare-boendesociala-fragor)"
    assert lines[-1] == "3 tidsfrister i 3 dokument till och med 2029-11-23."


def test_a_review_removes_the_deadline(example: Path) -> None:
    run("review", "rutin-nodbistand-boende", "--root", str(example), DAY)
    assert "rutin-nodbistand-boende" not in run("due", "--root", str(example), DAY).output
    later = run("due", "--within", "2y", "--format", "csv", "--root", str(example), DAY).output
    assert "2028-11-23;Aktualitetsprövning;kommande;rutin-nodbistand-boende" in later


def test_nothing_due(example: Path) -> None:
    result = run("due", "--owner", "brukare", "--root", str(example), DAY)
    assert result.output == "Inga aktualitetsprövningar eller slutdatum till och med 2027-02-21.\n"


def test_csv_for_a_swedish_excel(example: Path) -> None:
    """Semicolons (comma is the decimal sign) and UTF-8 with a byte order mark, or Excel
    shows one column and "frÃ¥gor"."""
    raw = run("due", "--format", "csv", "--root", str(example), DAY).stdout_bytes
    assert raw.startswith(b"\xef\xbb\xbfdokumentansvarig;roll;datum;frist;status;id;titel;fil\r\n")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) == 11  # a header and ten rows: the eviction routine under three owners
    assert rows[1][:5] == [
        "Processledare boendesociala frågor",
        "processledare-boendesociala-fragor",
        "2022-09-11",
        "Aktualitetsprövning",
        "försenad",
    ]


def test_plain_csv(example: Path) -> None:
    result = run("due", "--format", "csv", "--csv-dialect", "plain", "--root", str(example), DAY)
    assert not result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 10  # eight deadlines; the eviction routine's under its three owners
    assert rows[0] == {
        "dokumentansvarig": "Processledare boendesociala frågor",
        "roll": "processledare-boendesociala-fragor",
        "datum": "2022-09-11",
        "frist": "Aktualitetsprövning",
        "status": "försenad",
        "id": "rutin-bostad-forst",
        "titel": "Göteborgs Stads rutin för Bostad först",
        "fil": "routines/rutin-bostad-forst.yaml",
    }


def _ics(example: Path, *args: str) -> bytes:
    result = run("due", "--format", "ics", "--root", str(example), DAY, *args)
    assert result.exit_code == 0
    return result.stdout_bytes


UID_PLAN = "validity-plan-hemloshet-2020-2022@goteborgs-stad-exempelkorpus.styrdok"
UID_BOSTAD = "review-rutin-bostad-forst@goteborgs-stad-exempelkorpus.styrdok"


def test_ics_has_one_event_per_deadline(example: Path) -> None:
    raw = _ics(example, "--within", "1y")
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0"
    events = calendar.walk("VEVENT")
    assert len(events) == 9  # the table's eight and a review in May 2027
    by_uid = {str(e["UID"]): e for e in events}
    coming = next(e for e in events if e.decoded("DTSTART") == date(2027, 5, 10))
    assert str(coming["SUMMARY"]).startswith("Aktualitetsprövning: ")
    review = by_uid[UID_BOSTAD]
    assert str(review["DESCRIPTION"]) == (
        "Aktualitetsprövning för Göteborgs Stads rutin för Bostad först (rutin-bostad-forst).\n"
        "Dokumentansvarig: Processledare boendesociala frågor.\n"
        "Fil: routines/rutin-bostad-forst.yaml\n"
        "Registrera prövningen med: styrdok review rutin-bostad-forst\n"
        "FÖRSENAD: skulle ha varit klar 2022-09-11."
    )


def test_overdue_deadlines_are_shown_today_marked_late(example: Path) -> None:
    """A deadline passed in 2022 on its own date is where nobody looks."""
    events = icalendar.Calendar.from_ical(_ics(example)).walk("VEVENT")
    by_uid = {str(e["UID"]): e for e in events}
    plan = by_uid[UID_PLAN]
    assert plan.decoded("DTSTART") == TODAY
    assert plan.decoded("DTEND") == date(2026, 11, 24)
    assert str(plan["SUMMARY"]) == (
        "FÖRSENAD sedan 2022-12-31 – Giltigheten går ut: Göteborgs Stads hemlöshetsplan 2020–2022"
    )
    assert all(e.decoded("DTSTART") == TODAY for e in events)  # every one is overdue here
    assert all(str(e["SUMMARY"]).startswith("FÖRSENAD sedan ") for e in events)


def test_reminders_some_days_before(example: Path) -> None:
    def triggers(*args: str) -> dict[str, timedelta]:
        raw = _ics(example, "--within", "1y", *args)
        found = {}
        for e in icalendar.Calendar.from_ical(raw).walk("VEVENT"):
            alarms = e.walk("VALARM")
            assert [str(a["ACTION"]) for a in alarms] == ["DISPLAY"]
            found[str(e["UID"])] = alarms[0].decoded("TRIGGER")
        return found

    coming = "review-riktlinje-bistand-till-boende@goteborgs-stad-exempelkorpus.styrdok"
    default = triggers()
    assert default[UID_PLAN] == timedelta(hours=9)  # overdue: 09.00 today
    assert default[coming] == timedelta(days=-14)
    assert set(triggers("--remind-days", "30").values()) == {
        timedelta(days=-30),
        timedelta(hours=9),
    }
    raw = _ics(example, "--within", "1y", "--no-remind")
    assert b"VALARM" not in raw


def test_ics_uid_stays_and_sequence_grows_when_the_deadline_moves(example: Path) -> None:
    def events() -> dict[str, tuple[date, int]]:
        raw = _ics(example, "--within", "3y")
        return {
            str(e["UID"]): (e.decoded("DTSTART"), int(str(e["SEQUENCE"])))
            for e in icalendar.Calendar.from_ical(raw).walk("VEVENT")
        }

    before = events()
    run("review", "rutin-bostad-forst", "--root", str(example), DAY)
    after = events()
    assert set(after) == set(before)
    assert after[UID_BOSTAD][0] == date(2028, 11, 23)
    assert after[UID_BOSTAD][1] > before[UID_BOSTAD][1]
    assert after[UID_PLAN] == before[UID_PLAN]


def test_a_second_parser_reads_the_calendar(example: Path) -> None:
    """vobject, another iCalendar implementation, reads the same file."""
    import vobject  # type: ignore[import-untyped]

    raw = _ics(example, "--within", "1y")
    parsed = vobject.readOne(raw.decode("utf-8"))
    events = parsed.contents["vevent"]
    assert len(events) == 9
    plan = next(e for e in events if e.uid.value == UID_PLAN)
    assert plan.dtstart.value == TODAY
    assert plan.summary.value.startswith("FÖRSENAD sedan 2022-12-31")
    assert plan.valarm.trigger.value == timedelta(hours=9)


def test_unknown_owner(example: Path) -> None:
    result = run("due", "--owner", "processledare", "--root", str(example), DAY)
    assert (result.exit_code, result.output) == (
        1,
        "Fel: Rollen 'processledare' finns inte under roles i styrdok.yaml. Roller som är "
        "dokumentansvariga: processledare-boendesociala-fragor, stadsledningskontoret, "
        "utvecklingsledare-boende, verksamhetsutvecklare-avo, verksamhetsutvecklare-ffs, "
        "verksamhetsutvecklare-ffs-avo.\n",
    )


def test_bad_window_is_a_usage_error(example: Path) -> None:
    result = run("due", "--within", "3x", "--root", str(example))
    assert result.exit_code == 2
    assert "'3x' är ingen tidsperiod. Skriv till exempel 90d (dagar), 12w (veckor)" in result.output


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("90d", date(2027, 2, 21)),
        ("90", date(2027, 2, 21)),
        ("2w", date(2026, 12, 7)),
        ("3m", date(2027, 2, 23)),
        ("1Y", date(2027, 11, 23)),
    ],
)
def test_parse_window(text: str, end: date) -> None:
    assert parse_window(text).end(TODAY) == end


def test_window_default_is_days() -> None:
    assert Window(10).end(TODAY) == date(2026, 12, 3)


def test_fold_never_splits_a_character() -> None:
    line = "SUMMARY:" + "ö" * 60
    folded = fold(line).encode("utf-8").split(b"\r\n")
    assert all(len(part) <= 75 for part in folded)
    assert b"".join(part.removeprefix(b" ") for part in folded).decode("utf-8") == line
