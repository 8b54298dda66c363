"""Drafts don't block: placeholders are warnings on a draft and errors in force; the
handbook leaves drafts out (``--drafts`` shows them, bannered) and their findings never stop
the build of the rest; a draft exports with UTKAST on every page."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, edit, need_tool, run, write_files
from pypdf import PdfReader

from governance.check import check_corpus

DAY = "--today=2026-11-23"
DRAFT = """\
# yaml-language-server: $schema=../schema/document.schema.json
id: rutin-utkast
title: Rutin för samverkan vid avhysning
kind: rutin
status: draft
decision:
  by: [avdelningschef]
  date: 2026-12-01
  registration_number: "[Nummer]"
applies_to: [socialforvaltningen]
owner: processledare
attachments:
  - title: "[Bilagor]"
links: [riktlinje-b]
sections:
  - title: Syfte
    body: |
      Se [remissen](#) och [metodguiden](#). Beslutas 20XX-XX-XX.
"""


@pytest.fixture
def with_draft(corpus: Path) -> Path:
    write_files(corpus, {"routines/rutin-utkast.yaml": DRAFT})
    return corpus


def _codes(root: Path) -> list[tuple[str, str, str]]:
    return [(f.doc_id, f.code, f.severity) for f in check_corpus(root, TODAY)]


def test_placeholders_in_a_draft_are_warnings(with_draft: Path) -> None:
    assert _codes(with_draft) == [
        ("rutin-utkast", "placeholder", "warning"),
        ("rutin-utkast", "placeholder", "warning"),
        ("rutin-utkast", "placeholder-link", "warning"),
        ("rutin-utkast", "placeholder-link", "warning"),
        ("rutin-utkast", "placeholder", "warning"),
    ]
    result = run("check", "--root", str(with_draft), DAY)
    assert result.exit_code == 0, result.output


def test_the_same_placeholder_in_force_is_an_error(with_draft: Path) -> None:
    edit(with_draft, "routines/rutin-a.yaml", "Första versionen.", "'Dnr [Nummer]'")
    (hit,) = [f for f in check_corpus(with_draft, TODAY) if f.doc_id == "rutin-a"]
    assert (hit.code, hit.severity) == ("placeholder", "error")
    out = with_draft / "ut"
    result = run("build", "--no-downloads", "--root", str(with_draft), DAY, "--out", str(out))
    assert result.exit_code == 1
    assert "rutin-a.yaml" in result.output and "Handboken byggdes inte" in result.output
    assert not out.exists()


def test_build_leaves_the_draft_out_and_publishes_the_rest(with_draft: Path) -> None:
    # An error of another kind in the draft does not stop the build either.
    edit(with_draft, "routines/rutin-utkast.yaml", "owner: processledare", "owner: kalle")
    out = with_draft / "ut"
    result = run("build", "--no-downloads", "--root", str(with_draft), DAY, "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "dokument" / "rutin-a" / "index.html").is_file()
    assert not (out / "dokument" / "rutin-utkast").exists()
    assert "rutin-utkast" not in (out / "register" / "index.html").read_text("utf-8")
    assert "1 fel i utkast (routines/rutin-utkast.yaml)" in result.output
    assert "1 utkast inte med" in result.output


def test_build_with_drafts_shows_the_draft_bannered(with_draft: Path) -> None:
    out = with_draft / "ut"
    result = run(
        "build", "--drafts", "--no-downloads", "--root", str(with_draft), DAY, "--out", str(out)
    )
    assert result.exit_code == 0, result.output
    page = (out / "dokument" / "rutin-utkast" / "index.html").read_text("utf-8")
    assert "Status: Utkast" in page
    assert "UTKAST. Dokumentet är inte beslutat och gäller inte." in page
    assert "Platshållaren &#39;[Nummer]&#39; står kvar i texten." in page or (
        "Platshållaren '[Nummer]' står kvar i texten." in page
    )


def test_export_of_a_draft_has_utkast_on_every_page(with_draft: Path, tmp_path: Path) -> None:
    from governance.office import soffice_path

    need_tool(
        "LibreOffice (soffice)",
        soffice_path() is not None,
        "apt-get install libreoffice-writer-nogui",
    )
    long_text = "\n".join(f"      Stycke {n} om samverkan vid avhysning." for n in range(120))
    edit(
        with_draft,
        "routines/rutin-utkast.yaml",
        "Beslutas 20XX-XX-XX.",
        "Beslutas snart.\n" + long_text,
    )
    target = tmp_path / "utkast.pdf"
    result = run(
        "export",
        "rutin-utkast",
        "--format",
        "pdf",
        "-o",
        str(target),
        "--root",
        str(with_draft),
        DAY,
    )
    assert result.exit_code == 0, result.output
    pages = PdfReader(target).pages
    assert len(pages) >= 3
    for page in pages:
        assert "UTKAST – inte beslutat, gäller inte" in page.extract_text()
