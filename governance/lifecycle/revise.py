"""``styrdok revise``: a new version with a summary of what changed.

The version goes up by one in its second part (1.0 → 1.1), or with ``--major`` in its
first (1.4 → 2.0); a document without versions gets 1.0. The revision is appended to
``revisions`` (with ``major: true`` for a major one), ``last_revised`` is set, and new
decision data replaces the old field by field (fields not given are kept). A template is
revised the same way: its ``version`` and ``revisions``.

Decisions are history: a revision that comes with a new decision keeps that decision (and
its ``valid_from``) in its own entry under ``revisions``, and ``decision`` holds the latest.
The decision the document had before is kept with the revision before, when no revision
holds it yet, so an older corpus with one ``decision`` loses nothing on its first revision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ruamel.yaml.scalarstring import DoubleQuotedScalarString, SingleQuotedScalarString

from governance.errors import Refused
from governance.lifecycle.edit import Edit, find_entry, prepare
from governance.lifecycle.ops import Append, Op, Set, order_of
from governance.load import Corpus
from governance.model import Decision, Document, Template
from governance.model import Revision as RevisionModel
from governance.status import version_key

_QUOTE = re.compile(r"""^[ -]*version:[ ]*(["'])""", re.MULTILINE)


@dataclass(frozen=True)
class DecisionUpdate:
    """New decision data; None (or empty ``by``) keeps what the document has."""

    by: tuple[str, ...] = ()
    date: date | None = None
    paragraph: str | None = None
    registration_number: str | None = None

    def __bool__(self) -> bool:
        return bool(self.by) or any(
            v is not None for v in (self.date, self.paragraph, self.registration_number)
        )


@dataclass(frozen=True)
class Revision:
    doc_id: str
    old: str | None
    new: str
    day: date
    major: bool


def next_version(current: str | None, major: bool) -> str:
    if current is None:
        return "1.0"
    parts = list(version_key(current)) + [0]
    return f"{parts[0] + 1}.0" if major else f"{parts[0]}.{parts[1] + 1}"


def quoted(version: str, text: str) -> str:
    """The version quoted as the file quotes its versions (double quotes by default)."""
    match = _QUOTE.search(text)
    style = SingleQuotedScalarString if match and match[1] == "'" else DoubleQuotedScalarString
    scalar: str = style(version)
    return scalar


def _plain(decision: Decision) -> dict[str, object]:
    return decision.model_dump(exclude_none=True)


def new_decision(doc: Document, update: DecisionUpdate) -> dict[str, object]:
    """The decision after the update: the old one with the given fields replaced."""
    if doc.decision is None and (not update.by or update.date is None):
        raise Refused(
            f"'{doc.id}' har inget beslut än: ange både --decided-by och --decision-date."
        )
    new = _plain(doc.decision) if doc.decision else {}
    values = {
        "by": list(update.by) or None,
        "date": update.date,
        "paragraph": update.paragraph,
        "registration_number": update.registration_number,
    }
    new |= {k: v for k, v in values.items() if v is not None}
    order = order_of(Decision)
    return {k: new[k] for k in order if k in new}


def _decision_ops(doc: Document, update: DecisionUpdate) -> list[Op]:
    if not update:
        return []
    if doc.decision is None:
        return [Set((), "decision", new_decision(doc, update), order_of(Document))]
    order = order_of(Decision)
    values = {
        "by": list(update.by) or None,
        "date": update.date,
        "paragraph": update.paragraph,
        "registration_number": update.registration_number,
    }
    return [Set(("decision",), k, v, order) for k, v in values.items() if v is not None]


def _keep_history(doc: Document, valid_from: date | None) -> list[Op]:
    """The decision (and start of validity) the document had, kept with its latest
    revision when no revision holds it yet."""
    if doc.decision is None or not doc.revisions:
        return []
    if any(r.decision == doc.decision for r in doc.revisions):
        return []
    decided = doc.decision.date
    at = [i for i, r in enumerate(doc.revisions) if r.date <= decided and r.decision is None]
    last = at[-1] if at else len(doc.revisions) - 1
    order = order_of(RevisionModel)
    ops: list[Op] = [Set(("revisions", last), "decision", _plain(doc.decision), order)]
    previous = doc.revisions[last]
    if valid_from is not None and doc.valid_from and previous.valid_from is None:
        ops.append(Set(("revisions", last), "valid_from", doc.valid_from, order))
    return ops


def revise_ops(
    doc: Document | Template,
    text: str,
    summary: str,
    day: date,
    major: bool = False,
    decision: DecisionUpdate | None = None,
    valid_from: date | None = None,
) -> tuple[list[Op], str]:
    """The operations of a revision, and the new version."""
    version = next_version(doc.version, major)
    item: dict[str, object] = {"version": quoted(version, text), "date": day, "summary": summary}
    if major:
        item["major"] = True
    update = decision or DecisionUpdate()
    order = order_of(type(doc))
    ops: list[Op] = []
    if isinstance(doc, Template):
        if update or valid_from:
            raise Refused(f"'{doc.id}' är en mall; mallar har inget beslut att ändra.")
        ops.append(Set((), "version", quoted(version, text), order))
    if isinstance(doc, Document):
        ops += _keep_history(doc, valid_from) if update else []
        if update:
            item["decision"] = new_decision(doc, update)
        if valid_from is not None:
            item["valid_from"] = valid_from
    ops.append(Append((), "revisions", item, order))
    if isinstance(doc, Document):
        ops.append(Set((), "last_revised", day, order))
        ops += _decision_ops(doc, update)
        if valid_from is not None:
            ops.append(Set((), "valid_from", valid_from, order))
    return ops, version


def revise(
    corpus: Corpus,
    doc_id: str,
    summary: str,
    day: date,
    today: date,
    major: bool = False,
    decision: DecisionUpdate | None = None,
    valid_from: date | None = None,
) -> tuple[Revision, Edit]:
    entry, doc = find_entry(corpus, doc_id)
    if isinstance(doc, Document) and doc.status == "retired":
        raise Refused(f"'{doc_id}' är upphävt och kan inte revideras.")
    if not summary.strip():
        raise Refused("Sammanfattningen är tom. Skriv vad som ändrades med --summary.")
    ops, version = revise_ops(doc, entry.text, summary.strip(), day, major, decision, valid_from)
    edit = prepare(corpus, {entry.path: ops}, today)
    return Revision(doc_id, doc.version, version, day, major), edit
