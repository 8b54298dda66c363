"""The JSON Schemas generated from the model, and the copies a corpus keeps for editors."""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath

from pydantic import BaseModel

from governance.config import Config
from governance.model import Document, Template, json_schema

SCHEMA_DIR = "schema"
SCHEMAS: dict[str, type[BaseModel]] = {"document": Document, "template": Template, "config": Config}
MODELINE = "# yaml-language-server: $schema="


def schema_text(name: str) -> str:
    return json.dumps(json_schema(SCHEMAS[name]), ensure_ascii=False, indent=2) + "\n"


def schema_file(name: str) -> str:
    return f"{SCHEMA_DIR}/{name}.schema.json"


def schema_for(folder: str) -> str:
    return "template" if folder == "templates" else "document"


def modeline(rel_path: str, name: str) -> str:
    """The first line a corpus file at ``rel_path`` (posix, from the root) should carry."""
    depth = len(PurePosixPath(rel_path).parts) - 1
    return MODELINE + "../" * depth + schema_file(name)


def write_schemas(root: Path) -> list[Path]:
    """Write every schema into ``root/schema``; return the files that changed."""
    changed = []
    (root / SCHEMA_DIR).mkdir(exist_ok=True)
    for name in SCHEMAS:
        path = root / schema_file(name)
        text = schema_text(name)
        if not path.is_file() or path.read_text("utf-8") != text:
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, "utf-8")
            os.replace(tmp, path)
            changed.append(path)
    return changed
