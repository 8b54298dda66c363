"""styrdok docx: the fillable form of a template definition, read back with python-docx."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from conftest import run
from docx.document import Document as DocxDocument
from helpers.word import W, controls, document_xml, example, load, word_corpus

from governance.errors import StyrdokError
from governance.model import Template
from governance.render.forms.form import form_bytes

EXAMPLE = example()


def expected_controls(template: Template) -> list[tuple[str, str]]:
    """One control per field; a table field has one per column in each of its three rows.
    Text fields are rich text controls like multiline ones: LibreOffice draws a plain-text
    control's placeholder like an answer."""
    found: list[tuple[str, str]] = []
    for field in template.fields:
        if field.type == "table":
            found += [(f"{field.key}.{c.key}", _kind(c.type)) for c in field.columns] * 3
        else:
            found.append((field.key, _kind(field.type)))
    return found


def _kind(field_type: str) -> str:
    return "multiline" if field_type == "text" else field_type


@pytest.fixture(scope="module")
def forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("forms")
    paths = {}
    for template_id in EXAMPLE.templates:
        paths[template_id] = out / f"{template_id}.docx"
        paths[template_id].write_bytes(form_bytes(EXAMPLE, template_id))
    return paths


def opened(path: Path) -> DocxDocument:
    return docx.Document(str(path))


@pytest.mark.parametrize("template_id", sorted(EXAMPLE.templates))
def test_form_has_one_control_per_field_of_the_right_type(
    forms: dict[str, Path], template_id: str
) -> None:
    template = EXAMPLE.templates[template_id]
    doc = opened(forms[template_id])
    assert doc.core_properties.title == template.title
    assert controls(forms[template_id]) == expected_controls(template)


@pytest.mark.parametrize("template_id", sorted(EXAMPLE.templates))
def test_form_says_which_template_version_and_routine_it_is(
    forms: dict[str, Path], template_id: str
) -> None:
    template = EXAMPLE.templates[template_id]
    doc = opened(forms[template_id])
    props = doc.core_properties
    assert (props.identifier, props.version, props.language) == (
        template_id,
        template.version,
        "sv-SE",
    )
    with zipfile.ZipFile(forms[template_id]) as archive:
        custom = archive.read("docProps/custom.xml").decode()
        styles = archive.read("word/styles.xml").decode()
    assert f'name="styrdok.template"><vt:lpwstr>{template_id}</vt:lpwstr>' in custom
    assert f'name="styrdok.version"><vt:lpwstr>{template.version}</vt:lpwstr>' in custom
    assert 'name="styrdok.routine"><vt:lpwstr>rutin-bostad-forst</vt:lpwstr>' in custom
    assert '<w:lang w:val="sv-SE"' in styles
    footer = doc.sections[0].footer.paragraphs[0].text
    assert footer == (
        f"Mall {template_id}, version {template.version} · Hör till rutin "
        "Göteborgs Stads rutin för Bostad först (rutin-bostad-forst)"
    )


def test_form_has_title_headings_labels_and_table_header_rows(forms: dict[str, Path]) -> None:
    doc = opened(forms["remiss-bostad-forst"])
    styles = [(p.style.name if p.style else "", p.text) for p in doc.paragraphs]
    assert styles[0] == ("Title", "Remiss till Bostad först")
    headings = [text for style, text in styles if style == "Heading 1"]
    assert headings == [
        "Om remissen",
        "Personen",
        "Målgruppskriterier",
        "Personens önskemål och behov",
        "Samtycke",
        "Bostad först-teamets förhandsbesked",
    ]
    assert ("Fältetikett", "Datum för remissen *") in styles
    assert ("Fältetikett", "Boendehistorik") in styles
    assert ("Heading 2", "Pågående insatser från andra") in styles
    (table,) = doc.tables
    assert [c.text for c in table.rows[0].cells] == ["Insats", "Vem ger insatsen", "Sedan"]
    header = table.rows[0]._tr.find(f"{{{W}}}trPr/{{{W}}}tblHeader")
    assert header is not None
    caption = table._tbl.find(f"{{{W}}}tblPr/{{{W}}}tblCaption")
    assert caption.get(f"{{{W}}}val") == "Pågående insatser från andra"


def test_controls_carry_label_placeholder_and_date_format(forms: dict[str, Path]) -> None:
    root = document_xml(forms["remiss-bostad-forst"])
    sdts = {
        s.find(f"{{{W}}}sdtPr/{{{W}}}tag").get(f"{{{W}}}val"): s for s in root.iter(f"{{{W}}}sdt")
    }
    forvaltning = sdts["remittent_forvaltning"]
    assert forvaltning.find(f"{{{W}}}sdtPr/{{{W}}}alias").get(f"{{{W}}}val") == (
        "Förvaltning och enhet"
    )
    assert forvaltning.find(f"{{{W}}}sdtPr/{{{W}}}showingPlcHdr") is not None
    text = "".join(forvaltning.itertext())
    assert text == "Förvaltningen och enheten som skickar remissen."
    date = sdts["remissdatum"].find(f"{{{W}}}sdtPr/{{{W}}}date")
    assert date.find(f"{{{W}}}dateFormat").get(f"{{{W}}}val") == "yyyy-MM-dd"
    assert date.find(f"{{{W}}}lid").get(f"{{{W}}}val") == "sv-SE"
    choices = sdts["forhandsbesked"].findall(f"{{{W}}}sdtPr/{{{W}}}dropDownList/{{{W}}}listItem")
    assert [c.get(f"{{{W}}}value") for c in choices] == [
        "Positivt",
        "Negativt",
        "Vilande i väntan på lägenhet",
    ]


def test_the_same_definition_gives_the_same_bytes() -> None:
    assert form_bytes(EXAMPLE, "remiss-bostad-forst") == form_bytes(EXAMPLE, "remiss-bostad-forst")


def test_corpus_text_reaches_the_form_as_text(tmp_path: Path) -> None:
    target = tmp_path / "alla.docx"
    target.write_bytes(form_bytes(load(word_corpus(tmp_path / "k")), "mall-alla"))
    choices = document_xml(target).iter(f"{{{W}}}listItem")
    assert [c.get(f"{{{W}}}displayText") for c in choices][:3] == [
        "Bifall",
        "Avslag & annat",
        "<Vilande>",
    ]
    assert opened(target).core_properties.version == "1.2"


def test_unknown_template_is_a_clear_error_with_a_suggestion(tmp_path: Path) -> None:
    with pytest.raises(StyrdokError) as caught:
        form_bytes(EXAMPLE, "remiss-bostad-forts")
    assert caught.value.message == (
        "Det finns ingen mall med id 'remiss-bostad-forts' under templates/. "
        "Menade du 'remiss-bostad-forst'?"
    )
    result = run("docx", "finns-inte", "--root", str(word_corpus(tmp_path / "k")))
    assert result.exit_code == 1
    assert result.output == "Fel: Det finns ingen mall med id 'finns-inte' under templates/.\n"


def test_docx_command_writes_the_file(tmp_path: Path) -> None:
    root = word_corpus(tmp_path / "k")
    target = tmp_path / "ut" / "form.docx"
    result = run("docx", "mall-alla", "--root", str(root), "-o", str(target))
    assert (result.exit_code, result.output) == (0, f"Skrev {target}\n")
    assert [tag for tag, _ in controls(target)][:3] == ["namn", "anteckning", "datum"]
    assert [p.name for p in target.parent.iterdir()] == ["form.docx"]


def test_docx_into_a_path_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    root = word_corpus(tmp_path / "k")
    (tmp_path / "fil").write_text("x")
    result = run("docx", "mall-alla", "--root", str(root), "-o", str(tmp_path / "fil" / "f.docx"))
    assert result.exit_code == 1
    assert result.output == (
        f"Fel: {tmp_path / 'fil'}: {tmp_path / 'fil'} är en fil, inte en mapp. "
        "Välj en annan plats med -o.\n"
    )
