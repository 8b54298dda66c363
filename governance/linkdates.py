"""Per document, the date of the last ``styrdok links`` run in which all of its links
worked ("Länkar kontrollerade"), as kept in the link cache ``.styrdok/links.json``.

Read with the corpus (governance.load), so that the handbook and the official export show
the same date and the export's cache key includes it; written by governance.links.cache.
Never raises: no cache, or one that cannot be used (governance.jsonfile), gives no dates;
reading it never moves it.
"""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

from governance.jsonfile import CorruptJson, Missing, read_json

CACHE_FILE = Path(".styrdok") / "links.json"
VERSION = 1


def documents_of(data: object) -> dict[str, date]:
    """The ``documents`` part of the cache: id → date; entries that are no date are left out."""
    found: dict[str, date] = {}
    if isinstance(data, dict):
        for doc_id, day in data.items():
            with contextlib.suppress(TypeError, ValueError):
                found[str(doc_id)] = date.fromisoformat(str(day))
    return found


def links_checked_dates(root: Path) -> dict[str, date]:
    """Document id → the date of the last run in which all of its links worked. Empty
    when the corpus has no cache yet or it cannot be read; never raises."""
    try:
        data = read_json(root / CACHE_FILE)  # strict, through governance.safefile
    except (Missing, CorruptJson):
        return {}
    if not isinstance(data, dict) or data.get("version") != VERSION:
        return {}
    return documents_of(data.get("documents"))
