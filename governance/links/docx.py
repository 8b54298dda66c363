"""Hyperlinks in a Word file (.docx), read without trusting the file.

A .docx is a zip of XML parts. External hyperlinks are relationships with
``TargetMode="External"`` in ``word/_rels/*.rels`` (the body, headers, footers, notes);
their text is in the part the relationship belongs to. The file is read with
governance.safezip's limits (size, zip entries, unpacked size and expansion ratio: a
zip bomb is refused, not inflated), and XML without entities, DTDs or network access.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from governance.errors import UnsafeDocx
from governance.safezip import open_docx

_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass
class Hyperlinks:
    links: list[tuple[str, str]] = field(default_factory=list)  # address, link text
    problem: str = ""  # why the file could not be read, in Swedish


def hyperlinks(path: Path) -> Hyperlinks:
    """The external hyperlinks of a .docx, with their text, in part order. The file is
    opened with the same limits as every Word file styrdok reads (governance.safezip)."""
    try:
        docx = open_docx(path, "Word-layouten")
        found: list[tuple[str, str]] = []
        for name in sorted(docx.names()):
            if not (name.startswith("word/_rels/") and name.endswith(".rels")):
                continue
            targets = _external_targets(docx.xml(name))
            if not targets:
                continue
            part = "word/" + name.removeprefix("word/_rels/").removesuffix(".rels")
            texts = _link_texts(docx.xml(part)) if docx.has(part) else {}
            found += [(url, texts.get(rel_id, "")) for rel_id, url in targets]
        return Hyperlinks(links=found)
    except UnsafeDocx as exc:
        # The finding names the file and ends the sentence.
        reason = exc.message.removeprefix(f"{path}: ").removeprefix(f"{path} ").rstrip(".")
        if reason.startswith("word-layouten "):
            return Hyperlinks(problem="W" + reason[1:])
        return Hyperlinks(problem=f"Word-layouten kan inte läsas: {reason}")


def _external_targets(root: Any) -> list[tuple[str, str]]:
    return [
        (rel.get("Id", ""), (rel.get("Target") or "").strip())
        for rel in root.iter(_REL)
        if rel.get("TargetMode") == "External" and rel.get("Type") == _HYPERLINK
    ]


def _link_texts(root: Any) -> dict[str, str]:
    texts: dict[str, str] = {}
    for link in root.iter(f"{_W}hyperlink"):
        rel_id = link.get(_R_ID)
        if rel_id:
            texts[rel_id] = "".join(t.text or "" for t in link.iter(f"{_W}t")).strip()
    return texts
