"""styrdok diff: versions from real git history, compared field by field and section by
section."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run
from helpers import commit_all, copy_example, git
from helpers.history import DAY, EVICTION, as_decided_in_2022, edit_text, second_version

from governance.lifecycle.compare import FieldChange, SectionChange, compare


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The example corpus in a git repository with one commit (version 1.0 of every
    document)."""
    root = copy_example(tmp_path)
    as_decided_in_2022(root / EVICTION)
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Exempelkorpusen", day="2026-11-01")
    return root


EXPECTED = """\
rutin-forebygga-avhysning: Rutin för samverkan mellan förvaltningarna i arbetet med att förebygga avhysning
Från version 1.0 (commit {first}, 2026-11-01) till version 2.0 (commit {second}, 2026-11-22).

Revideringar:
  2.0 (2026-11-15) (större ändring): Kontaktvägar tillagda.

Fält:
  decision.date: 2022-02-02 → 2026-11-15
  decision.paragraph: (saknas) → § 7
  last_revised: 2022-01-27 → 2026-11-15
  revisions[0].decision: (saknas) → {{by: [avdelningschefer-socialforvaltningarna, avdelningschef-myndighet-ffs, avdelningschef-myndighet-avo], date: 2022-02-02}}

Avsnitt:
  Ändrat: Syfte
    - förebygga avhysning. Den beskriver roller, ansvar och hur samverkan ska gå till.
    + förebygga avhysning. Den beskriver nu roller, ansvar och hur samverkan ska gå till.
  Nytt: Kontakt
    + Ring växeln.
"""


def test_diff_shows_the_last_change(repo: Path) -> None:
    first, second = second_version(repo)
    result = run("diff", "rutin-forebygga-avhysning", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert result.output == EXPECTED.format(first=first, second=second)


def test_diff_between_named_versions_and_the_working_copy(repo: Path) -> None:
    first, _ = second_version(repo)
    edit_text(
        repo / EVICTION,
        "    summary: Kontaktvägar tillagda.",
        "    summary: Kontaktvägar har lagts till.",
    )
    result = run(
        "diff", "rutin-forebygga-avhysning", "--from", "1.0", "--to", "2.0", "--root", str(repo)
    )
    assert result.output.splitlines()[1] == (
        f"Från version 1.0 (commit {first}, 2026-11-01) till version 2.0 (arbetskopian)."
    )
    assert "  2.0 (2026-11-15) (större ändring): Kontaktvägar har lagts till." in result.output


def test_diff_of_the_same_version_has_no_differences(repo: Path) -> None:
    second_version(repo)
    result = run(
        "diff", "rutin-forebygga-avhysning", "--from", "2.0", "--to", "2.0", "--root", str(repo)
    )
    assert result.output.endswith("Inga skillnader.\n")


def test_diff_of_a_template(repo: Path) -> None:
    result = run(
        "revise", "remiss-bostad-forst", "--summary", "Nytt fält.", "--root", str(repo), DAY
    )
    assert result.exit_code == 0
    commit_all(repo, "Mall 1.1")
    output = run("diff", "remiss-bostad-forst", "--root", str(repo)).output
    assert (
        "Revideringar:\n  1.1 (2026-11-23): Nytt fält.\n\nFält:\n  version: 1.0 → 1.1\n" in output
    )


def test_a_version_that_is_not_in_the_history(repo: Path) -> None:
    second_version(repo)
    result = run("diff", "rutin-forebygga-avhysning", "--from", "1.5", "--root", str(repo))
    assert (result.exit_code, result.output) == (
        1,
        "Fel: Version 1.5 av 'rutin-forebygga-avhysning' finns inte i git-historiken. "
        "Versioner som finns: 1.0, 2.0.\n",
    )


def test_the_first_version_has_nothing_before_it(repo: Path) -> None:
    result = run("diff", "rutin-forebygga-avhysning", "--root", str(repo))
    assert (result.exit_code, result.output) == (
        1,
        "Fel: Version 1.0 är den första versionen av 'rutin-forebygga-avhysning' i "
        "git-historiken; det finns ingen tidigare att jämföra med. Ange --from.\n",
    )


def test_a_renamed_file_keeps_its_history(repo: Path) -> None:
    second_version(repo)
    (repo / "routines/rutiner").mkdir()
    git(repo, "mv", EVICTION, "routines/rutiner/rutin-forebygga-avhysning.yaml")
    edit_text(
        repo / "routines/rutiner/rutin-forebygga-avhysning.yaml",
        "../schema/",
        "../../schema/",
    )
    commit_all(repo, "Flyttad")
    result = run("diff", "rutin-forebygga-avhysning", "--from", "1.0", "--root", str(repo))
    assert result.exit_code == 0, result.output
    assert "  Nytt: Kontakt\n" in result.output


def test_outside_a_git_repository(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    result = run("diff", "rutin-forebygga-avhysning", "--root", str(root))
    assert (result.exit_code, result.output) == (
        1,
        f"Fel: {root} ligger inte i ett git-repository, så det finns ingen versionshistorik "
        "att jämföra. Checka in korpusen i git (git init, git add, git commit) och försök igen.\n",
    )


def test_without_git(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    empty = tmp_path / "tom"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = run("diff", "rutin-forebygga-avhysning", "--root", str(repo))
    assert (result.exit_code, result.output) == (
        1,
        "Fel: git finns inte på den här datorn. styrdok diff läser versionerna ur "
        "git-historiken: installera git (https://git-scm.com) och försök igen.\n",
    )


def test_unknown_id(repo: Path) -> None:
    result = run("diff", "rutin-okand", "--root", str(repo))
    assert result.exit_code == 1
    assert result.output.startswith("Fel: Det finns inget dokument med id 'rutin-okand'.")


def test_compare_fields_lists_and_sections() -> None:
    old = {
        "title": "A",
        "links": ["x", "y"],
        "reviews": [{"date": "2026-01-01"}],
        "processes": [{"title": "P", "steps": [{"text": "Ett"}, {"text": "Två"}]}],
        "sections": [
            {"title": "Syfte", "body": "Rad 1\nRad 2\n"},
            {"title": "Ansvar", "body": "A\n", "sections": [{"title": "Chef", "body": "Gör\n"}]},
            {"title": "Gammalt", "body": "Bort\n"},
        ],
    }
    new = {
        "title": "B",
        "links": ["y", "z"],
        "reviews": [{"date": "2026-01-01"}, {"date": "2026-06-01", "note": "Ok"}],
        "processes": [{"title": "P", "steps": [{"text": "Ett"}, {"text": "Tre"}]}],
        "summary": "Ny",
        "sections": [
            {
                "title": "Ansvar",
                "body": "A\n",
                "sections": [{"title": "Chef", "body": "Gör mer\n"}],
            },
            {"title": "Syfte", "body": "Rad 1\nRad 2\n"},
        ],
    }
    result = compare(old, new)
    assert result.fields == [
        FieldChange("title", old="A", new="B"),
        FieldChange("links", added=("z",), removed=("x",)),
        FieldChange("reviews", added=({"date": "2026-06-01", "note": "Ok"},)),
        FieldChange("processes[0].steps[1].text", old="Två", new="Tre"),
        FieldChange("summary", new="Ny"),
    ]
    assert result.sections == [
        SectionChange("Ansvar › Chef", "changed", ("- Gör", "+ Gör mer")),
        SectionChange("Gammalt", "removed", ("- Bort",)),
    ]
    assert result.revisions == []
