"""Helpers for the Word tests: a corpus with a template of every field type, data
full of characters that break naive XML and templates, and reading a .docx's controls."""

from __future__ import annotations

import io
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import docx
from conftest import BASE_FILES, REPO, TODAY, edit, run, write_files
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree  # type: ignore[import-untyped]

from governance.check import check_corpus
from governance.findings import Finding
from governance.load import Corpus, load_corpus
from governance.schema import write_schemas

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
T = "templates/mall-alla.yaml"

ALL_TYPES = """\
# yaml-language-server: $schema=../schema/template.schema.json
id: mall-alla
title: Formulär med alla fälttyper
version: "1.2"
routines: [rutin-a]
revisions:
  - version: "1.2"
    date: 2026-03-01
    summary: Fler fält.
fields:
  - key: namn
    label: Namn
    required: true
    section: Personen
  - key: anteckning
    label: Anteckning
    type: multiline
    help: Skriv fritt, flera rader går bra.
    section: Personen
  - key: datum
    label: Datum för mötet
    type: date
    section: Mötet
  - key: samtycke
    label: Personen samtycker.
    type: yesno
    required: true
    section: Mötet
  - key: beslut
    label: Beslut
    type: choice
    choices: [Bifall, Avslag & annat, "<Vilande>"]
    section: Mötet
  - key: insatser
    label: Insatser
    type: table
    help: En rad per insats.
    section: Mötet
    columns:
      - key: insats
        label: Insats
        required: true
      - key: beskrivning
        label: Beskrivning
        type: multiline
      - key: fran
        label: Från
        type: date
      - key: pagar
        label: Pågår
        type: yesno
      - key: niva
        label: Nivå
        type: choice
        choices: [Låg, Hög]
"""

# Every field, with what breaks naive XML, Jinja and docxtpl.
SPECIAL: dict[str, Any] = {
    "namn": "Åsa Öberg & <Kalle> \"Citat\" 'apostrof' {{ 7*7 }} {% if x %} {_{ y }_} %} ä",
    "anteckning": "Första raden\n  indragen rad med <b>fet</b>\n\tmed tabb & ü\n\nefter tom rad",
    "datum": "2024-02-29",
    "samtycke": True,
    "beslut": "Avslag & annat",
    "insatser": [
        {
            "insats": "Boendestöd <2 h/v>",
            "beskrivning": "Rad 1\nRad 2 {{ ''.__class__ }}",
            "fran": "2023-12-31",
            "pagar": True,
            "niva": "Hög",
        },
        {"insats": "God man", "pagar": False},
    ],
}


def word_corpus(root: Path) -> Path:
    """The clean test corpus with the template of every field type added."""
    write_files(root, {**BASE_FILES, T: ALL_TYPES})
    edit(root, "routines/rutin-a.yaml", "templates: [mall-c]", "templates: [mall-c, mall-alla]")
    write_schemas(root)
    return root


def layout_docx(*paragraphs: str) -> bytes:
    """A layout: a Word document with one paragraph per text (docxtpl tags in them)."""
    doc = docx.Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def load(root: Path) -> Corpus:
    return load_corpus(root)


def example() -> Corpus:
    return load_corpus(REPO)


def document_xml(path: Path) -> Any:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def controls(path: Path) -> list[tuple[str, str]]:
    """(tag, kind) of every content control in the body, in order."""
    found = []
    for sdt in document_xml(path).iter(f"{{{W}}}sdt"):
        props = sdt.find(f"{{{W}}}sdtPr")
        tag = props.find(f"{{{W}}}tag")
        found.append((tag.get(f"{{{W}}}val") if tag is not None else "", kind(props)))
    return found


def kind(props: Any) -> str:
    for name, found in (
        ("yesno", f"{{{W14}}}checkbox"),
        ("date", f"{{{W}}}date"),
        ("choice", f"{{{W}}}dropDownList"),
        ("text", f"{{{W}}}text"),
    ):
        if props.find(found) is not None:
            return name
    return "multiline"


def convert_all(soffice: str, sources: list[Path], fmt: str, out_dir: Path) -> dict[str, Path]:
    """Convert every source in one LibreOffice run; the outputs by source stem."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="styrdok-lo-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                fmt,
                "--outdir",
                str(out_dir),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    found = {p.stem: out_dir / f"{p.stem}.{fmt}" for p in sources}
    missing = [str(p) for p in found.values() if not p.is_file()]
    assert not missing, f"LibreOffice made no {missing}"
    return found


EXAMPLE_DATA = """\
deltagare_namn: "Kim <K> & co"
bestallare: "Socialförvaltningen Hisingen, {{ 7*7 }}"
utforare: Utföraren AB
insats: Stödinsats Bostad först intern
beslutsdatum: 2024-02-01
verkstalls_fore_inflyttning: true
syfte_och_mal: "Att behålla bostaden.\\n  Rad två med 'citat'."
kontakter:
  - {roll: God man, verksamhet: Överförmyndaren, samtycke_finns: true}
  - {roll: Läkare, samtycke_finns: false}
"""


def make_docx(path: Path, links: list[tuple[str, str]]) -> None:
    document = docx.Document()
    for url, text in links:
        paragraph = document.add_paragraph("Läs mer: ")
        rel_id = document.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), rel_id)
        run = OxmlElement("w:r")
        t = OxmlElement("w:t")
        t.text = text
        run.append(t)
        hyperlink.append(run)
        paragraph._p.append(hyperlink)
    document.save(str(path))


MALL = "templates/mall-c.yaml"


def with_layout(root: Path, *paragraphs: str, name: str = "mall-c.docx") -> Path:
    write_files(root, {f"templates/{name}": layout_docx(*paragraphs)})
    edit(root, MALL, "fields:", f"layout: {name}\nfields:")
    return root


def layout_findings(root: Path) -> list[Finding]:
    return [f for f in check_corpus(root, TODAY) if f.code.startswith("layout-")]


def fill_c(root: Path, tmp_path: Path, namn: str = "Anna") -> tuple[int, str, Path]:
    data = tmp_path / "d.yaml"
    data.write_text(f"namn: '{namn}'\nbeslut: Bifall\n", "utf-8")
    out = tmp_path / "ut.docx"
    result = run("fill", "mall-c", "--root", str(root), "--data", str(data), "-o", str(out))
    return result.exit_code, result.stderr, out


def rezip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.pop(info.filename, src.read(info.filename)))
        for name, data in replace.items():
            dst.writestr(name, data)
    return target
