"""Hyperlinks in a Word file (.docx), read without trusting the file.

A .docx is a zip of XML parts. External hyperlinks are relationships with
``TargetMode="External"`` in ``word/_rels/*.rels`` (the body, headers, footers, notes);
their text is in the part the relationship belongs to. The zip is never extracted; the
number of entries and the size of each part read are limited (a zip bomb is refused, not
inflated), and XML is parsed without entities, DTDs or network access.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]

MAX_FILE_BYTES = 50_000_000
MAX_ENTRIES = 5_000
MAX_PART_BYTES = 20_000_000
_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


class _Unreadable(Exception):
    pass


@dataclass
class Hyperlinks:
    links: list[tuple[str, str]] = field(default_factory=list)  # address, link text
    problem: str = ""  # why the file could not be read, in Swedish


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def hyperlinks(path: Path) -> Hyperlinks:
    """The external hyperlinks of a .docx, with their text, in part order."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise _Unreadable(f"filen är större än {MAX_FILE_BYTES // 1_000_000} MB")
        with zipfile.ZipFile(path) as archive:
            return Hyperlinks(links=list(_links(archive)))
    except _Unreadable as exc:
        return Hyperlinks(problem=f"Word-layouten kan inte läsas: {exc}")
    except (zipfile.BadZipFile, OSError, EOFError, etree.XMLSyntaxError, ValueError) as exc:
        return Hyperlinks(problem=f"Word-layouten kan inte läsas: {exc}")


def _links(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise _Unreadable(f"den har fler än {MAX_ENTRIES} delar")
    by_name = {info.filename: info for info in infos}
    found: list[tuple[str, str]] = []
    for name in sorted(by_name):
        if not (name.startswith("word/_rels/") and name.endswith(".rels")):
            continue
        targets = _external_targets(_read(archive, by_name[name]))
        if not targets:
            continue
        part = "word/" + name.removeprefix("word/_rels/").removesuffix(".rels")
        texts = _link_texts(_read(archive, by_name[part])) if part in by_name else {}
        found += [(url, texts.get(rel_id, "")) for rel_id, url in targets]
    return found


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    if info.file_size > MAX_PART_BYTES:
        raise _Unreadable(f"delen {info.filename} är större än {MAX_PART_BYTES // 1_000_000} MB")
    with archive.open(info) as handle:
        data = handle.read(MAX_PART_BYTES + 1)  # the header's size is not trusted either
    if len(data) > MAX_PART_BYTES:
        raise _Unreadable(f"delen {info.filename} är större än {MAX_PART_BYTES // 1_000_000} MB")
    return data


def _external_targets(data: bytes) -> list[tuple[str, str]]:
    root = etree.fromstring(data, parser=_parser())
    return [
        (rel.get("Id", ""), (rel.get("Target") or "").strip())
        for rel in root.iter(_REL)
        if rel.get("TargetMode") == "External" and rel.get("Type") == _HYPERLINK
    ]


def _link_texts(data: bytes) -> dict[str, str]:
    root = etree.fromstring(data, parser=_parser())
    texts: dict[str, str] = {}
    for link in root.iter(f"{_W}hyperlink"):
        rel_id = link.get(_R_ID)
        if rel_id:
            texts[rel_id] = "".join(t.text or "" for t in link.iter(f"{_W}t")).strip()
    return texts
