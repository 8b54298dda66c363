"""Files kept between builds under ``.styrdok/cache/``, named by a key (a SHA-256 digest of
what they were made from), so an unchanged document is not made again. Writes are atomic;
a cache that cannot be written only costs time on the next build."""

from __future__ import annotations

import contextlib
from pathlib import Path

from governance.atomic import write_atomic
from governance.safefile import Unreadable, read_bytes

MAX_CACHED_BYTES = 200_000_000


class FileCache:
    def __init__(self, folder: Path, suffix: str) -> None:
        self.folder, self.suffix = folder, suffix
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{self.suffix}"

    def get(self, key: str) -> bytes | None:
        try:
            data = read_bytes(self._path(key), MAX_CACHED_BYTES)
        except Unreadable:  # missing, or not a regular file: made again
            return None
        self.used.add(key)
        return data

    def put(self, key: str, data: bytes) -> None:
        self.used.add(key)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self._path(key), data)
        except OSError:
            return

    def prune(self) -> None:
        """Remove the files this build did not use: documents that no longer look so."""
        if not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name.removesuffix(self.suffix) not in self.used:
                with contextlib.suppress(OSError):
                    path.unlink()
