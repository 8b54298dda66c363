"""``styrdok import --update ID FILE.docx``: a document exported by styrdok, edited in Word
or LibreOffice and saved, applied to the existing YAML file as a lossless edit.

Only the fields the official document shows are compared (governance.importer.compare);
what shows the same as before stays exactly as written in the file. The document must be
the one named (its ``styrdok.id`` property) and not exported from an older version than the
file's. Status and revisions are left to ``revise``/``retire``; the edit goes through
``governance.lifecycle.edit`` (check before writing, atomic, refused if the file changed).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from governance.errors import Refused
from governance.importer.compare import ROUND_TRIP, differing, keep_equal
from governance.importer.convert import Imported, convert
from governance.importer.match import Matcher
from governance.importer.source import parse
from governance.lifecycle.edit import Edit, find_document, prepare
from governance.lifecycle.ops import Op, Set, order_of
from governance.load import Corpus
from governance.model import Document
from governance.status import version_key
from governance.yamlio import read_fast

# Left to the lifecycle commands: a new version is recorded by revise, status by retire.
NOT_UPDATED = ("id", "status", "revisions", "links_checked")


def update_document(
    corpus: Corpus, doc_id: str, path: Path, today: date
) -> tuple[Edit | None, list[str]]:
    entry, doc = find_document(corpus, doc_id, "import --update")
    matcher = Matcher(corpus.config)
    imported = convert(path, parse(path), corpus, matcher)
    _refuse(imported, doc)
    if matcher.proposals:
        names = ", ".join(f"'{p.name}'" for p in matcher.proposals.values())
        raise Refused(
            f"{path}: {names} finns inte i styrdok.yaml. Lägg till dem (till exempel med "
            "'styrdok import --update-config' på filen) och försök igen."
        )
    old: dict[str, Any] = read_fast(entry.text)
    fields = [f for f in ROUND_TRIP if f not in NOT_UPDATED]
    changed = differing(old, imported.data, tuple(fields))
    order = order_of(Document)
    ops: list[Op] = [
        Set((), name, keep_equal(old.get(name), imported.data.get(name)), order)
        for name in changed
        if imported.data.get(name) is not None
    ]
    removed = [n for n in changed if imported.data.get(n) is None]
    if removed:
        raise Refused(
            f"{path}: {', '.join(removed)} saknas i Word-dokumentet men finns i {entry.path}. "
            "styrdok tar inte bort fält vid --update; ta bort dem i YAML-filen om det är meningen."
        )
    if not ops:
        return None, []
    return prepare(corpus, {entry.path: ops}, today), [op.key for op in ops]


def _refuse(imported: Imported, doc: Document) -> None:
    path = imported.path
    if imported.problems:
        problem = imported.problems[0]
        where = f" (tabellrad {problem.row}, '{problem.label}')" if problem.row else ""
        raise Refused(f"{path}{where}: {problem.message}.")
    if imported.exported_id and imported.exported_id != doc.id:
        raise Refused(
            f"{path}: filen är exporterad från '{imported.exported_id}', inte '{doc.id}'. "
            f"Kör 'styrdok import --update {imported.exported_id} {path.name}'."
        )
    exported = imported.exported_version or imported.table_version
    current = doc.version
    if exported and current and _older(exported, current):
        raise Refused(
            f"{path}: filen exporterades från version {exported}, men {doc.id} har nu "
            f"version {current}. Exportera dokumentet igen ('styrdok export {doc.id}') och "
            "gör ändringarna i den nya filen, så att inget som ändrats sedan dess skrivs över."
        )


def _older(exported: str, current: str) -> bool:
    try:
        return version_key(exported) < version_key(current)
    except ValueError:
        return exported != current
