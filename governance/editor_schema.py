"""The schema copies a corpus keeps for editors (``schema/*.schema.json``), made for the YAML
language server that VS Code's YAML extension runs:

* the corpus' own vocabularies from styrdok.yaml — kinds, bodies, units, roles, themes — as
  ``enum`` with the Swedish names as ``markdownEnumDescriptions``, so values complete and a
  wrong one is flagged in Swedish; document and template ids as ``examples`` (completed, not
  enforced: a document written a minute ago is not in the copy yet, and ``check`` reports an
  unknown id anyway);
* an optional field is one schema, not ``anyOf`` with ``null``, so hover shows one title
  (pydantic writes ``X | None`` as ``anyOf``, and the server joins each branch's title with
  ``||``);
* dates are dates: a pattern that knows how many days each month has (2022-02-30 is
  flagged; a 29 February is left to ``check``), with a Swedish message.

The generic schema (``styrdok schema``) is the model's, unchanged.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

_DAY = r"(?:0[1-9]|1\d|2\d)"
DATE_RE = (
    r"\d{4}-(?:(?:0[13578]|1[02])-(?:" + _DAY + r"|3[01])"
    r"|(?:0[469]|11)-(?:" + _DAY + r"|30)"
    r"|02-" + _DAY + ")"
)
DATE_MESSAGE = "Skriv ett datum som finns, på formen ÅÅÅÅ-MM-DD (till exempel 2026-03-31)."

Terms = list[tuple[str, str]]  # (id, Swedish name)


@dataclass
class Vocabulary:
    """What the corpus defines: each list holds (id, name) pairs."""

    kinds: Terms = field(default_factory=list)
    bodies: Terms = field(default_factory=list)
    units: Terms = field(default_factory=list)
    roles: Terms = field(default_factory=list)
    themes: Terms = field(default_factory=list)
    documents: Terms = field(default_factory=list)
    templates: Terms = field(default_factory=list)


# (definition, property) → the vocabulary its value (or each item) comes from.
# "" is the schema's root: Document in document.schema.json, Template in template.schema.json.
TARGETS: dict[str, dict[tuple[str, str], str]] = {
    "document": {
        ("", "kind"): "kinds",
        ("", "owner"): "roles",
        ("", "audience"): "roles",
        ("", "applies_to"): "units",
        ("", "themes"): "themes",
        ("", "links"): "documents",
        ("", "supersedes"): "documents",
        ("", "superseded_by"): "documents",
        ("", "templates"): "templates",
        ("Decision", "by"): "bodies",
        ("Responsibility", "unit"): "units",
        ("Responsibility", "role"): "roles",
        ("Step", "role"): "roles",
        ("SubStep", "role"): "roles",
        ("Phase", "roles"): "roles",
    },
    "template": {("", "owner"): "roles", ("", "routines"): "documents"},
    "config": {},
}
SUGGESTED_ONLY = {"documents", "templates"}
WHAT = {
    "kinds": "en dokumentsort (kinds)",
    "bodies": "ett organ (bodies)",
    "units": "en förvaltning eller enhet (units)",
    "roles": "en roll (roles)",
    "themes": "ett tema (themes)",
}


def editor_schema(name: str, schema: dict[str, Any], vocab: Vocabulary | None) -> dict[str, Any]:
    """The schema ``name`` for the corpus' editors (a new dict)."""
    result = copy.deepcopy(schema)
    for _, props in _properties(result):
        for key, prop in props.items():
            props[key] = _one_schema(prop)
    for node in _all_nodes(result):
        _date(node)
    for definition in result.get("$defs", {}).values():
        definition.pop("title", None)  # a class name in English; the property has the title
    if vocab is not None:
        for (where, key), which in TARGETS[name].items():
            props = result if not where else result["$defs"].get(where, {})
            prop = props.get("properties", {}).get(key)
            if prop is not None:
                _vocabulary(prop, which, getattr(vocab, which))
    return result


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield "", schema.get("properties", {})
    for name, definition in schema.get("$defs", {}).items():
        yield name, definition.get("properties", {})


def _all_nodes(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _all_nodes(value)
    elif isinstance(node, list):
        for value in node:
            yield from _all_nodes(value)


def _one_schema(prop: dict[str, Any]) -> dict[str, Any]:
    """``anyOf [X, null]`` → X with the property's title; ``anyOf [date, const]`` → one string."""
    branches = prop.get("anyOf")
    if branches is None:
        return prop
    rest = {k: v for k, v in prop.items() if k not in ("anyOf", "default")}
    if prop.get("default") is not None:
        rest["default"] = prop["default"]
    kept = [b for b in branches if b != {"type": "null"}]
    if len(kept) == 1:
        merged = {k: v for k, v in kept[0].items() if k not in ("title", "description")}
        return _one_schema({**merged, **rest})
    merged_types = _by_type(kept)
    if merged_types is not None:
        return {**merged_types, **rest}
    if all(b.get("type") == "string" for b in kept):
        words = [_alternative(b) for b in kept]
        consts = [b["const"] for b in kept if "const" in b]
        merged = {
            "type": "string",
            "pattern": "^(?:" + "|".join(words) + ")$",
            "patternErrorMessage": f"Skriv ett datum (ÅÅÅÅ-MM-DD) eller {' eller '.join(consts)}.",
            "examples": consts,
        }
        return {**merged, **rest}
    return prop


def _by_type(branches: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Branches of different types whose keywords each apply to one type only (pattern to
    strings, minimum to numbers) are one schema with a list of types."""
    types = [b.get("type") for b in branches]
    if None in types or len(set(map(str, types))) != len(types):
        return None
    keys = [set(b) - {"type"} for b in branches]
    if any(a & b for i, a in enumerate(keys) for b in keys[i + 1 :]):
        return None
    merged: dict[str, Any] = {"type": types}
    for branch in branches:
        merged.update({k: v for k, v in branch.items() if k != "type"})
    return merged


def _alternative(branch: dict[str, Any]) -> str:
    if "const" in branch:
        return re.escape(str(branch["const"]))
    if branch.get("format") == "date":
        return DATE_RE
    pattern = str(branch.get("pattern", ".*"))
    return pattern.removeprefix("^").removesuffix("$")


def _one_or_many(prop: dict[str, Any], which: str, terms: Terms) -> None:
    """One id or a list of ids (``owner``), still one schema: the list's items take the
    vocabulary as an enum, and one id the same ids as a pattern (a pattern applies to
    strings only) with them as completions."""
    items = prop.setdefault("items", {"type": "string"})
    _vocabulary(items, which, terms)
    if "enum" in items:
        prop["pattern"] = "^(?:" + "|".join(re.escape(i) for i in items["enum"]) + ")$"
        prop["examples"] = list(items["enum"])
        prop["patternErrorMessage"] = items["errorMessage"]


def _date(node: dict[str, Any]) -> None:
    if node.get("format") == "date" and node.get("type") == "string" and "pattern" not in node:
        node["pattern"] = f"^{DATE_RE}$"
        node["patternErrorMessage"] = DATE_MESSAGE


def _vocabulary(prop: dict[str, Any], which: str, terms: Terms) -> None:
    if isinstance(prop.get("type"), list) and "array" in prop["type"]:
        _one_or_many(prop, which, terms)  # owner: one role or a list of roles
        return
    target = prop["items"] if prop.get("type") == "array" else prop
    if not terms:
        return
    ids = [term_id for term_id, _ in terms]
    if which in SUGGESTED_ONLY:
        target["examples"] = ids
        return
    target["enum"] = ids
    target["markdownEnumDescriptions"] = [name for _, name in terms]
    target["enumDescriptions"] = [name for _, name in terms]
    target["errorMessage"] = (
        f"Okänt värde: skriv id för {WHAT[which]} i styrdok.yaml, till exempel {ids[0]}."
    )
    target.pop("pattern", None)
