"""Each decided version of each document and the days it applied.

A version is the document as it stood while its revision was the latest one; its text is
the last committed state with that revision (a typo fixed after the decision belongs to the
version), its commit the first one where the revision appears. A version applies from its
revision's ``valid_from`` (or, failing that, the document's ``valid_from`` in that state, its
decision's date, the revision's date) until the day before the next version applies, or
until the document's last day of validity or its retirement.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from governance import background, cachefile
from governance.archive.gitlog import (
    WALK,
    BlobCache,
    Committed,
    History,
    NoHistory,
    committed_states,
)
from governance.archive.gitlog import blob_id as blob_id
from governance.load import FOLDERS, Corpus, Entry
from governance.status import version_key
from governance.yamlio import YamlProblem, read_fast

WORKING_COPY = "arbetskopian"
ARCHIVE_CACHE = Path(".styrdok") / "archive"
KNOWN_CACHE = ARCHIVE_CACHE / "versioner"  # in shards: a commit rewrites one of 16


@dataclass(frozen=True)
class Version:
    doc_id: str
    version: str
    commit: str  # the first commit with this version (short), or "arbetskopian"
    day: str  # that commit's date; "" for the working copy
    held: dict[str, Any] | None = field(compare=False, repr=False)  # see ``data``
    valid_from: date | None
    valid_until: date | None = None  # the last day it applied; None: still applies
    successor: str | None = None  # the version that replaced it
    current: bool = False  # the version in the working copy
    source: str = ""  # git's blob id of the file ``data`` was read from ("": not known)
    refs: tuple[str, ...] = ()  # the documents it names (links, supersedes, superseded_by)
    fetch: Callable[[], dict[str, Any]] | None = field(default=None, compare=False, repr=False)

    @property
    def data(self) -> dict[str, Any]:
        """The document as it stood: the last state with this version (read when first
        asked for, for a version known from the last build)."""
        if self.held is None:
            assert self.fetch is not None
            object.__setattr__(self, "held", self.fetch())
        assert self.held is not None
        return self.held

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
    # A digest of each document's committed states and file: the same digest, the same
    # versions (``Known``).
    keys: dict[str, str] = field(default_factory=dict)

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
                refs=_refs(data),
            )
        )
    return out


def _refs(data: dict[str, Any]) -> tuple[str, ...]:
    named = [data.get("superseded_by")]
    for key in ("links", "supersedes"):
        found = data.get(key)
        named += found if isinstance(found, list) else []
    return tuple(sorted({i for i in named if isinstance(i, str)}))


def build_archive(corpus: Corpus, ids: set[str] | None = None, *, pages: bool = False) -> Archive:
    """The archive of the corpus' documents (of ``ids`` only, when given). With ``pages``
    (the handbook), a document git has no decided state of is left out: it has only its
    current version, which has no page of its own, so its file is not parsed again (a
    corpus without git history costs nothing). The working copy's files are taken as the
    corpus read them; one that is as committed is not parsed again either. A document
    whose history and file are what they were at the last build keeps the versions found
    then (``Known``): its parsed files are read only when a version's data is asked for."""
    archive = Archive()
    missing: list[str] = []
    try:
        history: History | None = committed_states(
            corpus.root, FOLDERS, corpus.root / ARCHIVE_CACHE
        )
    except NoHistory as exc:
        archive.notes.append(str(exc.args[0]))
        history = None
    known = Known(corpus.root / KNOWN_CACHE)
    for doc_id, doc in corpus.documents.items():
        if ids is not None and doc_id not in ids:
            continue
        rows = history.rows.get(doc_id, []) if history is not None else []
        if pages and not rows:
            continue
        versions = known.versions(doc_id, rows, corpus.entry_of.get(doc_id), history)
        archive.keys[doc_id] = known.keys[doc_id]
        if versions:
            archive.versions[doc_id] = versions
        if doc.status != "draft":
            recorded = {str(r.version) for r in doc.revisions}
            missing += [f"{doc_id} {v}" for v in recorded - {v.version for v in versions}]
    known.save(prune=ids is None)
    if history is not None and history.rows and missing:
        archive.notes.append(
            f"{len(missing)} versioner finns inte som egna versioner i git-historiken (de "
            "checkades in tillsammans med en senare version), till exempel "
            + ", ".join(sorted(missing)[:3])
            + "."
        )
    return archive


def read_history_meanwhile(root: Path) -> background.Job[bool]:
    """Read the corpus' git history into the archive's cache on another core
    (governance.background) while this process loads and checks the corpus:
    ``build_archive`` then finds every committed state parsed. The child's answer only
    says whether it read any; whatever went wrong there, ``build_archive`` reads the
    history again itself and says so as it always does. When the history was read before,
    a build reads only the commits since, as quickly here as in a child: none is started."""

    def read() -> bool:
        try:
            committed_states(root, FOLDERS, root / ARCHIVE_CACHE)
        except NoHistory:
            return False
        return True

    what = "Läsningen av versionshistoriken"
    if (root / ARCHIVE_CACHE / WALK).is_file():  # read before: only the commits since, here
        return background.Job(what, value=True)
    return background.start(what, read)


class Known:
    """The versions each document had at the last build, by a digest of its committed
    states and its file (under .styrdok/, governance.cachefile: plain data only): what
    ``document_versions`` makes of them, without the data, which is read only if asked."""

    def __init__(self, path: Path) -> None:
        self.kept = cachefile.Shards(path, "archive-versions")
        self.keys: dict[str, str] = {}  # each document's key in this build
        (path.parent / "versioner.pickle").unlink(missing_ok=True)  # an earlier styrdok's

    def versions(
        self, doc_id: str, rows: list[Any], entry: Entry | None, history: History | None
    ) -> list[Version]:
        """``entry``: the working copy's file, as the corpus read it (its digest stands for
        its text in the key: the build compares the files by it already)."""
        text = entry.text if entry is not None else None
        digest = entry.digest if entry is not None else ""
        listed = "\n".join(["\0".join(row) for row in rows] + [digest])
        key = hashlib.sha256(listed.encode()).hexdigest()
        self.keys[doc_id] = key
        blobs = history.blobs if history is not None else None
        kept = self.kept.get(doc_id)
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key:
            try:
                return [_known(doc_id, light, blobs, text) for light in kept[1]]
            except (TypeError, ValueError):
                pass  # not as this code writes it: made again
        states = history.states(doc_id) if history is not None else []
        source = blob_id(text.encode("utf-8")) if text is not None else ""
        current, source = _read(text, source, blobs) if text is not None else (None, "")
        found = document_versions(doc_id, states, current, source)
        self.kept.put(doc_id, (key, [_light(v) for v in found]))
        return found

    def save(self, prune: bool) -> None:
        """Write what changed; with ``prune`` (every document was asked for) drop the
        documents no longer there."""
        self.kept.save(prune=prune)


def _light(version: Version) -> tuple[Any, ...]:
    v = version
    return (
        v.version,
        v.commit,
        v.day,
        v.valid_from,
        v.valid_until,
        v.successor,
        v.current,
        v.source,
        v.refs,
    )


def _known(doc_id: str, light: Any, blobs: BlobCache | None, text: str | None) -> Version:
    version, commit, day, valid_from, valid_until, successor, current, source, refs = light
    fetch = functools.partial(_fetch, blobs, source, text if current else None)
    return Version(
        doc_id,
        str(version),
        str(commit),
        str(day),
        None,
        valid_from,
        valid_until,
        successor,
        bool(current),
        str(source),
        tuple(refs),
        fetch,
    )


def _fetch(blobs: BlobCache | None, source: str, text: str | None) -> dict[str, Any]:
    """A known version's data: its parsed blob, or the working copy's file parsed."""
    found = blobs.data(source) if blobs is not None and source else None
    if found is None and text is not None:
        found, _ = _read(text, source, None)
    return found if isinstance(found, dict) else {}


def _read(text: str, blob: str, blobs: BlobCache | None) -> tuple[Any, str]:
    """The working copy's file (its text as the corpus read it, ``blob`` its blob id),
    parsed (as committed: from the parsed blobs), and its blob id."""
    found = blobs.data(blob) if blobs is not None else None
    if found is not None:
        return found, blob
    try:
        return read_fast(text), blob
    except YamlProblem:
        return None, ""


def version_at(versions: list[Version], day: date) -> Version | None:
    return next((v for v in versions if v.applies_on(day)), None)
