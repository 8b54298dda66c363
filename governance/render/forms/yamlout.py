"""The text ``styrdok extract`` prints: YAML or JSON that ``styrdok fill --data`` reads
back exactly."""

from __future__ import annotations

import io
import json
from typing import Any

from governance.yamlio import read_fast


def to_text(data: dict[str, Any], fmt: str) -> str:
    """JSON, or YAML with multi-line text as literal blocks when that reads back the same
    (otherwise quoted with escapes): either way ``styrdok fill --data`` reads it exactly."""
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    text = _yaml(_literal(data))
    return text if read_fast(text) == data else _yaml(data)


def _yaml(data: Any) -> str:
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _literal(value: Any) -> Any:
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, dict):
        return {k: _literal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_literal(v) for v in value]
    if isinstance(value, str) and "\n" in value:
        return LiteralScalarString(value)
    return value
