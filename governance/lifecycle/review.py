"""``styrdok review``: the periodic review (aktualitetsprövning) found the document still
current. The review is appended to ``reviews``; the next review is counted from it
(governance.status.next_review), so ``check`` stops flagging the document."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from governance.errors import Refused
from governance.lifecycle.edit import Edit, find_document, prepare
from governance.lifecycle.ops import Append, order_of
from governance.load import Corpus
from governance.model import Document
from governance.status import next_review


@dataclass(frozen=True)
class Reviewed:
    doc_id: str
    day: date
    next_due: date | None


def review(
    corpus: Corpus, doc_id: str, day: date, today: date, note: str | None = None
) -> tuple[Reviewed, Edit]:
    entry, doc = find_document(corpus, doc_id, "review")
    if doc.status == "retired":
        raise Refused(f"'{doc_id}' är upphävt; ett upphävt dokument prövas inte.")
    item: dict[str, object] = {"date": day}
    if note and note.strip():
        item["note"] = note.strip()
    edit = prepare(corpus, {entry.path: [Append((), "reviews", item, order_of(Document))]}, today)
    after = edit.result.corpus.documents.get(doc_id)
    due = next_review(edit.result.corpus.config, after) if after is not None else None
    return Reviewed(doc_id, day, due), edit
