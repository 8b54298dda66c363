"""``styrdok diff``: what changed between two versions of a document, from git history.

Without ``--to`` the newest version is compared (the working copy's, if the file has
uncommitted changes); without ``--from``, the version before it.
"""

from __future__ import annotations

from dataclasses import dataclass

from governance.errors import Refused, UnknownId
from governance.lifecycle.compare import Comparison, FieldChange, compare, show, text_lines
from governance.lifecycle.edit import find_entry
from governance.lifecycle.history import WORKING_COPY, State, states, versions
from governance.load import Corpus
from governance.status import version_key


@dataclass(frozen=True)
class VersionDiff:
    doc_id: str
    title: str
    old: State
    new: State
    comparison: Comparison


def _sort_key(version: str) -> tuple[int, ...]:
    try:
        return version_key(version)
    except ValueError:
        return ()


def _pick(found: dict[str, State], doc_id: str, wanted: str | None, latest: str) -> State:
    version = wanted or latest
    if version not in found:
        known = ", ".join(sorted(found, key=_sort_key))
        raise UnknownId(
            f"Version {version} av '{doc_id}' finns inte i git-historiken. "
            f"Versioner som finns: {known}."
        )
    return found[version]


def version_diff(
    corpus: Corpus, doc_id: str, from_version: str | None = None, to_version: str | None = None
) -> VersionDiff:
    entry, _ = find_entry(corpus, doc_id)
    found = versions(states(corpus.root, corpus.root / entry.path))
    if not found:
        raise Refused(f"'{doc_id}' har ingen version i git-historiken att jämföra.")
    ordered = sorted(found, key=_sort_key)
    new = _pick(found, doc_id, to_version, ordered[-1])
    if from_version is None:
        earlier = [v for v in ordered if _sort_key(v) < _sort_key(new.version)]
        if not earlier:
            raise Refused(
                f"Version {new.version} är den första versionen av '{doc_id}' i "
                "git-historiken; det finns ingen tidigare att jämföra med. Ange --from."
            )
        from_version = earlier[-1]
    old = _pick(found, doc_id, from_version, ordered[0])
    title = str(new.data.get("title", doc_id))
    return VersionDiff(doc_id, title, old, new, compare(old.data, new.data))


def _where(state: State) -> str:
    if state.label == WORKING_COPY:
        return f"version {state.version} ({WORKING_COPY})"
    return f"version {state.version} (commit {state.label}, {state.day})"


def _field(change: FieldChange) -> list[str]:
    if change.added or change.removed:
        parts = []
        if change.added:
            parts.append("lade till " + ", ".join(show(v) for v in change.added))
        if change.removed:
            parts.append("tog bort " + ", ".join(show(v) for v in change.removed))
        return [f"  {change.path}: {'; '.join(parts)}"]
    old, new = change.old, change.new
    if isinstance(old, str) and isinstance(new, str) and ("\n" in old + new):
        return [f"  {change.path}:"] + [f"    {line}" for line in text_lines(old, new)]
    return [f"  {change.path}: {show(old)} → {show(new)}"]


def render_diff(diff: VersionDiff) -> str:
    """The differences in Swedish, for the terminal."""
    lines = [
        f"{diff.doc_id}: {diff.title}",
        f"Från {_where(diff.old)} till {_where(diff.new)}.",
    ]
    result = diff.comparison
    if not result:
        return "\n".join([*lines, "Inga skillnader."]) + "\n"
    if result.revisions:
        lines += ["", "Revideringar:"]
        for rev in result.revisions:
            major = " (större ändring)" if rev.get("major") else ""
            summary = show(rev.get("summary"))
            lines.append(
                f"  {show(rev.get('version'))} ({show(rev.get('date'))}){major}: {summary}"
            )
    if result.fields:
        lines += ["", "Fält:"]
        for change in result.fields:
            lines += _field(change)
    if result.sections:
        lines += ["", "Avsnitt:"]
        labels = {"added": "Nytt", "removed": "Borttaget", "changed": "Ändrat"}
        for section in result.sections:
            lines.append(f"  {labels[section.kind]}: {section.title}")
            lines += [f"    {line}" for line in section.lines]
    return "\n".join(lines) + "\n"
