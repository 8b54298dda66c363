"""Word refuses a file ("unreadable content") whose elements are out of the schema's order,
where LibreOffice and python-docx read it anyway. styrdok builds some parts with lxml (table
captions, content controls), so the order is checked here on every kind of file it writes:
the forms, filled forms (from the form and from a layout), the example layout and an export.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from conftest import REPO, TODAY, run
from lxml import etree  # type: ignore[import-untyped]

from governance.check import check
from governance.load import load_corpus
from governance.render.export.official import document_docx
from governance.render.forms.form import form_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# ECMA-376 CT_TblPr (with the 2010 additions tblCaption and tblDescription).
TBL_PR = [
    W + name
    for name in [
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
        "tblCaption",
        "tblDescription",
        "tblPrChange",
    ]
]
# CT_SdtPr: the common properties in any order, then at most one type element.
SDT_TYPES = {
    W + name
    for name in [
        "equation",
        "comboBox",
        "date",
        "docPartObj",
        "docPartList",
        "dropDownList",
        "picture",
        "richText",
        "text",
        "citation",
        "group",
        "bibliography",
    ]
}
TEMPLATES = sorted(p.stem for p in (REPO / "templates").glob("*.yaml"))


def order_problems(data: bytes) -> list[str]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    problems = []
    for props in root.iter(W + "tblPr"):
        names = [c.tag for c in props if c.tag in TBL_PR]
        if names != sorted(names, key=TBL_PR.index):
            problems.append("tblPr: " + ", ".join(n.removeprefix(W) for n in names))
    for props in root.iter(W + "sdtPr"):
        tags = [c.tag for c in props if isinstance(c.tag, str)]
        typed = [i for i, tag in enumerate(tags) if tag in SDT_TYPES]
        common = [i for i, tag in enumerate(tags) if tag.startswith(W) and tag not in SDT_TYPES]
        if len(typed) > 1 or (typed and common and max(common) > typed[0]):
            problems.append("sdtPr: " + ", ".join(t.removeprefix(W) for t in tags))
    return problems


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_forms_keep_the_schema_order(template_id: str) -> None:
    assert order_problems(form_bytes(load_corpus(REPO), template_id)) == []


def test_the_example_layout_keeps_the_schema_order() -> None:
    layout = REPO / "templates" / "uppdragsbeskrivning-bostad-forst.docx"
    assert order_problems(layout.read_bytes()) == []


@pytest.mark.parametrize("use_layout", [True, False])
def test_filled_documents_keep_the_schema_order(tmp_path: Path, use_layout: bool) -> None:
    data = tmp_path / "data.yaml"
    data.write_text(
        "deltagare_namn: Kim & <Co>\nbestallare: Vuxenenheten\nutforare: Teamet\n"
        "insats: Stödinsats Bostad först intern\nbeslutsdatum: 2026-11-02\nsyfte_och_mal: |\n  Rad 1\n  Rad 2\n"
        "kontakter:\n  - {roll: Läkare, verksamhet: VC, samtycke_finns: ja}\n",
        "utf-8",
    )
    out = tmp_path / "ifylld.docx"
    args = ["fill", "uppdragsbeskrivning-bostad-forst", "--root", str(REPO)]
    args += ["--data", str(data), "-o", str(out)] + ([] if use_layout else ["--no-layout"])
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert order_problems(out.read_bytes()) == []


def test_exported_documents_keep_the_schema_order() -> None:
    corpus, _ = check(REPO, TODAY)
    data = document_docx(corpus, corpus.documents["rutin-bostad-forst"], TODAY)
    assert order_problems(data) == []


def test_the_layout_keeps_jinja_out_of_control_properties() -> None:
    """Text (Jinja) between the elements of w:sdtPr, or in its attributes, would make the
    layout a file Word will not open."""
    layout = (REPO / "templates" / "uppdragsbeskrivning-bostad-forst.docx").read_bytes()
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(layout)).read("word/document.xml"))
    props = list(root.iter(W + "sdtPr"))
    assert props
    for prop in props:
        for el in prop.iter():
            assert not (el.text or "").strip() and not (el.tail or "").strip()
            assert not any("{" in value for value in el.attrib.values())


def control_states(data: bytes) -> dict[str, tuple[bool, str | None, str | None]]:
    """tag → (showing placeholder, date picker's date, check box state)."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    w14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
    states = {}
    for props in root.iter(W + "sdtPr"):
        tag = props.find(W + "tag").get(W + "val")
        picker, box = props.find(W + "date"), props.find(w14 + "checkbox")
        states[tag] = (
            props.find(W + "showingPlcHdr") is not None,
            picker.get(W + "fullDate") if picker is not None else None,
            box.find(w14 + "checked").get(w14 + "val") if box is not None else None,
        )
    return states


@pytest.mark.parametrize("use_layout", [True, False])
def test_filled_controls_show_their_values_not_placeholders(
    tmp_path: Path, use_layout: bool
) -> None:
    data = tmp_path / "data.yaml"
    data.write_text(
        "deltagare_namn: Kim\nbestallare: Vuxenenheten\nutforare: Teamet\n"
        "insats: Stödinsats Bostad först intern\nbeslutsdatum: 2026-11-02\n"
        "syfte_och_mal: Att bo kvar.\nverkstalls_fore_inflyttning: ja\n",
        "utf-8",
    )
    out = tmp_path / "ifylld.docx"
    args = ["fill", "uppdragsbeskrivning-bostad-forst", "--root", str(REPO)]
    args += ["--data", str(data), "-o", str(out)] + ([] if use_layout else ["--no-layout"])
    assert run(*args).exit_code == 0
    states = control_states(out.read_bytes())
    assert states["deltagare_namn"] == (False, None, None)
    assert states["beslutsdatum"] == (False, "2026-11-02T00:00:00Z", None)
    assert states["verkstalls_fore_inflyttning"] == (False, None, "1")
    assert states["forsta_uppfoljning"] == (True, None, None)  # left empty: the placeholder
    assert states["personens_onskemal"][0] is True
