"""The JSON Schemas generated from the model, and the copies a corpus keeps for editors
(with the corpus' vocabularies: governance.editor_schema)."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from governance.atomic import write_atomic
from governance.config import Config
from governance.editor_schema import Vocabulary, editor_schema
from governance.errors import OutputError, StyrdokError
from governance.model import Document, Template, json_schema
from governance.safefile import Unreadable, read_bytes

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


def _dump(schema: dict[str, Any]) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def corpus_schema_text(name: str, vocab: Vocabulary | None) -> str:
    """The schema ``name`` as the corpus' copy has it: for editors, with ``vocab``."""
    return _dump(editor_schema(name, json_schema(SCHEMAS[name]), vocab))


def config_vocabulary(config: Config) -> Vocabulary:
    def terms(name: str) -> list[tuple[str, str]]:
        return [(t.id, t.name) for t in getattr(config, name)]

    kinds = [(k.id, k.label) for k in config.kinds]
    return Vocabulary(kinds, terms("bodies"), terms("units"), terms("roles"), terms("themes"))


def vocabulary(root: Path) -> Vocabulary | None:
    """The corpus' vocabulary: styrdok.yaml's terms and the ids of its files (a file is
    named as its id). None when styrdok.yaml cannot be read: check reports why."""
    from governance.config import load_config

    try:
        vocab = config_vocabulary(load_config(root))
    except StyrdokError:
        return None
    vocab.documents = [(i, i) for i in _file_ids(root / "routines")]
    vocab.templates = [(i, i) for i in _file_ids(root / "templates")]
    return vocab


def _file_ids(folder: Path) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted({p.stem for p in folder.rglob("*") if p.suffix in (".yaml", ".yml")})


def without_examples(text: str) -> Any:
    """A schema's data without ``examples`` (document ids change with every new file and
    do not make a copy outdated)."""

    def strip(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: strip(v) for k, v in node.items() if k != "examples"}
        if isinstance(node, list):
            return [strip(v) for v in node]
        return node

    try:
        return strip(json.loads(text))
    except ValueError:
        return None


def write_schemas(root: Path) -> list[Path]:
    """Write every schema into ``root/schema``; return the files that changed."""
    changed = []
    (root / SCHEMA_DIR).mkdir(exist_ok=True)
    vocab = vocabulary(root)
    for name in SCHEMAS:
        path = root / schema_file(name)
        text = corpus_schema_text(name, vocab)
        wanted = text.encode("utf-8")
        try:
            same = read_bytes(path, len(wanted), root) == wanted
        except Unreadable:
            same = False
        if not same:
            try:
                write_atomic(path, wanted)  # replaces a link or a FIFO there, never its target
            except OSError as exc:
                raise OutputError(f"{path}: kan inte skrivas ({exc.strerror}).") from None
            changed.append(path)
    return changed
