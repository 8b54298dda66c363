"""``styrdok show ID --at DATE``: which version of a document applied on a day."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from pydantic import ValidationError

from governance.archive.versions import (
    WORKING_COPY,
    Archive,
    Version,
    build_archive,
    version_at,
)
from governance.errors import StyrdokError
from governance.lifecycle.compare import show as shown
from governance.load import Corpus
from governance.messages import did_you_mean
from governance.model import Document

Reason = str  # "applies", "before-first", "retired", "expired", "gap", "no-history"


@dataclass(frozen=True)
class Answer:
    doc_id: str
    title: str
    day: date
    reason: Reason
    version: Version | None = None
    first: Version | None = None  # when the day is before it
    retired: dict[str, Any] | None = None  # the retirement, when the day is after it
    notes: tuple[str, ...] = ()  # why the history is missing


def as_document(version: Version) -> Document:
    """The version's data as a Document (the model as it is today)."""
    try:
        return Document.model_validate(version.data)
    except ValidationError as exc:
        raise StyrdokError(
            f"Version {version.version} av '{version.doc_id}' (commit {version.commit}) går inte "
            f"att läsa med dagens dokumentmodell: {exc.errors()[0]['msg']}."
        ) from None


def versioned_corpus(corpus: Corpus, doc: Document) -> Corpus:
    """The corpus with ``doc`` as it stood in an earlier version; its links to documents that
    are gone since are left out."""
    links = [i for i in doc.links if i in corpus.documents]
    supersedes = [i for i in doc.supersedes if i in corpus.documents]
    successor = doc.superseded_by if doc.superseded_by in corpus.documents else None
    old = doc.model_copy(
        update={"links": links, "supersedes": supersedes, "superseded_by": successor}
    )
    return replace(corpus, documents={**corpus.documents, doc.id: old})


def answer(corpus: Corpus, doc_id: str, day: date, archive: Archive | None = None) -> Answer:
    doc = corpus.documents.get(doc_id)
    if doc is None:
        hint = did_you_mean(doc_id, list(corpus.documents))
        raise StyrdokError(f"Det finns inget dokument med id '{doc_id}'.{hint}")
    archive = archive or build_archive(corpus, {doc_id})
    versions = archive.of(doc_id)
    if not versions:
        return Answer(doc_id, doc.title, day, "no-history", notes=tuple(archive.notes))
    found = version_at(versions, day)
    if found is not None:
        return Answer(doc_id, doc.title, day, "applies", found)
    first, last = versions[0], versions[-1]
    if first.commit == WORKING_COPY:  # nothing before it is known
        return Answer(doc_id, doc.title, day, "no-history", notes=tuple(archive.notes))
    if first.valid_from is not None and day < first.valid_from:
        return Answer(doc_id, doc.title, day, "before-first", first=first)
    retirement = last.data.get("retirement")
    if isinstance(retirement, dict):
        return Answer(doc_id, doc.title, day, "retired", version=last, retired=retirement)
    if last.valid_until is not None and day > last.valid_until:
        return Answer(doc_id, doc.title, day, "expired", version=last)
    return Answer(doc_id, doc.title, day, "gap")


def _decision(version: Version) -> str:
    decision = version.decision
    if decision is None:
        return "inget beslut angivet"
    by = decision.get("by")
    bodies = ", ".join(map(str, by)) if isinstance(by, list) else shown(by)
    parts = [f"{bodies} {shown(decision.get('date'))}"]
    if decision.get("paragraph"):
        parts.append(shown(decision["paragraph"]))
    if decision.get("registration_number"):
        parts.append(f"Dnr {shown(decision['registration_number'])}")
    return ", ".join(parts)


def validity(version: Version) -> str:
    start = version.valid_from.isoformat() if version.valid_from else "okänt datum"
    end = version.valid_until.isoformat() if version.valid_until else "tills vidare"
    text = f"{start} – {end}"
    return text + (f" (ersatt av version {version.successor})" if version.successor else "")


def _where(version: Version) -> str:
    if not version.day:
        return "arbetskopian, inte incheckad"
    return f"commit {version.commit}, {version.day}"


def render_text(found: Answer) -> str:
    head = f"{found.doc_id}: {found.title}"
    day = found.day.isoformat()
    if found.reason == "no-history":
        notes = "".join(f"{note}\n" for note in found.notes)
        return (
            f"{head}\nVilken version som gällde den {day} går inte att säga: den versionen "
            f"finns inte i git-historiken.\n{notes}"
        )
    if found.reason == "before-first" and found.first is not None:
        start = found.first.valid_from
        return (
            f"{head}\nDen {day} gällde dokumentet inte än: den första versionen "
            f"({found.first.version}) gäller från {start}.\n"
        )
    if found.reason == "retired" and found.retired is not None:
        reason = shown(found.retired.get("reason")).rstrip(".")
        return (
            f"{head}\nDen {day} gällde dokumentet inte längre: det upphävdes "
            f"{shown(found.retired.get('date'))} ({reason}).\n"
        )
    if found.reason == "expired" and found.version is not None:
        return f"{head}\nDen {day} gällde dokumentet inte längre: giltigheten gick ut {found.version.valid_until}.\n"
    if found.version is None:
        return f"{head}\nDen {day} gällde ingen version av dokumentet.\n"
    version = found.version
    summary = shown(version.revision.get("summary"))
    return (
        "\n".join(
            [
                head,
                f"Den {day} gällde version {version.version} ({_where(version)}).",
                f"Beslut: {_decision(version)}.",
                f"Giltighet: {validity(version)}.",
                f"Revidering: {shown(version.revision.get('date'))}: {summary}",
            ]
        )
        + "\n"
    )


def render_json(found: Answer) -> str:
    version = found.version
    out: dict[str, Any] = {
        "id": found.doc_id,
        "date": found.day.isoformat(),
        "applies": found.reason == "applies",
        "reason": found.reason,
        "version": None,
    }
    if version is not None:
        out["version"] = {
            "version": version.version,
            "commit": version.commit,
            "commit_date": version.day or None,
            "valid_from": version.valid_from.isoformat() if version.valid_from else None,
            "valid_until": version.valid_until.isoformat() if version.valid_until else None,
            "superseded_by_version": version.successor,
            "decision": version.decision,
            "revision": version.revision,
        }
    if found.first is not None:
        out["first_version"] = found.first.version
        out["first_valid_from"] = str(found.first.valid_from)
    if found.retired is not None:
        out["retirement"] = found.retired
    return json.dumps(out, ensure_ascii=False, indent=2, default=str) + "\n"
