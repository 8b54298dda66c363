"""Making the generated project's folder hold exactly the files of the project, writing
only those whose content changed: a watching server then rebuilds once, and MkDocs' dirty
build (governance.render.handbook.incremental) only the pages written.

A handbook of thousands of documents has thousands of files; reading each to compare it
cost more than the rest of a small rebuild. So the folder keeps a list of what was written
(``MANIFEST``: each file's size, times of modification and of status change, inode and a
digest of its content); a file whose stamp is the one listed is compared by digest
without being read. A file not listed, or changed since (its stamp differs), is read and
compared as it is.

Listing the folder (every file's status) is most of a rebuild's sync when the archive
adds thousands of small folders: a build lists it (``listing``) on the other core while it
makes the project, which does not write there (governance.render.handbook.project).
"""

from __future__ import annotations

import itertools
import os
import shutil
import stat
from collections.abc import Callable, Mapping
from pathlib import Path

from governance import cachefile
from governance.storedreads import Stamp, stamp_of

MANIFEST = ".styrdok-filer.pickle"
Listing = dict[str, tuple[Stamp, int]]  # each file (and link) under a folder: stamp, mode


def listing(target: Path) -> Listing:
    """Every file (and link) under ``target`` (none when there is no such folder), by
    path relative to it with /, with its stamp and mode (its lstat)."""
    found: Listing = {}
    if target.is_dir():
        _files(str(target), "", found)
    return found


def sync(
    target: Path,
    desired: Mapping[str, bytes | str],
    written: set[Path],
    deleted: set[Path],
    digests: Mapping[str, str] | None = None,
    kept: Mapping[str, tuple[str, Callable[[], bytes | str]]] | None = None,
    listed: Listing | None = None,
) -> None:
    """Make ``target`` hold exactly ``desired`` (path relative to it, with / → content,
    text as UTF-8); add what was written and deleted to the sets. ``digests``: the digest
    (cachefile.digest) of contents known already, by path, so they are not made again.
    ``kept``: more files (name → a digest of their content that the caller knows without
    making it, and how to make it), left as they are when the list says they were written
    with that digest and are unchanged since; only the others are made (and written where
    they differ). ``listed``: ``target``'s ``listing``, made already (as long as nothing
    else wrote there since), else it is listed here."""
    target.mkdir(parents=True, exist_ok=True)
    manifest = cachefile.read(target / MANIFEST, "sync")
    known: dict[str, tuple[Stamp, str]] = manifest if isinstance(manifest, dict) else {}
    found = listed if listed is not None else listing(target)
    now: dict[str, tuple[Stamp, str]] = {}
    made: dict[str, bytes | str] = {}
    made_digests: dict[str, str] = {}
    for name, (digest, make) in (kept or {}).items():
        there, listed_as = found.get(name), known.get(name)
        if there is not None and listed_as == (there[0], digest):
            now[name] = listed_as
        else:
            made[name], made_digests[name] = make(), digest
    for name in sorted(set(found) - set(desired) - set(made) - set(now) - {MANIFEST}, reverse=True):
        os.unlink(target / name)
        deleted.add(Path(name))
        _remove_empty(target, (target / name).parent)
    given = digests or {}
    for name, content in itertools.chain(desired.items(), made.items()):
        digest = made_digests.get(name) or given.get(name) or cachefile.digest(_bytes(content))
        there = found.get(name)
        if there is not None and _same(target / name, there, known.get(name), digest, content):
            now[name] = (there[0], digest)
            continue
        path = target / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        path.write_bytes(_bytes(content))
        written.add(Path(name))
        now[name] = (stamp_of(os.lstat(path)), digest)
    if now != known:
        cachefile.write(target / MANIFEST, "sync", now)


def _bytes(content: bytes | str) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _same(
    path: Path,
    there: tuple[Stamp, int],
    known: tuple[Stamp, str] | None,
    digest: str,
    content: bytes | str,
) -> bool:
    stamp, mode = there
    if not stat.S_ISREG(mode):
        return False
    if known is not None and known[0] == stamp:
        return known[1] == digest
    data = _bytes(content)
    return stamp[2] == len(data) and path.read_bytes() == data  # the size, then the bytes


def _files(folder: str, rel: str, found: Listing) -> None:
    """Every file (and link) under ``folder`` into ``found``, by path relative to it."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _files(entry.path, f"{rel}{entry.name}/", found)
            else:
                there = entry.stat(follow_symlinks=False)
                found[rel + entry.name] = (stamp_of(there), there.st_mode)


def _remove_empty(target: Path, folder: Path) -> None:
    while folder != target and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
