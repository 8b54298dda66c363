"""Opening a file to import: .docx read with the limits of ``governance.safezip``; .doc and
.odt converted to .docx by LibreOffice first; an encrypted (password-protected) Word file
recognised and refused with a message saying so."""

from __future__ import annotations

import tempfile
from pathlib import Path

from governance import office, safefile
from governance.errors import InputError, UnsafeDocx
from governance.importer.reader import Parsed, read
from governance.safezip import MAX_FILE_BYTES, open_bytes, open_docx

SUFFIXES = (".docx", ".doc", ".odt")
_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE compound file: .doc, or encrypted .docx
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")


def files_in(paths: list[Path]) -> list[Path]:
    """The files named, and the Word files in the folders named (sorted, lock files left out)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES)
            out += [p for p in found if not p.name.startswith(("~$", ".~lock"))]
        else:
            out.append(path)
    return list(dict.fromkeys(out))


def parse(path: Path) -> Parsed:
    """The blocks of a Word file; raises InputError (or UnsafeDocx) with a Swedish message."""
    if not path.is_file():
        raise InputError(f"{path}: filen finns inte.")
    suffix = path.suffix.lower()
    head = _head(path)
    if head.startswith(_CFB) and _encrypted(path):
        raise InputError(
            f"{path}: filen är lösenordsskyddad (krypterad) och kan inte läsas. Spara den "
            "utan lösenord i Word (Arkiv › Info › Skydda dokument) och importera igen."
        )
    if suffix in (".doc", ".odt") or (suffix == ".docx" and head.startswith(_CFB)):
        return read(open_bytes(_converted(path), path))
    if suffix != ".docx":
        raise InputError(
            f"{path}: bara Word-filer (.docx, .doc) och OpenDocument (.odt) kan importeras."
        )
    return read(open_docx(path, "Dokumentet"))


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(8)
    except OSError as exc:
        raise InputError(f"{path}: filen kan inte läsas ({exc.strerror}).") from None


def _encrypted(path: Path) -> bool:
    try:
        return _ENCRYPTED in safefile.read_bytes(path, MAX_FILE_BYTES)
    except safefile.Unreadable:
        return False  # refused with its reason when opened


def _converted(path: Path) -> bytes:
    """A .doc or .odt saved as .docx by LibreOffice (checked by size like any .docx)."""
    if path.stat().st_size > MAX_FILE_BYTES:
        open_docx(path, "Dokumentet")  # raises the size message
    with tempfile.TemporaryDirectory(prefix="styrdok-import-") as folder:
        target = office.convert(path, "docx", Path(folder))
        data = target.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise UnsafeDocx(f"{path}: dokumentet blir för stort som .docx.")
    return data
