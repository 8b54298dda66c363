"""styrdok export --format pdf: the official document through LibreOffice, read back with
pypdf. Needs soffice: skipped without it, a failure in CI (CI=true)."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import edit, need_tool, run, write_files
from helpers import DAY, HOSTILE, copy_example, without_url_check
from pypdf import PdfReader

from governance.office import INSTALL_HINT, soffice_path


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example routine (with a registration number and paragraph) and a hostile
    document, exported to PDF once for the module."""
    need_tool(
        "LibreOffice (soffice)",
        soffice_path() is not None,
        "apt-get install libreoffice-writer-nogui",
    )
    base = tmp_path_factory.mktemp("pdf")
    root = copy_example(base)
    edit(
        root,
        "routines/rutin-bostad-forst.yaml",
        "  date: 2020-04-22\n  registration_number: SRF 2020/0157  # exempel\n",
        "  date: 2020-04-22\n  paragraph: § 7\n  registration_number: SO 2020/0123\n",
    )
    write_files(root, {"routines/zz-fientlig.yaml": HOSTILE})
    without_url_check(root)
    out = {}
    for doc_id in ("rutin-bostad-forst", "zz-fientlig"):
        out[doc_id] = base / f"{doc_id}.pdf"
        result = run(
            "export", doc_id, "--root", str(root), DAY, "--format", "pdf", "-o", str(out[doc_id])
        )
        assert result.exit_code == 0, result.output
        assert result.output == f"Gör PDF med LibreOffice …\nSkrev {out[doc_id]}\n"
    return out


def test_pdf_holds_the_metadata_values(pdfs: dict[str, Path]) -> None:
    reader = PdfReader(pdfs["rutin-bostad-forst"])
    first = words(reader.pages[0].extract_text())
    for value in (
        "Göteborgs Stad (exempelkorpus)",
        "Diarienummer SO 2020/0123",
        "Datum och paragraf för beslutet 2020-04-22, § 7",
        "Processledare boendesociala frågor",
        "Fr.o.m. 2020-05-15 och tills vidare",
        "Sektorscheferna för individ- och familjeomsorg samt funktionshinder (IFO-FH)",
        "Nästa aktualitetsprövning 2022-09-11",
        "Status: Gällande – aktualitetsprövning försenad.",
    ):
        assert value in first


def test_pdf_marks_the_kind_in_the_hierarchy(pdfs: dict[str, Path]) -> None:
    first = words(PdfReader(pdfs["rutin-bostad-forst"]).pages[0].extract_text())
    assert (
        "Reglerande styrande dokument: Policy › Riktlinje › Regel › Anvisning › "
        "Rutin (detta dokument) › Instruktion"
    ) in first


def test_pdf_shows_the_table_of_contents_and_page_numbers(pdfs: dict[str, Path]) -> None:
    reader = PdfReader(pdfs["rutin-bostad-forst"])
    contents = words(re.sub(r"\.{4,}\s*\d+", " ", reader.pages[1].extract_text()))
    assert contents.startswith("Innehåll Bakgrund och syfte Varför en gemensam rutin"), contents
    assert "Processbeskrivning Bostad först Utreda och fatta beslut" in contents
    pages = len(reader.pages)
    assert f"(rutin-bostad-forst, version 1.1) Sida 2 av {pages}" in contents
    lines = [" ".join(line.split()) for line in reader.pages[1].extract_text().splitlines()]
    entries = [line for line in lines if "...." in line]
    assert len(entries) >= 5
    texts = [page.extract_text() for page in reader.pages]
    for entry in entries:  # "Heading ........ 3": the page the heading is on
        title, number = re.fullmatch(r"(.+?)\.{4,}\s*(\d+)", entry).groups()  # type: ignore[union-attr]
        first_word = title.split()[0]
        assert 3 <= int(number) <= pages and first_word in texts[int(number) - 1], entry
    body = words(" ".join(p.extract_text() for p in reader.pages[2:]))
    assert "1. Socialsekreterare: Socialsekreteraren och personen fyller i remissen" in body
    assert body.count("1. Socialsekreterare:") >= 3  # every list counts from 1


def test_pdf_is_tagged_with_title_and_swedish(pdfs: dict[str, Path]) -> None:
    reader = PdfReader(pdfs["rutin-bostad-forst"])
    root: Any = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/Lang"] == "sv-SE"
    assert reader.metadata is not None
    assert reader.metadata.title == "Göteborgs Stads rutin för Bostad först"
    assert reader.metadata.subject == "Rutin"


def test_pdf_shows_hostile_text_as_written(pdfs: dict[str, Path]) -> None:
    reader = PdfReader(pdfs["zz-fientlig"])
    text = words(" ".join(p.extract_text() for p in reader.pages))
    assert "Fientlig <script>alert('titel')</script> & {{ 7*7 }} åäö" in text
    assert (
        'Text med <script>alert("body")</script> & "citat" \'apostrof\' {{ 7*7 }} åäöÅÄÖ.' in text
    )
    assert "49" not in text
    assert (
        "1. Socialsekreterare: Steg med <img src=x onerror=alert(1)> & {{ 7*7 }} a) Delsteg <b>"
        in text
    )
    links = [
        a["/A"].get("/URI")
        for page in reader.pages
        for a in (x.get_object() for x in page.get("/Annots", []))
        if "/A" in a
    ]
    assert "https://www.socialstyrelsen.se/?a=1&b=%3C2%3E" in links
    assert not [u for u in links if u and str(u).lower().startswith("javascript")]


def test_missing_soffice_is_a_clear_error_and_writes_nothing(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STYRDOK_SOFFICE", "styrdok-ingen-soffice")
    result = run(
        "export", "rutin-a", "--root", str(corpus), DAY, "--format", "pdf", "-o", str(corpus)
    )
    assert result.exit_code == 1
    assert result.output == f"Fel: {INSTALL_HINT}\n"
    assert not (corpus / "rutin-a.pdf").exists()
    assert not [p for p in os.listdir(corpus) if p.endswith((".pdf", ".tmp"))]
