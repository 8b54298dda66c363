"""The one place styrdok counts with dates, and reads the periods people type.

Python's calendar ends on 9999-12-31: ``date.max + timedelta(days=1)`` raises
OverflowError and a month past it raises ValueError. Here nothing raises:

* ``add_months`` / ``add_days`` give None when the result falls outside the calendar (a
  next review that cannot be counted is a finding, ``date-out-of-range``);
* ``window_end`` is for "from today and N days ahead" and stops at the last day there is;
* ``parse_day`` reads ÅÅÅÅ-MM-DD; ``parse_window`` a period ahead for ``due --within``
  (90d, 12w, 6m, 1y) and ``parse_duration`` a length of time in seconds for the link
  check (20s, 10min, 12h, 7d, 1w). Both read with the same pattern and say what is wrong
  in Swedish (ValueError).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal, cast

LAST_DAY = date.max  # 9999-12-31
MAX_DIGITS = 12  # in a typed amount; more is a typing error, never a period anyone means
MAX_DURATION = 10 * 365 * 86400.0  # seconds
_PERIOD = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([a-z]*)\s*$")
_SECONDS = {"s": 1, "min": 60, "h": 3600, "d": 86400, "w": 7 * 86400}
DURATION_PATTERN = r"^\s*(\d+(?:[.,]\d+)?)\s*(s|min|h|d|w)?\s*$"  # for the JSON Schema
Unit = Literal["d", "w", "m", "y"]


def add_months(day: date, months: int) -> date | None:
    """``day`` moved ``months`` calendar months (the 31st becomes the month's last day),
    or None when that is past 9999-12-31 or before year 1."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    if not 1 <= year <= LAST_DAY.year:
        return None
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_days(day: date, days: int) -> date | None:
    """``day`` plus ``days``, or None outside the calendar."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def window_end(today: date, days: int) -> date:
    """The last day of a window of ``days`` from ``today``, at most 9999-12-31."""
    return add_days(today, days) or LAST_DAY


def parse_day(text: str) -> date:
    """A date written ÅÅÅÅ-MM-DD; ValueError in Swedish."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' är inget datum på formen ÅÅÅÅ-MM-DD.") from None


@dataclass(frozen=True)
class Window:
    """How far ahead to look: days, weeks, months or years."""

    amount: int
    unit: Unit = "d"

    def end(self, today: date) -> date:
        """The window's last day; 9999-12-31 when it reaches past the calendar."""
        if self.unit in ("m", "y"):
            months = self.amount * (12 if self.unit == "y" else 1)
            return add_months(today, min(months, 12 * LAST_DAY.year)) or LAST_DAY
        days = self.amount * (7 if self.unit == "w" else 1)
        return window_end(today, min(days, (LAST_DAY - date.min).days))


def _period(text: str, units: tuple[str, ...], default: str) -> tuple[str, str] | None:
    match = _PERIOD.match(text.lower())
    if match is None or (match[2] or default) not in units:
        return None
    return match[1].replace(",", "."), match[2] or default


def parse_window(text: str) -> Window:
    """``90d``, ``12w``, ``6m``, ``1y`` or a number of days; ValueError in Swedish."""
    found = _period(text, ("d", "w", "m", "y"), "d")
    if found is None or "." in found[0]:
        raise ValueError(
            f"'{text}' är ingen tidsperiod. Skriv till exempel 90d (dagar), 12w (veckor), "
            "6m (månader) eller 1y (år)."
        )
    amount, unit = found
    if len(amount.lstrip("0")) > MAX_DIGITS:
        raise ValueError(f"'{text}' är en för lång tidsperiod: högst {MAX_DIGITS} siffror.")
    return Window(int(amount), cast(Unit, unit))


def parse_duration(value: Any) -> float:
    """``20s``, ``10min``, ``12h``, ``7d``, ``1w`` or a number of seconds → seconds, at
    most ten years; ValueError in Swedish."""
    if isinstance(value, bool):
        raise ValueError("ska vara en tid, t.ex. 20s, 10min, 12h, 7d eller 1w")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        found = _period(value, tuple(_SECONDS), "s") if isinstance(value, str) else None
        if found is None:
            raise ValueError(
                f"'{value}' är ingen tid; skriv till exempel 20s (sekunder), 10min, 12h, 7d "
                "eller 1w (veckor)"
            )
        amount, unit = found
        if len(amount.split(".")[0].lstrip("0")) > MAX_DIGITS:
            raise ValueError(f"'{value}' är för lång; högst tio år")
        seconds = float(amount) * _SECONDS[unit]
    if seconds != seconds:
        raise ValueError("ska vara en tid, t.ex. 20s, 10min, 12h, 7d eller 1w")
    if seconds < 0:
        raise ValueError("får inte vara negativ")
    if seconds > MAX_DURATION:
        raise ValueError(f"'{value}' är för lång; högst tio år (520w)")
    return seconds
