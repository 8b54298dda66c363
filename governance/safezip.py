"""Reading a .docx that may be hostile: a form that came back by e-mail, a layout in a pull
request. Limits on the file size, the number of zip entries, their total unpacked size and
each entry's expansion ratio stop zip bombs before anything is unpacked; XML is parsed
without DTDs, entities or network access, and a document type declaration is refused.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from governance.errors import UnsafeDocx
from governance.safefile import Unreadable, read_bytes

MAX_FILE_BYTES = 20_000_000
MAX_ENTRIES = 1_000
MAX_TOTAL_BYTES = 100_000_000
MAX_RATIO = 100  # unpacked / packed, for entries over RATIO_FROM bytes
RATIO_FROM = 1_000_000
MAIN_PART = "word/document.xml"
OLE_MAGIC = bytes.fromhex("d0cf11e0a1b11ae1")  # a compound file: encrypted .docx or .doc
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    huge_tree=False,
    load_dtd=False,
    dtd_validation=False,
    remove_comments=True,
    remove_pis=True,
)


@dataclass
class Docx:
    """The entries of a checked .docx, read on demand."""

    path: Path
    data: bytes
    archive: zipfile.ZipFile

    def has(self, name: str) -> bool:
        return name in self.archive.NameToInfo

    def raw(self, name: str) -> bytes:
        with self.archive.open(name) as handle:
            return handle.read(MAX_TOTAL_BYTES)

    def xml(self, name: str) -> Any:
        """The parsed root element of an XML entry."""
        return parse_xml(self.raw(name), f"{self.path} ({name})")

    def names(self) -> list[str]:
        return self.archive.namelist()


def open_docx(path: Path, what: str = "Filen", root: Path | None = None) -> Docx:
    """Check the limits and the shape of a .docx; raise UnsafeDocx naming the problem.
    Read through governance.safefile: a regular file (inside ``root`` when given)."""
    try:
        data = read_bytes(path, MAX_FILE_BYTES, root)
    except Unreadable as exc:
        if exc.code == "file-too-large":
            raise UnsafeDocx(
                f"{path}: {what.lower()} är {exc.size / 1e6:.1f} MB; gränsen är "
                f"{MAX_FILE_BYTES / 1e6:.0f} MB."
            ) from None
        reason = exc.message[0].lower() + exc.message[1:]
        raise UnsafeDocx(f"{path}: {what.lower()} läses inte: {reason}") from None
    return open_bytes(data, path, what)


def open_bytes(data: bytes, path: Path, what: str = "Filen") -> Docx:
    if data.startswith(OLE_MAGIC):
        raise UnsafeDocx(_ole_problem(data, path, what))
    not_docx = f"{path}: {what.lower()} är inget Word-dokument (.docx)."
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UnsafeDocx(not_docx) from None
    _check_entries(path, archive, what)
    if MAIN_PART not in archive.NameToInfo or "[Content_Types].xml" not in archive.NameToInfo:
        raise UnsafeDocx(not_docx)
    return Docx(path, data, archive)


def _ole_problem(data: bytes, path: Path, what: str) -> str:
    """An OLE compound file: a .docx encrypted with a password, or an old .doc."""
    if ENCRYPTED_STREAM in data:
        return (
            f"{path}: {what.lower()} är krypterad (skyddad med lösenord) och kan inte läsas. "
            "Öppna den i Word, ta bort lösenordet (Arkiv > Info > Skydda dokument) och spara igen."
        )
    return (
        f"{path}: {what.lower()} är ett Word-dokument i det äldre formatet (.doc). "
        "Spara den som Word-dokument (.docx) och försök igen."
    )


def _check_entries(path: Path, archive: zipfile.ZipFile, what: str) -> None:
    infos = archive.infolist()
    refused = f"{path}: {what.lower()} läses inte:"
    if len(infos) > MAX_ENTRIES:
        raise UnsafeDocx(f"{refused} den har {len(infos)} delar (högst {MAX_ENTRIES}).")
    if len({i.filename for i in infos}) != len(infos):
        raise UnsafeDocx(f"{refused} samma del finns två gånger i zip-filen.")
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        raise UnsafeDocx(
            f"{refused} uppackad blir den {total / 1e6:.0f} MB (högst {MAX_TOTAL_BYTES / 1e6:.0f} MB)."
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FROM and ratio > MAX_RATIO:
            raise UnsafeDocx(
                f"{refused} delen {info.filename} packas upp {ratio:.0f} gånger "
                f"(högst {MAX_RATIO}); den ser ut som en zip-bomb."
            )


def parse_xml(raw: bytes, where: str) -> Any:
    head = raw[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in raw.lower():
        raise UnsafeDocx(f"{where}: XML med DOCTYPE eller entiteter läses inte.")
    try:
        root = etree.fromstring(raw, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise UnsafeDocx(f"{where}: ogiltig XML ({exc.msg}).") from None
    if root.getroottree().docinfo.doctype:
        raise UnsafeDocx(f"{where}: XML med DOCTYPE läses inte.")
    return root
