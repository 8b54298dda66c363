"""Reading a file for an edit and writing it back atomically, unless it changed meanwhile.

``read_snapshot`` keeps the bytes and the modification time the edit starts from. Writing
goes through governance.atomic (a temporary file in the same folder, then one rename), so
a reader never sees half a file. Just before that step the file is
compared with the snapshot again: if anyone changed it in between, nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from governance import atomic
from governance.errors import ConcurrentChange, InputError, OutputError
from governance.safefile import Unreadable, read_bytes

EDIT_LIMIT = 50_000_000  # bytes; a corpus file is far smaller (limits.max_file_bytes)


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
    if not path.exists() and not path.is_symlink():
        return Snapshot(path, None)
    try:
        raw = read_bytes(path, EDIT_LIMIT)
        info = path.stat()
    except Unreadable as exc:
        raise InputError(f"{path}: {exc.message}") from None
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
        atomic.write_atomic(
            path,
            data,
            mode=snapshot.mode,
            durable=True,
            before=lambda: ensure_unchanged(snapshot),
            exclusive=snapshot.raw is None,
        )
    except FileExistsError:
        raise ConcurrentChange(
            f"{path} skapades av någon annan medan styrdok arbetade. Inget skrevs."
        ) from None
    except OSError as exc:
        raise OutputError(f"{path}: kan inte skriva i mappen ({exc.strerror}).") from None


def write_all(changes: list[tuple[Snapshot, bytes]]) -> None:
    """Write several files, after making sure that none of them changed. Temporary files
    that an earlier, killed command left in the folders written to are removed first."""
    atomic.remove_stale(sorted({snapshot.path.parent for snapshot, _ in changes}))
    for snapshot, _ in changes:
        ensure_unchanged(snapshot)
    for snapshot, data in changes:
        write_atomic(snapshot, data)
