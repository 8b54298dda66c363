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

from governance.schema import SCHEMAS, corpus_schema_text, modeline, schema_text, vocabulary


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
    vocab = vocabulary(REPO)
    for name in SCHEMAS:
        copy = (REPO / "schema" / f"{name}.schema.json").read_text("utf-8")
        assert copy == corpus_schema_text(name, vocab)


def _fields(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    found = [("", key, prop) for key, prop in schema["properties"].items()]
    for name, definition in schema.get("$defs", {}).items():
        found += [(name, key, prop) for key, prop in definition.get("properties", {}).items()]
    return found


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_every_field_has_a_swedish_title_and_description(name: str) -> None:
    schema = json.loads((REPO / "schema" / f"{name}.schema.json").read_text("utf-8"))
    for where, key, prop in _fields(schema):
        assert prop.get("title"), f"{name}: {where}.{key} har ingen title"
        assert len(prop.get("description", "")) > 10, f"{name}: {where}.{key} har ingen description"
        assert "anyOf" not in prop, f"{name}: {where}.{key}: ett valfritt fält ska ha ett schema"


def test_the_copies_carry_the_corpus_vocabularies() -> None:
    schema = json.loads((REPO / "schema" / "document.schema.json").read_text("utf-8"))
    props = schema["properties"]
    kinds = props["kind"]
    assert kinds["enum"][:3] == ["policy", "riktlinje", "regel"]
    assert kinds["markdownEnumDescriptions"][:3] == ["Policy", "Riktlinje", "Regel"]
    owner = props["owner"]  # one role or a list of roles
    assert owner["type"] == ["string", "array"]
    assert "processledare-boendesociala-fragor" in owner["items"]["enum"]
    assert "processledare-boendesociala-fragor" in owner["examples"]
    assert "socialforvaltningarna" in props["applies_to"]["items"]["enum"]
    assert "rutin-bostad-forst" in props["links"]["items"]["examples"]
    assert props["decision"]["$ref"] == "#/$defs/Decision"
    assert schema["$defs"]["Decision"]["properties"]["by"]["items"]["enum"]
    assert schema["$defs"]["Step"]["properties"]["role"]["enum"] == owner["items"]["enum"]
    template = json.loads((REPO / "schema" / "template.schema.json").read_text("utf-8"))
    assert "rutin-bostad-forst" in template["properties"]["routines"]["items"]["examples"]


def test_dates_in_the_copies_are_dates() -> None:
    schema = json.loads((REPO / "schema" / "document.schema.json").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    good = {"id": "a", "title": "A", "kind": "rutin", "status": "draft"}
    for day, ok in [
        ("2024-02-29", True),
        ("2022-04-30", True),
        ("2022-12-31", True),
        ("2022-02-30", False),
        ("2022-04-31", False),
        ("2022-13-01", False),
        ("22-01-01", False),
    ]:
        for key in ("valid_from", "valid_until"):
            errors = list(validator.iter_errors({**good, key: day}))
            assert (errors == []) is ok, (key, day)
    assert not list(validator.iter_errors({**good, "valid_until": "until-further-notice"}))
    assert list(validator.iter_errors({**good, "valid_until": "tills vidare"}))
    assert list(validator.iter_errors({**good, "kind": "rutinn"}))


def test_an_edited_styrdok_yaml_makes_the_copy_outdated(corpus: Path) -> None:
    from governance.check import check_corpus

    assert check_corpus(corpus, date(2026, 11, 23)) == []
    (corpus / "routines" / "ny.yaml").write_text("id: ny\n", "utf-8")  # new ids: not outdated
    assert not [f for f in check_corpus(corpus, date(2026, 11, 23)) if f.code == "schema-outdated"]
    config = corpus / "styrdok.yaml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  - {id: boende, name: Boende}", "  - {id: ny, name: Ny}"
        ),
        "utf-8",
    )
    found = [
        f.path for f in check_corpus(corpus, date(2026, 11, 23)) if f.code == "schema-outdated"
    ]
    assert found == ["schema/document.schema.json"]


def test_schema_write_updates_the_copies(tmp_path: Path) -> None:
    result = run("schema", "--write", "--root", str(tmp_path))
    assert result.output.count("Skrev ") == 3
    assert (
        run("schema", "--write", "--root", str(tmp_path)).output
        == "Schemafilerna är redan aktuella.\n"
    )
