"""Bad input to styrdok import: each a clear Swedish message naming the file (and the table
row), exit 1, never a traceback, and no file written for a failed document unless
--partial."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import run
from helpers.importing import DATA, DAY, copy_example

from governance.safezip import MAX_ENTRIES

BAD = DATA / "bad"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "korpus")


def imported(example: Path, *files: Path, extra: tuple[str, ...] = ()) -> tuple[int, str, set[str]]:
    before = {p.name for p in (example / "routines").iterdir()}
    result = run("import", *map(str, files), "--root", str(example), "--today", str(DAY), *extra)
    after = {p.name for p in (example / "routines").iterdir()}
    return result.exit_code, result.output, after - before


def test_every_bad_file_gets_its_own_message_and_nothing_is_written(example: Path) -> None:
    code, output, written = imported(example, BAD)
    assert code == 1
    assert written == set()
    expected = [
        f"Fel: {BAD}/inget-styrande-dokument.docx: ingen metadatatabell hittades (Dokumentnamn, "
        "Dokumentsort, Beslutad av …): filen ser inte ut som ett styrande dokument.",
        f"Fel: {BAD}/konstigt-datum.docx (tabellrad 5, 'Datum och paragraf för beslutet'): "
        "'snart' är inget datum styrdok kan läsa.",
        f"Fel: {BAD}/krypterad.docx: filen är lösenordsskyddad (krypterad) och kan inte läsas. "
        "Spara den utan lösenord i Word (Arkiv › Info › Skydda dokument) och importera igen.",
        f"Fel: {BAD}/samma-titel-1.docx: får samma id 'rutin-nyckelhantering' som "
        f"{BAD}/samma-titel-2.docx; ändra dokumentnamnet i en av filerna.",
        f"Fel: {BAD}/samma-titel-2.docx: får samma id 'rutin-nyckelhantering' som "
        f"{BAD}/samma-titel-1.docx; ändra dokumentnamnet i en av filerna.",
        f"Fel: {BAD}/tva-varden.docx (tabellrad 6, 'Diarienummer'): två värden för "
        "'Diarienummer': 'SO 2023/1' (rad 5, 'Dnr') och 'SO 2023/2'.",
    ]
    errors = [line for line in output.splitlines() if line.startswith("Fel:")]
    assert errors == expected
    assert "Traceback" not in output


def test_partial_writes_what_could_be_read(example: Path) -> None:
    code, output, written = imported(
        example, BAD / "konstigt-datum.docx", BAD / "tva-varden.docx", extra=("--partial",)
    )
    assert code == 1
    assert written == {"rutin-b.yaml", "rutin-a.yaml"}
    assert "skriven: routines/rutin-b.yaml (med fel)" in output
    text = (example / "routines" / "rutin-b.yaml").read_text("utf-8")
    assert "decision" not in text  # the date could not be read, so no decision


def test_a_document_already_in_the_corpus_is_refused_and_points_to_update(
    example: Path, tmp_path: Path
) -> None:
    docx = tmp_path / "rutin.docx"
    run("export", "rutin-nodbistand-boende", "--root", str(example), "-o", str(docx))
    code, output, written = imported(example, docx)
    assert (code, written) == (1, set())
    assert (
        f"Fel: {docx}: id:t 'rutin-nodbistand-boende' finns redan i korpusen; uppdatera det "
        "dokumentet med 'styrdok import --update rutin-nodbistand-boende rutin.docx'." in output
    )


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


DOCUMENT = b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'


@pytest.mark.parametrize(
    ("name", "entries", "message"),
    [
        (
            "manga-delar.docx",
            {f"x/{n}.xml": b"" for n in range(MAX_ENTRIES + 1)},
            f"dokumentet läses inte: den har {MAX_ENTRIES + 1} delar (högst {MAX_ENTRIES}).",
        ),
        (
            "entiteter.docx",
            {
                "[Content_Types].xml": b"<Types/>",
                "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>'
                + DOCUMENT[21:],
            },
            "(word/document.xml): XML med DOCTYPE eller entiteter läses inte.",
        ),
    ],
)
def test_the_limits_of_extract_apply(
    example: Path, tmp_path: Path, name: str, entries: dict[str, bytes], message: str
) -> None:
    path = _zip(tmp_path / name, entries)
    code, output, written = imported(example, path)
    assert (code, written) == (1, set())
    assert f"Fel: {path}" in output and message in output


def test_a_file_that_is_not_word_at_all(example: Path, tmp_path: Path) -> None:
    path = tmp_path / "text.docx"
    path.write_text("bara text", "utf-8")
    code, output, _ = imported(example, path)
    assert code == 1
    assert f"Fel: {path}: dokumentet är inget Word-dokument (.docx)." in output


def test_an_empty_folder_and_an_unwritable_report(example: Path, tmp_path: Path) -> None:
    empty = tmp_path / "tom"
    empty.mkdir()
    code, output, _ = imported(example, empty)
    assert (code, output) == (1, f"Fel: Inga Word-filer (.docx, .doc, .odt) hittades i {empty}.\n")
    report = tmp_path / "saknas" / "rapport.md"
    code, output, _ = imported(example, BAD / "krypterad.docx", extra=("--report", str(report)))
    assert code == 1
    assert f"Fel: {report}: rapporten kan inte skrivas (No such file or directory)." in output


def test_into_must_be_a_folder_in_the_corpus(example: Path) -> None:
    result = run("import", str(BAD), "--root", str(example), "--into", "../utanfor")
    assert result.exit_code == 2
    assert "'../utanfor' ligger utanför korpusen" in result.output
