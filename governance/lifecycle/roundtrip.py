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
import re
from collections.abc import Callable, Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from governance import fastyaml
from governance.errors import UnsafeEdit
from governance.lifecycle.layout import (
    Layout,
    Lines,
    is_block_sequence,
    layout_for,
    span_lines,
    split_lines,
)
from governance.lifecycle.ops import Append, Op, OpError, apply_plain, apply_rt

# Spaces and tabs at the end of a line mean nothing to YAML outside a block text, but
# ruamel.yaml's scanner refuses a tab there. It reads the text without them; lines it then
# writes differently are put back as they were like any other.
_TRAILING = re.compile(r"[ \t]+$", re.MULTILINE)
Unit = tuple[int, int, int, int]  # a changed region: old lines [i1:i2] became new [j1:j2]


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
    candidate = _ruamel(text, ops, layout)
    allowed = _allowed(text, ops)
    problem = "ruamel.yaml kunde inte skriva ändringen så att filen läses som avsett."
    for trivial in (None, _trivial):  # lines pair up in more than one way
        spliced = _splice(old, candidate, expected, trivial)
        if spliced is None:
            continue
        new, changed = spliced
        outside = sorted(changed - allowed)
        if not outside:
            return new
        line = outside[0]
        problem = f"Ändringen skulle också ändra rad {line + 1} ({old[line].strip()!r}), som inte ska röras."
    raise UnsafeEdit(f"{problem} Gör ändringen för hand.")


def _trivial(line: str) -> bool:
    """A blank line or an empty comment: too common to pair old and new lines by."""
    return line.strip() in ("", "#")


def _ruamel(text: str, ops: list[Op], layout: Layout) -> list[str]:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never wrap a line
    yaml.indent(mapping=layout.mapping, sequence=layout.sequence, offset=layout.offset)
    yaml.representer.ignore_aliases = lambda data: True  # the same date twice: no &anchor
    try:
        tree = yaml.load(_TRAILING.sub("", text))
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


class _Splice:
    """Which changed regions of ruamel.yaml's text to take; the rest stays as it was."""

    TRIALS = 2000  # loads of a candidate text, at most

    def __init__(
        self, old: list[str], new: list[str], expected: Any, junk: Callable[[str], bool] | None
    ) -> None:
        self.old, self.new, self.expected = old, new, expected
        matcher = difflib.SequenceMatcher(junk, old, new, autojunk=False)
        self.units = [
            (i1, i2, j1, j2) for t, i1, i2, j1, j2 in matcher.get_opcodes() if t != "equal"
        ]
        self.use = [True] * len(self.units)
        self.trials = 0

    def lines(self) -> list[str]:
        return _build(self.old, self.new, self.units, self.use)

    def revert(self, indexes: list[int]) -> bool:
        """Put these regions back as they were, if the data stays as expected."""
        if self.trials >= self.TRIALS:
            return False
        self.trials += 1
        for k in indexes:
            self.use[k] = False
        if _load("".join(self.lines())) == self.expected:
            return True
        for k in indexes:
            self.use[k] = True
        return False

    def minimize(self) -> None:
        """Each region alone, then runs of regions next to each other (a block text that
        ruamel.yaml indented again is several regions that only go back together)."""
        for k in range(len(self.units)):
            self.revert([k])
        changed = True
        while changed:
            changed = False
            kept = [k for k, take in enumerate(self.use) if take]
            for length in range(2, len(kept) + 1):
                runs = (kept[s : s + length] for s in range(len(kept) - length + 1))
                if any(self.revert(run) for run in runs):
                    changed = True
                    break

    def split(self) -> None:
        """The regions still taken, in smaller regions: a line pairs with the old line of
        the same key (or the same text, spaced differently), lines in between pair up one
        by one, and new lines that do not pair go in before the old ones."""
        units: list[Unit] = []
        use: list[bool] = []
        for unit, take in zip(self.units, self.use, strict=True):
            parts = self._parts(unit) if take else [unit]
            units += parts
            use += [take] * len(parts)
        self.units, self.use = units, use

    def _parts(self, unit: Unit) -> list[Unit]:
        i1, i2, j1, j2 = unit
        old = [_shape(line) for line in self.old[i1:i2]]
        new = [_shape(line) for line in self.new[j1:j2]]
        parts: list[Unit] = []
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, a1, a2, b1, b2 in matcher.get_opcodes():
            a1, a2, b1, b2 = i1 + a1, i1 + a2, j1 + b1, j1 + b2
            if tag == "equal" or (tag == "replace" and a2 - a1 == b2 - b1):
                parts += [(a1 + t, a1 + t + 1, b1 + t, b1 + t + 1) for t in range(a2 - a1)]
            elif tag == "replace":  # new lines added before old ones that may stay
                parts += [(a1, a1, b1, b2), (a1, a2, b2, b2)]
            else:
                parts.append((a1, a2, b1, b2))
        return parts


_KEY = re.compile(r"""^\s*(?:-\s+)*("[^"]*"|'[^']*'|[^\s#'"][^:#]*?):(?:\s|$)""")


def _shape(line: str) -> str:
    """What a line is, for pairing an old line with its new form: the key it sets, or
    else its text with spacing ignored."""
    match = _KEY.match(line)
    return f"{match[1]}:" if match else " ".join(line.split())


def _splice(
    old: list[str], new: list[str], expected: Any, junk: Callable[[str], bool] | None
) -> tuple[list[str], set[int]] | None:
    """The old lines with only those changed regions of ``new`` that the data needs, and
    the numbers of the old lines that were changed or removed; None if that cannot give
    the expected data."""
    splice = _Splice(old, new, expected, junk)
    splice.minimize()
    splice.split()
    splice.minimize()
    kept = [u for u, take in zip(splice.units, splice.use, strict=True) if take]
    result = _relocate(old, new, kept, expected)
    if _load("".join(result)) != expected:
        return None
    return result, {i for i1, i2, _, _ in kept for i in range(i1, i2)}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _relocate(old: list[str], new: list[str], units: list[Unit], expected: Any) -> list[str]:
    """Lines that are only added go above the comments and blank lines just before them
    when those stand no deeper than the added lines: such a comment belongs to what
    follows (ruamel.yaml attaches it to what precedes, and appends after it)."""
    moved = list(units)
    for k, (i1, i2, j1, j2) in enumerate(units):
        if i1 != i2 or j1 == j2 or (k + 1 < len(units) and units[k + 1][0] == i1):
            continue  # not only added, or put in place of old lines that follow
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


def _allowed(text: str, ops: list[Op]) -> set[int]:
    """The lines an edit may change: those of the entries it sets. An append to a block
    sequence may change none, only add."""
    allowed: set[int] = set()
    for op in ops:
        keys = (*op.parent, op.key)
        lines = span_lines(text, keys)
        if lines is not None and not (isinstance(op, Append) and is_block_sequence(text, keys)):
            allowed.update(lines)
    return allowed


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
