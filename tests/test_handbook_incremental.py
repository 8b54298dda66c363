"""Incremental builds: after each kind of change, ``styrdok build`` rebuilds only what the
change touches, and the site is byte for byte the one a clean build of the same corpus
gives (pages, downloads, search index, sitemap)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, edit, write_files

from governance.errors import ToolError
from governance.render.handbook import incremental, output, project, ready, warm
from governance.render.handbook.build import build_handbook
from governance.render.handbook.incremental import SITE_CACHE

EXTERN = """\
# yaml-language-server: $schema=../schema/document.schema.json
id: extern-d
title: Kartläggning av hemlösheten
kind: extern
status: in-force
publisher: Grannkommunen
summary: Grannkommunens kartläggning av hemlösheten.
"""


def _retire(root: Path) -> None:
    edit(root, "routines/riktlinje/riktlinje-b.yaml", "status: in-force", "status: retired")
    path = root / "routines/riktlinje/riktlinje-b.yaml"
    path.write_text(
        path.read_text("utf-8") + "retirement:\n  date: 2026-11-01\n  reason: Ersatt.\n", "utf-8"
    )


def _rename(root: Path) -> None:
    (root / "routines/extern-d.yaml").rename(root / "routines/extern-e.yaml")
    edit(root, "routines/extern-e.yaml", "id: extern-d", "id: extern-e")


CHANGES: dict[str, Callable[[Path], None]] = {
    "title": lambda root: edit(
        root, "routines/rutin-a.yaml", "title: Rutin för", "title: Ny rutin för"
    ),
    "link": lambda root: edit(
        root,
        "routines/riktlinje/riktlinje-b.yaml",
        "owner: processledare",
        "owner: processledare\nlinks: [extern-d]",
    ),
    "retire": _retire,
    "rename": _rename,
    "delete": lambda root: (root / "routines/extern-d.yaml").unlink(),
    "config": lambda root: edit(root, "styrdok.yaml", "Testkommunen", "Testkommunen Norra"),
}


def _build(root: Path, *, clean: bool = False) -> Path:
    result = build_handbook(root, root / "ut", TODAY, pdf=False, clean=clean)
    assert result.errors == [], result.errors
    return root / "ut"


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("change", list(CHANGES))
def test_incremental_build_equals_a_clean_build(corpus: Path, tmp_path: Path, change: str) -> None:
    # Two external documents, so that deleting one leaves the kind (and the navigation).
    other = EXTERN.replace("extern-d", "extern-f").replace("Kartläggning", "Uppföljning")
    write_files(corpus, {"routines/extern-d.yaml": EXTERN, "routines/extern-f.yaml": other})
    _build(corpus)
    untouched = corpus / SITE_CACHE / "tillganglighet" / "index.html"
    before = untouched.stat().st_mtime_ns
    CHANGES[change](corpus)
    incremental = _tree(_build(corpus))

    fresh = tmp_path / "fresh"
    shutil.copytree(corpus, fresh, ignore=shutil.ignore_patterns(".styrdok", "ut"))
    clean = _tree(_build(fresh, clean=True))

    assert sorted(incremental) == sorted(clean)
    different = [name for name in clean if incremental[name] != clean[name]]
    assert different == []
    rebuilt = untouched.stat().st_mtime_ns != before
    # Only a change to what every page shows (styrdok.yaml: the site's name) rebuilds the
    # accessibility statement, which shows nothing of the documents.
    assert rebuilt == (change == "config")


def test_a_deleted_document_leaves_no_page_behind(corpus: Path) -> None:
    write_files(corpus, {"routines/extern-d.yaml": EXTERN})
    out = _build(corpus)
    assert (out / "dokument" / "extern-d" / "index.html").is_file()
    (corpus / "routines/extern-d.yaml").unlink()
    _build(corpus)
    assert not (out / "dokument" / "extern-d").exists()
    assert not (corpus / SITE_CACHE / "dokument" / "extern-d").exists()


def test_a_change_of_pages_only_renders_them_and_a_warning_still_stops_the_build(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A change that leaves the same pages (a title) renders the written pages straight
    from MkDocs' state (made ready on the other core, governance.render.handbook.ready),
    without MkDocs' dirty build and its walk over every file; a page MkDocs warns about
    still stops the build, with MkDocs' message and the corpus file."""
    _build(corpus)
    dirty: list[bool] = []
    real = project.build_site

    def watched(*args: Any, **kwargs: Any) -> None:
        dirty.append(kwargs.get("dirty", False))
        real(*args, **kwargs)

    monkeypatch.setattr(incremental, "build_site", watched)
    CHANGES["title"](corpus)
    _build(corpus)
    assert dirty == []
    page = corpus / "ut" / "dokument" / "rutin-a" / "index.html"
    assert "Ny rutin för" in page.read_text("utf-8")
    assert "main.html" in (corpus / ".styrdok" / ready.TEMPLATES).read_text("utf-8")
    broken = "Se [bilagan](finns-inte.md). Rutinen gäller när hyresvärden"
    edit(corpus, "routines/rutin-a.yaml", "Rutinen gäller när hyresvärden", broken)
    with pytest.raises(ToolError) as raised:
        _build(corpus)
    assert dirty == [True]
    assert "finns-inte.md" in str(raised.value) and "routines/rutin-a.yaml" in str(raised.value)


def test_the_written_pages_are_rendered_here_when_the_project_changed_meanwhile(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MkDocs made ready before the build wrote the project is not used for a project
    whose fingerprint is not the one it read: the build renders the pages itself."""
    _build(corpus)
    here: list[bool] = []
    real = incremental.render_written

    def watched(*args: Any) -> bool:
        here.append(real(*args))
        return here[-1]

    monkeypatch.setattr(incremental, "render_written", watched)
    told = ready.Ready.render

    def other_fingerprint(self: ready.Ready, changes: Any, fingerprint: str) -> bool | None:
        return told(self, changes, "ett annat fingeravtryck")

    monkeypatch.setattr(ready.Ready, "render", other_fingerprint)
    CHANGES["title"](corpus)
    _build(corpus)
    assert here == [True]
    page = corpus / "ut" / "dokument" / "rutin-a" / "index.html"
    assert "Ny rutin för" in page.read_text("utf-8")


def test_an_incremental_build_from_the_corpus_folder_updates_the_page(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``styrdok build`` run in the corpus folder (a relative root, the default): the
    rebuilt page reaches the site, not a folder beside the generated project."""
    monkeypatch.chdir(corpus)
    build_handbook(Path("."), Path("ut"), TODAY, pdf=False)
    CHANGES["title"](corpus)
    build_handbook(Path("."), Path("ut"), TODAY, pdf=False)
    page = (corpus / "ut" / "dokument" / "rutin-a" / "index.html").read_text("utf-8")
    assert "Ny rutin för" in page
    assert not (corpus / ".styrdok" / "handbook" / ".styrdok").exists()


@pytest.mark.parametrize("listed", ['{"main.html": 1}', '["../../../../etc/passwd", 5]', "[["])
def test_a_damaged_list_of_templates_is_ignored(corpus: Path, listed: str) -> None:
    """.styrdok/mallar.json holds only names of the theme's templates to compile ahead; a
    damaged one, or one naming files outside the theme, changes nothing and is replaced."""
    _build(corpus)
    (corpus / ".styrdok" / ready.TEMPLATES).write_text(listed, "utf-8")
    CHANGES["title"](corpus)
    out = _build(corpus)
    assert "Ny rutin för" in (out / "dokument" / "rutin-a" / "index.html").read_text("utf-8")
    assert "main.html" in (corpus / ".styrdok" / ready.TEMPLATES).read_text("utf-8")


def test_files_listed_before_the_write_are_brought_up_to_date(corpus: Path) -> None:
    """The child made ready lists docs/ before the build writes it; told what was written
    and deleted, it lists what a new walk of docs/ would (a new file of the search index
    included, a removed one gone, a hidden file excluded as MkDocs excludes it), and hands
    back to a new walk a page that came or went, or a file in the theme's place."""
    _build(corpus)
    config_file = corpus / ".styrdok" / "handbook" / "mkdocs.yml"
    docs = config_file.parent / "docs"
    site = (corpus / SITE_CACHE).resolve()

    def listed() -> warm.Site:
        state = warm.configure(config_file, site, "x")
        warm.theme_files(state)
        warm.gather(state, serve=False)
        return state

    state = listed()
    gone = next(p for p in sorted((docs / "sok" / "ord").iterdir()))
    gone_name = gone.relative_to(docs).as_posix()
    gone.unlink()
    write_files(docs, {"sok/ord/ny.sok": b"x", "sok/.dold": b"x"})
    assert warm.refresh(state, ["sok/ord/ny.sok", "sok/.dold", "register.md"], [gone_name])
    walked = listed()
    assert sorted(f.src_uri for f in state.files) == sorted(f.src_uri for f in walked.files)
    for file in walked.files:
        assert state.files.get_file_from_path(file.src_uri).inclusion == file.inclusion
    assert not warm.refresh(listed(), ["dokument/ny-sida.md"], [])
    assert not warm.refresh(listed(), [], ["register.md"])
    theme_file = next(f.src_uri for f in walked.theme or [] if not f.src_uri.endswith(".html"))
    assert not warm.refresh(listed(), [theme_file], [])


def test_pages_rendered_by_the_helper_are_the_same_and_a_warning_there_stops_the_build(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The written pages rendered in the forked helper (here: all of them) are the pages
    a clean build makes, the templates it compiled are listed for the next build, and a
    page it warns about stops the build as one rendered here does."""
    monkeypatch.setattr(incremental, "_halves", lambda pages: ([], list(pages)))
    monkeypatch.setattr(incremental, "SPLIT_FROM", 1)
    _build(corpus)
    CHANGES["title"](corpus)
    built = _tree(_build(corpus))
    fresh = tmp_path / "fresh"
    shutil.copytree(corpus, fresh, ignore=shutil.ignore_patterns(".styrdok", "ut"))
    assert built == _tree(_build(fresh, clean=True))
    assert "main.html" in (corpus / ".styrdok" / ready.TEMPLATES).read_text("utf-8")
    edit(
        corpus,
        "routines/rutin-a.yaml",
        "Rutinen gäller när",
        "Se [x](finns-inte.md). Rutinen gäller när",
    )
    with pytest.raises(ToolError, match="finns-inte.md"):
        _build(corpus)


def test_the_handbook_replaced_is_left_as_it_was(corpus: Path) -> None:
    """The first build after the first starts from hard links to the published handbook
    (output.staging); publishing the new one changes none of the old one's files, which
    is kept as the next build's starting point."""
    out = _build(corpus)
    before = _tree(out)
    CHANGES["title"](corpus)
    after = _tree(_build(corpus))
    assert after != before and "Ny rutin för" in after["dokument/rutin-a/index.html"].decode()
    assert _tree(corpus / output.SPARE) == before
    same = "tillganglighet/index.html"  # not changed: the new handbook links the old file
    assert (out / same).stat().st_ino == (corpus / output.SPARE / same).stat().st_ino
