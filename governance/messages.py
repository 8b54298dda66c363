"""Validation errors from pydantic, said in Swedish."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any


def explain(errors: list[dict[str, Any]], value: Any) -> str:
    types = {e["type"] for e in errors}
    shown = (
        "(en lista)"
        if isinstance(value, list)
        else "(en mappning)"
        if isinstance(value, dict)
        else repr(value)
    )
    if "string_pattern_mismatch" in types or ("string_type" in types and isinstance(value, float)):
        if isinstance(value, float | int):
            return f'versionen {shown} är ett tal; skriv den inom citattecken, t.ex. "{value}".'
        return f"värdet {shown} har fel form ({errors[0]['ctx'].get('pattern', '')})."
    if any(t.startswith("date") for t in types):
        if any(t == "literal_error" for t in types):
            return f"värdet {shown} ska vara ett datum (ÅÅÅÅ-MM-DD) eller until-further-notice."
        return f"värdet {shown} ska vara ett datum på formen ÅÅÅÅ-MM-DD."
    if "literal_error" in types:
        expected = str(errors[0]["ctx"]["expected"]).replace("' or '", "' eller '")
        return f"värdet {shown} ska vara ett av: {expected}."
    if "value_error" in types:
        return f"värdet {shown} {errors[0]['ctx']['error']}."
    if "too_short" in types:
        return "får inte vara tom."
    ctx = errors[0].get("ctx") or {}
    if "less_than_equal" in types and "le" in ctx:
        return f"värdet {shown} är för stort: högst {ctx['le']}."
    if "greater_than_equal" in types and "ge" in ctx:
        return f"värdet {shown} är för litet: minst {ctx['ge']}."
    messages = {
        "string_type": "ska vara text.",
        "list_type": "ska vara en lista.",
        "bool_type": "ska vara true eller false.",
        "bool_parsing": "ska vara true eller false.",
        "int_type": "ska vara ett heltal.",
        "int_parsing": "ska vara ett heltal.",
        "model_type": "ska vara en mappning av fält.",
        "dict_type": "ska vara en mappning av fält.",
    }
    for kind in types:
        if kind in messages:
            return f"värdet {shown} {messages[kind]}"
    return f"värdet {shown} är ogiltigt ({errors[0]['msg']})."


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """`` Menade du 'x'?`` for the closest option, or an empty string. Options far from the
    word's length are skipped first, which keeps this cheap with thousands of ids."""
    near = [o for o in options if abs(len(o) - len(word)) <= max(3, len(word) // 4)]
    close = difflib.get_close_matches(word, near, n=1, cutoff=0.75)
    return f" Menade du '{close[0]}'?" if close else ""
