"""What changed between two versions of a document: field by field, section by section.

Pure functions of two loaded documents (plain data as governance.fastyaml reads it).
Sections are matched by title (the second section with the same title by its order among
those), so a section that moved is not reported as changed; a renamed section is one
removed and one added.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
_NOT_FIELDS = ("sections", "revisions")
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class FieldChange:
    path: str
    old: Any = MISSING
    new: Any = MISSING
    added: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()


@dataclass(frozen=True)
class SectionChange:
    title: str  # "Syfte" or, for a subsection, "Bakgrund › Historik"
    kind: Literal["added", "removed", "changed"]
    lines: tuple[str, ...] = ()  # "- old line" and "+ new line"
    # The section's text before and after, for a word-level comparison (the lines say it).
    old: str = field(default="", compare=False)
    new: str = field(default="", compare=False)


@dataclass(frozen=True)
class Comparison:
    fields: list[FieldChange] = field(default_factory=list)
    sections: list[SectionChange] = field(default_factory=list)
    revisions: list[dict[str, Any]] = field(default_factory=list)  # added after the old

    def __bool__(self) -> bool:
        return bool(self.fields or self.sections or self.revisions)


def _keys(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return list(old) + [k for k in new if k not in old]


def _scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def field_changes(path: str, old: Any, new: Any) -> list[FieldChange]:
    """The changes from ``old`` to ``new`` at ``path``, down to the values that differ."""
    if old == new:
        return []
    if isinstance(old, dict) and isinstance(new, dict):
        return [
            change
            for key in _keys(old, new)
            for change in field_changes(
                f"{path}.{key}" if path else key, old.get(key, MISSING), new.get(key, MISSING)
            )
        ]
    if isinstance(old, list) and isinstance(new, list):
        return _list_changes(path, old, new)
    return [FieldChange(path, old=old, new=new)]


def _list_changes(path: str, old: list[Any], new: list[Any]) -> list[FieldChange]:
    if all(map(_scalar, old + new)):
        added = tuple(x for x in new if x not in old)
        removed = tuple(x for x in old if x not in new)
        if added or removed:
            return [FieldChange(path, added=added, removed=removed)]
        return [FieldChange(path, old=old, new=new)]  # the same items in another order
    if new[: len(old)] == old:
        return [FieldChange(path, added=tuple(new[len(old) :]))]
    if old[: len(new)] == new:
        return [FieldChange(path, removed=tuple(old[len(new) :]))]
    return [
        change
        for i in range(max(len(old), len(new)))
        for change in field_changes(
            f"{path}[{i}]",
            old[i] if i < len(old) else MISSING,
            new[i] if i < len(new) else MISSING,
        )
    ]


def text_lines(old: str, new: str) -> tuple[str, ...]:
    """The lines that differ between two texts, as ``- old`` and ``+ new``."""
    diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=0)
    return tuple(
        f"{line[0]} {line[1:]}".rstrip()
        for line in diff
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    )


def _titled(sections: Any) -> dict[tuple[str, int], dict[str, Any]]:
    out: dict[tuple[str, int], dict[str, Any]] = {}
    for section in sections if isinstance(sections, list) else []:
        if isinstance(section, dict):
            title = str(section.get("title", ""))
            n = sum(1 for t, _ in out if t == title)
            out[(title, n)] = section
    return out


def section_changes(old: Any, new: Any, prefix: str = "") -> list[SectionChange]:
    before, after = _titled(old), _titled(new)
    out: list[SectionChange] = []
    for key, section in after.items():
        name = prefix + key[0]
        body = str(section.get("body") or "")
        if key not in before:
            out.append(SectionChange(name, "added", text_lines("", body), new=body))
            continue
        earlier = str(before[key].get("body") or "")
        lines = text_lines(earlier, body)
        if lines:
            out.append(SectionChange(name, "changed", lines, earlier, body))
        out += section_changes(before[key].get("sections"), section.get("sections"), name + " › ")
    for key, section in before.items():
        if key not in after:
            body = str(section.get("body") or "")
            out.append(SectionChange(prefix + key[0], "removed", text_lines(body, ""), old=body))
    return out


def words(old: str, new: str) -> list[tuple[Literal["same", "added", "removed"], str]]:
    """The texts as runs of words that stayed, were added or were removed (spaces and
    punctuation are tokens of their own, so a changed word is one removal and one addition)."""
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    # The words both keep at the start and the end are not compared: a revision changes a
    # few words of a long text, and the matcher's time grows with the product of the lengths.
    head = 0
    while head < min(len(before), len(after)) and before[head] == after[head]:
        head += 1
    tail = 0
    while tail < min(len(before), len(after)) - head and before[-1 - tail] == after[-1 - tail]:
        tail += 1
    middle_before = before[head : len(before) - tail]
    middle_after = after[head : len(after) - tail]
    matcher = difflib.SequenceMatcher(None, middle_before, middle_after, autojunk=False)
    out: list[tuple[Literal["same", "added", "removed"], str]] = []
    if head:
        out.append(("same", "".join(before[:head])))
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(("same", "".join(middle_before[i1:i2])))
            continue
        if i2 > i1:
            out.append(("removed", "".join(middle_before[i1:i2])))
        if j2 > j1:
            out.append(("added", "".join(middle_after[j1:j2])))
    if tail:
        out.append(("same", "".join(before[len(before) - tail :])))
    return _joined(out)


def _joined(
    runs: list[tuple[Literal["same", "added", "removed"], str]],
) -> list[tuple[Literal["same", "added", "removed"], str]]:
    """Neighbouring runs of the same kind as one."""
    out: list[tuple[Literal["same", "added", "removed"], str]] = []
    for kind, text in runs:
        if out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1] + text)
        else:
            out.append((kind, text))
    return out


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key)
    return value if isinstance(value, list) else []


def _version(revision: Any) -> Any:
    return revision.get("version") if isinstance(revision, dict) else revision


def compare(old: dict[str, Any], new: dict[str, Any]) -> Comparison:
    old_revs, new_revs = _list(old, "revisions"), _list(new, "revisions")
    versions = {_version(r) for r in old_revs}
    appended = [r for r in new_revs if _version(r) not in versions]
    kept = [r for r in new_revs if _version(r) in versions]
    fields = [
        change
        for key in _keys(old, new)
        if key not in _NOT_FIELDS
        for change in field_changes(key, old.get(key, MISSING), new.get(key, MISSING))
    ]
    if kept != old_revs:  # an older revision changed, e.g. its decision kept as history
        fields += field_changes("revisions", old_revs, kept)
    sections = section_changes(old.get("sections"), new.get("sections"))
    return Comparison(fields, sections, [r for r in appended if isinstance(r, dict)])


def show(value: Any) -> str:
    """A value as it reads in YAML, on one line."""
    if value is MISSING:
        return "(saknas)"
    if value is None:
        return "(tomt)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {show(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(show(v) for v in value) + "]"
    return str(value)
