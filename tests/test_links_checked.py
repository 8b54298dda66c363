""" "Länkar kontrollerade" in the handbook and the exported document: the date of the last
``styrdok links`` run in which all of a document's links worked, read from the cache."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import pytest
from conftest import TODAY, run
from helpers.links import LinkServer, add_links, start_server
from pypdf import PdfReader

from governance.check import check
from governance.facts import metadata
from governance.render.handbook.build import build_handbook
from governance.render.handbook.project import make_project
from governance.status import status_of

R = "routines/rutin-a.yaml"


@pytest.fixture(scope="module")
def server() -> Iterator[LinkServer]:
    yield from start_server()


def shown(root: Path) -> tuple[str, str]:
    """The links-checked value of rutin-a: in its handbook page, and in its export."""
    corpus, findings = check(root, TODAY)
    page = make_project(corpus, TODAY, []).files["dokument/rutin-a.md"]
    row = next(line for line in page.splitlines() if "Länkar kontrollerade" in line)
    doc = corpus.documents["rutin-a"]
    rows = metadata(corpus, doc, status_of(corpus, doc, TODAY))
    exported = next(r for r in rows if r.label == "Länkar kontrollerade").lines[0][0]
    return row, exported


def test_a_run_where_all_links_work_shows_its_date(corpus: Path, server: LinkServer) -> None:
    add_links(corpus, server, moved="/ok")  # both links work
    row, exported = shown(corpus)
    assert "–" in row and exported == "–"  # nothing checked yet

    result = run("check", "--root", str(corpus), f"--today={TODAY}", "--links")
    assert result.exit_code == 0, result.output
    row, exported = shown(corpus)
    assert f"<td>{TODAY}</td>" in row
    assert exported == str(TODAY)


def test_a_failing_run_keeps_the_last_good_date(corpus: Path, server: LinkServer) -> None:
    add_links(corpus, server, moved="/ok")
    assert run("check", "--root", str(corpus), f"--today={TODAY}", "--links").exit_code == 0
    (corpus / R).write_text(
        (corpus / R).read_text("utf-8").replace(server.url("/ok"), server.url("/missing"), 1),
        "utf-8",
    )
    later = date(2026, 12, 1)
    result = run("check", "--root", str(corpus), f"--today={later}", "--links")
    assert result.exit_code == 1
    assert "link-broken" in result.output
    assert shown(corpus)[1] == str(TODAY)


def test_a_later_date_written_in_the_document_wins(corpus: Path, server: LinkServer) -> None:
    add_links(corpus, server, moved="/ok")
    assert run("check", "--root", str(corpus), f"--today={TODAY}", "--links").exit_code == 0
    text = (corpus / R).read_text("utf-8")
    (corpus / R).write_text(
        text.replace("themes: [boende]\n", "themes: [boende]\nlinks_checked: 2027-01-05\n"), "utf-8"
    )
    assert shown(corpus)[1] == "2027-01-05"


def downloads(root: Path) -> tuple[str, str, bytes]:
    """rutin-a's links-checked value in the handbook's Word download, the text of its PDF,
    and the bytes of the .docx, after a build."""
    result = build_handbook(root, root / "ut", TODAY, archive=False)
    assert result.errors == [] and result.notes == []
    folder = root / "ut" / "nedladdning"
    word = (folder / "rutin-a.docx").read_bytes()
    table = docx.Document(str(folder / "rutin-a.docx")).tables[0]
    value = next(r.cells[1].text for r in table.rows if r.cells[0].text == "Länkar kontrollerade")
    pdf = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(folder / "rutin-a.pdf").pages
    )
    return value, pdf, word


def test_downloads_show_a_new_links_checked_date(
    corpus: Path, server: LinkServer, soffice: str
) -> None:
    """The Word and PDF files come from a cache; a new links-checked date is a new file."""
    add_links(corpus, server, moved="/ok")
    before, pdf_before, word_before = downloads(corpus)
    assert before == "–" and f"Länkar kontrollerade {TODAY}" not in pdf_before

    assert run("check", "--root", str(corpus), f"--today={TODAY}", "--links").exit_code == 0
    after, pdf_after, word_after = downloads(corpus)
    assert after == str(TODAY) and word_after != word_before
    assert f"Länkar kontrollerade {TODAY}" in pdf_after
