"""Edit operations: what a lifecycle command changes in a document, as data.

An operation names a mapping by its path of keys from the document root and a key in it.
The same operation applies to plain data (what the file should load to afterwards) and to
ruamel.yaml's round-trip tree (what is written), so the two can be compared.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

Keys = tuple[str | int, ...]  # mapping keys, and list indexes (an item of revisions)


@dataclass(frozen=True)
class Set:
    """Set ``key`` in the mapping at ``parent`` to ``value``; a new key goes after the keys
    that come before it in ``order`` (the model's field order)."""

    parent: Keys
    key: str
    value: Any
    order: Keys = field(default=(), compare=False)


@dataclass(frozen=True)
class Append:
    """Append ``item`` to the sequence at ``parent`` → ``key``, creating it when missing."""

    parent: Keys
    key: str
    item: Any
    order: Keys = field(default=(), compare=False)


Op = Set | Append


def order_of(model: type[BaseModel]) -> Keys:
    """The field order of a model: where a new key is placed."""
    return tuple(model.model_fields)


class OpError(Exception):
    """The document does not have the shape an operation needs."""


def _mapping(root: Any, keys: Keys) -> Any:
    node = root
    for key in keys:
        if isinstance(key, int) and isinstance(node, list) and -len(node) <= key < len(node):
            child = node[key]
        elif isinstance(key, str) and isinstance(node, dict):
            child = node.get(key)
        else:
            child = None
        if not isinstance(child, dict | list):
            raise OpError(f"'{'.'.join(map(str, keys))}' är ingen mappning i dokumentet.")
        node = child
    if not isinstance(node, dict):
        raise OpError("Dokumentet är ingen mappning.")
    return node


def apply_plain(data: Any, ops: Iterable[Op]) -> Any:
    """A copy of plain data with the operations applied."""
    data = copy.deepcopy(data)
    for op in ops:
        mapping = _mapping(data, op.parent)
        if isinstance(op, Set):
            mapping[op.key] = copy.deepcopy(op.value)
        elif isinstance(mapping.get(op.key), list):
            mapping[op.key].append(copy.deepcopy(op.item))
        else:
            mapping[op.key] = [copy.deepcopy(op.item)]
    return data


def to_rt(value: Any) -> Any:
    """Plain data as ruamel round-trip nodes, in block style; multi-line text as a literal
    block (``|``)."""
    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = to_rt(item)
        out.fa.set_block_style()
        return out
    if isinstance(value, list):
        seq = CommentedSeq(to_rt(item) for item in value)
        seq.fa.set_block_style()
        return seq
    if isinstance(value, str) and "\n" in value and type(value) is str:
        return LiteralScalarString(value)
    return value


def apply_rt(tree: CommentedMap, op: Op) -> None:
    """Apply one operation to a round-trip tree, keeping the style of what is there."""
    mapping = _mapping(tree, op.parent)
    if isinstance(op, Set):
        _set_rt(mapping, op.key, op.value, op.order)
        return
    current = mapping.get(op.key)
    if isinstance(current, CommentedSeq) and len(current):
        current.append(to_rt(op.item))
    else:
        _set_rt(mapping, op.key, [op.item], op.order)


def _set_rt(mapping: CommentedMap, key: str, value: Any, order: Keys) -> None:
    current = mapping.get(key)
    if key not in mapping:
        mapping.insert(_position(mapping, key, order), key, to_rt(value))
    elif isinstance(current, CommentedSeq) and isinstance(value, list) and len(current):
        _replace_items(current, value)
    else:
        mapping[key] = to_rt(value)


def _replace_items(seq: CommentedSeq, items: list[Any]) -> None:
    """New items in an existing sequence, item by item, so that its style and the
    comments on its items stay."""
    for i, item in enumerate(items[: len(seq)]):
        if seq[i] != item:
            seq[i] = to_rt(item)
    del seq[len(items) :]
    seq.extend(to_rt(item) for item in items[len(seq) :])


def _position(mapping: CommentedMap, key: str, order: Keys) -> int:
    """Where a new key goes: after the last present key that the model puts before it."""
    if key not in order:
        return len(mapping)
    before = set(order[: order.index(key)])
    keys = list(mapping)
    positions = [i for i, k in enumerate(keys) if k in before]
    return positions[-1] + 1 if positions else 0
