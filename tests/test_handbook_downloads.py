"""Downloads in the handbook: each governing document as Word and PDF, each template as
its fillable form, put in the MkDocs project and linked from the pages; PDFs made in one
LibreOffice run and cached by the content of their .docx."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from pathlib import Path

import docx
import pytest
from conftest import BASE_FILES, edit, need_tool, write_files
from pypdf import PdfReader

from governance.check import check
from governance.office import soffice_path
from governance.render.export.official import document_docx
from governance.render.export.pdf import pdf_many
from governance.render.forms.form import form_bytes
from governance.render.handbook import search_records
from governance.render.handbook.build import BuildResult, build_handbook
from governance.render.handbook.downloads import NO_PDF_NOTE, file_size
from governance.render.handbook.project import build_site

TODAY = date(2026, 11, 23)
NO_SOFFICE = "styrdok-ingen-soffice"
EXTERN = """\
id: extern-x
title: Extern rapport
kind: extern
status: in-force
publisher: Socialstyrelsen
"""


def need_soffice() -> None:
    need_tool(
        "LibreOffice (soffice)",
        soffice_path() is not None,
        "apt-get install libreoffice-writer-nogui",
    )


def make_corpus(root: Path) -> Path:
    return write_files(root, {**BASE_FILES, "routines/extern-x.yaml": EXTERN})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    need_soffice()
    root = make_corpus(tmp_path_factory.mktemp("handbok") / "korpus")
    result = build_handbook(root, root / "ut", TODAY, archive=False)
    assert result.errors == [] and result.notes == []
    return root, result


def page(root: Path, path: str) -> str:
    return (root / "ut" / path / "index.html").read_text("utf-8")


def links(html: str) -> list[tuple[str, str]]:
    block = re.search(r'<p class="styrdok-downloads" data-search-exclude>(.*?)</p>', html)
    return re.findall(r'<a href="([^"]+)">([^<]+)</a>', block.group(1)) if block else []


def test_document_pages_offer_word_and_pdf_with_their_size(built: tuple[Path, BuildResult]) -> None:
    root, _ = built
    files = root / "ut" / "nedladdning"
    for doc_id in ("rutin-a", "riktlinje-b"):
        word = (files / f"{doc_id}.docx").stat().st_size
        pdf = (files / f"{doc_id}.pdf").stat().st_size
        assert links(page(root, f"dokument/{doc_id}")) == [
            (
                f"../../nedladdning/{doc_id}.docx",
                f"Ladda ner dokumentet som Word (.docx, {file_size(word)})",
            ),
            (
                f"../../nedladdning/{doc_id}.pdf",
                f"Ladda ner dokumentet som PDF (.pdf, {file_size(pdf)})",
            ),
        ]


def test_the_files_are_the_official_documents(built: tuple[Path, BuildResult]) -> None:
    root, _ = built
    corpus, _ = check(root, TODAY)
    project_files = root / ".styrdok" / "handbook" / "docs" / "nedladdning"
    word = (project_files / "rutin-a.docx").read_bytes()
    assert word == document_docx(corpus, corpus.documents["rutin-a"], TODAY)
    assert (root / "ut" / "nedladdning" / "rutin-a.docx").read_bytes() == word
    first = " ".join(PdfReader(project_files / "rutin-a.pdf").pages[0].extract_text().split())
    assert "Rutin för att förebygga avhysning" in first and "SO 2025/0164" in first


def test_template_pages_offer_the_fillable_form(built: tuple[Path, BuildResult]) -> None:
    root, _ = built
    corpus, _ = check(root, TODAY)
    form = root / "ut" / "nedladdning" / "mall-c.docx"
    assert form.read_bytes() == form_bytes(corpus, "mall-c")
    assert links(page(root, "mallar/mall-c")) == [
        (
            "../../nedladdning/mall-c.docx",
            f"Ladda ner formuläret som Word (.docx, {file_size(form.stat().st_size)})",
        )
    ]
    docx.Document(io.BytesIO(form.read_bytes()))  # opens


def test_documents_of_kinds_that_do_not_govern_have_no_downloads(
    built: tuple[Path, BuildResult],
) -> None:
    root, _ = built
    assert links(page(root, "dokument/extern-x")) == []
    assert sorted(p.name for p in (root / "ut" / "nedladdning").iterdir()) == [
        "mall-c.docx",
        "riktlinje-b.docx",
        "riktlinje-b.pdf",
        "rutin-a.docx",
        "rutin-a.pdf",
    ]


def test_download_links_stay_out_of_the_search_index(built: tuple[Path, BuildResult]) -> None:
    root, _ = built
    corpus, _ = check(root, TODAY)
    texts = " ".join(search_records.pages(corpus, TODAY).values())
    assert "Risk upptäcks" in texts  # the reader's text is indexed
    for label in ("Ladda ner", "Uppgifter om dokumentet", "Dokumentansvarig", "Word"):
        assert label not in texts


def test_plain_mkdocs_builds_the_same_downloads(
    built: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    root, result = built
    assert result.project is not None
    build_site(result.project / "mkdocs.yml", tmp_path / "plain")
    for name in ("rutin-a.pdf", "rutin-a.docx", "mall-c.docx"):
        plain = (tmp_path / "plain" / "nedladdning" / name).read_bytes()
        assert plain == (root / "ut" / "nedladdning" / name).read_bytes()


def test_a_rebuild_takes_unchanged_pdfs_from_the_cache(
    built: tuple[Path, BuildResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "kopia"
    shutil.copytree(built[0], root)
    pdf_before = (root / "ut" / "nedladdning" / "riktlinje-b.pdf").read_bytes()
    monkeypatch.setenv("STYRDOK_SOFFICE", NO_SOFFICE)  # any conversion would now fail
    again = build_handbook(root, root / "ut", TODAY, archive=False)
    assert again.notes == []
    assert (root / "ut" / "nedladdning" / "riktlinje-b.pdf").read_bytes() == pdf_before
    assert (root / "ut" / "nedladdning" / "rutin-a.pdf").is_file()

    edit(root, "routines/rutin-a.yaml", "title: Rutin för att", "title: Ny rutin för att")
    changed = build_handbook(root, root / "ut", TODAY, archive=False)
    assert changed.notes == [NO_PDF_NOTE]
    assert not (root / "ut" / "nedladdning" / "rutin-a.pdf").exists()
    assert [href for href, _ in links(page(root, "dokument/rutin-a"))] == [
        "../../nedladdning/rutin-a.docx"
    ]
    assert (root / "ut" / "nedladdning" / "riktlinje-b.pdf").read_bytes() == pdf_before

    monkeypatch.delenv("STYRDOK_SOFFICE")
    made = build_handbook(root, root / "ut", TODAY, archive=False)
    assert made.notes == []
    first = PdfReader(root / "ut" / "nedladdning" / "rutin-a.pdf").pages[0].extract_text()
    assert "Ny rutin för att förebygga avhysning" in " ".join(first.split())
    assert len(list((root / ".styrdok" / "cache" / "pdf").iterdir())) == 2  # old one pruned


def test_a_linked_documents_new_title_reaches_the_linking_documents_download(
    corpus: Path,
) -> None:
    build_handbook(corpus, corpus / "ut", TODAY, pdf=False, archive=False)
    edit(
        corpus,
        "routines/riktlinje/riktlinje-b.yaml",
        "title: Riktlinje för",
        "title: Ny riktlinje för",
    )
    build_handbook(corpus, corpus / "ut", TODAY, pdf=False, archive=False)
    word = docx.Document(str(corpus / "ut" / "nedladdning" / "rutin-a.docx"))
    assert "Ny riktlinje för bistånd till boende (Riktlinje, gällande)" in [
        p.text for p in word.paragraphs
    ]
    cached = list((corpus / ".styrdok" / "cache" / "docx").iterdir())
    assert len(cached) == 2  # rutin-a and riktlinje-b as they are now; the old ones pruned


def test_without_soffice_the_build_succeeds_with_word_only_and_one_note(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STYRDOK_SOFFICE", NO_SOFFICE)
    result = build_handbook(corpus, corpus / "ut", TODAY, archive=False)
    assert result.errors == [] and result.notes == [NO_PDF_NOTE]
    shown = links(page(corpus, "dokument/rutin-a"))
    assert [href for href, _ in shown] == ["../../nedladdning/rutin-a.docx"]
    assert not list((corpus / "ut" / "nedladdning").glob("*.pdf"))


def test_pdf_and_downloads_can_be_left_out(corpus: Path) -> None:
    word_only = build_handbook(corpus, corpus / "ut", TODAY, pdf=False, archive=False)
    assert word_only.notes == []
    assert [p.suffix for p in (corpus / "ut" / "nedladdning").iterdir()] == [".docx"] * 3
    assert not (corpus / ".styrdok" / "cache" / "pdf").exists()
    build_handbook(corpus, corpus / "ut2", TODAY, downloads=False, archive=False)
    assert not (corpus / "ut2" / "nedladdning").exists()
    assert "styrdok-downloads" not in (
        corpus / "ut2" / "dokument" / "rutin-a" / "index.html"
    ).read_text("utf-8")


def test_one_libreoffice_run_converts_many_and_skips_a_broken_file(
    tmp_path: Path, soffice: str
) -> None:
    corpus_root = write_files(tmp_path / "k", dict(BASE_FILES))
    corpus, _ = check(corpus_root, TODAY)
    good = document_docx(corpus, corpus.documents["rutin-a"], TODAY)
    made = pdf_many({"bra": good, "trasig": b"PK\x03\x04 inte en docx"})
    assert list(made) == ["bra"]
    assert made["bra"].startswith(b"%PDF")


@pytest.mark.parametrize(
    ("size", "shown"),
    [(400, "1 kB"), (38_400, "38 kB"), (999_499, "999 kB"), (1_234_567, "1,2 MB")],
)
def test_file_sizes_are_written_the_swedish_way(size: int, shown: str) -> None:
    assert file_size(size) == shown
