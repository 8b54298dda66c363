"""styrdok new: a draft with every required field, the next free id, checked clean."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit, run
from helpers import copy_example, found

from governance.config import load_config
from governance.errors import ConfigError
from governance.fastyaml import load
from governance.ids import IdRequest, next_id, scheme_problem, slug

DAY = "--today=2026-11-23"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return copy_example(tmp_path)


def test_new_routine_has_every_required_field_with_a_comment(example: Path) -> None:
    before = found(example)
    result = run(
        "new", "rutin", "--title", "Rutin för bistånd till boende", "--root", str(example), DAY
    )
    assert result.exit_code == 0
    assert result.output == (
        "Skapade routines/rutin-bistand-till-boende.yaml (rutin-bistand-till-boende, utkast).\n"
    )
    text = (example / "routines/rutin-bistand-till-boende.yaml").read_text("utf-8")
    lines = text.splitlines()
    assert lines[0] == "# yaml-language-server: $schema=../schema/document.schema.json"
    data = load(text)
    assert data["id"] == "rutin-bistand-till-boende"
    assert data["title"] == "Rutin för bistånd till boende"
    assert (data["kind"], data["status"]) == ("rutin", "draft")
    required = ["decision", "owner", "applies_to", "valid_from", "valid_until"]
    for name in required:
        assert name in data
        at = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
        assert lines[at - 1].startswith("# "), name  # a comment says what goes there
    assert "# Dokumentansvarig: en roll, aldrig en person (roles i styrdok.yaml), till" in text
    assert "#     by: [forvaltningsdirektorer]" in text
    assert found(example) == before  # the draft checks clean: no new findings


@pytest.mark.parametrize(
    "kind",
    [
        "policy",
        "riktlinje",
        "plan",
        "anvisning",
        "rutin",
        "instruktion",
        "handbok",
        "kunskapsstod",
        "extern",
    ],
)
def test_a_new_draft_of_every_kind_checks_without_findings(example: Path, kind: str) -> None:
    before = found(example)
    result = run("new", kind, "--title", "Ett nytt dokument: test", "--root", str(example), DAY)
    assert result.exit_code == 0, result.output
    assert found(example) == before


def test_the_kind_folder_is_used_when_it_exists(example: Path) -> None:
    result = run(
        "new", "extern", "--title", "Socialstyrelsens vägledning", "--root", str(example), DAY
    )
    assert result.output == (
        "Skapade routines/extern/extern-socialstyrelsens-vagledning.yaml "
        "(extern-socialstyrelsens-vagledning, utkast).\n"
    )
    text = (example / "routines/extern/extern-socialstyrelsens-vagledning.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schema/document.schema.json\n")
    assert "# Vem som gav ut dokumentet, till exempel Socialstyrelsen.\npublisher:\n" in text


def test_a_taken_id_gets_a_number(example: Path) -> None:
    for _ in range(2):
        run("new", "rutin", "--title", "Rutin för nödbistånd", "--root", str(example), DAY)
    assert (example / "routines/rutin-nodbistand.yaml").is_file()
    assert (example / "routines/rutin-nodbistand-2.yaml").is_file()


def test_a_numbered_id_scheme(example: Path) -> None:
    edit(
        example,
        "styrdok.yaml",
        "review_warning_days: 90",
        "review_warning_days: 90\nid_scheme: '{kind}-{year}-{n:03}'",
    )
    outputs = [
        run("new", "rutin", "--title", "A", "--root", str(example), DAY).output for _ in range(2)
    ]
    assert outputs == [
        "Skapade routines/rutin-2026-001.yaml (rutin-2026-001, utkast).\n",
        "Skapade routines/rutin-2026-002.yaml (rutin-2026-002, utkast).\n",
    ]


def test_an_id_of_ones_own(example: Path) -> None:
    result = run("new", "rutin", "--title", "A", "--id", "rutin-egen", "--root", str(example), DAY)
    assert result.output == "Skapade routines/rutin-egen.yaml (rutin-egen, utkast).\n"
    again = run("new", "rutin", "--title", "A", "--id", "rutin-egen", "--root", str(example), DAY)
    assert again.exit_code == 1
    assert again.output == "Fel: Id:t 'rutin-egen' används redan. Välj ett annat id.\n"
    bad = run("new", "rutin", "--title", "A", "--id", "Rutin Egen", "--root", str(example), DAY)
    assert bad.output == (
        "Fel: Id:t 'Rutin Egen' går inte att använda: bara a–z, 0–9 och bindestreck.\n"
    )


def test_unknown_kind_names_the_kinds(example: Path) -> None:
    result = run("new", "rutn", "--title", "A", "--root", str(example))
    assert result.exit_code == 1
    assert result.output == (
        "Fel: Dokumentsorten 'rutn' finns inte i styrdok.yaml. Menade du 'rutin'? Välj en av: "
        "policy, riktlinje, regel, plan, anvisning, rutin, instruktion, mall, handbok, "
        "kunskapsstod, stoddokument, extern.\n"
    )


def test_empty_title_is_refused(example: Path) -> None:
    result = run("new", "rutin", "--title", "  ", "--root", str(example))
    assert (result.exit_code, result.output) == (
        1,
        "Fel: Titeln är tom. Ange dokumentets namn med --title.\n",
    )


def test_dry_run_shows_the_new_file_and_writes_nothing(example: Path) -> None:
    result = run("new", "rutin", "--title", "Rutin: test", "--root", str(example), DAY, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "--- /dev/null\n+++ b/routines/rutin-test.yaml\n@@ -0,0 +1,36 @@\n"
        "+# yaml-language-server: $schema=../schema/document.schema.json\n"
        '+id: rutin-test\n+title: "Rutin: test"\n+kind: rutin\n'
    )
    assert not (example / "routines/rutin-test.yaml").exists()


def test_bad_id_scheme_is_a_config_error(example: Path) -> None:
    edit(
        example,
        "styrdok.yaml",
        "review_warning_days: 90",
        "review_warning_days: 90\nid_scheme: '{kind}-{namn}'",
    )
    with pytest.raises(ConfigError) as caught:
        load_config(example)
    assert caught.value.message == (
        "Fel i styrdok.yaml:\n"
        f"{example / 'styrdok.yaml'}:7: id_scheme: okända fält i '{{kind}}-{{namn}}': namn. "
        "Använd {kind}, {slug}, {n}, {year}."
    )
    result = run("new", "rutin", "--title", "A", "--root", str(example))
    assert result.exit_code == 2


@pytest.mark.parametrize(
    ("scheme", "problem"),
    [
        ("{kind}-{slug}", None),
        ("{kind}-{year}-{n:03}", None),
        ("{kind}", "'{kind}' måste innehålla {slug} eller {n}, annars blir alla id lika."),
        (
            "{kind}_{n}",
            "'{kind}_{n}' ger id som 'rutin_1'; ett id får bara ha a–z, 0–9 och bindestreck.",
        ),
        ("{kind", "mönstret '{kind' går inte att läsa (expected '}' before end of string)."),
    ],
)
def test_id_scheme_problems(scheme: str, problem: str | None) -> None:
    assert scheme_problem(scheme) == problem


@pytest.mark.parametrize(
    ("title", "words", "expected"),
    [
        ("Rutin för bistånd till boende", ("rutin", "Rutin"), "bistand-till-boende"),
        (
            "Göteborgs Stads rutin för Bostad först",
            ("rutin", "Rutin"),
            "goteborgs-stads-rutin-for-bostad-forst",
        ),
        ("Riktlinje om Ekonomiskt bistånd", ("riktlinje", "Riktlinje"), "ekonomiskt-bistand"),
        ("Rutin", ("rutin", "Rutin"), "rutin"),
        ("¿?", (), "dokument"),
        (
            "Översyn av äldreomsorgens rutiner för samverkan mellan förvaltningarna i staden",
            (),
            "oversyn-av-aldreomsorgens-rutiner-for-samverkan",
        ),
    ],
)
def test_slug(title: str, words: tuple[str, ...], expected: str) -> None:
    assert slug(title, words) == expected


def test_next_number_counts_only_ids_under_the_scheme() -> None:
    request = IdRequest("{kind}-{n:03}", "rutin", "x", 2026)
    assert next_id(request, {"rutin-001", "rutin-009", "rutin-x", "plan-020"}) == "rutin-010"
    assert next_id(request, set()) == "rutin-001"


@pytest.mark.parametrize("title", ["Rutin\u2028med radbrytning", "Rutin\x85 för NEL", "Tab\tin"])
def test_a_title_with_a_line_separator_is_kept_as_typed(example: Path, title: str) -> None:
    """A title pasted from Word can hold a line or paragraph separator (U+2028, NEL),
    which YAML reads as a line break: written plain it would come back changed."""
    from governance.fastyaml import load

    result = run("new", "rutin", "--title", title, "--id", "rutin-ny", "--root", str(example), DAY)
    assert result.exit_code == 0, result.output
    path = next(example.glob("routines/**/rutin-ny.yaml"))
    assert load(path.read_text("utf-8"))["title"] == title
