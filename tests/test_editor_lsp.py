"""The editor helps: a new corpus opened as VS Code with Red Hat's YAML extension sees it,
through the real YAML language server (npm) over LSP — values complete from styrdok.yaml,
hover shows one Swedish title, and an impossible date is flagged on its line in Swedish."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import run
from lsp import Client, ensure_server


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lsp") / "korpus"
    assert (
        run("init", str(root), "--source", "https://intranat.example.se/styrdok.whl").exit_code == 0
    )
    return root


@pytest.fixture(scope="module")
def client(corpus: Path) -> Iterator[Client]:
    ensure_server()
    settings = json.loads((corpus / ".vscode" / "settings.json").read_text("utf-8"))
    schemas = {
        (corpus / path.removeprefix("./")).as_uri(): globs
        for path, globs in settings["yaml.schemas"].items()
    }
    lsp = Client(corpus, schemas)
    yield lsp
    lsp.close()


def _open(client: Client, corpus: Path, name: str, text: str) -> tuple[str, list[str]]:
    path = corpus / "routines" / name
    path.write_text(text, "utf-8")
    return client.open(path, text), text.splitlines()


def _line(lines: list[str], start: str) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(start))


def _at(uri: str, line: int, character: int) -> dict[str, Any]:
    return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}


def test_vscode_settings_and_extensions(corpus: Path) -> None:
    settings = json.loads((corpus / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["yaml.schemas"]["./schema/document.schema.json"] == [
        "routines/**/*.yaml",
        "routines/**/*.yml",
    ]
    assert settings["yaml.schemas"]["./schema/config.schema.json"] == ["styrdok.yaml"]
    extensions = json.loads((corpus / ".vscode" / "extensions.json").read_text("utf-8"))
    assert extensions == {"recommendations": ["redhat.vscode-yaml"]}


def test_a_kind_value_completes_from_styrdok_yaml(client: Client, corpus: Path) -> None:
    text = (corpus / "routines" / "exempel-rutin.yaml").read_text("utf-8")
    uri, lines = _open(client, corpus, "a.yaml", text.replace("kind: rutin", "kind: "))
    row = _line(lines, "kind:")
    items = client.request("textDocument/completion", _at(uri, row, 6))["items"]
    offered = {item["label"]: item.get("documentation", {}).get("value") for item in items}
    assert offered["rutin"] == "Rutin"
    assert offered["riktlinje"] == "Riktlinje"
    assert "kunskapsstod" in offered


def test_a_link_completes_with_the_corpus_document_ids(client: Client, corpus: Path) -> None:
    text = (corpus / "routines" / "exempel-rutin.yaml").read_text("utf-8")
    text = text.replace("id: exempel-rutin", "id: b").replace(
        "owner: processledare", "owner: processledare\nlinks:\n  - "
    )
    uri, lines = _open(client, corpus, "b.yaml", text)
    row = _line(lines, "  - ") if lines[_line(lines, "links:") + 1] == "  - " else -1
    items = client.request("textDocument/completion", _at(uri, row, 4))["items"]
    assert "exempel-rutin" in {item["label"] for item in items}


def test_hover_on_an_optional_field_shows_one_title(client: Client, corpus: Path) -> None:
    text = (corpus / "routines" / "exempel-rutin.yaml").read_text("utf-8")
    uri, lines = _open(client, corpus, "c.yaml", text.replace("id: exempel-rutin", "id: c"))
    for field, title in [("valid_until:", "Gäller till"), ("owner:", "Dokumentansvarig")]:
        hover = client.request("textDocument/hover", _at(uri, _line(lines, field), 2))
        value = hover["contents"]["value"]
        assert value.startswith(f"#### {title}\n\n"), value
        assert "||" not in value


def test_an_impossible_date_is_flagged_on_its_line(client: Client, corpus: Path) -> None:
    text = (corpus / "routines" / "exempel-rutin.yaml").read_text("utf-8")
    text = text.replace("id: exempel-rutin", "id: d")
    start = text.index("valid_from: ") + len("valid_from: ")
    text = text[:start] + "2022-02-30" + text[start + 10 :]
    uri, lines = _open(client, corpus, "d.yaml", text)
    diagnostics = client.diagnostics_for(uri)
    row = _line(lines, "valid_from:")
    assert [(d["range"]["start"]["line"], d["message"]) for d in diagnostics] == [
        (row, "Skriv ett datum som finns, på formen ÅÅÅÅ-MM-DD (till exempel 2026-03-31).")
    ]
    assert diagnostics[0]["range"]["start"]["character"] == len("valid_from: ")


def test_setup_installs_the_same_server() -> None:
    from conftest import REPO
    from lsp import VERSION

    assert f"YAML_LANGUAGE_SERVER={VERSION}\n" in (REPO / "scripts" / "setup").read_text("utf-8")
