"""What a check finds in one file from its text alone, kept in the build cache
(``.styrdok/build/``, governance.cachefile) of a corpus that has been built: the next
check of the corpus redoes it only for the files whose text changed. Plain data only, in
``SHARDS`` files per check (cachefile.Shards): one changed file rewrites 1/SHARDS of it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from governance import cachefile
from governance.load import Entry

FOLDER = Path(".styrdok") / "build"
SHARDS = 16


class EntryMemo:
    """One check's results by file: ``get`` the result kept for the file's text, or None;
    ``put`` a new one; ``save`` at the end (files not asked for are dropped)."""

    def __init__(self, root: Path, name: str) -> None:
        self.folder = root / FOLDER / name
        used = self.folder.parent.is_dir()
        self.store = cachefile.Shards(self.folder, name, count=SHARDS) if used else None

    def get(self, entry: Entry) -> Any:
        item = self.store.get(entry.path) if self.store is not None else None
        if not isinstance(item, tuple) or len(item) != 2 or item[0] != entry.digest:
            return None
        return item[1]

    def put(self, entry: Entry, value: Any) -> None:
        if self.store is not None:
            self.store.put(entry.path, (entry.digest, value))

    def save(self) -> None:
        if self.store is not None:
            self.store.save()
