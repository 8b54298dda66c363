"""The one way styrdok replaces a file: write a temporary file in the same folder, then
rename it over the target in one step (``os.replace``), so a reader never sees half a
file and a crash leaves the old file whole.

A process killed between the two steps (kill -9, a power cut) leaves its temporary file
behind. The name says whose it is — ``.NAME.RANDOM.PID.styrdok-tmp`` — so
``remove_stale`` can delete it later: the next lifecycle command does, for every folder
of the corpus. A temporary file of a process that still runs is left alone (unless it is
older than a day), and the names never end in .yaml, so ``check`` never reads one.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SUFFIX = ".styrdok-tmp"
STALE_AFTER = 86400.0  # seconds; older temporary files go even if their process runs
_OURS = re.compile(r"^\..+\.(\d+)" + re.escape(SUFFIX) + "$")
# What earlier versions left: .NAME.XXXXXXXX.tmp (tempfile's eight random characters).
_EARLIER = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")
_EARLIER_AFTER = 3600.0


def temp_file(path: Path) -> tuple[int, Path]:
    """A new temporary file beside ``path``, named so that ``remove_stale`` knows it."""
    fd, name = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=f".{os.getpid()}{SUFFIX}"
    )
    return fd, Path(name)


def write_atomic(
    path: Path,
    data: bytes,
    *,
    mode: int = 0o644,
    durable: bool = False,
    before: Callable[[], None] | None = None,
    exclusive: bool = False,
) -> None:
    """Replace ``path`` with ``data``. ``durable`` flushes to disk first; ``before`` runs
    just before the rename (and may raise to stop it); ``exclusive`` creates the file
    only if nobody else has (FileExistsError otherwise). OSError on failure; the
    temporary file never outlives the call (unless the process is killed)."""
    fd, tmp = temp_file(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if before is not None:
            before()
        _commit(tmp, path, exclusive)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def link_atomic(source: Path, path: Path) -> None:
    """Make ``path`` a hard link to ``source`` (a file that is only ever replaced, never
    changed in place), replacing ``path`` in one step as ``write_atomic`` does; a copy
    where the file system has no hard links."""
    try:
        os.link(source, path)
        return
    except FileExistsError:
        pass
    except OSError:
        write_atomic(path, source.read_bytes())
        return
    fd, tmp = temp_file(path)
    os.close(fd)
    try:
        os.unlink(tmp)
        os.link(source, tmp)
        os.replace(tmp, path)
    except OSError:
        write_atomic(path, source.read_bytes())
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _commit(tmp: Path, path: Path, exclusive: bool) -> None:
    if not exclusive:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # fails if someone created the file meanwhile
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(tmp, path)


def remove_stale(folders: list[Path], now: float | None = None) -> list[Path]:
    """Delete temporary files that crashed writers left in ``folders`` (and below)."""
    now = time.time() if now is None else now
    removed = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob(".*"):
            if _stale(path, now):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed.append(path)
    return removed


def _stale(path: Path, now: float) -> bool:
    ours, earlier = _OURS.match(path.name), _EARLIER.match(path.name)
    if not (ours or earlier) or path.is_symlink() or not path.is_file():
        return False
    try:
        age = now - path.stat().st_mtime
    except OSError:
        return False
    if earlier:
        return age > _EARLIER_AFTER
    assert ours is not None
    return age > STALE_AFTER or not _running(int(ours[1]))


def _running(pid: int) -> bool:
    if pid == os.getpid() or os.name != "posix":  # elsewhere os.kill would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True
