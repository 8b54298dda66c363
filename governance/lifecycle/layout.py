"""How a file is laid out: its lines and line endings, and the indentation it uses.

Indentation is read from the file's own structure (the outline of governance.fastyaml),
never guessed from line patterns, so a Markdown list inside a block text does not count.
ruamel.yaml writes with one setting for the whole file, so an edit asks for the layout
where it changes something: the sequence it appends to, the mapping it adds a key to.
"""

from __future__ import annotations

from dataclasses import dataclass

from governance import fastyaml
from governance.lifecycle.ops import Keys


@dataclass(frozen=True)
class Layout:
    """ruamel.yaml's ``indent(mapping=…, sequence=…, offset=…)``: a nested mapping's keys,
    a sequence item's content and its dash, each counted from the parent key's column."""

    mapping: int = 2
    sequence: int = 4
    offset: int = 2


@dataclass(frozen=True)
class Lines:
    """A text split into lines: ``raw`` as in the file (with their own line ending, the
    last maybe without), ``norm`` ending in a plain ``\\n``."""

    raw: list[str]
    norm: list[str]
    newline: str
    bom: bool

    @property
    def text(self) -> str:
        return "".join(self.norm)


def split_lines(text: str, bom: bool = False) -> Lines:
    """Split on ``\\n`` only (not on the other characters ``str.splitlines`` breaks at)."""
    parts = text.split("\n")
    raw = [p + "\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    norm = [(r[:-2] + "\n" if r.endswith("\r\n") else r.rstrip("\n") + "\n") for r in raw]
    crlf = sum(1 for r in raw if r.endswith("\r\n"))
    newline = "\r\n" if crlf and crlf * 2 >= len(raw) else "\n"
    return Lines(raw=raw, norm=norm, newline=newline, bom=bom)


def _is_block(text_lines: list[str], span: fastyaml.Span) -> bool:
    line, column = span.start
    return line < len(text_lines) and text_lines[line][column : column + 1] not in ("[", "{")


def _found(lines: list[str], root: fastyaml.Span) -> tuple[int | None, Layout | None]:
    """The first nested block mapping's indent and the first block sequence's layout."""
    mapping: int | None = None
    sequence: Layout | None = None
    queue = [root]
    while queue and (mapping is None or sequence is None):
        span = queue.pop(0)
        in_sequence = _is_sequence(span)
        for key_start, child in span.children.values():
            if not child.children or not _is_block(lines, child):
                continue
            queue.append(child)
            if in_sequence:
                continue  # an item: it stands after its dash, not under a key
            if _is_sequence(child):
                sequence = sequence or _sequence_layout(key_start, child)
            elif mapping is None:
                mapping = child.start[1] - key_start[1]
    return mapping, sequence


def _is_sequence(span: fastyaml.Span) -> bool:
    return bool(span.children) and isinstance(next(iter(span.children)), int)


def _sequence_layout(key_start: fastyaml.Point, seq: fastyaml.Span) -> Layout:
    offset = seq.start[1] - key_start[1]
    first = seq.children[0][1]
    content = first.start[1] - key_start[1] if first.start[0] == seq.start[0] else offset + 2
    return Layout(sequence=max(content, offset + 2), offset=offset)


def _node(root: fastyaml.Span, keys: Keys) -> tuple[fastyaml.Point, fastyaml.Span] | None:
    entry: tuple[fastyaml.Point, fastyaml.Span] = (root.start, root)
    for key in keys:
        child = entry[1].children.get(key)
        if child is None:
            return None
        entry = child
    return entry


def layout_for(text: str, parent: Keys, key: str) -> Layout:
    """The layout to write an edit of ``parent`` → ``key`` with: the file's own, and where
    the edit is, the indentation of the mapping and the sequence it touches."""
    root = fastyaml.outline(text)
    if root is None or not root.children:
        return Layout()
    lines = text.split("\n")
    mapping, sequence = _found(lines, root)
    base = sequence or Layout()
    here = _node(root, parent) if parent else None
    if here is not None and here[1].children and _is_block(lines, here[1]):
        mapping = here[1].start[1] - here[0][1] or mapping
    target = _node(root, (*parent, key))
    if target is not None and _is_sequence(target[1]) and _is_block(lines, target[1]):
        base = _sequence_layout(target[0], target[1])
    return Layout(mapping=mapping or base.mapping, sequence=base.sequence, offset=base.offset)


def span_lines(text: str, keys: Keys) -> range | None:
    """The 0-based line numbers that the entry ``keys`` (its key and value) stands on, or
    None when it is not in the file."""
    root = fastyaml.outline(text)
    if root is None:
        return None
    entry = _node(root, keys)
    if entry is None:
        return None
    start, span = entry
    end_line, end_column = span.end
    last = end_line - 1 if end_column == 0 and end_line > start[0] else end_line
    return range(start[0], last + 1)


def is_block_sequence(text: str, keys: Keys) -> bool:
    """Whether the value at ``keys`` is a block sequence with at least one item."""
    root = fastyaml.outline(text)
    entry = _node(root, keys) if root is not None else None
    return entry is not None and _is_sequence(entry[1]) and _is_block(text.split("\n"), entry[1])
