"""The corpus files as an earlier build read them, kept under ``.styrdok/build/read/``: a
new ``styrdok build`` after one saved file reads and parses only that file
(governance.load turns each read into its document as for a file read now).

A file is taken from the store only when it is the regular file it was (device, inode,
size, time of modification and of status change, to the nanosecond) and that was not
changed near the moment it was read: a file whose status changed within ``RACY_NS`` of
the read is not stored, as git does with its index, so an edit within the same tick of
the file system's clock is never missed. The store is split in files by path
(governance.cachefile.Shards), so a build rewrites only the part that changed; its key holds what reading depends on
besides the file (the size limit and the placeholders of styrdok.yaml).
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

STORE = Path(".styrdok") / "build" / "read"
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
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def stored_reads(
    root: Path, paths: list[Path], limit: int, placeholders: tuple[str, ...], reuse: bool = True
) -> Iterator[Read]:
    """Every file's read, in order: from the store when the file is as it was (and
    ``reuse``), else read (governance.read); the store is then brought up to date."""
    store = cachefile.Shards(root / STORE, f"read:{limit}:{placeholders!r}", reuse=reuse)
    started = time.time_ns()
    names = [path.relative_to(root).as_posix() for path in paths]
    found = [_from(store.get(name), stamp(path)) for name, path in zip(names, paths, strict=True)]
    missing = [i for i, read in enumerate(found) if read is None]
    before = {i: stamp(paths[i]) for i in missing}
    reads = read_files([paths[i] for i in missing], limit, placeholders, root)
    for i, read in zip(missing, reads, strict=True):
        found[i] = read
        now = stamp(paths[i])
        if now is not None and now == before[i] and started - now[4] > RACY_NS:
            store.put(names[i], (now, read.text, read.data, read.size, read.problem, read.hits))
        else:
            store.drop(names[i])
    store.save()
    for done in found:
        assert done is not None
        yield done


def _from(item: Any, now: Stamp | None) -> Read | None:
    """The stored read when the file is still the one it was made from."""
    if now is None or not isinstance(item, tuple) or len(item) != 6 or item[0] != now:
        return None
    _stamp, text, data, size, problem, hits = item
    if not isinstance(text, str) or not isinstance(size, int) or not isinstance(hits, list):
        return None
    return Read(text=text, data=data, size=size, problem=problem, hits=hits)
