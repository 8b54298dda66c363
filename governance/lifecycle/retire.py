"""``styrdok retire``: the document is repealed (upphävt), maybe replaced by another.

The retired document gets ``status: retired``, ``retirement`` (date and reason) and, when it
is replaced, ``superseded_by``. The successor gets the retired id in ``supersedes``: a link
that says "replaces", so that it is not itself reported as linking to a retired document.
Documents that still link to the retired one are then reported by ``check``
(``link-retired``, naming the successor).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from governance.errors import Refused
from governance.lifecycle.edit import Edit, find_document, prepare
from governance.lifecycle.ops import Append, Op, Set, order_of
from governance.load import Corpus
from governance.model import Document


@dataclass(frozen=True)
class Retired:
    doc_id: str
    day: date
    successor: str | None


def retire_ops(reason: str, day: date, successor: str | None) -> list[Op]:
    order = order_of(Document)
    ops: list[Op] = [
        Set((), "status", "retired", order),
        Set((), "retirement", {"date": day, "reason": reason}, order),
    ]
    if successor:
        ops.append(Set((), "superseded_by", successor, order))
    return ops


def retire(
    corpus: Corpus,
    doc_id: str,
    reason: str,
    day: date,
    today: date,
    successor: str | None = None,
) -> tuple[Retired, Edit]:
    entry, doc = find_document(corpus, doc_id, "retire")
    if doc.status == "retired":
        raise Refused(f"'{doc_id}' är redan upphävt.")
    if not reason.strip():
        raise Refused("Skälet är tomt. Skriv varför dokumentet upphävs med --reason.")
    edits = {entry.path: retire_ops(reason.strip(), day, successor)}
    if successor:
        new_entry, new = find_document(corpus, successor, "retire")
        if successor == doc_id:
            raise Refused("Ett dokument kan inte ersätta sig självt.")
        if new.status == "retired":
            raise Refused(f"'{successor}' är också upphävt och kan inte ersätta '{doc_id}'.")
        if new.status == "draft":
            raise Refused(
                f"'{successor}' är ett utkast och kan inte ersätta '{doc_id}' än. Besluta det "
                "nya dokumentet först (status: in-force), upphäv sedan det gamla."
            )
        if doc_id not in new.supersedes:
            edits[new_entry.path] = [Append((), "supersedes", doc_id, order_of(Document))]
    return Retired(doc_id, day, successor), prepare(corpus, edits, today)
