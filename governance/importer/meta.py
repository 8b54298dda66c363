"""The metadata table's entries → the document's metadata fields.

A value that cannot be read (a date styrdok cannot parse, two different values for one
label) is a Problem naming the table row; names not in styrdok.yaml become proposals
(governance.importer.match).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from governance.importer import dates
from governance.importer.labels import LABELS, Entry
from governance.importer.match import Matcher, normal
from governance.status import LABELS as STATUS_LABELS

_STATUS = {
    normal(label): state if state in ("draft", "retired") else "in-force"
    for state, label in STATUS_LABELS.items()
} | {
    normal("Gällande"): "in-force",
    normal("Fastställd"): "in-force",
    normal("Beslutad"): "in-force",
    normal("Utkast"): "draft",
    normal("Upphävd"): "retired",
    normal("Upphävt"): "retired",
}
_IGNORED = {"next_review"}


@dataclass
class Problem:
    row: int
    label: str
    message: str


@dataclass
class Meta:
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    version: str | None = None
    status_label: str | None = None


def read_meta(entries: list[Entry], matcher: Matcher) -> Meta:
    meta = Meta()
    seen: dict[str, Entry] = {}
    for entry in entries:
        if not entry.field or entry.field in _IGNORED:
            continue
        earlier = seen.get(entry.field)
        if earlier is not None:
            if normal(earlier.text) != normal(entry.text) and not _empty(entry.text):
                meta.problems.append(
                    Problem(
                        entry.row,
                        entry.label,
                        f"två värden för '{LABELS[entry.field][0]}': '{earlier.text}' "
                        f"(rad {earlier.row}, '{earlier.label}') och '{entry.text}'",
                    )
                )
            continue
        seen[entry.field] = entry
        try:
            _apply(meta, entry, matcher)
        except dates.DateError as exc:
            meta.problems.append(Problem(entry.row, entry.label, str(exc)))
    return meta


def _empty(text: str) -> bool:
    return dates.is_empty(text)


def _apply(meta: Meta, entry: Entry, matcher: Matcher) -> None:
    text, values = entry.text.strip(), meta.values
    if _empty(text) and entry.field != "attachments":
        return
    name = entry.field
    if name in ("title", "publisher", "registration_number"):
        values[name] = " ".join(text.split())
    elif name == "url":
        values["url"] = next((s.url for p in entry.lines for s in p.segments if s.url), text)
    elif name == "kind":
        values["kind_label"] = text
    elif name == "status":
        meta.status_label = text
    elif name == "decided_by":
        values["decided_by"] = matcher.names("bodies", text)
    elif name == "applies_to":
        values["applies_to"] = matcher.names("units", text)
    elif name == "decision_date":
        values["decision_date"], paragraph = dates.decision(text)
        if paragraph:
            values["paragraph"] = paragraph
    elif name == "validity":
        values["valid_from"], values["valid_until"] = dates.validity(text)
    elif name == "valid_from":
        values["valid_from"] = dates.one_date(text)
    elif name == "valid_until":
        until = dates.validity(text)
        values["valid_until"] = until[1] or until[0]
    elif name in ("last_revised", "links_checked"):
        values[name] = dates.one_date(text)
    elif name == "owner":
        _owner(meta, text, matcher)
    elif name == "version":
        meta.version = text
    elif name == "attachments":
        values["attachments"] = _attachments(entry)


def _owner(meta: Meta, text: str, matcher: Matcher) -> None:
    """One owner as a role, several as a list (both are what ``owner`` holds)."""
    owners = matcher.names("roles", text)
    meta.values["owners"] = owners
    meta.values["owner"] = owners[0] if len(owners) == 1 else owners


def _attachments(entry: Entry) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for para in entry.lines or []:
        for line in (para.segments and _lines(para)) or [(para.plain, None)]:
            title, url = line
            if not title or _empty(title):
                continue
            item: dict[str, Any] = {"title": title}
            if url:
                item["url"] = url
            out.append(item)
    if not entry.lines and entry.text and not _empty(entry.text):
        out = [{"title": line} for line in entry.text.split("\n") if line.strip()]
    return out


def _lines(para: Any) -> list[tuple[str, str | None]]:
    """The lines of a cell paragraph (split at line breaks), each with its address."""
    lines: list[tuple[str, str | None]] = [("", None)]
    for seg in para.segments:
        parts = seg.text.split("\n")
        for n, part in enumerate(parts):
            if n:
                lines.append(("", None))
            title, url = lines[-1]
            lines[-1] = (title + part, url or seg.url)
    return [(" ".join(t.split()), u) for t, u in lines]


def status_of(meta: Meta, has_decision: bool) -> str:
    if meta.status_label:
        found = _STATUS.get(normal(meta.status_label))
        if found:
            return found
    return "in-force" if has_decision else "draft"


def decision(values: dict[str, Any]) -> dict[str, Any] | None:
    by, day = values.get("decided_by"), values.get("decision_date")
    if not by or not isinstance(day, date):
        return None
    out: dict[str, Any] = {"by": by, "date": day}
    if values.get("paragraph"):
        out["paragraph"] = values["paragraph"]
    if values.get("registration_number"):
        out["registration_number"] = values["registration_number"]
    return out
