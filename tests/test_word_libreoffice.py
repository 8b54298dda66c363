"""Word forms through real LibreOffice: every example form converts to a PDF holding every
label, and forms re-saved by LibreOffice (``soffice --convert-to docx``, which drops the
controls' tags) still extract. Skipped without soffice, a failure in CI (CI=true)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, need_tool
from helpers.word import EXAMPLE_DATA, SPECIAL, controls, convert_all, example, load, word_corpus
from pypdf import PdfReader

from governance.office import soffice_path
from governance.render.forms.extract import extract
from governance.render.forms.fill import fill
from governance.render.forms.form import form_bytes

EXAMPLE = example()
LAYOUT_ID = "uppdragsbeskrivning-bostad-forst"


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every example form as PDF, and three documents re-saved by LibreOffice: a blank
    form, a form filled with SPECIAL and a document filled from the example layout."""
    exe = soffice_path()
    need_tool("LibreOffice (soffice)", exe is not None, "apt-get install libreoffice-writer-nogui")
    assert exe is not None
    base = tmp_path_factory.mktemp("office")
    forms = []
    for template_id in EXAMPLE.templates:
        forms.append(base / "forms" / f"{template_id}.docx")
        forms[-1].parent.mkdir(exist_ok=True)
        forms[-1].write_bytes(form_bytes(EXAMPLE, template_id))
    root = word_corpus(base / "korpus")
    blank = base / "docx" / "blank.docx"
    blank.parent.mkdir()
    blank.write_bytes(form_bytes(load(root), "mall-alla"))
    special = base / "special.json"
    special.write_text(json.dumps(SPECIAL, ensure_ascii=False), "utf-8")
    fill(load(root), "mall-alla", special, base / "docx" / "filled.docx")
    layout_data = base / "layout.yaml"
    layout_data.write_text(EXAMPLE_DATA, "utf-8")
    fill(EXAMPLE, LAYOUT_ID, layout_data, base / "docx" / "layout.docx")
    documents = sorted((base / "docx").iterdir())
    pdfs = convert_all(exe, forms + documents, "pdf", base / "pdf")
    saved = convert_all(exe, documents, "docx", base / "saved")
    return {**pdfs, **{f"saved-{k}": v for k, v in saved.items()}, "root": root}


@pytest.mark.parametrize("template_id", sorted(EXAMPLE.templates))
def test_pdf_of_every_form_holds_every_label(office: dict[str, Path], template_id: str) -> None:
    text = words(" ".join(page.extract_text() for page in PdfReader(office[template_id]).pages))
    template = EXAMPLE.templates[template_id]
    labels = [template.title, f"Mall {template_id}, version {template.version}"]
    for field in template.fields:
        labels.append(field.label)
        labels += [column.label for column in field.columns]
    missing = [label for label in labels if words(label) not in text]
    assert missing == []


def test_libreoffice_drops_the_tags_but_the_form_still_extracts(office: dict[str, Path]) -> None:
    saved = office["saved-filled"]
    assert {tag for tag, _ in controls(saved)} == {""}  # LibreOffice 7.4 keeps no w:tag
    result = extract(saved, load(office["root"]))
    assert (result.template, result.version, result.warnings) == ("mall-alla", "1.2", [])
    assert result.values == SPECIAL


def test_a_blank_form_saved_by_libreoffice_has_no_values(office: dict[str, Path]) -> None:
    result = extract(office["saved-blank"], load(office["root"]))
    assert result.values == {"samtycke": False}  # placeholders are not values


def test_a_layout_document_saved_by_libreoffice_extracts(office: dict[str, Path]) -> None:
    result = extract(office["saved-layout"], load(REPO))
    assert result.values == {
        "deltagare_namn": "Kim <K> & co",
        "bestallare": "Socialförvaltningen Hisingen, {{ 7*7 }}",
        "utforare": "Utföraren AB",
        "insats": "Stödinsats Bostad först intern",
        "beslutsdatum": "2024-02-01",
        "verkstalls_fore_inflyttning": True,
        "syfte_och_mal": "Att behålla bostaden.\n  Rad två med 'citat'.",
        "kontakter": [
            {"roll": "God man", "verksamhet": "Överförmyndaren", "samtycke_finns": True},
            {"roll": "Läkare", "samtycke_finns": False},
        ],
    }


def _drawn(pdf: Path) -> list[tuple[str, str]]:
    """Each piece of text LibreOffice drew, with its font's name."""
    pieces: list[tuple[str, str]] = []

    def visit(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
        if text.strip():
            pieces.append((" ".join(text.split()), str((font or {}).get("/BaseFont", ""))))

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return pieces


def test_placeholders_look_different_from_answers_in_libreoffice(office: dict[str, Path]) -> None:
    """Help texts are drawn in italic (and grey) in every kind of control, answers upright."""
    blank = _drawn(office["blank"])
    placeholders = ("Skriv fritt", "Välj ett datum", "Välj ett alternativ", "Skriv här")
    for start in placeholders:
        fonts = {font for text, font in blank if text.startswith(start)}
        assert fonts and all("Italic" in f for f in fonts), (start, fonts)
    filled = _drawn(office["filled"])
    for answer in ("Åsa Öberg", "Rad 1", "Hög", "Avslag & annat", "2024-02-29", "God man"):
        fonts = {font for text, font in filled if text.startswith(answer)}
        assert fonts and not any("Italic" in f for f in fonts), (answer, fonts)
    left = {font for text, font in filled if text.startswith("Välj ett datum")}
    assert left and all("Italic" in f for f in left)  # the empty cell of the second row


def test_column_headings_are_never_broken_inside_a_word(office: dict[str, Path]) -> None:
    for template_id, template in EXAMPLE.templates.items():
        tokens = set(
            " ".join(p.extract_text() for p in PdfReader(office[template_id]).pages).split()
        )
        for field in template.fields:
            for column in field.columns:
                broken = [w for w in column.label.split() if w not in tokens]
                assert broken == [], (template_id, column.label)


def test_table_help_is_shown_above_the_table(office: dict[str, Path]) -> None:
    text = words(" ".join(p.extract_text() for p in PdfReader(office["blank"]).pages))
    assert "Insatser En rad per insats. Insats" in text
