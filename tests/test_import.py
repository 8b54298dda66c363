"""styrdok import: Word governing documents into the corpus — the metadata table by its
Swedish labels and variants, names matched to styrdok.yaml, sections, processes, links, the
report and --update-config."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from conftest import run
from helpers.importing import DATA, DAY, copy_example, import_into, make, one

from governance.importer import dates, report
from governance.yamlio import read_fast

ROUTINE = DATA / "rutin-samverkan-avhysning.docx"
GUIDELINE = DATA / "riktlinje-hyresskulder.docx"
CHANGES = DATA / "rutin-med-andringar.docx"
ROUTINE_ID = "rutin-samverkan-mellan-forvaltningarna-i-arbetet-med-att"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path / "korpus")


def test_the_committed_word_files_are_what_make_py_makes(tmp_path: Path) -> None:
    made = make.make(tmp_path)
    assert [p.relative_to(tmp_path) for p in made] == sorted(
        p.relative_to(DATA) for p in DATA.rglob("*.docx")
    )
    for path in made:
        assert path.read_bytes() == (DATA / path.relative_to(tmp_path)).read_bytes(), path


def test_source_003_table_becomes_the_metadata_fields(example: Path) -> None:
    outcome = import_into(example, ROUTINE, dry_run=True)
    data = one(outcome, ROUTINE.name)
    assert {k: data[k] for k in list(data)[:14]} == {
        "id": ROUTINE_ID,
        "title": "Rutin för samverkan mellan förvaltningarna i arbetet med att förebygga avhysning",
        "kind": "rutin",
        "status": "in-force",
        "decision": {
            "by": ["avdelningschefer-socialforvaltningarna", "avdelningschef-myndighet-ffs"],
            "date": date(2022, 2, 2),
            "registration_number": "[Nummer]",
        },
        "applies_to": ["socialforvaltningarna", "ffs", "avo"],
        "valid_from": date(2022, 2, 15),
        "valid_until": "until-further-notice",
        "last_revised": date(2022, 1, 27),
        "links_checked": date(2024, 2, 6),
        "owner": ["processledare-boendesociala-fragor", "verksamhetsutvecklare-ffs-avo"],
        "attachments": [{"title": "[Bilagor]"}],
        "links": ["riktlinje-bistand-till-boende", "rutin-intern-samordning-avhysning"],
        "supporting_documents": [
            {"title": "Stadens plan mot hemlöshet", "url": "#"},
            {"title": "Välfärdens processer – Socialtjänstprocessen", "url": "#"},
            {
                "title": "Stöd för socialtjänsten i arbetet mot avhysningar (socialstyrelsen.se)",
                "url": "https://www.socialstyrelsen.se/",
            },
        ],
    }
    item = outcome.files[0]
    assert not any(note.startswith("Dokumentansvarig") for note in item.notes)  # both kept
    codes = sorted(f.code for f in outcome.findings[ROUTINE])
    assert codes.count("placeholder") == 2  # [Nummer] and [Bilagor] kept, so check reports them
    assert codes.count("placeholder-link") == 2  # the (#) links


def test_source_003_body_becomes_sections_responsibilities_and_processes(example: Path) -> None:
    data = one(import_into(example, ROUTINE, dry_run=True), ROUTINE.name)
    sections = data["sections"]
    assert [s["title"] for s in sections] == ["Inledning", "Rutin"]
    intro = [s["title"] for s in sections[0]["sections"]]
    assert intro == ["Syftet med rutinen", "Vem rutinen gäller", "Bakgrund"]
    assert "försöker förhindra att någon blir **avhyst**." in sections[0]["sections"][0]["body"]
    assert (
        "- förvaltningarna träffas *regelbundet* i samverkansmöten\n"
        in (sections[0]["sections"][2]["body"])
    )
    assert [r.get("unit") for r in data["responsibilities"]] == [
        "ffs",
        "avo",
        "socialforvaltningarna",
    ]
    first, second = data["processes"]
    assert first["title"] == "När FFS eller ÄVO upptäcker risk för avhysning"
    assert [s["text"] for s in first["steps"]][2:] == [
        "Ansökan utreds",
        "De beviljade insatserna verkställs.",
    ]
    assert first["steps"][1]["role"] == "handlaggare"
    assert [s["text"] for s in first["steps"][2]["substeps"]] == [
        "inom den egna förvaltningen.",
        "hos en annan förvaltning, med stöd av handläggaren.",
        "i en samordnad plan när flera förvaltningar behövs.",
    ]
    assert len(second["steps"]) == 3 and len(second["steps"][1]["substeps"]) == 2


def test_a_differently_worded_table_with_merged_cells_and_dates_in_words(example: Path) -> None:
    data = one(import_into(example, GUIDELINE, dry_run=True), GUIDELINE.name)
    assert data["kind"] == "riktlinje"
    assert data["decision"] == {
        "by": ["socialnamnderna"],
        "date": date(2022, 2, 2),
        "paragraph": "§ 14",
        "registration_number": "SO 2022/0042",
    }
    assert data["applies_to"] == ["socialforvaltningarna", "ffs"]  # label merged over two rows
    assert (data["valid_from"], data["valid_until"]) == (date(2022, 2, 15), date(2025, 12, 31))
    assert data["owner"] == "enhetschef"
    syfte, _, bedomning = data["sections"]
    assert syfte["body"] == (
        "Riktlinjen ska ge **likvärdigt stöd** i hela staden till hushåll med *hyresskulder*. "
        "Läs mer hos [Kronofogden](https://www.kronofogden.se/).\n"
    )
    assert "- barn i hushållet\n" in bedomning["body"]
    assert "| Skuld | Åtgärd |\n|---|---|\n| Under en månadshyra | Råd |" in bedomning["body"]
    assert data["processes"][0]["description"] == "Stegen gäller alla ansökningar.\n"


def test_tracked_changes_count_as_accepted_and_comments_are_left_out(example: Path) -> None:
    data = one(import_into(example, CHANGES, dry_run=True), CHANGES.name)
    assert data["decision"] == {"by": ["enhetschef"], "date": date(2023, 4, 1)}
    assert data["sections"][0]["body"] == "Hembesöket görs alltid tillsammans med hyresvärden.\n"
    assert data["valid_until"] == "until-further-notice"


def test_no_decision_in_the_table_gives_a_draft(example: Path, tmp_path: Path) -> None:
    maker = make.small(
        "Rutin för nycklar", [("Dokumentnamn", "Rutin för nycklar"), ("Dokumentsort", "Rutin"),
                              ("Ansvarig", "Enhetschef")]
    )  # fmt: skip
    maker.save(tmp_path / "utkast.docx")
    outcome = import_into(example, tmp_path / "utkast.docx", dry_run=True)
    item = outcome.files[0]
    assert item.data["status"] == "draft"
    assert item.missing == [
        "decision",
        "decision.registration_number",
        "applies_to",
        "valid_from",
        "valid_until",
        "last_revised",
    ]
    assert (
        f"Obs: {tmp_path / 'utkast.docx'}: fylldes inte i: Beslut, Diarienummer, Gäller för, "
        "Gäller från, Giltig till, Senast reviderad." in report.text(outcome, dry_run=True)
    )


def test_folder_import_writes_files_prints_one_table_and_reports(
    example: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "word"
    folder.mkdir()
    for path in (ROUTINE, GUIDELINE, CHANGES):
        (folder / path.name).write_bytes(path.read_bytes())
    csv_report = tmp_path / "rapport.csv"
    run("import", str(GUIDELINE), "--root", str(example), "--dry-run", "--report", str(csv_report))
    rows = list(csv.reader(io.StringIO(csv_report.read_text("utf-8"))))
    assert rows[0] == ["Fil", "Id", "Ifyllda fält", "Saknas", "Anmärkningar", "Resultat"]
    assert rows[1][:2] == ["riktlinje-hyresskulder.docx", "riktlinje-stod-vid-hyresskulder"]
    report = tmp_path / "rapport.md"
    result = run("import", str(folder), "--root", str(example), "--today", str(DAY),
                 "--report", str(report))  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    header = next(line for line in lines if line.startswith("Fil "))
    assert header.split() == ["Fil", "Id", "Ifyllda", "fält", "Saknas", "Anmärkningar", "Resultat"]
    written = example / "routines" / f"{ROUTINE_ID}.yaml"
    assert f"skriven: routines/{ROUTINE_ID}.yaml" in result.output
    text = written.read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/document.schema.json\n")
    assert read_fast(text)["decision"]["date"] == date(2022, 2, 2)
    assert "| rutin-samverkan-avhysning.docx | " + ROUTINE_ID in report.read_text("utf-8")


def test_dry_run_writes_nothing(example: Path) -> None:
    before = sorted((example / "routines").rglob("*"))
    result = run("import", str(GUIDELINE), "--root", str(example), "--dry-run")
    assert result.exit_code == 0
    assert "skulle skrivas: routines/riktlinje-stod-vid-hyresskulder.yaml" in result.output
    assert sorted((example / "routines").rglob("*")) == before


def test_update_config_adds_unknown_names_losslessly(example: Path, tmp_path: Path) -> None:
    maker = make.small("Rutin för larm", [("Dokumentnamn", "Rutin för larm"),
                                          ("Dokumentsort", "Rutin"),
                                          ("Beslutsinstans", "Larmgruppen"),
                                          ("Beslutsdatum", "1 mars 2024"),
                                          ("Gäller för", "Trygghetsenheten"),
                                          ("Ansvarig", "Larmsamordnare")])  # fmt: skip
    maker.save(tmp_path / "larm.docx")
    config = example / "styrdok.yaml"
    before = config.read_text("utf-8")
    result = run("import", str(tmp_path / "larm.docx"), "--root", str(example), "--update-config")
    assert "bodies: - id: larmgruppen  name: Larmgruppen  (organ)" in result.output
    after = config.read_text("utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == [
        "  - id: larmgruppen",
        "    name: Larmgruppen",
        "  - id: trygghetsenheten",
        "    name: Trygghetsenheten",
        "  - id: larmsamordnare",
        "    name: Larmsamordnare",
    ]
    assert [line for line in before.splitlines() if line not in after.splitlines()] == []
    assert run("check", "--root", str(example), "--today", str(DAY)).output.count("unknown-") == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fr.o.m. 2022-02-15 och tills vidare", (date(2022, 2, 15), "until-further-notice")),
        ("Fr.o.m. 2022-02-15 och tv", (date(2022, 2, 15), "until-further-notice")),
        ("Tills vidare", (None, "until-further-notice")),
        ("15 februari 2022 – 31 dec 2025", (date(2022, 2, 15), date(2025, 12, 31))),
        ("… – 2025-12-31", (None, date(2025, 12, 31))),
    ],
)
def test_validity_as_written(text: str, expected: tuple[object, object]) -> None:
    assert dates.validity(text) == expected


def test_dates_as_written() -> None:
    assert dates.one_date("2 februari 2022") == date(2022, 2, 2)
    assert dates.decision("2022-02-02, § 12") == (date(2022, 2, 2), "§ 12")
    with pytest.raises(dates.DateError, match="'2022-02-30' är inget giltigt datum"):
        dates.one_date("2022-02-30")


def test_links_between_files_of_the_same_import(example: Path, tmp_path: Path) -> None:
    basic = [("Dokumentsort", "Rutin"), ("Ansvarig", "Enhetschef")]
    first = make.small("Rutin för larm", [("Dokumentnamn", "Rutin för larm"), *basic])
    first.heading("Koppling till andra styrande dokument", 1)
    first.bullets("Rutin för nycklar", "Ett dokument som inte finns")
    first.save(tmp_path / "larm.docx")
    make.small("Rutin för nycklar", [("Dokumentnamn", "Rutin för nycklar"), *basic]).save(
        tmp_path / "nycklar.docx"
    )
    outcome = import_into(example, tmp_path / "larm.docx", tmp_path / "nycklar.docx")
    larm = one(outcome, "larm.docx")
    assert larm["links"] == ["rutin-nycklar"]
    assert larm["supporting_documents"] == [{"title": "Ett dokument som inte finns"}]
    assert outcome.files[0].notes == [
        "Kopplingar: 'Ett dokument som inte finns' finns inte i korpusen och lades under "
        "stödjande dokument."
    ]
