"""The one way styrdok reads a file it did not write: corpus documents, templates,
``styrdok.yaml``, Word layouts, hand-written site pages, forms that come back.

* Only regular files: a FIFO is opened without blocking and refused, like a directory,
  a device or a socket, so a hostile name such as ``x.yaml`` never hangs a run.
* Symbolic links are resolved; with ``root`` given, the file they lead to must lie inside
  it. A link out of the corpus (to ``/etc/passwd``, ``/dev/zero``) is refused, never read.
* The size limit counts the bytes actually read (never more than the limit plus one),
  not ``st_size``, which a device or a growing file does not tell truthfully.

Every problem is an ``Unreadable`` with a finding code and a Swedish message.
"""

from __future__ import annotations

import errno
import functools
import os
import stat
from pathlib import Path

from governance.errors import InputError

_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
)
_CHUNK = 1 << 16


class Unreadable(Exception):
    """A file styrdok will not read; ``code`` is a finding code, ``message`` Swedish."""

    def __init__(self, code: str, message: str, size: int = 0) -> None:
        super().__init__(message)
        self.code, self.message, self.size = code, message, size


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "en mapp"
    if stat.S_ISFIFO(mode):
        return "en namngiven rörledning (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "en enhetsfil"
    if stat.S_ISSOCK(mode):
        return "en socket"
    return "ingen vanlig fil"


@functools.lru_cache(maxsize=256)
def _real_dir(folder: str) -> str:
    """The real path of an absolute folder (not strict: a missing root refuses all)."""
    return os.path.realpath(folder)


def resolve(path: Path, root: Path | None = None) -> Path:
    """The file ``path`` leads to after every symbolic link; Unreadable when a link
    dangles, loops, or (with ``root``) leads outside ``root``."""
    real = _real_path(path)
    if root is not None:
        top = _real_dir(os.path.abspath(root))  # the cache is keyed by absolute paths
        if not (real == top or real.startswith(top.rstrip(os.sep) + os.sep)):
            raise Unreadable(
                "file-outside-corpus",
                f"Det här är en symbolisk länk till {real}, utanför korpusen; den läses inte.",
            )
    return Path(real)


def _real_path(path: Path) -> str:
    """``os.path.realpath`` (strict), quicker for the common case: the folder's real path
    is remembered (a corpus has few folders) and the file itself is no link."""
    try:
        name = os.fspath(path)
        if not stat.S_ISLNK(os.lstat(name).st_mode):
            folder, base = os.path.split(os.path.abspath(name))
            return os.path.join(_real_dir(folder), base)
        return os.path.realpath(name, strict=True)
    except FileNotFoundError:
        link = " (en symbolisk länk till något som inte finns)" if path.is_symlink() else ""
        raise Unreadable("file-unreadable", f"Filen finns inte{link}.") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise Unreadable(
                "file-unreadable", "Filen är en symbolisk länk som pekar på sig själv (en slinga)."
            ) from None
        raise Unreadable("file-unreadable", f"Filen kan inte läsas ({exc.strerror}).") from None


def read_bytes(path: Path, limit: int, root: Path | None = None) -> bytes:
    """The bytes of the regular file at ``path`` (at most ``limit``); Unreadable otherwise."""
    real = resolve(path, root)
    try:
        fd = os.open(real, _FLAGS)
    except OSError as exc:
        raise Unreadable("file-unreadable", f"Filen kan inte läsas ({exc.strerror}).") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(
                "file-unreadable", f"Det här är {_kind(info.st_mode)}, inte en fil; den läses inte."
            )
        return _read_limited(fd, info.st_size, limit)
    except OSError as exc:
        raise Unreadable("file-unreadable", f"Filen kan inte läsas ({exc.strerror}).") from None
    finally:
        os.close(fd)


def _read_limited(fd: int, size: int, limit: int) -> bytes:
    """At most ``limit`` bytes; ``size`` (what the file claims) only stops early."""
    if size > limit:
        raise Unreadable("file-too-large", too_large(size, limit), size)
    chunks: list[bytes] = []
    total = 0
    while total <= limit:
        chunk = os.read(fd, min(max(_CHUNK, size + 1), limit + 1 - total))  # one read, mostly
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
    raise Unreadable("file-too-large", too_large(total, limit, grew=True), total)


def too_large(size: int, limit: int, grew: bool = False) -> str:
    more = "mer än " if grew else ""
    return f"Filen är {more}{size / 1_000_000:.1f} MB; gränsen är {limit / 1_000_000:.1f} MB."


def read_text(path: Path, limit: int, root: Path | None = None) -> str:
    """UTF-8 text of the file (BOM dropped); Unreadable("file-encoding") when it is not."""
    raw = read_bytes(path, limit, root)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(
            "file-encoding", f"Filen är inte UTF-8: byte 0x{raw[exc.start]:02x} kan inte läsas."
        ) from None


SITE_FILE_LIMIT = 20_000_000  # bytes; hand-written pages, styles and images under site/


def read_site_file(path: Path, root: Path | None) -> bytes:
    """A file of the corpus' own site/ (pages, styles, images, mkdocs.yml) for the
    handbook; InputError naming the file when it is not one styrdok reads."""
    try:
        return read_bytes(path, SITE_FILE_LIMIT, root)
    except Unreadable as exc:
        raise InputError(f"{path}: {exc.message}") from None
