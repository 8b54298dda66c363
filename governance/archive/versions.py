"""Each decided version of each document and the days it applied.

A version is the document as it stood while its revision was the latest one; its text is
the last committed state with that revision (a typo fixed after the decision belongs to the
version), its commit the first one where the revision appears. A version applies from its
revision's ``valid_from`` (or, failing that, the document's ``valid_from`` in that state, its
decision's date, the revision's date) until the day before the next version applies, or
until the document's last day of validity or its retirement.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from governance.archive.gitlog import Committed, NoHistory, blob_id, committed_states
from governance.load import FOLDERS, Corpus
from governance.status import version_key
from governance.yamlio import YamlProblem, read_fast

WORKING_COPY = "arbetskopian"
BLOB_CACHE = Path(".styrdok") / "archive" / "blobs.pickle"


@dataclass(frozen=True)
class Version:
    doc_id: str
    version: str
    commit: str  # the first commit with this version (short), or "arbetskopian"
    day: str  # that commit's date; "" for the working copy
    data: dict[str, Any]  # the document as it stood: the last state with this version
    valid_from: date | None
    valid_until: date | None = None  # the last day it applied; None: still applies
    successor: str | None = None  # the version that replaced it
    current: bool = False  # the version in the working copy
    source: str = ""  # git's blob id of the file ``data`` was read from ("": not known)

    @property
    def revision(self) -> dict[str, Any]:
        return _revisions(self.data)[-1]

    @property
    def decision(self) -> dict[str, Any] | None:
        found = self.revision.get("decision") or self.data.get("decision")
        return found if isinstance(found, dict) else None

    def applies_on(self, day: date) -> bool:
        started = self.valid_from is None or self.valid_from <= day
        return started and (self.valid_until is None or day <= self.valid_until)


@dataclass
class Archive:
    """The versions of every document (oldest first) and notes on what could not be read."""

    versions: dict[str, list[Version]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def of(self, doc_id: str) -> list[Version]:
        return self.versions.get(doc_id, [])

    def earlier(self, doc_id: str) -> list[Version]:
        """The versions that no longer apply: those with a page of their own."""
        return [v for v in self.of(doc_id) if not v.current]


def _revisions(data: dict[str, Any]) -> list[dict[str, Any]]:
    found = data.get("revisions")
    return [r for r in found if isinstance(r, dict)] if isinstance(found, list) else []


def _version(data: dict[str, Any]) -> str | None:
    revisions = _revisions(data)
    value = revisions[-1].get("version") if revisions else None
    return str(value) if value is not None else None


def _sort_key(version: str) -> tuple[int, ...]:
    try:
        return version_key(version)
    except ValueError:
        return ()


def _day(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _start(data: dict[str, Any]) -> date | None:
    """The first day of the version ``data`` holds: its revision's ``valid_from``; the
    document's, if it was set for this revision (not before it); the decision's date; the
    revision's date."""
    revision = _revisions(data)[-1]
    decision = revision.get("decision")
    decided = _day(decision.get("date")) if isinstance(decision, dict) else None
    revised = _day(revision.get("date"))
    document = _day(data.get("valid_from"))
    if document is not None and revised is not None and document < revised:
        document = None  # the document's first day: an earlier version's
    for found in (_day(revision.get("valid_from")), document, decided, revised):
        if found is not None:
            return found
    return None


def _end(data: dict[str, Any]) -> date | None:
    retirement = data.get("retirement")
    if isinstance(retirement, dict) and (day := _day(retirement.get("date"))) is not None:
        return day - timedelta(days=1)
    return _day(data.get("valid_until"))


def document_versions(
    doc_id: str, states: list[Committed], current: Any, current_source: str = ""
) -> list[Version]:
    """The versions of one document from its committed states (oldest first) and the working
    copy's data (``current_source``: its blob id). Drafts are not versions: nothing was
    decided."""
    first: dict[str, Committed] = {}
    last: dict[str, dict[str, Any]] = {}
    sources: dict[str, str] = {}
    for state in states:
        version = _version(state.data)
        if version is None or state.data.get("status") == "draft":
            continue
        first.setdefault(version, state)
        last[version], sources[version] = state.data, state.blob
    newest = _version(current) if isinstance(current, dict) else None
    if newest is not None and current.get("status") != "draft":
        last[newest] = current  # uncommitted changes belong to the newest version
        sources[newest] = current_source
    order = sorted(last, key=_sort_key)
    out: list[Version] = []
    for i, version in enumerate(order):
        data = last[version]
        successor = order[i + 1] if i + 1 < len(order) else None
        until = _end(data)
        if successor is not None:
            following = _start(last[successor])
            if following is not None:
                until = following - timedelta(days=1)
        start = first.get(version)
        out.append(
            Version(
                doc_id,
                version,
                start.commit[:7] if start else WORKING_COPY,
                start.day if start else "",
                data,
                _start(data),
                until,
                successor,
                current=version == newest,
                source=sources.get(version, ""),
            )
        )
    return out


def build_archive(corpus: Corpus, ids: set[str] | None = None, *, pages: bool = False) -> Archive:
    """The archive of the corpus' documents (of ``ids`` only, when given). With ``pages``
    (the handbook), a document git has no decided state of is left out: it has only its
    current version, which has no page of its own, so its file is not parsed again (a
    corpus without git history costs nothing). The working copy's files are taken as the
    corpus read them; one that is as committed is not parsed again either."""
    archive = Archive()
    missing: list[str] = []
    parsed: dict[str, dict[str, Any] | None] = {}
    try:
        found = committed_states(corpus.root, FOLDERS, corpus.root / BLOB_CACHE, parsed)
    except NoHistory as exc:
        archive.notes.append(str(exc.args[0]))
        found = {}
    for doc_id, doc in corpus.documents.items():
        if ids is not None and doc_id not in ids:
            continue
        states = found.get(doc_id, [])
        if pages and not states:
            continue
        entry = corpus.entry_of.get(doc_id)
        current, source = _read(entry.text, parsed) if entry else (None, "")
        versions = document_versions(doc_id, states, current, source)
        if versions:
            archive.versions[doc_id] = versions
        if doc.status != "draft":
            recorded = {str(r.version) for r in doc.revisions}
            missing += [f"{doc_id} {v}" for v in recorded - {v.version for v in versions}]
    if found and missing:
        archive.notes.append(
            f"{len(missing)} versioner finns inte som egna versioner i git-historiken (de "
            "checkades in tillsammans med en senare version), till exempel "
            + ", ".join(sorted(missing)[:3])
            + "."
        )
    return archive


def _read(text: str, parsed: dict[str, dict[str, Any] | None]) -> tuple[Any, str]:
    """The working copy's file (its text as the corpus read it), parsed (as committed:
    from the parsed blobs), and its blob id."""
    data = text.encode("utf-8")
    blob = blob_id(data)
    found = parsed.get(blob)
    if found is not None:
        return found, blob
    try:
        return read_fast(text), blob
    except YamlProblem:
        return None, ""


def version_at(versions: list[Version], day: date) -> Version | None:
    return next((v for v in versions if v.applies_on(day)), None)
