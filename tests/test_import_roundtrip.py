"""Round trip with export: import(export(doc)) gives back every field the official document
shows, for every governing document of the example corpus — also after LibreOffice has
saved the file again. And the LibreOffice routes in: a routine saved by LibreOffice, a .doc."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO
from helpers.importing import DATA, DAY, copy_example, import_into, load

from governance import facts
from governance.importer.compare import ROUND_TRIP, ROUND_TRIP_GAPS, differing, normal
from governance.importer.convert import Imported, convert
from governance.importer.labels import field_of
from governance.importer.match import Matcher
from governance.importer.reader import read
from governance.importer.yamlout import document_text
from governance.model import Document, Section
from governance.office import convert as office_convert
from governance.render.export.official import document_docx
from governance.render.outline import top_level
from governance.safezip import open_bytes, open_docx
from governance.status import status_of
from governance.yamlio import read_fast

CORPUS = load(REPO)
GOVERNING = sorted(
    d.id for d in CORPUS.documents.values() if (k := CORPUS.config.kind(d.kind)) and k.governing
)


def exported(doc_id: str) -> bytes:
    return document_docx(CORPUS, CORPUS.documents[doc_id], DAY)


def imported(data: bytes, name: str) -> Imported:
    result = convert(Path(name), read(open_bytes(data, Path(name))), CORPUS, Matcher(CORPUS.config))
    result.data = {"id": result.exported_id, **result.data}
    return result


def original(doc_id: str) -> dict[str, Any]:
    data: dict[str, Any] = read_fast(CORPUS.entry_of[doc_id].text)
    return data


def test_the_example_corpus_has_governing_documents_of_several_kinds() -> None:
    assert len(GOVERNING) >= 8
    assert {CORPUS.documents[d].kind for d in GOVERNING} >= {"rutin", "riktlinje", "plan"}


@pytest.mark.parametrize("doc_id", GOVERNING)
def test_import_of_export_gives_back_every_shown_field(doc_id: str) -> None:
    result = imported(exported(doc_id), f"{doc_id}.docx")
    old = original(doc_id)
    assert result.problems == []
    assert result.exported_version == CORPUS.documents[doc_id].version
    for field in ROUND_TRIP:
        assert normal(result.data.get(field)) == normal(old.get(field)), field
    assert [f for f in ROUND_TRIP if f in old] != []
    text = document_text(result.data, f"routines/{doc_id}.yaml", f"{doc_id}.docx")
    assert read_fast(text) == result.data  # the new file reads back to the same data


def test_parts_placed_in_sections_come_back_there() -> None:
    """A section's include: (source 003's chapter order) is marked in the export."""
    doc_id = "rutin-forebygga-avhysning-revidering"
    assert list(_included(CORPUS.documents[doc_id].sections)) != []  # the case is tested
    result = imported(exported(doc_id), f"{doc_id}.docx")
    placed = Document.model_validate(result.data).sections
    assert list(_included(placed)) == list(_included(CORPUS.documents[doc_id].sections))
    assert normal(result.data["contacts"]) == normal(original(doc_id)["contacts"])


def test_the_order_of_the_parts_comes_back() -> None:
    doc = CORPUS.documents["rutin-forebygga-avhysning"]
    moved = doc.model_copy(update={"order": ["processes", "sections"]})
    data = imported(document_docx(CORPUS, moved, DAY), "x.docx").data
    again = Document.model_validate(data)
    assert _shown_parts(again)[:2] == ["processes", "sections"]
    assert _shown_parts(again) == _shown_parts(moved)
    assert "order" not in imported(exported(doc.id), "y.docx").data  # the usual order


def test_every_field_of_a_document_is_given_back_or_its_gap_is_said() -> None:
    fields = set(Document.model_fields) - {"order"}  # order: compared by what it shows
    assert fields - set(ROUND_TRIP) - set(ROUND_TRIP_GAPS) == set()


def _shown_parts(doc: Document) -> list[str]:
    return [p for p in top_level(doc) if getattr(doc, p)]


def _included(sections: list[Section]) -> Iterator[str]:
    for section in sections:
        yield from section.include
        yield from _included(section.sections)


def test_markdown_comparison_is_by_what_it_shows_not_by_nothing() -> None:
    """The comparison used above tells different texts apart."""
    assert differing({"summary": "*a* b"}, {"summary": "_a_\nb"}, ("summary",)) == []
    assert differing({"summary": "*a* b"}, {"summary": "a b"}, ("summary",)) == ["summary"]
    assert differing({"sections": [{"title": "A"}]}, {"sections": []}, ("sections",)) == [
        "sections"
    ]


def _resaved(soffice: str, source: Path, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    return office_convert(source, "docx", out)


def test_round_trip_survives_a_save_in_libreoffice(soffice: str, tmp_path: Path) -> None:
    doc_id = "rutin-forebygga-avhysning"
    source = tmp_path / f"{doc_id}.docx"
    source.write_bytes(exported(doc_id))
    again = _resaved(soffice, source, tmp_path / "lo")
    result = imported(again.read_bytes(), again.name)
    old = original(doc_id)
    assert differing(old, result.data, ROUND_TRIP) == []


def test_a_routine_saved_by_libreoffice_imports_as_the_original(
    soffice: str, tmp_path: Path
) -> None:
    name = "rutin-samverkan-avhysning.docx"
    shutil.copy(DATA / name, tmp_path / name)
    again = _resaved(soffice, tmp_path / name, tmp_path / "lo")
    direct = import_into(copy_example(tmp_path / "a"), DATA / name, dry_run=True).files[0]
    saved = import_into(copy_example(tmp_path / "b"), again, dry_run=True).files[0]
    assert saved.problems == []
    assert differing(direct.data, saved.data, ("id", *ROUND_TRIP)) == []
    assert open_docx(again).has("word/document.xml")


@pytest.mark.parametrize(("fmt", "magic"), [("doc", b"\xd0\xcf\x11\xe0"), ("odt", b"PK\x03\x04")])
def test_doc_and_odt_files_go_through_libreoffice(
    soffice: str, tmp_path: Path, fmt: str, magic: bytes
) -> None:
    name = "riktlinje-hyresskulder.docx"
    shutil.copy(DATA / name, tmp_path / name)
    doc = office_convert(tmp_path / name, fmt, tmp_path / fmt)
    assert doc.suffix == f".{fmt}" and doc.read_bytes()[:4] == magic
    direct = import_into(copy_example(tmp_path / "a"), DATA / name, dry_run=True).files[0]
    via_doc = import_into(copy_example(tmp_path / "b"), doc, dry_run=True).files[0]
    assert via_doc.problems == []
    for field in ("id", "title", "kind", "decision", "applies_to", "valid_from", "valid_until",
                  "owner", "processes"):  # fmt: skip
        assert normal(via_doc.data.get(field)) == normal(direct.data.get(field)), field


def test_every_label_of_the_shared_metadata_table_is_known_to_the_importer() -> None:
    """A row renamed in governance/facts.py must be renamed in the importer's labels too."""
    labels = {
        row.label
        for doc_id in GOVERNING
        for row in facts.metadata(
            CORPUS, CORPUS.documents[doc_id], status_of(CORPUS, CORPUS.documents[doc_id], DAY)
        )
    }
    assert {label for label in labels if field_of(label) is None} == set()
    assert {"Dokumentnamn", "Beslutad av", "Giltighetstid", "Version"} <= labels
