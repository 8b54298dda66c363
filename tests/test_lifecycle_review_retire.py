"""styrdok review and styrdok retire on a copy of the example corpus."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from conftest import run, write_files
from helpers import TODAY, copy_example, found

from governance.check import check_corpus
from governance.fastyaml import load

DAY = "--today=2026-11-23"
SUCCESSOR = """\
# yaml-language-server: $schema=../schema/document.schema.json
id: plan-hemloshet-2023-2026
title: Göteborgs Stads hemlöshetsplan 2023–2026
kind: plan
status: in-force
decision:
  by: [kommunfullmaktige]
  date: 2023-01-26
applies_to: [hela-staden]
valid_from: 2023-02-01
valid_until: 2026-12-31
owner: stadsledningskontoret
"""


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path)


def added_lines(before: str, after: str) -> list[str]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert [d for d in diff if d.startswith("- ")] == []
    return [d[2:] for d in diff if d.startswith("+ ")]


def test_review_records_the_review_and_moves_the_next_one(example: Path) -> None:
    path = example / "routines/rutin-nodbistand-boende.yaml"
    before_text = path.read_text("utf-8")
    before = found(example)
    result = run(
        "review",
        "rutin-nodbistand-boende",
        "--note",
        "Fortfarande aktuell.",
        "--root",
        str(example),
        DAY,
    )
    assert result.exit_code == 0
    assert result.output == (
        "Registrerade aktualitetsprövning av rutin-nodbistand-boende (2026-11-23). "
        "Nästa prövning senast 2028-11-23.\n"
    )
    assert added_lines(before_text, path.read_text("utf-8")) == [
        "reviews:",
        "  - date: 2026-11-23",
        "    note: Fortfarande aktuell.",
    ]
    assert before - found(example) == {
        ("review-overdue", "rutin-nodbistand-boende", "last_revised")
    }
    assert found(example) - before == set()


def test_a_second_review_is_appended(example: Path) -> None:
    path = example / "routines/rutin-intern-samordning-avhysning.yaml"
    before_text = path.read_text("utf-8")
    result = run(
        "review",
        "rutin-intern-samordning-avhysning",
        "--date",
        "2026-11-20",
        "--root",
        str(example),
        DAY,
    )
    assert result.output == (
        "Registrerade aktualitetsprövning av rutin-intern-samordning-avhysning (2026-11-20). "
        "Nästa prövning senast 2028-11-20.\n"
    )
    assert added_lines(before_text, path.read_text("utf-8")) == ["  - date: 2026-11-20"]
    codes = {
        f.code
        for f in check_corpus(example, TODAY)
        if f.doc_id == "rutin-intern-samordning-avhysning"
    }
    assert codes == {"link-expired"}


def test_a_review_clears_a_suspect_link(example: Path) -> None:
    run(
        "revise",
        "riktlinje-bistand-till-boende",
        "--summary",
        "Nytt.",
        "--major",
        "--root",
        str(example),
        DAY,
    )
    assert ("link-suspect", "rutin-nodbistand-boende", "links[0]") in found(example)
    run("review", "rutin-nodbistand-boende", "--root", str(example), DAY)
    assert ("link-suspect", "rutin-nodbistand-boende", "links[0]") not in found(example)


@pytest.mark.parametrize(
    ("doc_id", "message"),
    [
        (
            "plan-strategi-mot-hemloshet",
            "Fel: 'plan-strategi-mot-hemloshet' är upphävt; ett upphävt dokument prövas inte.\n",
        ),
        (
            "remiss-bostad-forst",
            "Fel: 'remiss-bostad-forst' är en mall; 'styrdok review' gäller dokument under routines/.\n",
        ),
        (
            "finns-inte",
            "Fel: Det finns inget dokument med id 'finns-inte'. Id:t är filnamnet utan .yaml under routines/ eller templates/.\n",
        ),
    ],
)
def test_review_refuses_what_cannot_be_reviewed(example: Path, doc_id: str, message: str) -> None:
    result = run("review", doc_id, "--root", str(example), DAY)
    assert (result.exit_code, result.output) == (1, message)


def test_retire_links_both_ways_and_check_flags_the_documents_still_linking(example: Path) -> None:
    write_files(example, {"routines/plan-hemloshet-2023-2026.yaml": SUCCESSOR})
    old_path = example / "routines/plan-hemloshet-2020-2022.yaml"
    old_text = old_path.read_text("utf-8")
    before = found(example)
    result = run(
        "retire",
        "plan-hemloshet-2020-2022",
        "--reason",
        "Ersatt av hemlöshetsplanen 2023–2026.",
        "--superseded-by",
        "plan-hemloshet-2023-2026",
        "--root",
        str(example),
        DAY,
    )
    assert result.exit_code == 0
    assert result.output.startswith(
        "Upphävde plan-hemloshet-2020-2022 (2026-11-23), ersatt av plan-hemloshet-2023-2026.\n"
        "styrdok check visar nu också:\n"
        "routines/rutin-bostad-forst.yaml:27:5: varning [link-retired] links[0]: Länken går till "
        "'Göteborgs Stads hemlöshetsplan 2020–2022', som är upphävt. Det ersätts av "
        "'Göteborgs Stads hemlöshetsplan 2023–2026' (plan-hemloshet-2023-2026).\n"
    )
    diff = list(difflib.ndiff(old_text.splitlines(), old_path.read_text("utf-8").splitlines()))
    assert [d for d in diff if d[:2] in ("- ", "+ ")] == [
        "- status: in-force",
        "+ status: retired",
        "+ superseded_by: plan-hemloshet-2023-2026",
        "+ retirement:",
        "+   date: 2026-11-23",
        "+   reason: Ersatt av hemlöshetsplanen 2023–2026.",
    ]
    new = load((example / "routines/plan-hemloshet-2023-2026.yaml").read_text("utf-8"))
    assert new["supersedes"] == ["plan-hemloshet-2020-2022"]
    after = found(example)
    assert before - after == {
        ("expired", "plan-hemloshet-2020-2022", "valid_until"),
        ("link-expired", "rutin-bostad-forst", "links[0]"),
        ("link-expired", "rutin-forebygga-avhysning", "links[0]"),
        ("link-expired", "rutin-forebygga-avhysning-revidering", "links[0]"),
        ("link-expired", "rutin-intern-samordning-avhysning", "links[0]"),
    }
    assert after - before == {
        ("link-retired", "rutin-bostad-forst", "links[0]"),
        ("link-retired", "rutin-forebygga-avhysning", "links[0]"),
        ("link-retired", "rutin-forebygga-avhysning-revidering", "links[0]"),
        ("link-retired", "rutin-intern-samordning-avhysning", "links[0]"),
    }


def test_retire_without_successor(example: Path) -> None:
    result = run(
        "retire",
        "rutin-samordnad-plan-och-samtycke",
        "--reason",
        "Behövs inte.",
        "--root",
        str(example),
        DAY,
    )
    assert result.output.startswith("Upphävde rutin-samordnad-plan-och-samtycke (2026-11-23).\n")
    data = load((example / "routines/rutin-samordnad-plan-och-samtycke.yaml").read_text("utf-8"))
    assert data["status"] == "retired"
    assert data["retirement"] == {"date": TODAY, "reason": "Behövs inte."}
    assert "superseded_by" not in data
    assert ("link-retired", "rutin-forebygga-avhysning", "links[5]") in found(example)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["plan-strategi-mot-hemloshet", "--reason", "x"],
            "Fel: 'plan-strategi-mot-hemloshet' är redan upphävt.\n",
        ),
        (
            [
                "plan-hemloshet-2020-2022",
                "--reason",
                "x",
                "--superseded-by",
                "plan-hemloshet-2020-2022",
            ],
            "Fel: Ett dokument kan inte ersätta sig självt.\n",
        ),
        (
            [
                "plan-hemloshet-2020-2022",
                "--reason",
                "x",
                "--superseded-by",
                "plan-strategi-mot-hemloshet",
            ],
            "Fel: 'plan-strategi-mot-hemloshet' är också upphävt och kan inte ersätta "
            "'plan-hemloshet-2020-2022'.\n",
        ),
        (
            [
                "plan-hemloshet-2020-2022",
                "--reason",
                "x",
                "--superseded-by",
                "plan-hemloshet-2020-2023",
            ],
            "Fel: Det finns inget dokument med id 'plan-hemloshet-2020-2023'. Menade du "
            "'plan-hemloshet-2020-2022'? Id:t är filnamnet utan .yaml under routines/ eller "
            "templates/.\n",
        ),
        (
            ["plan-hemloshet-2020-2022", "--reason", "  "],
            "Fel: Skälet är tomt. Skriv varför dokumentet upphävs med --reason.\n",
        ),
    ],
)
def test_retire_refuses_bad_input(example: Path, args: list[str], message: str) -> None:
    before = found(example)
    result = run("retire", *args, "--root", str(example), DAY)
    assert (result.exit_code, result.output) == (1, message)
    assert found(example) == before


def test_missing_reason_is_a_usage_error(example: Path) -> None:
    result = run("retire", "plan-hemloshet-2020-2022", "--root", str(example))
    assert result.exit_code == 2
    assert "Flagga saknas '--reason'." in result.output


def test_retire_dry_run_shows_both_files(example: Path) -> None:
    write_files(example, {"routines/plan-hemloshet-2023-2026.yaml": SUCCESSOR})
    result = run(
        "retire",
        "plan-hemloshet-2020-2022",
        "--reason",
        "Ersatt.",
        "--superseded-by",
        "plan-hemloshet-2023-2026",
        "--root",
        str(example),
        DAY,
        "--dry-run",
    )
    assert result.exit_code == 0
    files = [line for line in result.stdout.splitlines() if line.startswith("+++ ")]
    assert files == [
        "+++ b/routines/plan-hemloshet-2020-2022.yaml",
        "+++ b/routines/plan-hemloshet-2023-2026.yaml",
    ]
    assert "+supersedes:\n+  - plan-hemloshet-2020-2022\n" in result.stdout
    assert (
        load((example / "routines/plan-hemloshet-2020-2022.yaml").read_text("utf-8"))["status"]
        == "in-force"
    )
