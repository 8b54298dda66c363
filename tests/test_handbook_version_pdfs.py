"""Each archived version's official PDF, in PDF/A, linked from its version page: made with
the build's PDFs (not without them) and cached, from a corpus with a real git history."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import BASE_FILES, need_tool, run, write_files
from helpers import commit_all, git
from helpers.history import edit_text
from pypdf import PdfReader

from governance.office import soffice_path
from governance.render.handbook.build import BuildResult, build_handbook

TODAY = date(2026, 11, 23)
ID = "rutin-a"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """rutin-a decided as 1.0, then revised as 1.1 with a new word, one commit each."""
    need_tool(
        "LibreOffice (soffice)",
        soffice_path() is not None,
        "apt-get install libreoffice-writer-nogui",
    )
    root = write_files(tmp_path_factory.mktemp("pdfa") / "korpus", dict(BASE_FILES))
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Korpusen", day="2026-01-10")
    edit_text(root / "routines" / f"{ID}.yaml", "skickar en underrättelse", "skickar ett brev")
    result = run(
        "revise", ID, "--summary", "Tydligare.", "--date", "2026-06-01", "--root", str(root),
        "--today=2026-06-01",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    commit_all(root, "Version 1.1", day="2026-06-01")
    built = build_handbook(root, root / "ut", TODAY)
    assert built.errors == [] and built.notes == [], built.notes
    return root, built


def _pdf_link(root: Path, version: str) -> str:
    page = root / "ut" / "dokument" / ID / "version" / version / "index.html"
    found = re.search(r'<a href="([^"]+\.pdf)">([^<]+)</a>', page.read_text("utf-8"))
    assert found, f"version {version} links no PDF"
    href, label = found.groups()
    assert label.startswith("Ladda ner dokumentet som PDF/A för arkivet (.pdf, ")
    return href


@pytest.mark.parametrize(
    ("version", "said", "not_said"),
    [("1.0", "skickar en underrättelse", "skickar ett brev"), ("1.1", "skickar ett brev", None)],
)
def test_each_version_page_links_its_pdf_a(
    built: tuple[Path, BuildResult], version: str, said: str, not_said: str | None
) -> None:
    import pikepdf

    root, _ = built
    href = _pdf_link(root, version)
    assert href == f"../../../../nedladdning/version/{ID}-version-{version}.pdf"
    path = (root / "ut" / "dokument" / ID / "version" / version / href).resolve()
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2B"  # the PDF/A identification, read back
        assert str(meta.get("dc:title")).endswith(f"avhysning – version {version}")
        assert pdf.Root.MarkInfo.Marked and "/StructTreeRoot" in pdf.Root  # tagged
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages)
    assert said in text
    assert not_said is None or not_said not in text


def test_unchanged_versions_are_not_converted_again(
    built: tuple[Path, BuildResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from governance.render.handbook import version_pdfs

    root, _ = built
    copy = tmp_path / "kopia"
    shutil.copytree(root, copy, symlinks=True)
    converted: list[str] = []
    real = version_pdfs.pdf_many  # type: ignore[attr-defined]

    def counting(docs: dict[str, bytes], *args: Any, **kwargs: Any) -> dict[str, bytes]:
        converted.extend(docs)
        return real(docs, *args, **kwargs)

    monkeypatch.setattr(version_pdfs, "pdf_many", counting)
    assert build_handbook(copy, copy / "ut", TODAY).errors == []
    assert converted == []
    assert _pdf_link(copy, "1.0").endswith(f"{ID}-version-1.0.pdf")


def test_no_version_pdfs_without_the_builds_pdfs(
    built: tuple[Path, BuildResult], tmp_path: Path
) -> None:
    root, _ = built
    copy = tmp_path / "kopia"
    shutil.copytree(root, copy, symlinks=True)
    shutil.rmtree(copy / ".styrdok" / "archive" / "pdf")
    assert build_handbook(copy, copy / "ut", TODAY, pdf=False).errors == []
    assert not (copy / "ut" / "nedladdning" / "version").exists()
    assert not (copy / ".styrdok" / "archive" / "pdf").exists()  # nothing was converted
    page = copy / "ut" / "dokument" / ID / "version" / "1.0" / "index.html"
    assert ".pdf" not in page.read_text("utf-8")
