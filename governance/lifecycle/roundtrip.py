"""Edits that lose nothing: ruamel.yaml round-trip, then only the lines the change needs.

ruamel.yaml keeps comments, key order and quoting, but it writes the whole file again and
may still reformat lines the edit never touched (spacing after a colon, a comment's column,
a ``---`` line, an indentation that differs from the rest of the file). So each edit is
made in three steps:

1. ruamel.yaml loads the text (``typ='rt'``), the operation is applied to its tree, and the
   tree is written with the indentation the file itself uses where the edit is
   (governance.lifecycle.layout);
2. the new text is compared line by line with the old one, and every changed region that
   the data does not need is put back as it was: a region stays changed only if the file
   would otherwise not load to the expected data (the old data with the operation applied);
3. what is left is checked: the file loads to the expected data, and no line outside the
   entry being edited was changed or removed. If that cannot be had, nothing is written.

Line endings (CRLF stays CRLF, also line by line in a mixed file), a byte order mark and a
missing newline at the end are kept.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from governance import fastyaml
from governance.errors import StyrdokError
from governance.lifecycle.layout import (
    Layout,
    Lines,
    is_block_sequence,
    layout_for,
    span_lines,
    split_lines,
)
from governance.lifecycle.ops import Append, Op, OpError, apply_plain, apply_rt

Unit = tuple[int, int, int, int]  # a changed region: old lines [i1:i2] became new [j1:j2]


class UnsafeEdit(StyrdokError):
    """The edit cannot be made without touching lines it should not."""


def _load(text: str) -> Any:
    try:
        return fastyaml.load(text)
    except Exception:  # any failure to load: the candidate is not the expected data
        return _UNREADABLE


_UNREADABLE = object()


def edit_text(text: str, ops: Sequence[Op]) -> str:
    """``text`` (one YAML document, without a byte order mark) with ``ops`` applied."""
    lines = split_lines(text)
    current = lines.norm
    pending = list(ops)
    while pending:
        text_now = "".join(current)
        layout = layout_for(text_now, pending[0].parent, pending[0].key)
        group = [pending.pop(0)]
        while pending and layout_for(text_now, pending[0].parent, pending[0].key) == layout:
            group.append(pending.pop(0))
        current = _apply(current, group, layout)
    return _restore(lines, current)


def _apply(old: list[str], ops: list[Op], layout: Layout) -> list[str]:
    text = "".join(old)
    try:
        expected = apply_plain(fastyaml.load(text), ops)
    except OpError as exc:
        raise UnsafeEdit(str(exc)) from None
    new = _splice(old, _ruamel(text, ops, layout), expected)
    if new is None:
        raise UnsafeEdit(
            "ruamel.yaml kunde inte skriva ändringen så att filen läses som avsett. "
            "Gör ändringen för hand."
        )
    _guard(text, old, new, ops)
    return new


def _ruamel(text: str, ops: list[Op], layout: Layout) -> list[str]:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never wrap a line
    yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    yaml.representer.ignore_aliases = lambda data: True  # the same date twice: no &anchor
    try:
        tree = yaml.load(text)
        for op in ops:
            apply_rt(tree, op)
        out = io.StringIO()
        yaml.dump(tree, out)
    except (YAMLError, OpError) as exc:
        raise UnsafeEdit(f"Filen kan inte redigeras: {exc}") from None
    return out.getvalue().splitlines(keepends=True)


def _build(old: list[str], new: list[str], units: list[Unit], use: list[bool]) -> list[str]:
    out: list[str] = []
    at = 0
    for (i1, i2, j1, j2), take in zip(units, use, strict=True):
        out += old[at:i1]
        out += new[j1:j2] if take else old[i1:i2]
        at = i2
    return out + old[at:]


def _splice(old: list[str], new: list[str], expected: Any) -> list[str] | None:
    """The old lines with only those changed regions of ``new`` that the data needs."""
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    units = [(i1, i2, j1, j2) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]
    use = [True] * len(units)
    k = 0
    while k < len(units):
        use[k] = False
        if _load("".join(_build(old, new, units, use))) != expected:
            use[k] = True
            parts = _split(units[k])
            if len(parts) > 1:
                units[k : k + 1] = parts
                use[k : k + 1] = [True] * len(parts)
                continue
        k += 1
    kept = [u for u, take in zip(units, use, strict=True) if take]
    result = _relocate(old, new, kept, expected)
    return result if _load("".join(result)) == expected else None


def _split(unit: Unit) -> list[Unit]:
    """A region of changed lines as one region per line, paired from the top; the rest of
    the longer side is one more region."""
    i1, i2, j1, j2 = unit
    pairs = min(i2 - i1, j2 - j1)
    if pairs == 0 or (i2 - i1 == 1 and j2 - j1 == 1):
        return [unit]
    parts = [(i1 + t, i1 + t + 1, j1 + t, j1 + t + 1) for t in range(pairs)]
    if i2 - i1 != j2 - j1:
        parts.append((i1 + pairs, i2, j1 + pairs, j2))
    return parts


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _relocate(old: list[str], new: list[str], units: list[Unit], expected: Any) -> list[str]:
    """Lines that are only added go above the comments and blank lines just before them
    when those stand no deeper than the added lines: such a comment belongs to what
    follows (ruamel.yaml attaches it to what precedes, and appends after it)."""
    moved = list(units)
    for k, (i1, i2, j1, j2) in enumerate(units):
        if i1 != i2 or j1 == j2:
            continue
        floor = units[k - 1][1] if k else 0
        depth = _indent(new[j1])
        point = i1
        while point > floor and (
            not old[point - 1].strip()
            or old[point - 1].lstrip().startswith("#")
            and _indent(old[point - 1]) <= depth
        ):
            point -= 1
        moved[k] = (point, point, j1, j2)
    result = _build(old, new, moved, [True] * len(moved))
    if moved != units and _load("".join(result)) == expected:
        return result
    return _build(old, new, units, [True] * len(units))


def _guard(text: str, old: list[str], new: list[str], ops: list[Op]) -> None:
    """No line outside the entries being edited was changed or removed; an append to a
    block sequence changes no line at all."""
    allowed: set[int] = set()
    for op in ops:
        keys = (*op.parent, op.key)
        lines = span_lines(text, keys)
        if lines is not None and not (isinstance(op, Append) and is_block_sequence(text, keys)):
            allowed.update(lines)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        touched = [i for i in range(i1, i2) if i not in allowed]
        if tag in ("replace", "delete") and touched:
            line = touched[0]
            raise UnsafeEdit(
                f"Ändringen skulle också ändra rad {line + 1} ({old[line].strip()!r}), "
                "som inte ska röras. Gör ändringen för hand."
            )


def _restore(lines: Lines, new: list[str]) -> str:
    """The new lines with each unchanged line exactly as it was in the file (its own line
    ending) and the file's line ending on the others."""
    matcher = difflib.SequenceMatcher(None, lines.norm, new, autojunk=False)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out += lines.raw[i1:i2]
        else:
            out += [line[:-1] + lines.newline for line in new[j1:j2]]
    for k, line in enumerate(out[:-1]):
        if not line.endswith("\n"):
            out[k] = line + lines.newline  # the old last line without one, no longer last
    text = "".join(out)
    if lines.raw and not lines.raw[-1].endswith("\n"):
        text = text.removesuffix(lines.newline)  # the file did not end with a newline
    return text


def edit_document(text: str, ops: Sequence[Op]) -> str:
    """Like ``edit_text`` for a decoded file that may start with a byte order mark."""
    bom = text.startswith("\ufeff")
    result = edit_text(text[1:] if bom else text, ops)
    return ("\ufeff" if bom else "") + result
