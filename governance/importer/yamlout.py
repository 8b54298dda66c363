"""A new corpus file from imported data: the schema line, a comment saying where it came
from, then the fields in the model's order, in block style, multi-line text as ``|``
blocks and versions in quotes (as ``styrdok new`` and ``revise`` write them).

Written here rather than by ruamel.yaml's round-trip dumper, which took about 30 ms a
document: the data is plain (mappings, lists, strings, dates, numbers, booleans), strings
go through ``governance.lifecycle.new.scalar`` (plain when they read back the same,
otherwise double-quoted), and the tests read every written file back to the same data.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from governance.schema import modeline
from governance.yamlwrite import scalar

INDENT = "  "


def document_text(data: dict[str, Any], rel_path: str, source: str) -> str:
    head = [modeline(rel_path, "document"), f"# Importerad från {source} med styrdok import."]
    return "\n".join(head + _mapping(data, "")) + "\n"


def _mapping(data: dict[str, Any], indent: str) -> list[str]:
    lines: list[str] = []
    for key, value in data.items():
        lines += _entry(f"{indent}{key}:", value, indent, key == "version")
    return lines


def _entry(prefix: str, value: Any, indent: str, quote: bool = False) -> list[str]:
    """``prefix`` (``key:`` or ``-``) followed by the value, inline or on the lines below."""
    if isinstance(value, dict):
        return [prefix] + _mapping(value, indent + INDENT) if value else [f"{prefix} {{}}"]
    if isinstance(value, list):
        if not value:
            return [f"{prefix} []"]
        lines = [prefix]
        for item in value:
            lines += _item(item, indent + INDENT)
        return lines
    if isinstance(value, str) and _literal(value):
        body = [
            f"{indent}{INDENT}{line}" if line else "" for line in value.rstrip("\n").split("\n")
        ]
        return [f"{prefix} |" + ("" if value.endswith("\n") else "-")] + body
    return [f"{prefix} {_scalar(value, quote)}"]


def _item(value: Any, indent: str) -> list[str]:
    if isinstance(value, dict) and value:
        lines = _mapping(value, indent + INDENT)
        return [f"{indent}- {lines[0].lstrip()}"] + lines[1:]
    return _entry(f"{indent}-", value, indent)


def _literal(text: str) -> bool:
    """Multi-line text a ``|`` block holds exactly: no spaces or tabs that YAML would lose
    or read differently, no control characters."""
    if "\n" not in text.rstrip("\n") or text.endswith("\n\n") or text[:1] in " \t\n":
        return False
    lines = text.rstrip("\n").split("\n")
    return all(
        line == line.rstrip(" \t") and line.isprintable() and not line.startswith("\t")
        for line in lines
    )


def _scalar(value: Any, quote: bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | int | float):
        return str(value)
    if value is None:
        return "null"
    text = str(value)
    return json.dumps(text, ensure_ascii=False) if quote else scalar(text)
