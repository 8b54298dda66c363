"""YAML written by hand, where a YAML library would cost too much or lose the layout: one
scalar rule (plain when it reads back as the same string, otherwise double-quoted) and a
block-style writer for whole documents (multi-line text as literal blocks, lists of ids
in flow style). ``styrdok new`` writes its new documents' values with ``scalar``;
``scripts/gen_corpus.py`` writes synthetic corpora with ``emit``."""

from __future__ import annotations

import json
import re
from typing import Any

from governance.fastyaml import resolve


class Raw(str):
    """Written as is, e.g. an impossible date that must stay unquoted."""


_FLOW = re.compile(r"[a-zåäö0-9][a-zåäö0-9-]*")  # lists of ids and tags go on one line
_BLANK_LINE = re.compile(r"\n[ \t]+(?:\n|\Z)")
_SHOWN: dict[str, str] = {}


def scalar(value: str) -> str:
    """A string as a YAML scalar: plain when it reads back as the same string, otherwise
    in double quotes."""
    plain = (
        value == value.strip()
        and value.isprintable()  # no line or paragraph separators, no control characters
        and value[:1].isalnum()
        and ": " not in value
        and " #" not in value
        and "\n" not in value
        and not value.endswith(":")
        and resolve(value) == value
    )
    return value if plain else quoted(value)


def quoted(value: str) -> str:
    """A string as a double-quoted YAML scalar (JSON's escapes are YAML's), for places
    where a plain scalar could be misread, e.g. inside a flow list. YAML also breaks lines
    at NEL, LS and PS, which JSON leaves as they are: those get YAML's own escapes."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("\x85", "\\N").replace("\u2028", "\\L").replace("\u2029", "\\P")


def emit(data: dict[str, Any]) -> str:
    """A mapping as a block-style YAML document (None and empty lists left out)."""
    out: list[str] = []
    _emit_map(data, "", 0, out)
    return "".join(out)


def _emit_map(mapping: dict[str, Any], lead: str, indent: int, out: list[str]) -> None:
    pad = " " * indent
    for key, value in mapping.items():
        kind = type(value)
        if value is None or (kind is list and not value):
            continue
        head, lead = f"{lead}{key}:", pad
        if kind is dict:
            out.append(head + "\n")
            _emit_map(value, pad + "  ", indent + 2, out)
        elif kind is list:
            _emit_list(head, value, indent, out)
        else:
            out.append(f"{head} {_scalar(value, indent + 2)}\n")


def _emit_list(head: str, items: list[Any], indent: int, out: list[str]) -> None:
    if all(type(v) is str and _FLOW.fullmatch(v) for v in items):
        out.append(f"{head} [{', '.join(items)}]\n")
        return
    out.append(head + "\n")
    dash = " " * (indent + 2) + "- "
    for item in items:
        if type(item) is dict:
            _emit_map(item, dash, indent + 4, out)
        else:
            out.append(f"{dash}{_scalar(item, indent + 4)}\n")


def _scalar(value: Any, indent: int) -> str:
    if type(value) is str:
        if "\n" in value:
            return _literal(value, indent)
        shown = _SHOWN.get(value)
        if shown is None:
            shown = _SHOWN[value] = scalar(value)
        return shown
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)  # Raw, int, date


def _literal(text: str, indent: int) -> str:
    body = text[:-1] if text.endswith("\n") else text
    if body.endswith("\n") or body[:1] in ("", " ", "\t", "\n") or _BLANK_LINE.search(body):
        return json.dumps(text, ensure_ascii=False)
    pad = " " * indent
    block = (pad + body.replace("\n", "\n" + pad)).replace("\n" + pad + "\n", "\n\n")
    return ("|\n" if text.endswith("\n") else "|-\n") + block
