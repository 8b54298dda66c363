"""Suspect links (link-suspect): a major revision of a linked document or a used template
flags the linking document until it is reviewed or revised. Also: supersedes must name
documents that exist."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY, edit, run

from governance.check import check_corpus
from governance.codes import CODES
from governance.findings import Finding

R = "routines/rutin-a.yaml"
B = "routines/riktlinje/riktlinje-b.yaml"
T = "templates/mall-c.yaml"
MAJOR_B = (
    "owner: processledare\nrevisions:\n"
    '  - version: "1.0"\n    date: 2025-05-20\n    summary: Beslutad.\n'
    '  - version: "2.0"\n    date: 2026-06-01\n    summary: Nya regler för boende.\n    major: true\n'
)


def suspects(root: Path, today: date = TODAY) -> list[Finding]:
    return [f for f in check_corpus(root, today) if f.code == "link-suspect"]


def test_a_major_revision_of_a_linked_document_flags_the_link(corpus: Path) -> None:
    edit(corpus, B, "owner: processledare\n", MAJOR_B)
    (hit,) = check_corpus(corpus, TODAY)
    assert (hit.code, hit.severity, hit.path, hit.field, hit.line, hit.column) == (
        "link-suspect",
        "warning",
        R,
        "links[0]",
        18,
        9,
    )
    assert hit.message == (
        "Länken går till 'Riktlinje för bistånd till boende', som fick en större ändring i "
        "version 2.0 (2026-06-01): Nya regler för boende. Dokumentet har inte prövats eller "
        "reviderats sedan dess (senast 2026-01-10); se ändringen med 'styrdok diff riktlinje-b'."
    )
    assert hit.hint == CODES["link-suspect"].hint


def test_the_code_is_not_found_in_the_clean_corpus(corpus: Path) -> None:
    assert suspects(corpus) == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    major: true\n", ""),  # a minor revision
        ("2026-06-01", "2026-01-10"),  # on the day the linking document was decided
        ("2026-06-01", "2025-12-01"),  # before it
    ],
)
def test_no_flag_without_a_later_major_revision(corpus: Path, old: str, new: str) -> None:
    edit(corpus, B, "owner: processledare\n", MAJOR_B.replace(old, new))
    assert suspects(corpus) == []


@pytest.mark.parametrize("command", ["review", "revise"])
def test_review_or_revision_clears_the_flag(corpus: Path, command: str) -> None:
    edit(corpus, B, "owner: processledare\n", MAJOR_B)
    extra = ["--summary", "Anpassad till nya regler."] if command == "revise" else []
    result = run(command, "rutin-a", *extra, "--root", str(corpus), "--today", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert suspects(corpus) == []


def test_a_major_revision_of_a_template_flags_the_routine_using_it(corpus: Path) -> None:
    edit(
        corpus,
        T,
        "routines: [rutin-a]\n",
        'routines: [rutin-a]\nrevisions:\n  - version: "2.0"\n    date: 2026-03-01\n'
        "    summary: Nya fält.\n    major: true\n",
    )
    (hit,) = suspects(corpus)
    assert (hit.path, hit.field) == (R, "templates[0]")
    assert hit.message == (
        "Mallen 'Remiss' fick en större ändring i version 2.0 (2026-03-01): Nya fält. "
        "Dokumentet har inte prövats eller reviderats sedan dess (senast 2026-01-10); se "
        "ändringen med 'styrdok diff mall-c'."
    )


def test_a_retired_target_is_reported_as_retired_not_suspect(corpus: Path) -> None:
    edit(corpus, B, "owner: processledare\n", MAJOR_B)
    edit(corpus, B, "status: in-force", "status: retired")
    assert [f.code for f in check_corpus(corpus, TODAY)] == ["link-retired"]


def test_a_document_without_dates_is_not_judged(corpus: Path) -> None:
    edit(corpus, B, "owner: processledare\n", MAJOR_B)
    run("new", "rutin", "--title", "Ny rutin", "--root", str(corpus), "--today", "2026-11-23")
    edit(corpus, "routines/rutin-ny-rutin.yaml", "links: []", "links: [riktlinje-b]")
    assert [f.doc_id for f in suspects(corpus)] == ["rutin-a"]


def test_supersedes_must_name_a_document(corpus: Path) -> None:
    edit(corpus, R, "kind: rutin\n", "kind: rutin\nsupersedes: [riktlinje-x]\n")
    (hit,) = check_corpus(corpus, TODAY)
    assert (hit.code, hit.field, hit.line) == ("link-unknown", "supersedes[0]", 5)
    assert hit.message == "Det finns inget dokument med id 'riktlinje-x'. Menade du 'riktlinje-b'?"
