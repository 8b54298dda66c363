"""``--update-config``: the names an import did not find, added to ``styrdok.yaml`` as a
lossless edit (governance.lifecycle.roundtrip: comments, order and untouched lines kept),
written atomically."""

from __future__ import annotations

import difflib
from pathlib import Path

from governance.config import CONFIG_NAME
from governance.importer.match import Proposal
from governance.lifecycle.files import read_snapshot, write_atomic
from governance.lifecycle.ops import Append, Op
from governance.lifecycle.roundtrip import edit_document

ORDER = ("organisation", "language", "review_warning_days", "kinds", "bodies", "units", "roles")


def config_ops(proposals: list[Proposal]) -> list[Op]:
    return [Append((), p.section, {"id": p.id, "name": p.name}, ORDER) for p in proposals]


def add_terms(root: Path, proposals: list[Proposal], dry_run: bool) -> str:
    """Add the proposals; return what was done (a diff with ``dry_run``)."""
    path = root / CONFIG_NAME
    snapshot = read_snapshot(path)
    new = edit_document(snapshot.text, config_ops(proposals))
    if dry_run:
        return "".join(
            difflib.unified_diff(
                snapshot.text.splitlines(keepends=True),
                new.splitlines(keepends=True),
                fromfile=f"a/{CONFIG_NAME}",
                tofile=f"b/{CONFIG_NAME}",
            )
        )
    write_atomic(snapshot, new.encode("utf-8"))
    names = ", ".join(f"{p.section}: {p.id}" for p in proposals)
    return f"Lade till i {path}: {names}\n"
