"""styrdok extract on files that are not what they claim: plain Word documents, other
files, zip bombs, XML entities, forms from older template versions."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import edit, run
from helpers.word import T, load, rezip, word_corpus

from governance.render.forms.fill import fill
from governance.render.forms.form import form_bytes


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return word_corpus(tmp_path / "korpus")


@pytest.fixture
def filled(root: Path, tmp_path: Path) -> Path:
    data = tmp_path / "d.yaml"
    data.write_text("namn: Anna\nsamtycke: ja\ndatum: 2024-05-01\n", "utf-8")
    out = tmp_path / "ifylld.docx"
    fill(load(root), "mall-alla", data, out)
    return out


def test_extract_prints_template_version_and_values(root: Path, filled: Path) -> None:
    result = run("extract", str(filled), "--root", str(root))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "template: mall-alla\nversion: '1.2'\nvalues:\n  namn: Anna\n  datum: '2024-05-01'\n"
        "  samtycke: true\n"
    )


def test_blank_form_has_no_values_but_the_check_boxes(root: Path, tmp_path: Path) -> None:
    form = tmp_path / "tom.docx"
    form.write_bytes(form_bytes(load(root), "mall-alla"))
    result = run("extract", str(form), "--root", str(root), "--format", "json")
    assert result.stdout == (
        '{\n  "template": "mall-alla",\n  "version": "1.2",\n  "values": {\n'
        '    "samtycke": false\n  }\n}\n'
    )


def test_older_form_version_is_a_warning(root: Path, filled: Path) -> None:
    edit(root, T, 'version: "1.2"\nroutines', 'version: "1.10"\nroutines')
    result = run("extract", str(filled), "--root", str(root))
    assert result.exit_code == 0
    assert result.stderr == (
        "Varning: Formuläret gjordes från version 1.2 av mallen 'mall-alla', men korpusen har "
        "version 1.10. Kontrollera att fälten fortfarande stämmer.\n"
    )
    assert "namn: Anna" in result.stdout


def test_extract_works_outside_a_corpus_by_the_tags(filled: Path, tmp_path: Path) -> None:
    result = run("extract", str(filled), "--root", str(tmp_path / "ingen"))
    assert (result.exit_code, result.stderr) == (0, "")
    assert "  namn: Anna\n  datum: '2024-05-01'\n  samtycke: true\n" in result.stdout


def test_template_missing_from_the_corpus_is_a_warning(root: Path, filled: Path) -> None:
    (root / T).unlink()
    result = run("extract", str(filled), "--root", str(root))
    assert result.exit_code == 0
    assert result.stderr == (
        "Varning: Mallen 'mall-alla' finns inte i korpusen; värdena läses utan dess "
        "fältdefinition.\n"
    )


def test_a_plain_word_document_is_not_a_form(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "brev.docx"
    doc = docx.Document()
    doc.add_paragraph("Hej")
    doc.save(str(path))
    result = run("extract", str(path), "--root", str(root))
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Fel: {path}: filen är inget formulär från styrdok (mallens id saknas i "
        "dokumentegenskaperna). Fyll i ett formulär från 'styrdok docx' eller 'styrdok fill'.\n"
    )


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.4 inte en zip", "är inget Word-dokument (.docx)."),
        (b"", "är inget Word-dokument (.docx)."),
    ],
)
def test_other_files_are_refused(root: Path, tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "fel.docx"
    path.write_bytes(content)
    result = run("extract", str(path), "--root", str(root))
    assert (result.exit_code, result.stderr) == (1, f"Fel: {path}: filen {reason}\n")


def test_a_zip_without_a_document_is_refused(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "zip.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hej.txt", "hej")
    result = run("extract", str(path), "--root", str(root))
    assert result.stderr == f"Fel: {path}: filen är inget Word-dokument (.docx).\n"


def test_zip_bomb_is_refused_before_unpacking(root: Path, filled: Path, tmp_path: Path) -> None:
    bomb = rezip(filled, tmp_path / "bomb.docx", {"word/media/noll.bin": bytes(30_000_000)})
    result = run("extract", str(bomb), "--root", str(root))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"Fel: {bomb}: filen läses inte: delen word/media/noll.bin packas upp "
    )
    assert result.stderr.endswith("gånger (högst 100); den ser ut som en zip-bomb.\n")


def test_too_many_parts_are_refused(root: Path, filled: Path, tmp_path: Path) -> None:
    parts = {f"word/media/{n}.txt": b"x" for n in range(1001)}
    path = rezip(filled, tmp_path / "manga.docx", parts)
    with zipfile.ZipFile(path) as archive:
        count = len(archive.infolist())
    result = run("extract", str(path), "--root", str(root))
    assert result.stderr == f"Fel: {path}: filen läses inte: den har {count} delar (högst 1000).\n"


def test_xml_entities_are_refused(root: Path, filled: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(filled) as archive:
        xml = archive.read("word/document.xml").decode()
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;">]>'
        + xml.split("?>", 1)[1].replace("Anna", "&b;")
    )
    path = rezip(filled, tmp_path / "laughs.docx", {"word/document.xml": laughs.encode()})
    result = run("extract", str(path), "--root", str(root))
    assert result.stderr == (
        f"Fel: {path} (word/document.xml): XML med DOCTYPE eller entiteter läses inte.\n"
    )


def test_a_file_too_large_is_refused(root: Path, tmp_path: Path) -> None:
    path = tmp_path / "stor.docx"
    with path.open("wb") as handle:
        handle.truncate(20_000_001)
    result = run("extract", str(path), "--root", str(root))
    assert result.stderr == f"Fel: {path}: filen är 20.0 MB; gränsen är 20 MB.\n"


def test_a_form_without_controls_for_its_fields(root: Path, tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("Bara text")
    out = io.BytesIO()
    doc.save(out)
    plain = tmp_path / "plain.docx"
    plain.write_bytes(out.getvalue())
    form = tmp_path / "form.docx"
    form.write_bytes(form_bytes(load(root), "mall-alla"))
    with zipfile.ZipFile(form) as archive:
        custom = archive.read("docProps/custom.xml")
    path = rezip(plain, tmp_path / "utan.docx", {"docProps/custom.xml": custom})
    result = run("extract", str(path), "--root", str(root))
    assert result.stderr == (
        f"Fel: {path}: formuläret (mallen mall-alla) har inga innehållskontroller som hör "
        "till mallens fält, så inga värden kan läsas ut.\n"
    )
