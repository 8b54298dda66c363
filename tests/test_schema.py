"""The JSON Schema: generated from the model, valid, Swedish, and in step with the corpus copy."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from conftest import REPO, run
from ruamel.yaml import YAML

from governance.schema import SCHEMAS, modeline, schema_text


def _jsonable(value: Any) -> Any:
    """YAML data as JSON sees it: dates become ISO strings, as the YAML language server does."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_printed_schema_is_valid_json_schema(name: str) -> None:
    result = run("schema", name)
    schema = json.loads(result.output)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_explains_fields_in_swedish() -> None:
    props = json.loads(schema_text("document"))["properties"]
    assert props["title"]["title"] == "Dokumentnamn"
    assert props["owner"]["title"] == "Dokumentansvarig"
    assert "aldrig en person" in props["owner"]["description"]
    assert props["status"]["enum"] == ["draft", "in-force", "retired"]


def test_schema_rejects_what_the_checker_rejects() -> None:
    validator = jsonschema.Draft202012Validator(json.loads(schema_text("document")))
    good = {"id": "a", "title": "A", "kind": "rutin", "status": "draft"}
    assert list(validator.iter_errors(good)) == []
    assert list(validator.iter_errors({**good, "titel": "x"}))
    assert list(
        validator.iter_errors(
            {**good, "revisions": [{"version": 1.0, "date": "2022-01-01", "summary": "x"}]}
        )
    )


def test_example_corpus_files_validate_against_its_schema_copy() -> None:
    yaml = YAML(typ="safe", pure=False)
    checked = 0
    for folder, name in (("routines", "document"), ("templates", "template")):
        schema = json.loads((REPO / "schema" / f"{name}.schema.json").read_text("utf-8"))
        validator = jsonschema.Draft202012Validator(
            schema, format_checker=jsonschema.FormatChecker()
        )
        for path in sorted((REPO / folder).rglob("*.yaml")):
            rel = path.relative_to(REPO).as_posix()
            assert path.read_text("utf-8").split("\n", 1)[0] == modeline(rel, name)
            errors = list(validator.iter_errors(_jsonable(yaml.load(path.read_text("utf-8")))))
            assert errors == [], f"{rel}: {errors[0].message}"
            checked += 1
    assert checked >= 20


def test_corpus_schema_copy_is_current() -> None:
    for name in SCHEMAS:
        assert (REPO / "schema" / f"{name}.schema.json").read_text("utf-8") == schema_text(name)


def test_schema_write_updates_the_copies(tmp_path: Path) -> None:
    result = run("schema", "--write", "--root", str(tmp_path))
    assert result.output.count("Skrev ") == 3
    assert (
        run("schema", "--write", "--root", str(tmp_path)).output
        == "Schemafilerna är redan aktuella.\n"
    )
