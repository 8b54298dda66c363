"""Reading a file for an edit and writing it back atomically, unless it changed meanwhile.

``read_snapshot`` keeps the bytes and the modification time the edit starts from. Writing
goes to a temporary file in the same folder, which then replaces the file in one step
(``os.replace``), so a reader never sees half a file. Just before that step the file is
compared with the snapshot again: if anyone changed it in between, nothing is written.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from governance.errors import ConcurrentChange, InputError, OutputError


@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: its bytes (None if it did not exist), time and mode."""

    path: Path
    raw: bytes | None
    mtime_ns: int = 0
    mode: int = 0o644

    @property
    def text(self) -> str:
        return (self.raw or b"").decode("utf-8")


def read_snapshot(path: Path) -> Snapshot:
    try:
        raw = path.read_bytes()
        info = path.stat()
    except FileNotFoundError:
        return Snapshot(path, None)
    except OSError as exc:
        raise InputError(f"{path}: filen kan inte läsas ({exc.strerror}).") from None
    return Snapshot(path, raw, info.st_mtime_ns, info.st_mode & 0o7777)


def changed(snapshot: Snapshot) -> bool:
    """Whether the file is no longer as the snapshot saw it."""
    now = read_snapshot(snapshot.path)
    return now.raw != snapshot.raw or now.mtime_ns != snapshot.mtime_ns


def ensure_unchanged(snapshot: Snapshot) -> None:
    if changed(snapshot):
        raise ConcurrentChange(
            f"{snapshot.path} ändrades av någon annan medan styrdok arbetade med den. "
            "Inget skrevs. Kör kommandot igen."
        )


def write_atomic(snapshot: Snapshot, data: bytes) -> None:
    """Replace the file with ``data`` (or create it, when the snapshot saw no file)."""
    path = snapshot.path
    ensure_unchanged(snapshot)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise OutputError(f"{path}: kan inte skriva i mappen ({exc.strerror}).") from None
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, snapshot.mode)
        ensure_unchanged(snapshot)
        _commit(tmp, path, create=snapshot.raw is None)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _commit(tmp: Path, path: Path, create: bool) -> None:
    if not create:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)  # fails if someone created the file meanwhile
    except FileExistsError:
        raise ConcurrentChange(
            f"{path} skapades av någon annan medan styrdok arbetade. Inget skrevs."
        ) from None
    except OSError:  # a file system without hard links
        if path.exists():
            raise ConcurrentChange(f"{path} finns redan. Inget skrevs.") from None
        os.replace(tmp, path)


def write_all(changes: list[tuple[Snapshot, bytes]]) -> None:
    """Write several files, after making sure that none of them changed."""
    for snapshot, _ in changes:
        ensure_unchanged(snapshot)
    for snapshot, data in changes:
        write_atomic(snapshot, data)
