"""An edit from start to end: find the document, compute the new text of every file it
changes, check the corpus as it would be, then show the diff or write atomically.

    edit = prepare(corpus, {"routines/x.yaml": ops}, today)   # nothing written yet
    print(unified_diff(edit))                                  # --dry-run
    commit(edit)                                               # or write it

An edit that would give ``styrdok check`` new errors is refused with those findings.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from governance.atomic import remove_stale
from governance.errors import ConcurrentChange, EditRefused, Refused, UnsafeEdit
from governance.lifecycle.files import Snapshot, read_snapshot, write_all
from governance.lifecycle.layout import split_lines
from governance.lifecycle.ops import Op
from governance.lifecycle.roundtrip import edit_document
from governance.lifecycle.validate import Outcome, describe
from governance.lifecycle.validate import outcome as outcome  # patched in tests
from governance.load import FOLDERS, Corpus, Entry
from governance.model import Document, Template

_NO_NEWLINE = "\\ No newline at end of file\n"


@dataclass(frozen=True)
class Change:
    """One file an edit writes: as it was read, and its new text."""

    rel: str
    snapshot: Snapshot
    text: str

    @property
    def old_text(self) -> str:
        return self.snapshot.text


@dataclass
class Edit:
    changes: list[Change]
    result: Outcome


def find_entry(corpus: Corpus, doc_id: str) -> tuple[Entry, Document | Template]:
    """The file of the document or template with this id, and what it loaded to, or an
    error that says why not (Corpus.find)."""
    entry = corpus.find(doc_id)
    assert entry.doc is not None
    return entry, entry.doc


def find_document(corpus: Corpus, doc_id: str, command: str) -> tuple[Entry, Document]:
    """A governing or other document (not a template) by id."""
    entry, doc = find_entry(corpus, doc_id)
    if not isinstance(doc, Document):
        raise Refused(
            f"'{doc_id}' är en mall; 'styrdok {command}' gäller dokument under routines/."
        )
    return entry, doc


def _new_text(corpus: Corpus, rel: str, ops: list[Op]) -> Change:
    snapshot = read_snapshot(corpus.root / rel)
    entry = next((e for e in corpus.entries if e.path == rel), None)
    current = snapshot.text.removeprefix("\ufeff")
    if snapshot.raw is None or entry is None or current != entry.text:
        raise ConcurrentChange(
            f"{rel} ändrades medan styrdok läste korpusen. Inget skrevs. Kör kommandot igen."
        )
    try:
        return Change(rel, snapshot, edit_document(snapshot.text, ops))
    except UnsafeEdit as exc:
        raise UnsafeEdit(f"{rel}: {exc.message} Inget skrevs.") from None


def prepare(
    corpus: Corpus, edits: dict[str, list[Op]], today: date, created: dict[str, str] | None = None
) -> Edit:
    """The new text of every file (``edits``: operations per existing file, ``created``:
    the text of each new file), checked; raises EditRefused when check would fail."""
    changes = [_new_text(corpus, rel, ops) for rel, ops in edits.items()]
    for rel, text in (created or {}).items():
        snapshot = read_snapshot(corpus.root / rel)
        if snapshot.raw is not None:
            raise Refused(f"{rel} finns redan. Välj ett annat id.")
        changes.append(Change(rel, snapshot, text))
    result = outcome(corpus, {c.rel: c.text.removeprefix("\ufeff") for c in changes}, today)
    if result.errors:
        raise EditRefused(
            "Ändringen gjordes inte: efter den skulle 'styrdok check' hitta "
            f"{len(result.errors)} fel.\n{describe(result.errors)}"
        )
    return Edit(changes, result)


def unified_diff(edit: Edit) -> str:
    """What the edit would change, as a unified diff (``--dry-run``)."""
    out: list[str] = []
    for change in edit.changes:
        lines = difflib.unified_diff(
            split_lines(change.old_text).raw,
            split_lines(change.text).raw,
            fromfile=f"a/{change.rel}" if change.snapshot.raw is not None else "/dev/null",
            tofile=f"b/{change.rel}",
        )
        out += [line if line.endswith("\n") else line + "\n" + _NO_NEWLINE for line in lines]
    return "".join(out)


def commit(edit: Edit) -> list[Path]:
    """Write every changed file atomically; none is written if any changed on disk. First
    the temporary files a killed command left anywhere in the corpus are removed."""
    root = edit.result.corpus.root
    remove_stale([root / folder for folder in FOLDERS])
    write_all([(c.snapshot, c.text.encode("utf-8")) for c in edit.changes])
    return [c.snapshot.path for c in edit.changes]
