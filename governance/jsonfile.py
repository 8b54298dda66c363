"""The one loader for the JSON files styrdok keeps for itself (``.styrdok/links.json``).

Such a file may be damaged (an editor, a crash, a merge, someone hostile): invalid UTF-8,
nesting deep enough to exhaust the parser, ``NaN`` or ``Infinity`` (which Python's json
accepts but JSON does not), numbers with thousands of digits, values of the wrong type.
``read_json`` refuses all of that with a Swedish reason (``CorruptJson``); ``load_json``
also moves such a file aside as ``NAME.bak`` so the next run starts clean, and says so.
The file is read through governance.safefile (a regular file, size limit on the bytes read).
"""

from __future__ import annotations

import contextlib
import json
import math
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from governance.safefile import Unreadable, read_bytes

T = TypeVar("T")
MAX_JSON_BYTES = 50_000_000


class CorruptJson(Exception):
    """The file is not JSON styrdok can use; ``reason`` says why, in Swedish."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Missing(Exception):
    """There is no file (a first run)."""


def _constant(name: str) -> Any:
    raise CorruptJson(f"värdet {name} är inte tillåtet i JSON")


def _number(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise CorruptJson(f"talet {text[:20]} är för stort")
    return value


def parse_json(raw: bytes) -> Any:
    """Strict JSON from bytes; CorruptJson with the reason."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorruptJson(f"inte UTF-8 (byte {exc.start})") from None
    try:
        return json.loads(text, parse_constant=_constant, parse_float=_number)
    except RecursionError:
        raise CorruptJson("för djupt nästlad") from None
    except json.JSONDecodeError as exc:
        raise CorruptJson(f"ogiltig JSON på rad {exc.lineno}: {exc.msg}") from None
    except ValueError as exc:  # an integer with more digits than Python converts
        raise CorruptJson(f"ogiltigt värde ({exc})") from None


def read_json(path: Path, limit: int = MAX_JSON_BYTES) -> Any:
    """The data in the file; Missing when there is none, CorruptJson when it is unusable."""
    if not path.exists() and not path.is_symlink():
        raise Missing(str(path))
    try:
        raw = read_bytes(path, limit)
    except Unreadable as exc:
        raise CorruptJson(exc.message.rstrip(".").lower()) from None
    return parse_json(raw)


def set_aside(path: Path) -> Path:
    """Move a damaged file to ``NAME.bak`` (replacing an older one); return that path."""
    backup = path.with_name(path.name + ".bak")
    with contextlib.suppress(OSError):
        os.replace(path, backup)
    return backup


def load_json(path: Path, shape: Callable[[Any], T]) -> tuple[T | None, str]:
    """``shape(data)`` of the file, or None and why not. ``shape`` raises ValueError or
    TypeError (with a Swedish reason) when the data is not what the file should hold; a
    file that cannot be used is set aside as ``NAME.bak``."""
    try:
        return shape(read_json(path)), ""
    except Missing:
        return None, ""
    except (CorruptJson, ValueError, TypeError, RecursionError) as exc:
        reason = exc.reason if isinstance(exc, CorruptJson) else str(exc) or type(exc).__name__
    backup = set_aside(path)
    return None, f"{path} var trasig ({reason}) och flyttades till {backup.name}"
