"""Forms that come back changed: a table row added in Word or LibreOffice without controls,
a date control whose text and stored date differ, properties that claim another template
or a newer version, an encrypted file; and fill data whose numbers have leading zeros."""

from __future__ import annotations

import copy
import struct
import zipfile
from pathlib import Path

import pytest
from conftest import edit, run
from helpers.word import T, convert_all, load, rezip, word_corpus
from lxml import etree  # type: ignore[import-untyped]

from governance.render.forms.extract import extract
from governance.render.forms.fill import fill
from governance.render.forms.ooxml import W

DATA = """\
namn: Anna
samtycke: ja
datum: 2024-05-01
insatser:
  - insats: Boendestöd
    fran: 2024-05-02
    pagar: ja
"""


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return word_corpus(tmp_path / "korpus")


@pytest.fixture
def filled(root: Path, tmp_path: Path) -> Path:
    data = tmp_path / "d.yaml"
    data.write_text(DATA, "utf-8")
    out = tmp_path / "ifylld.docx"
    fill(load(root), "mall-alla", data, out)
    return out


def _body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def _save(source: Path, target: Path, root: etree._Element) -> Path:
    return rezip(source, target, {"word/document.xml": etree.tostring(root)})


def add_plain_row(source: Path, target: Path, texts: list[str]) -> Path:
    """What Word's "insert row below" gives: a copy of the last row, without controls,
    with the user's text in its cells."""
    doc = _body(source)
    table = next(doc.iter(w("tbl")))
    last = table.findall(w("tr"))[-1]
    row = copy.deepcopy(last)
    for tc, text in zip(row.findall(w("tc")), texts, strict=True):
        for child in list(tc):
            if child.tag != w("tcPr"):
                tc.remove(child)
        para = etree.SubElement(tc, w("p"))
        etree.SubElement(etree.SubElement(para, w("r")), w("t")).text = text
    last.addnext(row)
    return _save(source, target, doc)


def test_a_row_added_without_controls_is_read(root: Path, filled: Path, tmp_path: Path) -> None:
    added = add_plain_row(
        filled,
        tmp_path / "rad.docx",
        ["Hemtjänst", "Två besök\nper vecka", "2024-06-01", "nej", "Låg"],
    )
    result = extract(added, load(root))
    assert result.values["insatser"] == [
        {"insats": "Boendestöd", "fran": "2024-05-02", "pagar": True},
        {
            "insats": "Hemtjänst",
            "beskrivning": "Två besök\nper vecka",
            "fran": "2024-06-01",
            "pagar": False,
            "niva": "Låg",
        },
    ]
    assert result.warnings == [
        "1 rader i tabellen 'insatser' saknar innehållskontroller (de har lagts till i Word "
        "eller LibreOffice) och lästes ur cellernas text."
    ]


def test_a_row_added_and_saved_again_by_libreoffice_is_read(
    root: Path, filled: Path, tmp_path: Path, soffice: str
) -> None:
    added = add_plain_row(filled, tmp_path / "rad.docx", ["Hemtjänst", "", "", "", ""])
    saved = convert_all(soffice, [added], "docx", tmp_path / "sparad")["rad"]
    result = extract(saved, load(root))
    assert [r["insats"] for r in result.values["insatser"]] == ["Boendestöd", "Hemtjänst"]


def test_a_copied_row_of_controls_is_read(root: Path, filled: Path, tmp_path: Path) -> None:
    doc = _body(filled)
    table = next(doc.iter(w("tbl")))
    last = table.findall(w("tr"))[-1]
    last.addnext(copy.deepcopy(last))  # Word's repeating section: the row, controls and all
    result = extract(_save(filled, tmp_path / "kopia.docx", doc), load(root))
    assert [r["insats"] for r in result.values["insatser"]] == ["Boendestöd", "Boendestöd"]


def test_a_date_whose_text_differs_from_the_stored_date_warns(
    root: Path, filled: Path, tmp_path: Path
) -> None:
    doc = _body(filled)
    for sdt in doc.iter(w("sdt")):
        tag = sdt.find(f"{w('sdtPr')}/{w('tag')}")
        if tag is not None and tag.get(w("val")) == "datum":
            sdt.find(f"{w('sdtPr')}/{w('date')}").set(w("fullDate"), "2030-01-01T00:00:00Z")
    result = extract(_save(filled, tmp_path / "datum.docx", doc), load(root))
    assert result.values["datum"] == "2024-05-01"  # what the user sees
    assert result.warnings == [
        "Fältet 'datum' visar '2024-05-01' men har datumet 2030-01-01 sparat i datumkontrollen; "
        "det som visas används. Kontrollera datumet."
    ]


def _claim(filled: Path, target: Path, template: str, version: str = "1.2") -> Path:
    with zipfile.ZipFile(filled) as archive:
        custom = archive.read("docProps/custom.xml").decode()
        core = archive.read("docProps/core.xml").decode()
    custom = custom.replace(">mall-alla<", f">{template}<").replace(">1.2<", f">{version}<")
    core = core.replace(">mall-alla<", f">{template}<")
    return rezip(
        filled,
        target,
        {"docProps/custom.xml": custom.encode(), "docProps/core.xml": core.encode()},
    )


def test_a_form_claiming_another_template_is_refused(
    root: Path, filled: Path, tmp_path: Path
) -> None:
    path = _claim(filled, tmp_path / "annan.docx", "mall-c")
    result = run("extract", str(path), "--root", str(root))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Fel: {path}: formuläret säger att det är gjort från mallen 'mall-c', men fälten "
        "anteckning, datum, insatser.beskrivning, insatser.fran, insatser.insats finns inte "
        "i den mallen. Dokumentegenskaperna har ändrats eller formuläret kommer från en annan "
        "mall; inga värden lästes ut.\n"
    )


def test_properties_that_disagree_are_refused(root: Path, filled: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(filled) as archive:
        custom = archive.read("docProps/custom.xml").decode()
    path = rezip(
        filled,
        tmp_path / "olika.docx",
        {"docProps/custom.xml": custom.replace(">mall-alla<", ">mall-c<").encode()},
    )
    result = run("extract", str(path), "--root", str(root))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Fel: {path}: dokumentegenskaperna säger både mallen 'mall-c' och mallen "
        "'mall-alla'; formuläret har ändrats och inga värden lästes ut.\n"
    )


def test_a_form_from_a_newer_template_version_warns(
    root: Path, filled: Path, tmp_path: Path
) -> None:
    edit(root, T, 'version: "1.2"\nroutines', 'version: "1.1"\nroutines')
    result = run("extract", str(filled), "--root", str(root))
    assert result.exit_code == 0
    assert result.stderr == (
        "Varning: Formuläret gjordes från version 1.2 av mallen 'mall-alla', som är nyare än "
        "korpusens version 1.1. Hämta den senaste korpusen (git pull) och kontrollera att "
        "fälten stämmer.\n"
    )
    assert "namn: Anna" in result.stdout


def compound_file(*streams: str) -> bytes:
    """A minimal OLE compound file (the container of an encrypted .docx and of .doc): the
    header and one directory sector naming the streams."""
    header = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(16) + struct.pack("<HHH", 0x3E, 3, 0xFFFE)
    header = header.ljust(512, b"\0")
    entries = b""
    for name in ("Root Entry", *streams):
        encoded = (name + "\0").encode("utf-16-le")
        entries += encoded.ljust(64, b"\0") + struct.pack("<H", len(encoded)) + bytes(62)
    return header + entries.ljust(512, b"\0")


@pytest.mark.parametrize(
    ("streams", "reason"),
    [
        (
            ("EncryptionInfo", "EncryptedPackage"),
            "är krypterad (skyddad med lösenord) och kan inte läsas. Öppna den i Word, ta bort "
            "lösenordet (Arkiv > Info > Skydda dokument) och spara igen.",
        ),
        (
            ("WordDocument", "1Table"),
            "är ett Word-dokument i det äldre formatet (.doc). Spara den som Word-dokument "
            "(.docx) och försök igen.",
        ),
    ],
)
def test_an_encrypted_form_is_called_encrypted(
    root: Path, tmp_path: Path, streams: tuple[str, ...], reason: str
) -> None:
    path = tmp_path / "krypterad.docx"
    path.write_bytes(compound_file(*streams))
    result = run("extract", str(path), "--root", str(root))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Fel: {path}: filen {reason}\n"


def test_numbers_in_fill_data_keep_their_leading_zeros(root: Path, tmp_path: Path) -> None:
    data = tmp_path / "d.yaml"
    data.write_text("namn: 0701234567\nanteckning: 12.50\nsamtycke: ja\n", "utf-8")
    out = tmp_path / "ut.docx"
    result = run("fill", "mall-alla", "--root", str(root), "--data", str(data), "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, "")
    values = extract(out, load(root)).values
    assert (values["namn"], values["anteckning"]) == ("0701234567", "12.50")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("d.json", "[" * 100_000 + "]" * 100_000),
        ("d.yaml", "namn: " + "[" * 100_000 + "]" * 100_000 + "\n"),
        ("d.csv", 'namn,samtycke,insatser\nAnna,ja,"' + "[" * 100_000 + "]" * 100_000 + '"\n'),
    ],
)
def test_deeply_nested_fill_data_is_a_clear_error(
    root: Path, tmp_path: Path, name: str, content: str
) -> None:
    data = tmp_path / name
    data.write_text(content, "utf-8")
    out = tmp_path / "ut.docx"
    result = run("fill", "mall-alla", "--root", str(root), "--data", str(data), "-o", str(out))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.startswith(f"Fel: {data}")
    assert not out.exists()
