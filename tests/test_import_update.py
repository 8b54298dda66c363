"""Editing in Word: styrdok import --update ID FILE.docx applies the changes of an exported,
edited and saved document to the YAML file as a lossless edit, shows them with --dry-run,
refuses a file exported from an older version, and leaves the revision to revise."""

from __future__ import annotations

import difflib
from pathlib import Path

import docx
import pytest
from conftest import run
from helpers.importing import DAY, copy_example

from governance.office import convert as office_convert

DOC = "rutin-forebygga-avhysning"
REL = f"routines/{DOC}.yaml"
OLD_STEP = "insatserna verkställs."
NEW_STEP = "insatserna verkställs utan dröjsmål."
NEW_PURPOSE = "Rutinen visar vem som gör vad när flera förvaltningar arbetar mot avhysning."


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "korpus")


def export(example: Path, target: Path) -> Path:
    result = run("export", DOC, "--root", str(example), "--today", str(DAY), "-o", str(target))
    assert result.exit_code == 0, result.output
    return target


def edit_in_word(source: Path, target: Path) -> Path:
    """What a process leader does in Word: rewrite a paragraph, change a step."""
    document = docx.Document(str(source))
    for para in document.paragraphs:
        if para.text.startswith("Rutinen gör det tydligt"):
            para.runs[0].text = NEW_PURPOSE
            for run_ in para.runs[1:]:
                run_.text = ""
        for run_ in para.runs:
            run_.text = run_.text.replace(OLD_STEP, NEW_STEP)
    document.save(str(target))
    return target


def update(example: Path, path: Path, *extra: str) -> tuple[int, str]:
    result = run("import", "--update", DOC, str(path), "--root", str(example),
                 "--today", str(DAY), *extra)  # fmt: skip
    return result.exit_code, result.output


def changes(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d[:2] == "- "], [d[2:] for d in diff if d[:2] == "+ "]


def expect_only_the_edits(before: str, after: str) -> None:
    removed, added = changes(before, after)
    assert removed == [
        "      Rutinen gör det tydligt vem som gör vad när flera förvaltningar arbetar för att",
        "      förebygga avhysning. Den beskriver roller, ansvar och hur samverkan ska gå till.",
        "      - text: De beviljade insatserna verkställs.",
        "      - text: De beviljade insatserna verkställs.",
    ]
    assert added == [
        f"      {NEW_PURPOSE}",
        "      - text: De beviljade insatserna verkställs utan dröjsmål.",
        "      - text: De beviljade insatserna verkställs utan dröjsmål.",
    ]


def test_dry_run_shows_the_diff_and_writes_nothing(example: Path, tmp_path: Path) -> None:
    edited = edit_in_word(export(example, tmp_path / "r.docx"), tmp_path / "redigerad.docx")
    before = (example / REL).read_text("utf-8")
    code, output = update(example, edited, "--dry-run")
    assert code == 0, output
    assert output.startswith(f"--- a/{REL}\n+++ b/{REL}\n")
    assert "+      - text: De beviljade insatserna verkställs utan dröjsmål.\n" in output
    assert (example / REL).read_text("utf-8") == before


def test_update_changes_only_the_edited_lines_and_points_to_revise(
    example: Path, tmp_path: Path
) -> None:
    edited = edit_in_word(export(example, tmp_path / "r.docx"), tmp_path / "redigerad.docx")
    before = (example / REL).read_text("utf-8")
    code, output = update(example, edited)
    assert code == 0, output
    assert f'Spela in revideringen med: styrdok revise {DOC} --summary "…"' in output
    after = (example / REL).read_text("utf-8")
    expect_only_the_edits(before, after)
    assert "# Diarienummer fylldes aldrig i på originalet" in after  # comments kept
    assert run("check", "--root", str(example), "--today", str(DAY)).exit_code == 0


def test_update_after_a_save_in_libreoffice(soffice: str, example: Path, tmp_path: Path) -> None:
    edited = edit_in_word(export(example, tmp_path / "r.docx"), tmp_path / "redigerad.docx")
    saved = office_convert(edited, "docx", tmp_path / "lo")
    before = (example / REL).read_text("utf-8")
    code, output = update(example, saved)
    assert code == 0, output
    expect_only_the_edits(before, (example / REL).read_text("utf-8"))


def test_an_unchanged_export_changes_nothing(example: Path, tmp_path: Path) -> None:
    code, output = update(example, export(example, tmp_path / "r.docx"))
    assert code == 0
    assert output == f"Inga ändringar: {tmp_path / 'r.docx'} stämmer med {DOC}.\n"


def test_a_file_exported_from_an_older_version_is_refused(example: Path, tmp_path: Path) -> None:
    edited = edit_in_word(export(example, tmp_path / "r.docx"), tmp_path / "redigerad.docx")
    assert run("revise", DOC, "--summary", "Ny text.", "--root", str(example),
               "--today", str(DAY), "--date", str(DAY)).exit_code == 0  # fmt: skip
    before = (example / REL).read_text("utf-8")
    code, output = update(example, edited)
    assert code == 1
    assert output == (
        f"Fel: {edited}: filen exporterades från version 1.1, men {DOC} har nu version 1.2. "
        f"Exportera dokumentet igen ('styrdok export {DOC}') och gör ändringarna i den nya "
        "filen, så att inget som ändrats sedan dess skrivs över.\n"
    )
    assert (example / REL).read_text("utf-8") == before


def test_a_file_exported_from_another_document_is_refused(example: Path, tmp_path: Path) -> None:
    other = tmp_path / "annan.docx"
    run("export", "rutin-nodbistand-boende", "--root", str(example), "-o", str(other))
    code, output = update(example, other)
    assert code == 1
    assert output == (
        f"Fel: {other}: filen är exporterad från 'rutin-nodbistand-boende', inte '{DOC}'. "
        "Kör 'styrdok import --update rutin-nodbistand-boende annan.docx'.\n"
    )
