"""A safe YAML loader built straight on libyaml's events (ruamel.yaml.clib's CParser).

ruamel.yaml's safe loader also parses in C, but then composes nodes and resolves every
scalar in Python; on a 2,000-document corpus that took 3.2 s where building the data from
the parser's events takes 0.8 s (benchmarks/bench_check.py). The result is the same data
for the YAML styrdok files use (the test suite compares the two loaders on the example
corpus and on generated documents), with the YAML 1.2 core schema plus ISO dates:

* plain ``null``/``~``/empty → None, ``true``/``false`` → bool, integers, floats,
  ``YYYY-MM-DD`` → ``datetime.date``; an impossible date such as 2022-02-30 stays a string
  so that validation reports it on its field; everything else, and every quoted or block
  scalar, is a string;
* anchors and aliases, explicit tags, several documents in one file and keys that are not
  scalars are refused with a ``LoadError`` that carries the line and column.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from _ruamel_yaml import CParser  # type: ignore[import-not-found]
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

_INT = re.compile(r"[-+]?[0-9]+$|0o[0-7]+$|0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_SPECIAL_FLOAT = {
    ".inf": float("inf"),
    "-.inf": float("-inf"),
    "+.inf": float("inf"),
    ".nan": float("nan"),
}
_NUMERIC_START = frozenset("0123456789-+.")


class LoadError(Exception):
    def __init__(self, code: str, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.code, self.message, self.line, self.column = code, message, line, column


MAX_INT_DIGITS = 4_000  # Python refuses to convert longer digit strings; they stay text


def resolve(value: str) -> Any:
    """The value of a plain scalar."""
    if value in _NULL:
        return None
    if value[0] not in _NUMERIC_START:
        return _BOOL.get(value, value)
    if _INT.match(value):
        if len(value) > MAX_INT_DIGITS:
            return value
        return int(value, 0) if value[:2] in ("0o", "0x") else int(value)
    if _DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    if _FLOAT.match(value):
        return float(value)
    return _SPECIAL_FLOAT.get(value.lower(), value)


def _error(code: str, message: str, event: Any) -> LoadError:
    mark = event.start_mark
    return LoadError(code, message, mark.line + 1, mark.column + 1)


def resolve_keeping_numbers(value: str) -> Any:
    """Like ``resolve``, but a number stays the text it was written as (``0701234567``,
    ``12.50``): for case data, where digits are text such as phone numbers."""
    found = resolve(value)
    return value if isinstance(found, int | float) and not isinstance(found, bool) else found


def load(text: str, numbers_as_text: bool = False) -> Any:
    """The data of the single YAML document in ``text`` (None for an empty file).

    Raises ``LoadError`` for what styrdok refuses, and ruamel's ``MarkedYAMLError`` for
    text that is not YAML at all. ``numbers_as_text`` keeps unquoted numbers as written."""
    resolver = resolve_keeping_numbers if numbers_as_text else resolve
    get_event = CParser(text).get_event
    missing = object()
    stack: list[tuple[Any, Any]] = []
    container: Any = None
    key: Any = missing
    root: Any = None
    documents = 0
    while True:
        event = get_event()
        kind = type(event)
        if kind is ScalarEvent:
            if event.anchor is not None:
                raise _error("yaml-alias", "anchor", event)
            implicit = event.implicit
            if implicit[0]:
                value: Any = resolver(event.value)
            elif implicit[1] or event.tag in (None, "!", "tag:yaml.org,2002:str"):
                value = event.value
            else:
                raise _error("yaml-tag", str(event.tag), event)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None:
                raise _error("yaml-alias", "anchor", event)
            if event.tag is not None and not event.implicit:
                raise _error("yaml-tag", str(event.tag), event)
            stack.append((container, key))
            container = {} if kind is MappingStartEvent else []
            key = missing
            continue
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            value = container
            container, key = stack.pop()
        elif kind is AliasEvent:
            raise _error("yaml-alias", "alias", event)
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _error("yaml-documents", "documents", event)
            continue
        elif kind is StreamEndEvent:
            return root
        else:
            continue
        if container is None:
            root = value
        elif type(container) is list:
            container.append(value)
        elif key is missing:
            if isinstance(value, dict | list):
                raise _error("yaml-complex-key", "key", event)
            key = value
            key_event = event
        else:
            if key in container:
                raise _error("yaml-duplicate-key", str(key), key_event)
            container[key] = value
            key = missing


Point = tuple[int, int]  # 0-based line and column


class Span:
    """Where a value stands in the text: its start and end, and, for a mapping or a
    sequence, where each child stands (with the key's own start for a mapping entry)."""

    __slots__ = ("start", "end", "children")

    def __init__(self, start: Point) -> None:
        self.start = start
        self.end = start
        self.children: dict[str | int, tuple[Point, Span]] = {}


def outline(text: str) -> Span | None:
    """The spans of every value in ``text``; None if it does not parse."""
    try:
        return _outline(CParser(text).get_event)
    except Exception:  # any parse failure: callers fall back to the file's first line
        return None


def _point(mark: Any) -> Point:
    return (mark.line, mark.column)


def _outline(get_event: Any) -> Span | None:
    stack: list[tuple[Span, Any, Point]] = []
    current: Span | None = None
    key: Any = None
    key_start: Point = (0, 0)
    while True:
        event = get_event()
        kind = type(event)
        if kind is StreamEndEvent:
            return current
        if kind is MappingStartEvent or kind is SequenceStartEvent:
            span = Span(_point(event.start_mark))
            if current is not None:
                stack.append((current, key, key_start))
            current, key = span, (None if kind is MappingStartEvent else 0)
            continue
        if kind is MappingEndEvent or kind is SequenceEndEvent:
            assert current is not None
            current.end = _point(event.end_mark)
            if not stack:
                continue
            child = current
            current, key, key_start = stack.pop()
        elif kind is ScalarEvent or kind is AliasEvent:
            child = Span(_point(event.start_mark))
            child.end = _point(event.end_mark)
            if current is None:
                current = child
                continue
            if key is None:  # this scalar is a key
                key, key_start = str(event.value), child.start
                continue
        else:
            continue
        if isinstance(key, int):
            current.children[key] = (child.start, child)
            key += 1
        else:
            current.children[key] = (key_start, child)
            key = None
