"""Dates at the end of the calendar: one date arithmetic (governance.dates) that cannot
overflow. A day past 9999-12-31 is a finding or a clear Swedish usage error in check,
build and due, never an OverflowError or ValueError traceback."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import edit, run
from helpers import styrdok

from governance.dates import (
    LAST_DAY,
    Window,
    add_days,
    add_months,
    parse_day,
    parse_duration,
    parse_window,
    window_end,
)

R = "routines/rutin-a.yaml"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, so a traceback would be seen as one."""
    return styrdok(*args)


def test_arithmetic_at_the_end_of_the_calendar() -> None:
    assert add_months(date(9999, 11, 30), 1) == date(9999, 12, 30)
    assert add_months(date(9999, 12, 31), 1) is None
    assert add_months(date(1, 1, 1), -1) is None
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_days(LAST_DAY, 1) is None
    assert add_days(date(2026, 1, 1), 10**12) is None
    assert window_end(LAST_DAY, 90) == LAST_DAY
    assert window_end(date(2026, 1, 1), 10**30) == LAST_DAY
    assert Window(10**12, "y").end(date(2026, 1, 1)) == LAST_DAY
    assert Window(10**12, "w").end(LAST_DAY) == LAST_DAY


def test_periods_are_read_by_one_parser() -> None:
    assert parse_window("6M") == Window(6, "m")
    assert parse_window(" 90 ") == Window(90, "d")
    assert parse_duration("12h") == 12 * 3600
    assert parse_duration("1,5min") == 90
    with pytest.raises(ValueError, match="för lång tidsperiod: högst 12 siffror"):
        parse_window("9" * 5000 + "d")
    with pytest.raises(ValueError, match="ingen tidsperiod"):
        parse_window("12h")
    with pytest.raises(ValueError, match="för lång; högst tio år"):
        parse_duration("9" * 5000 + "w")
    with pytest.raises(ValueError, match="för lång; högst tio år"):
        parse_duration(float("inf"))
    with pytest.raises(ValueError, match="ska vara en tid"):
        parse_duration(float("nan"))
    with pytest.raises(ValueError, match="inget datum på formen ÅÅÅÅ-MM-DD"):
        parse_day("10000-01-01")


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("last_revised: 2026-01-10", "last_revised: 9999-12-31"),
        ("date: 2026-01-10\n  paragraph", "date: 9999-12-31\n  paragraph"),
    ],
)
def test_a_review_past_the_calendar_is_a_finding(corpus: Path, old: str, new: str) -> None:
    edit(corpus, R, old, new)
    if "paragraph" in new:  # a decision in 9999 is also revised before it was decided
        edit(corpus, R, "last_revised: 2026-01-10\n", "")
    proc = cli("check", "--root", str(corpus), "--today", "2026-11-23")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    (line,) = [x for x in proc.stdout.splitlines() if "date-out-of-range" in x]
    assert line.endswith(
        "fel [date-out-of-range] "
        + ("last_revised" if "last_revised" in new else "decision")
        + ": Nästa aktualitetsprövning, 24 månader efter 9999-12-31, hamnar efter 9999-12-31, "
        "det sista datum som går att räkna med."
    )


def test_build_stops_on_the_finding_and_writes_no_handbook(corpus: Path, tmp_path: Path) -> None:
    edit(corpus, R, "last_revised: 2026-01-10", "last_revised: 9999-12-31")
    out = tmp_path / "ut"
    proc = cli("build", "--root", str(corpus), "--out", str(out), "--no-downloads")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "[date-out-of-range]" in proc.stdout + proc.stderr
    assert not (out / "index.html").exists()


def test_check_and_due_on_the_last_day(corpus: Path) -> None:
    edit(corpus, "routines/riktlinje/riktlinje-b.yaml", "2029-12-31", "9999-12-31")
    checked = cli("check", "--root", str(corpus), "--today", "9999-12-31")
    assert "Traceback" not in checked.stdout + checked.stderr
    assert checked.returncode == 0  # overdue reviews are warnings
    assert "[review-overdue]" in checked.stdout
    for fmt in ("table", "csv", "ics"):
        due = cli("due", "--root", str(corpus), "--today", "9999-12-31", "--format", fmt)
        assert (due.returncode, due.stderr) == (0, "")
        assert "9999-12-31" in due.stdout or "99991231" in due.stdout
    huge = cli("due", "--root", str(corpus), "--today", "2026-11-23", "--within", "99999999999y")
    assert (huge.returncode, huge.stderr) == (0, "")
    assert huge.stdout.endswith("till och med 9999-12-31.\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["due", "--within", "9" * 40 + "d"],
            f"'{'9' * 40}d' är en för lång tidsperiod: högst 12 siffror.",
        ),
        (["due", "--today", "10000-01-01"], "'10000-01-01' är inget datum på formen ÅÅÅÅ-MM-DD."),
        (["check", "--today", "9999-13-01"], "'9999-13-01' är inget datum på formen ÅÅÅÅ-MM-DD."),
        (
            ["links", "--max-age", "99999999999w"],
            "'99999999999w' är för lång; högst tio år (520w).",
        ),
    ],
)
def test_huge_periods_are_usage_errors(corpus: Path, args: list[str], message: str) -> None:
    result = run(*args, "--root", str(corpus))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "review_warning_days: 90",
            "review_warning_days: 99999999999999999999",
            "review_warning_days: värdet 99999999999999999999 är för stort: högst 36500.",
        ),
        (
            "review_interval_months: 24",
            "review_interval_months: 9999999999",
            "kinds.1.review_interval_months: värdet 9999999999 är för stort: högst 1200.",
        ),
    ],
)
def test_huge_config_numbers_are_config_errors(
    corpus: Path, old: str, new: str, message: str
) -> None:
    edit(corpus, "styrdok.yaml", old, new)
    for command in ("check", "due", "build"):
        result = run(command, "--root", str(corpus))
        assert result.exit_code == 2
        assert message in result.stderr


def test_a_review_dated_9999_is_refused_and_nothing_is_written(corpus: Path) -> None:
    before = (corpus / R).read_bytes()
    result = run("review", "rutin-a", "--root", str(corpus), "--date", "9999-12-31")
    assert result.exit_code == 1
    assert result.stderr.startswith(
        "Fel: Ändringen gjordes inte: efter den skulle 'styrdok check' hitta 1 fel.\n"
    )
    assert "[date-out-of-range] reviews: Nästa aktualitetsprövning, 24 månader efter " in (
        result.stderr
    )
    assert (corpus / R).read_bytes() == before
