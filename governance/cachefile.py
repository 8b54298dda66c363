"""styrdok's own caches of plain data under ``.styrdok/`` (the build cache of issue 13:
files already read, search records, page texts), so that a new process after one saved
file redoes only what that file changed.

A cache file holds plain data only — dicts, lists, tuples, strings, numbers, dates — read
back by an unpickler that refuses every other type, so a damaged or hostile file (it lies
in the corpus folder) can never run code; it is then ignored, like a file written by
another styrdok (``code_key``: the version, the source of the package and Python's
version). Written atomically (governance.atomic); losing one costs only time.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import io
import os
import pickle
import stat
import sys
import zlib
from pathlib import Path
from typing import Any

from governance import __version__
from governance.atomic import write_atomic

MAGIC = "styrdok-cache-1"
MAX_BYTES = 1_000_000_000  # a cache file larger than this is not read


class _Plain(pickle.Unpickler):
    """Plain data and dates only: a cache file can never run code."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in ("date", "datetime"):
            return getattr(datetime, name)
        raise pickle.UnpicklingError(f"{module}.{name} hör inte hemma i cachen")


def source_digest(folder: Path, tool: str) -> str:
    """The Python source in ``folder`` and a tool's version: what a cached output of that
    folder's code was made with."""
    digest = hashlib.sha256(tool.encode())
    for path in sorted(folder.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.cache
def code_key() -> str:
    """What made a cache: styrdok's version and source (a changed module may read or
    render differently) and Python's version."""
    digest = hashlib.sha256(f"{__version__}\0{sys.version}\0".encode())
    package = Path(__file__).parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def read(path: Path, key: str) -> Any:
    """The data written to ``path`` with ``key`` (and this styrdok), or None: no file, a
    file of another key or version, or one that is damaged."""
    try:
        found = os.lstat(path)  # a regular file, not a link (to /dev/zero, say)
        if not stat.S_ISREG(found.st_mode) or found.st_size > MAX_BYTES:
            return None
        with open(path, "rb", opener=_no_links) as handle:
            loaded = _Plain(io.BytesIO(handle.read(MAX_BYTES + 1))).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return None
    except (IndexError, KeyError, RecursionError, MemoryError, UnicodeDecodeError):
        return None
    if not (isinstance(loaded, tuple) and len(loaded) == 3):
        return None
    magic, made_with, data = loaded
    return data if (magic, made_with) == (MAGIC, _full(key)) else None


def _no_links(name: str, flags: int) -> int:
    return os.open(name, flags | getattr(os, "O_NOFOLLOW", 0))


def write(path: Path, key: str, data: Any) -> None:
    """Replace the cache file at ``path``; a cache that cannot be written is left out."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        blob = pickle.dumps((MAGIC, _full(key), data), protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(path, blob)
    except OSError:
        pass


def digest(data: bytes) -> str:
    """A file's content, as the caches compare it."""
    return hashlib.blake2b(data, digest_size=20).hexdigest()


def _full(key: str) -> str:
    return f"{code_key()}:{key}"


class Shards:
    """A cache of many items (path or URL → plain data) in ``count`` files of
    ``folder``, each item in the file its name's checksum picks: a build that changes a
    few items rewrites only their files (more files for a larger cache: each smaller to
    write again). Read when first used; ``save`` writes the files whose items changed and
    drops the items not ``kept``."""

    SHARDS = 16

    def __init__(self, folder: Path, key: str, *, reuse: bool = True, count: int = SHARDS) -> None:
        self.folder, self.key, self.reuse, self.count = folder, key, reuse, count
        self._shards: list[dict[str, Any] | None] = [None] * count
        self._changed: set[int] = set()
        self._kept: set[str] = set()

    def get(self, name: str) -> Any:
        self._kept.add(name)
        return self._shard(_number(name, self.count)).get(name)

    def put(self, name: str, value: Any) -> None:
        self._kept.add(name)
        number = _number(name, self.count)
        self._shard(number)[name] = value
        self._changed.add(number)

    def drop(self, name: str) -> None:
        number = _number(name, self.count)
        if self._shard(number).pop(name, None) is not None:
            self._changed.add(number)

    def save(self, *, prune: bool = True) -> None:
        """Write what changed; with ``prune`` items not asked for or put since the start
        are dropped (without, only the files of the items put are read and written)."""
        for number in range(self.count) if prune else sorted(self._changed):
            shard = self._shard(number)
            gone = [name for name in shard if name not in self._kept] if prune else []
            for name in gone:
                del shard[name]
            if gone or number in self._changed or not self.reuse:
                write(self.folder / f"{number:02d}.pickle", self.key, shard)
        self._changed.clear()

    def _shard(self, number: int) -> dict[str, Any]:
        shard = self._shards[number]
        if shard is None:
            found = read(self.folder / f"{number:02d}.pickle", self.key) if self.reuse else None
            shard = self._shards[number] = found if isinstance(found, dict) else {}
        return shard


def _number(name: str, count: int) -> int:
    return zlib.crc32(name.encode("utf-8")) % count
