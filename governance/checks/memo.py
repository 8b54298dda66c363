"""What a check finds in one file from its text alone, kept in the build cache
(``.styrdok/build/``, governance.cachefile) of a corpus that has been built: the next
check of the corpus redoes it only for the files whose text changed. Plain data only."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from governance import cachefile
from governance.load import Entry

FOLDER = Path(".styrdok") / "build"


class EntryMemo:
    """One check's results by file: ``get`` the result kept for the file's text, or None;
    ``put`` a new one; ``save`` at the end (files not asked for are dropped)."""

    def __init__(self, root: Path, name: str) -> None:
        self.path = root / FOLDER / f"{name}.pickle"
        self.name = name
        self.used = self.path.parent.is_dir()
        known = cachefile.read(self.path, name) if self.used else None
        self.known: dict[str, Any] = known if isinstance(known, dict) else {}
        self.now: dict[str, Any] = {}

    def get(self, entry: Entry) -> Any:
        item = self.known.get(entry.path)
        if not isinstance(item, tuple) or len(item) != 2 or item[0] != entry.digest:
            return None
        self.now[entry.path] = item
        return item[1]

    def put(self, entry: Entry, value: Any) -> None:
        self.now[entry.path] = (entry.digest, value)

    def save(self) -> None:
        if self.used and self.now != self.known:
            cachefile.write(self.path, self.name, self.now)
