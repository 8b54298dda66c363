"""styrdok revise on a copy of the example corpus, with what check reports afterwards."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest
from conftest import run
from helpers import copy_example, found

from governance.lifecycle.revise import next_version
from governance.load import load_corpus

DAY = "--today=2026-11-23"
EVICTION = "routines/rutin-forebygga-avhysning.yaml"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path)


def changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """Lines removed and lines added."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d[:2] == "- "], [d[2:] for d in diff if d[:2] == "+ "]


def test_revise_bumps_the_version_and_clears_the_overdue_review(example: Path) -> None:
    before_text = (example / EVICTION).read_text("utf-8")
    before = found(example)
    result = run(
        "revise",
        "rutin-forebygga-avhysning",
        "--summary",
        "Nya kontaktvägar.",
        "--root",
        str(example),
        DAY,
    )
    assert result.exit_code == 0
    assert (
        result.output == "Reviderade rutin-forebygga-avhysning: version 1.1 → 1.2 (2026-11-23).\n"
    )
    removed, added = changed_lines(before_text, (example / EVICTION).read_text("utf-8"))
    assert removed == ["last_revised: 2022-01-27"]
    assert added == [
        "last_revised: 2026-11-23",
        '  - version: "1.2"',
        "    date: 2026-11-23",
        "    summary: Nya kontaktvägar.",
    ]
    after = found(example)
    assert before - after == {
        ("review-overdue", "rutin-forebygga-avhysning", "last_revised"),
        ("revised-before-decided", "rutin-forebygga-avhysning", "last_revised"),
    }
    assert after - before == set()


def test_major_revision_flags_every_document_that_links_to_it(example: Path) -> None:
    before = found(example)
    result = run(
        "revise",
        "riktlinje-bistand-till-boende",
        "--summary",
        "Nya regler för bistånd.",
        "--major",
        "--root",
        str(example),
        DAY,
    )
    assert result.exit_code == 0
    assert result.output.startswith(
        "Reviderade riktlinje-bistand-till-boende: version 1.1 → 2.0 (2026-11-23).\n"
        "styrdok check visar nu också:\n"
        "routines/handbok-bistand-till-boende-bedomningsstod.yaml:"
    )
    assert (
        "14:5: varning [link-suspect] links[0]: Länken går till 'Göteborgs Stads riktlinje för "
        "bistånd till boende', som fick en större ändring i version 2.0 (2026-11-23): Nya regler "
        "för bistånd. Dokumentet har inte prövats eller reviderats sedan dess (senast "
        "2023-09-01); se ändringen med 'styrdok diff riktlinje-bistand-till-boende'.\n"
        "    Gör så här: Läs ändringen, pröva dokumentet och registrera det med 'styrdok review', "
        "eller revidera det.\n"
    ) in result.output
    assert found(example) - before == {
        ("link-suspect", "handbok-bistand-till-boende-bedomningsstod", "links[0]"),
        ("link-suspect", "rutin-bostad-forst", "links[1]"),
        ("link-suspect", "rutin-forebygga-avhysning", "links[1]"),
        ("link-suspect", "rutin-forebygga-avhysning-revidering", "links[1]"),
        ("link-suspect", "rutin-nodbistand-boende", "links[0]"),
    }
    assert "    major: true\n" in (
        example / "routines/riktlinje-bistand-till-boende.yaml"
    ).read_text("utf-8")


def test_major_revision_of_a_template_flags_the_routine_using_it(example: Path) -> None:
    path = example / "templates/remiss-bostad-forst.yaml"
    before_text = path.read_text("utf-8")
    before = found(example)
    result = run(
        "revise",
        "remiss-bostad-forst",
        "--summary",
        "Nya kriterier.",
        "--major",
        "--root",
        str(example),
        DAY,
    )
    assert result.exit_code == 0
    removed, added = changed_lines(before_text, path.read_text("utf-8"))
    assert removed == ['version: "1.0"']
    assert added == [
        'version: "2.0"',
        '  - version: "2.0"',
        "    date: 2026-11-23",
        "    summary: Nya kriterier.",
        "    major: true",
    ]
    assert found(example) - before == {("link-suspect", "rutin-bostad-forst", "templates[0]")}


def test_new_decision_is_kept_in_the_history_with_the_old_one(example: Path) -> None:
    path = example / "routines/rutin-intern-samordning-avhysning.yaml"
    before_text = path.read_text("utf-8")
    result = run(
        "revise",
        "rutin-intern-samordning-avhysning",
        "--summary",
        "Nytt beslut.",
        "--decided-by",
        "avdelningschefer-socialforvaltningarna",
        "--decided-by",
        "forvaltningsdirektorer",
        "--decision-date",
        "2026-11-20",
        "--paragraph",
        "§ 12",
        "--registration-number",
        "SO 2026/0042",
        "--date",
        "2026-11-21",
        "--root",
        str(example),
        DAY,
    )
    assert result.exit_code == 0, result.output
    removed, added = changed_lines(before_text, path.read_text("utf-8"))
    assert removed == ["  date: 2022-02-02", "  registration_number: SN 2022/0066  # exempel"]
    assert added == [
        "    - forvaltningsdirektorer",
        "  date: 2026-11-20",
        "  paragraph: § 12",
        "  registration_number: SO 2026/0042  # exempel",
        "last_revised: 2026-11-21",
        "    decision:",
        "      by:",
        "        - avdelningschefer-socialforvaltningarna",
        "      date: 2022-02-02",
        "      registration_number: SN 2022/0066",
        '  - version: "1.1"',
        "    date: 2026-11-21",
        "    summary: Nytt beslut.",
        "    decision:",
        "      by:",
        "        - avdelningschefer-socialforvaltningarna",
        "        - forvaltningsdirektorer",
        "      date: 2026-11-20",
        "      paragraph: § 12",
        "      registration_number: SO 2026/0042",
    ]
    doc = load_corpus(example).documents["rutin-intern-samordning-avhysning"]
    assert [d.date for _, d in doc.decisions] == [date(2022, 2, 2), date(2026, 11, 20)]
    assert doc.current_decision is not None
    assert doc.current_decision.registration_number == "SO 2026/0042"


def test_a_document_without_decision_needs_body_and_date(example: Path) -> None:
    run("new", "rutin", "--title", "Rutin för test", "--root", str(example), DAY)
    result = run(
        "revise",
        "rutin-test",
        "--summary",
        "Beslutad.",
        "--decided-by",
        "enhetschef",
        "--root",
        str(example),
        DAY,
    )
    assert result.exit_code == 1
    assert result.output == (
        "Fel: 'rutin-test' har inget beslut än: ange både --decided-by och --decision-date.\n"
    )
    result = run(
        "revise",
        "rutin-test",
        "--summary",
        "Beslutad.",
        "--decided-by",
        "forvaltningsdirektorer",
        "--decision-date",
        "2026-11-20",
        "--root",
        str(example),
        DAY,
    )
    assert result.output == "Reviderade rutin-test: version 1.0 (2026-11-20).\n"
    text = (example / "routines/rutin-test.yaml").read_text("utf-8")
    assert "decision:\n  by:\n    - forvaltningsdirektorer\n  date: 2026-11-20\n" in text
    assert 'revisions:\n  - version: "1.0"\n    date: 2026-11-20\n    summary: Beslutad.\n' in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["rutin-forebyga-avhysning", "--summary", "x"],
            "Fel: Det finns inget dokument med id 'rutin-forebyga-avhysning'. Menade du "
            "'rutin-forebygga-avhysning'? Id:t är filnamnet utan .yaml under routines/ eller "
            "templates/.\n",
        ),
        (
            ["plan-strategi-mot-hemloshet", "--summary", "x"],
            "Fel: 'plan-strategi-mot-hemloshet' är upphävt och kan inte revideras.\n",
        ),
        (
            ["rutin-bostad-forst", "--summary", " "],
            "Fel: Sammanfattningen är tom. Skriv vad som ändrades med --summary.\n",
        ),
        (
            ["remiss-bostad-forst", "--summary", "x", "--paragraph", "§ 1"],
            "Fel: 'remiss-bostad-forst' är en mall; mallar har inget beslut att ändra.\n",
        ),
        (
            ["rutin-bostad-forst", "--summary", "x", "--date", "2020-01-01"],
            "Fel: Ändringen gjordes inte: efter den skulle 'styrdok check' hitta 1 fel.\n"
            "routines/rutin-bostad-forst.yaml:47:5: fel [revision-order] revisions[2]: Version "
            "1.2 (2020-01-01) kommer efter version 1.1 (2020-09-11); historiken ska gå från "
            "äldst till nyast.\n"
            "    Gör så här: Ordna revideringarna från äldst till nyast, med stigande versioner.\n",
        ),
    ],
)
def test_bad_input_is_an_error_and_nothing_is_written(
    example: Path, args: list[str], message: str
) -> None:
    result = run("revise", *args, "--root", str(example), DAY)
    assert (result.exit_code, result.output) == (1, message)


def test_bad_date_is_a_usage_error(example: Path) -> None:
    result = run(
        "revise",
        "rutin-bostad-forst",
        "--summary",
        "x",
        "--date",
        "2026-02-30",
        "--root",
        str(example),
    )
    assert result.exit_code == 2
    assert (
        "Ogiltigt värde för '--date': '2026-02-30' är inget datum på formen ÅÅÅÅ-MM-DD."
        in result.output
    )


@pytest.mark.parametrize(
    ("current", "major", "expected"),
    [
        (None, False, "1.0"),
        (None, True, "1.0"),
        ("1.0", False, "1.1"),
        ("1.9", False, "1.10"),
        ("1.4", True, "2.0"),
        ("2", False, "2.1"),
        ("1.2.3", False, "1.3"),
    ],
)
def test_next_version(current: str | None, major: bool, expected: str) -> None:
    assert next_version(current, major) == expected
