"""The corpus files as an earlier build read them, kept under ``.styrdok/build/read/``: a
new ``styrdok build`` after one saved file reads and parses only that file
(governance.load turns each read into its document as for a file read now).

A file is taken from the store only when it is the regular file it was (device, inode,
size, time of modification and of status change, to the nanosecond). A file whose status
changed within ``RACY_NS`` of its read may have changed again within the same tick of the
file system's clock without a new stamp (as git knows of its index): such a file is read
again and taken from the store only when its text is the stored one (reading and
comparing costs little beside parsing). The store is split in files by path
(governance.cachefile.Shards), so a build rewrites only the part that changed; its key
holds what reading depends on besides the file (the size limit and the placeholders of
styrdok.yaml).
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from governance import cachefile
from governance.read import Read, read_files
from governance.safefile import Unreadable, read_bytes
from governance.yamlio import YamlProblem, decode

STORE = Path(".styrdok") / "build" / "read"
SHARDS = 64  # files of the store: a file read again rewrites 1/64 of it
RACY_NS = 3_000_000_000  # a file changed this close to its read is read again next time
Stamp = tuple[int, int, int, int, int]  # device, inode, size, mtime and ctime (ns)


def stamp(path: Path) -> Stamp | None:
    """The stamp of a regular file (not a link: the safe reader judges those each time)."""
    try:
        found = os.lstat(path)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    return stamp_of(found)


def stamp_of(found: os.stat_result) -> Stamp:
    """The stamp of a file whose (l)stat is at hand (the generated project's sync)."""
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def relative_names(root: Path, paths: list[Path]) -> list[str]:
    """Each path relative to ``root``, with /, as ``path.relative_to(root).as_posix()``
    (from the path's text when it starts with the root's: thousands of files)."""
    top = str(root)
    here = top == "."  # paths under it are relative ones, as they are
    prefix = "" if here else top.rstrip(os.sep) + os.sep
    names = []
    for path in paths:
        text = str(path)
        if here and not path.is_absolute() and text != ".":
            names.append(text.replace(os.sep, "/"))
        elif prefix and text.startswith(prefix) and len(text) > len(prefix):
            names.append(text[len(prefix) :].replace(os.sep, "/"))
        else:
            names.append(path.relative_to(root).as_posix())
    return names


def stored_reads(
    root: Path,
    paths: list[Path],
    limit: int,
    placeholders: tuple[str, ...],
    reuse: bool = True,
    names: list[str] | None = None,
) -> Iterator[Read]:
    """Every file's read, in order: from the store when the file is as it was (and
    ``reuse``), else read (governance.read); the store is then brought up to date.
    ``names``: the paths relative to ``root`` (relative_names), made already."""
    key = f"read:{limit}:{placeholders!r}"
    store = cachefile.Shards(root / STORE, key, reuse=reuse, count=SHARDS)
    started = time.time_ns()
    names = relative_names(root, paths) if names is None else names
    found: list[Read | None] = []
    for name, path in zip(names, paths, strict=True):
        item, now = store.get(name), stamp(path)
        read = _from(item, now, path, limit, root)
        if read is not None and _racy(item[1], now) and not _racy(started, now):
            store.put(name, (now, started, *item[2:]))  # checked now: trusted next time
        found.append(read)
    missing = [i for i, read in enumerate(found) if read is None]
    before = {i: stamp(paths[i]) for i in missing}
    reads = read_files([paths[i] for i in missing], limit, placeholders, root)
    for i, read in zip(missing, reads, strict=True):
        found[i] = read
        now = stamp(paths[i])
        if now is not None and now == before[i]:
            item = (now, started, read.text, read.data, read.size, read.problem, read.hits)
            store.put(names[i], item)
        else:
            store.drop(names[i])
    store.save()
    for done in found:
        assert done is not None
        yield done


def _racy(read_at: int, now: Stamp | None) -> bool:
    """Whether the file's status changed so close to its read that it may have changed
    again within the same tick of the clock."""
    return now is None or read_at - now[4] <= RACY_NS


def _from(item: Any, now: Stamp | None, path: Path, limit: int, root: Path) -> Read | None:
    """The stored read when the file is still the one it was made from: the same stamp,
    and, when it was read just after a change, the same text."""
    if now is None or not isinstance(item, tuple) or len(item) != 7 or item[0] != now:
        return None
    _stamp, read_at, text, data, size, problem, hits = item
    if not isinstance(text, str) or not isinstance(size, int) or not isinstance(hits, list):
        return None
    if not isinstance(read_at, int) or (
        _racy(read_at, now) and not _same_text(path, limit, root, text)
    ):
        return None
    return Read(text=text, data=data, size=size, problem=problem, hits=hits)


def _same_text(path: Path, limit: int, root: Path, text: str) -> bool:
    try:
        return bool(text) and decode(read_bytes(path, limit, root)) == text
    except (Unreadable, YamlProblem):
        return False
