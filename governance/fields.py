"""What a field of the model holds, beyond its type: an id that refers to something else
(``Ref``) or a web address (``Url``), marked in governance.model with ``Annotated``; and
one walker over a loaded document that yields every string with its place and mark.

The checks find unknown references with it (governance.checks.refs) and the link checker
finds addresses with it (governance.links.collect), so a new field of such a type is
checked without touching either.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

Target = Literal["bodies", "units", "roles", "themes", "documents", "templates"]
Path_ = tuple[str | int, ...]


@dataclass(frozen=True)
class Ref:
    """The field holds the id of a term in styrdok.yaml (bodies, units, roles, themes) or
    of a document or template in the corpus. ``unknown``: the finding code for an id that
    does not exist (by default ``unknown-*`` for terms, ``link-unknown`` for documents);
    ``current_only``: not checked in retired documents (they may point to documents
    removed since)."""

    to: Target
    unknown: str = ""
    current_only: bool = False


@dataclass(frozen=True)
class Url:
    """The whole value of the field is one web address (or mail or phone link)."""


Mark = Ref | Url


def strings(value: object, loc: Path_ = ()) -> Iterator[tuple[Path_, str, Mark | None]]:
    """Every string in ``value`` (a model, a list or a string): where, what, its mark."""
    yield from _walk(value, loc, None, None)


def references(value: BaseModel) -> Iterator[tuple[Path_, str, Ref]]:
    """Every id that refers to a term, document or template; only fields that can hold
    one are visited."""
    for loc, text, mark in _walk(value, (), None, Ref):
        if isinstance(mark, Ref):
            yield loc, text, mark


def addresses(value: BaseModel) -> Iterator[tuple[Path_, str]]:
    """Every value of a field marked ``Url``; only fields that can hold one are visited."""
    for loc, text, mark in _walk(value, (), None, Url):
        if isinstance(mark, Url):
            yield loc, text


def _walk(
    value: object, loc: Path_, mark: Mark | None, only: type | None
) -> Iterator[tuple[Path_, str, Mark | None]]:
    if isinstance(value, str):
        yield loc, value, mark
    elif isinstance(value, BaseModel):
        marks = _marks(type(value))
        for name in _visit(type(value), only):
            yield from _walk(getattr(value, name), (*loc, name), marks[name], only)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*loc, i), mark, only)


@functools.cache
def _marks(model: type[BaseModel]) -> dict[str, Mark | None]:
    return {
        name: _mark_in(info.metadata) or _mark(info.annotation)
        for name, info in model.model_fields.items()
    }


_VISIT: dict[tuple[type[BaseModel], type | None], tuple[str, ...]] = {}


def _visit(model: type[BaseModel], only: type | None) -> tuple[str, ...]:
    """The fields to walk into: all, or those that hold (or contain) a mark of ``only``."""
    key = (model, only)
    if key not in _VISIT:
        _VISIT[key] = ()  # a model that contains itself (Section) adds nothing by that
        _VISIT[key] = tuple(
            name
            for name, info in model.model_fields.items()
            if only is None
            or isinstance(_marks(model)[name], only)
            or any(_visit(sub, only) for sub in _models(info.annotation))
        )
    return _VISIT[key]


def _mark_in(items: Any) -> Mark | None:
    return next((m for m in items if isinstance(m, Ref | Url)), None)


def _mark(annotation: Any) -> Mark | None:
    """The mark inside ``Annotated[...]``, also within ``list[...]`` or ``... | None``."""
    if get_origin(annotation) is Annotated:
        return _mark_in(annotation.__metadata__) or _mark(get_args(annotation)[0])
    if get_origin(annotation) in (list, Union) or type(annotation).__name__ == "UnionType":
        return next((m for m in map(_mark, get_args(annotation)) if m is not None), None)
    return None


def _models(annotation: Any) -> Iterator[type[BaseModel]]:
    """The models a field can hold (itself, its items, its union's branches)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    elif get_origin(annotation) is Annotated:
        yield from _models(get_args(annotation)[0])
    elif get_origin(annotation) in (list, Union) or type(annotation).__name__ == "UnionType":
        for arg in get_args(annotation):
            yield from _models(arg)
