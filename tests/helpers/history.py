"""The eviction routine's history, as the tests of diff, the archive and the handbook's
version pages make it in a git repository of their own."""

from __future__ import annotations

from pathlib import Path

from conftest import run

from helpers import commit_all, git

DAY = "--today=2026-11-23"
EVICTION = "routines/rutin-forebygga-avhysning.yaml"


def as_decided_in_2022(path: Path) -> None:
    """The eviction routine back at version 1.0, without its minor revision 1.1 of 2024."""
    text = path.read_text("utf-8")
    start = text.index('  - version: "1.1"\n')
    end = text.index("\n", text.index("    summary:", start)) + 1
    text = text[:start] + text[end:]
    text = text.replace(" i stadens telefonkatalog på intranätet.", " i stadens telefonkatalog.")
    path.write_text(text.replace("  - anmodan om rättelse\n", "", 1), "utf-8")


def edit_text(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


def second_version(repo: Path) -> tuple[str, str]:
    """Revise the eviction routine (new text, a new section, a new decision) and commit;
    the short hashes of the two commits."""
    first = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    path = repo / EVICTION
    edit_text(path, "Den beskriver roller", "Den beskriver nu roller")
    edit_text(
        path,
        "  - title: Vem omfattas\n",
        "  - title: Kontakt\n    body: |\n      Ring växeln.\n  - title: Vem omfattas\n",
    )
    result = run(
        "revise",
        "rutin-forebygga-avhysning",
        "--summary",
        "Kontaktvägar tillagda.",
        "--major",
        "--decision-date",
        "2026-11-15",
        "--paragraph",
        "§ 7",
        "--root",
        str(repo),
        DAY,
    )
    assert result.exit_code == 0, result.output
    return first, commit_all(repo, "Version 2.0", day="2026-11-22")
