"""The version archive in the handbook, from a corpus with a real git history made here:
version pages with their banners and text as it was, "Vad ändrades", "Tidigare versioner",
and in Chromium: no request to another host, nothing for axe."""

from __future__ import annotations

import gzip
import json
import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from conftest import REPO, run
from helpers import commit_all, copy_example, git
from helpers.browser import static_server
from helpers.history import EVICTION, as_decided_in_2022, edit_text

from governance.archive.gitlog import NO_GIT
from governance.render.handbook.build import build_handbook

ID = "rutin-forebygga-avhysning"
TODAY = date(2026, 11, 23)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example corpus with a history: the eviction routine decided in 2022 (1.0), a
    minor revision (1.1) and a new decision (2.0), one commit each."""
    root = copy_example(tmp_path_factory.mktemp("historik"))
    shutil.copytree(REPO / "site", root / "site")
    as_decided_in_2022(root / EVICTION)
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Exempelkorpusen", day="2022-02-10")
    path = root / EVICTION
    edit_text(path, "Den beskriver roller, ansvar", "Den beskriver roller, plikter")
    edit_text(path, "  - samordnad plan\n", "  - samordnad plan\n  - anmodan om rättelse\n")
    result = run(
        "revise",
        ID,
        "--summary",
        "Orden förtydligade.",
        "--date",
        "2024-02-06",
        "--root",
        str(root),
        "--today=2024-02-06",
    )
    assert result.exit_code == 0, result.output
    commit_all(root, "Version 1.1", day="2024-02-06")
    edit_text(path, "Målet är att samverkan", "Målet är att en god samverkan")
    edit_text(path, "Den beskriver roller, plikter", "Den beskriver plikter")
    result = run(
        "revise",
        ID,
        "--summary",
        "Ny version.",
        "--major",
        "--decision-date",
        "2026-11-15",
        "--paragraph",
        "§ 7",
        "--root",
        str(root),
        "--today=2026-11-15",
    )
    assert result.exit_code == 0, result.output
    commit_all(root, "Version 2.0", day="2026-11-16")
    return root


@pytest.fixture(scope="module")
def site(corpus: Path) -> Path:
    result = build_handbook(corpus, corpus / "out", TODAY, downloads=False)
    assert result.errors == []
    assert NO_GIT not in result.notes
    return corpus / "out"


def _page(site: Path, version: str) -> str:
    return (site / "dokument" / ID / "version" / version / "index.html").read_text("utf-8")


def test_each_version_has_its_page_with_the_text_as_it_was(site: Path) -> None:
    first, second = _page(site, "1.0"), _page(site, "1.1")
    assert "Version 1.0 – gällde från 2022-02-15 till 2024-02-05, ersatt av version 1.1." in first
    assert "Version 1.1 – gällde från 2024-02-06 till 2026-11-14, ersatt av version 2.0." in second
    assert "Arkiverad version – gäller inte" in first
    assert "Den beskriver roller, ansvar" in first
    assert "Den beskriver roller, plikter" in second
    current = _page(site, "2.0")
    assert "Version 2.0 – gäller sedan 2026-11-15. Det är den gällande versionen." in current
    assert "Arkiverad version" not in current


def _fragment_url(path: Path) -> str:
    """The page a search result file (gzip-compressed JSON) is the record of."""
    url: str = json.loads(gzip.decompress(path.read_bytes()))["url"]
    return url


def test_version_pages_are_kept_out_of_search_and_search_engines(site: Path) -> None:
    text = _page(site, "1.0")
    assert '<meta name="robots" content="noindex, nofollow">' in text
    assert 'data-pagefind-ignore="all"' in text
    urls = [_fragment_url(f) for f in (site / "sok" / "sida").iterdir()]
    assert f"dokument/{ID}/" in urls  # the current page is in the search index …
    assert not [u for u in urls if "/version/" in u]  # … and no version page is
    current = (site / "dokument" / ID / "index.html").read_text("utf-8")
    assert "noindex" not in current and "data-pagefind-ignore" not in current


def test_the_document_page_lists_the_earlier_versions(site: Path) -> None:
    text = (site / "dokument" / ID / "index.html").read_text("utf-8")
    assert "Tidigare versioner" in text
    assert 'href="version/1.1/"' in text and 'href="version/1.0/"' in text
    assert text.index('href="version/1.1/"') < text.index('href="version/1.0/"')
    assert "gällde 2022-02-15 – 2024-02-05 (ersatt av version 1.1)" in text


def test_redline_marks_inserted_and_deleted_words_and_changed_fields(site: Path) -> None:
    second = _page(site, "1.1")
    assert '<del><span class="styrdok-sr">Borttaget: </span>ansvar</del>' in second
    assert '<ins><span class="styrdok-sr">Tillagt: </span>plikter</ins>' in second
    assert "<ins>Tillagt: anmodan om rättelse</ins>" in second  # tags, a metadata field
    third = _page(site, "2.0")
    assert '<ins><span class="styrdok-sr">Tillagt: </span> en god</ins>' in third
    assert (
        '<th scope="row">Beslut: Beslutsdatum</th>'
        "<td><del>2022-02-02</del></td><td><ins>2026-11-15</ins></td>"
    ) in third
    assert "Det här är den första versionen i arkivet." in _page(site, "1.0")


def test_a_corpus_without_git_builds_with_the_note(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    result = build_handbook(root, tmp_path / "out", TODAY, downloads=False)
    assert result.errors == [] and result.notes == [NO_GIT]
    assert not (tmp_path / "out" / "dokument" / ID / "version").exists()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A fresh page; after the test, every request it made must have gone to the server."""
    context = browser.new_context()
    opened = context.new_page()
    hosts: set[str] = set()
    context.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    yield opened
    context.close()
    assert hosts <= {urlparse(server).netloc}, f"requests to other hosts: {hosts}"


def _axe(page: Any) -> list[dict[str, Any]]:
    from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]

    return list(Axe().run(page).response["violations"])


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with static_server(site) as address:
        yield address


@pytest.mark.parametrize("version", ["1.0", "1.1", "2.0"])
def test_version_pages_are_axe_clean_and_local(page: Any, server: str, version: str) -> None:  # noqa: F811
    page.goto(f"{server}/dokument/{ID}/version/{version}/")
    assert page.locator("h1").count() == 1
    violations = _axe(page)
    assert [(v["id"], v["nodes"][0]["target"]) for v in violations] == []
    page.set_viewport_size({"width": 320, "height": 800})
    assert [(v["id"], v["nodes"][0]["target"]) for v in _axe(page)] == []


def test_redline_labels_are_read_but_not_seen(page: Any, server: str) -> None:  # noqa: F811
    page.goto(f"{server}/dokument/{ID}/version/1.1/#vad-andrades")
    label = page.locator("ins .styrdok-sr").first
    assert label.inner_text().strip() == "Tillagt:"
    assert label.bounding_box()["width"] <= 1
    style = page.locator("del").first.evaluate("e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in style


def test_the_feed_parses_and_links_the_revision_to_its_redline(site: Path) -> None:
    import feedparser  # type: ignore[import-untyped]

    feed = feedparser.parse((site / "flode" / "alla.xml").read_bytes())
    assert feed.bozo == 0, feed.bozo_exception
    assert feed.version == "atom10"
    titles = [e.title for e in feed.entries]
    newest = feed.entries[0]
    assert newest.title.startswith("Beslutad: Rutin för samverkan")  # 2.0, 2026-11-15
    assert newest.link == f"../dokument/{ID}/version/2.0/#vad-andrades"
    revision = next(e for e in feed.entries if "Orden förtydligade." in e.summary)
    assert revision.title.startswith("Reviderad: Rutin för samverkan")
    assert revision.link == f"../dokument/{ID}/version/1.1/#vad-andrades"
    assert revision.updated.startswith("2024-02-06")
    assert len(titles) == len(set(e.id for e in feed.entries))
    unit = feedparser.parse((site / "flode" / "forvaltning" / "ffs.xml").read_bytes())
    assert unit.bozo == 0 and any("Orden förtydligade." in e.summary for e in unit.entries)
    assert unit.entries[0].link == f"../../dokument/{ID}/version/2.0/#vad-andrades"
    other = feedparser.parse(
        (site / "flode" / "forvaltning" / "fastighetskontoret.xml").read_bytes()
    )
    assert other.bozo == 0 and not any("Orden förtydligade." in e.summary for e in other.entries)
    role = feedparser.parse((site / "flode" / "roll" / "socialsekreterare.xml").read_bytes())
    assert any("Orden förtydligade." in e.summary for e in role.entries)


def test_latest_changes_newest_first_filtered_by_unit_and_role(page: Any, server: str) -> None:  # noqa: F811
    page.goto(f"{server}/andringar/")
    items = page.locator(".styrdok-changes > li")
    days = [d for d in items.locator("time").evaluate_all("ts => ts.map(t => t.dateTime)")]
    assert days == sorted(days, reverse=True) and days[0] == "2026-11-15"
    assert [(v["id"], v["nodes"][0]["target"]) for v in _axe(page)] == []
    page.select_option("#styrdok-changes-forvaltning", "fastighetskontoret")
    shown = page.locator(".styrdok-changes > li:not([hidden])")
    assert 0 < shown.count() < items.count()
    assert not any("Orden förtydligade" in t for t in shown.all_inner_texts())
    page.select_option("#styrdok-changes-forvaltning", "")
    page.select_option("#styrdok-changes-roll", "socialsekreterare")  # and by role
    roles = shown.evaluate_all("lis => lis.map(li => li.dataset.roll.split(' '))")
    assert roles and all("socialsekreterare" in r for r in roles)
    assert len(roles) < items.count()
    assert any("Orden förtydligade" in t for t in shown.all_inner_texts())
    page.select_option("#styrdok-changes-roll", "")
    assert shown.count() == items.count()
    page.locator(".styrdok-changes > li", has_text="Orden förtydligade").locator("a").click()
    page.wait_for_url(f"**/dokument/{ID}/version/1.1/#vad-andrades")
    assert page.locator("#vad-andrades").is_visible()


def _copy(corpus: Path, tmp_path: Path) -> Path:
    """A copy of the built corpus (with its .styrdok/ caches) to build again."""
    copy = tmp_path / "kopia"
    shutil.copytree(corpus, copy, symlinks=True)
    return copy


def _converted_here(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The version pages this process converts from now on (their docs/ paths)."""
    from governance.render.handbook import archive_html

    made: list[str] = []
    real = archive_html._Renderer.page

    def counting(self: Any, path: str, markdown: str) -> str:
        made.append(path)
        return str(real(self, path, markdown))

    monkeypatch.setattr(archive_html._Renderer, "page", counting)
    return made


def _built_again_the_same(copy: Path, out: Path, site: Path, versions: tuple[str, ...]) -> None:
    """Build ``copy`` into ``out``: each of ``versions``' pages is the first build's."""
    assert build_handbook(copy, out, TODAY, downloads=False).errors == []
    for version in versions:
        page = out / "dokument" / ID / "version" / version / "index.html"
        assert page.read_text("utf-8") == _page(site, version), version


def test_unchanged_versions_are_not_rendered_again(
    site: Path, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from governance.render.handbook import versions

    copy = _copy(corpus, tmp_path)
    rendered: list[str] = []
    real = versions.version_page

    def counting(corpus: Any, found: Any, index: int, *args: Any) -> str:
        rendered.append(found[index].version)
        return str(real(corpus, found, index, *args))

    monkeypatch.setattr(versions, "version_page", counting)
    assert build_handbook(copy, tmp_path / "ut", TODAY, downloads=False).errors == []
    assert rendered == []  # every version page came from the cache
    edit_text(copy / EVICTION, "Målet är att en god samverkan", "Målet är att samverkan")
    result = run(
        "revise",
        ID,
        "--summary",
        "Språket.",
        "--date",
        "2026-11-20",
        "--root",
        str(copy),
        "--today=2026-11-20",
    )
    assert result.exit_code == 0, result.output
    commit_all(copy, "Version 2.1", day="2026-11-20")
    assert build_handbook(copy, tmp_path / "ut", TODAY, downloads=False).errors == []
    assert sorted(rendered) == ["2.0", "2.1"]  # the new one, and 2.0 now has an end
    html = (tmp_path / "ut" / "dokument" / ID / "version" / "2.0" / "index.html").read_text()
    assert "gällde från 2026-11-15 till 2026-11-19, ersatt av version 2.1" in html


def test_version_pages_are_the_pages_mkdocs_makes_of_the_project(
    site: Path, corpus: Path, tmp_path: Path
) -> None:
    """The version pages are set into the theme outside MkDocs' page loop (cached); the
    generated project still holds them, and MkDocs, told to build them too, makes the same
    pages byte for byte."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = corpus / ".styrdok" / "handbook" / "mkdocs.yml"
    assert "dokument/*/version/" in project.read_text("utf-8")
    config = load_config(str(project), site_dir=str(tmp_path / "mkdocs"), exclude_docs="")
    build(config)
    for version in ("1.0", "1.1", "2.0"):
        made = tmp_path / "mkdocs" / "dokument" / ID / "version" / version / "index.html"
        assert made.read_text("utf-8") == _page(site, version), version


def test_version_pages_come_from_the_cache_when_unchanged(
    site: Path, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:

    copy = _copy(corpus, tmp_path)
    shutil.rmtree(copy / ".styrdok" / "site")  # a cold build: MkDocs renders everything …
    made = _converted_here(monkeypatch)
    _built_again_the_same(copy, tmp_path / "ut", site, ("1.0",))
    assert made == []  # … but no version page is converted again


def test_version_pages_made_in_workers_are_the_same(
    site: Path, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large archive is rendered in forked workers (governance.workers): the same pages."""
    from governance.render.handbook import archive_html, versions

    copy = _copy(corpus, tmp_path)
    shutil.rmtree(copy / ".styrdok")
    monkeypatch.setattr(archive_html, "PARALLEL_FROM", 1)
    monkeypatch.setattr(versions, "PARALLEL_FROM", 1)
    _built_again_the_same(copy, tmp_path / "ut", site, ("1.0", "1.1", "2.0"))


def test_a_kept_theme_shell_gives_the_same_pages(
    site: Path, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from governance.render.handbook import archive_html

    copy = _copy(corpus, tmp_path)
    shutil.rmtree(copy / ".styrdok" / "archive" / "html")  # every page converted again …
    assert (copy / ".styrdok" / "archive" / "skal.json").is_file()

    def no_theme(self: Any) -> Any:
        raise AssertionError("the theme was rendered although its shell was kept")

    monkeypatch.setattr(archive_html._Renderer, "_shell", no_theme)
    _built_again_the_same(
        copy, tmp_path / "ut", site, ("1.0", "1.1", "2.0")
    )  # … into the kept shell


def test_a_broken_link_on_a_version_page_stops_every_build(
    site: Path, corpus: Path, tmp_path: Path
) -> None:
    """As MkDocs' strict build, and a page with a broken link is not cached (so the next
    build says so again)."""
    from governance.errors import ToolError
    from governance.render.handbook import archive_html

    project = corpus / ".styrdok" / "handbook" / "mkdocs.yml"
    page = "---\ntitle: X\n---\n\n# X\n\n## Avsnitt\n\nSe [den](finns-inte.md).\n"
    for _ in range(2):
        with pytest.raises(ToolError, match="finns-inte.md"):
            archive_html.write(
                project, tmp_path / "site", tmp_path, {"dokument/x/version/1.0.md": page}
            )
    assert not list((tmp_path / archive_html.HTML_CACHE).glob("*.html"))


def test_a_changed_version_page_in_the_build_folder_is_written_again(
    site: Path, corpus: Path, tmp_path: Path
) -> None:
    """An unchanged version page's file is left alone (skrivna.pickle names it), but not one
    that is no longer the file written."""
    copy = _copy(corpus, tmp_path)
    built = copy / ".styrdok" / "site" / "dokument" / ID / "version" / "1.0" / "index.html"
    built.unlink()
    built.write_text("ändrad", "utf-8")
    _built_again_the_same(copy, tmp_path / "ut", site, ("1.0",))


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _retitle(root: Path) -> None:
    """A document the eviction routine links to (in every version) gets a new title."""
    path = root / "routines" / "riktlinje-bistand-till-boende.yaml"
    edit_text(path, "riktlinje för bistånd till boende", "riktlinje om bistånd till boende")


def _revise(root: Path) -> None:
    """A new version of the routine: the page of 2.0 gets an end, 2.1 a page."""
    edit_text(root / EVICTION, "Målet är att en god samverkan", "Målet är att samverkan")
    result = run("revise", ID, "--summary", "Språket.", "--date", "2026-11-20", "--root", str(root))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("change", [_retitle, _revise])
def test_a_rebuild_after_a_commit_equals_a_clean_build(
    site: Path, corpus: Path, tmp_path: Path, change: Any
) -> None:
    """The archive's caches of the last build (versions, page keys, pages left in place)
    give the site a build without them gives, whichever document a commit changes."""
    copy = _copy(corpus, tmp_path)
    change(copy)
    commit_all(copy, "Ändring", day="2026-11-21")
    assert build_handbook(copy, copy / "out", TODAY, downloads=False).errors == []
    fresh = tmp_path / "ny"
    shutil.copytree(copy, fresh, symlinks=True, ignore=shutil.ignore_patterns(".styrdok", "out"))
    assert build_handbook(fresh, fresh / "out", TODAY, downloads=False, clean=True).errors == []
    rebuilt, clean = _tree(copy / "out"), _tree(fresh / "out")
    assert sorted(rebuilt) == sorted(clean)
    assert [name for name in clean if rebuilt[name] != clean[name]] == []
    if change is _retitle:  # the version pages show the linked document's new title
        assert "riktlinje om bistånd till boende" in _page(copy / "out", "1.0")


@pytest.mark.parametrize("child_fails", [False, True])
def test_the_version_pages_of_a_rebuild_are_converted_by_the_child_made_ready(
    site: Path, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, child_fails: bool
) -> None:
    """A rebuild's few new version pages are converted by the child made ready for MkDocs
    (governance.render.handbook.ready), which has MkDocs' configuration read already: none
    here. When that child cannot convert them, this process does: the same handbook."""
    from governance.render.handbook import archive_html

    copy = _copy(corpus, tmp_path)
    _revise(copy)
    commit_all(copy, "Ändring", day="2026-11-21")

    def failing(*args: Any) -> None:
        raise RuntimeError("trasig")

    monkeypatch.setattr(archive_html, "_convert_apart", failing)  # no child of its own
    if child_fails:  # the child made ready is forked from this process: it fails as well
        monkeypatch.setattr(archive_html, "convert_handed", failing)
    here = _converted_here(monkeypatch)
    assert build_handbook(copy, copy / "out", TODAY, downloads=False).errors == []
    new = [f"dokument/{ID}/version/{v}.md" for v in ("2.0", "2.1")]  # 2.0 got an end
    assert sorted(here) == (new if child_fails else [])
    fresh = tmp_path / "ny"
    shutil.copytree(copy, fresh, symlinks=True, ignore=shutil.ignore_patterns(".styrdok", "out"))
    monkeypatch.undo()
    assert build_handbook(fresh, fresh / "out", TODAY, downloads=False, clean=True).errors == []
    for version in ("2.0", "2.1"):
        assert _page(copy / "out", version) == _page(fresh / "out", version), version


def test_a_changed_version_page_in_the_project_is_made_again(
    site: Path, corpus: Path, tmp_path: Path
) -> None:
    """A version page's Markdown left in the generated project is taken as it is only when
    it is the text made for its version (by its digest): one changed there is made again."""
    copy = _copy(corpus, tmp_path)
    page = copy / ".styrdok" / "handbook" / "docs" / "dokument" / ID / "version" / "1.0.md"
    made = page.read_text("utf-8")
    page.write_text(made.replace("Arkiverad version", "Ändrad version"), "utf-8")
    _built_again_the_same(copy, tmp_path / "ut", site, ("1.0", "1.1", "2.0"))
    assert page.read_text("utf-8") == made


def test_the_published_handbook_follows_its_version_pages_build_after_build(
    site: Path, corpus: Path, tmp_path: Path
) -> None:
    """The published copy starts from the handbook the last build replaced and fills in
    the version pages page by page: after a new version, a linked document's new title and
    a history rewritten back (version 2.1 gone), each published handbook is the one a
    clean build publishes."""
    copy = _copy(corpus, tmp_path)
    (copy / ".gitignore").write_text(".styrdok/\nout/\n", "utf-8")  # not committed below
    steps: list[Any] = [_revise, _retitle, "reset"]
    for n, step in enumerate(steps):
        if step == "reset":
            git(copy, "reset", "-q", "--hard", "HEAD~2")
        else:
            step(copy)
            commit_all(copy, f"Ändring {n}", day="2026-11-21")
        assert build_handbook(copy, copy / "out", TODAY, downloads=False).errors == []
        fresh = tmp_path / f"ny{n}"
        shutil.copytree(
            copy, fresh, symlinks=True, ignore=shutil.ignore_patterns(".styrdok", "out")
        )
        assert build_handbook(fresh, fresh / "out", TODAY, downloads=False, clean=True).errors == []
        rebuilt, clean = _tree(copy / "out"), _tree(fresh / "out")
        assert sorted(rebuilt) == sorted(clean), step
        assert [name for name in clean if rebuilt[name] != clean[name]] == [], step
    versions = copy / "out" / "dokument" / ID / "version"
    assert sorted(p.name for p in versions.iterdir()) == ["1.0", "1.1", "2.0"]


def test_the_build_made_ready_lists_version_pages_only_when_linked(
    site: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build made ready on the other core lists docs/ as MkDocs does, but the version
    folders (pages MkDocs only lists, for the links to them), and the documents' folders
    that hold nothing else, are not walked: a version page is listed when a page links it,
    as MkDocs lists it."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from governance.render.handbook import warm

    project = corpus / ".styrdok" / "handbook" / "mkdocs.yml"
    config = load_config(str(project))
    config = config.plugins.on_config(config)
    every: Any = get_files(config)
    walked: list[str] = []
    real_walk = os.walk

    def walking(top: str, **options: Any) -> Iterator[tuple[str, list[str], list[str]]]:
        for found in real_walk(top, **options):
            walked.append(Path(found[0]).relative_to(top).as_posix())
            yield found

    monkeypatch.setattr(os, "walk", walking)
    listed = warm._listed(config)
    assert "dokument" in walked and (corpus / ".styrdok/handbook/docs/dokument" / ID).is_dir()
    assert [w for w in walked if w.startswith("dokument/")] == []
    versions = [f for f in every if "/version/" in f.src_uri]
    assert len(versions) == 3 and all(f.inclusion.is_excluded() for f in versions)
    assert [f.src_uri for f in listed] == [f.src_uri for f in every if f not in versions]
    for file in versions:
        found = listed.get_file_from_path(file.src_uri)
        assert found is not None and found.inclusion.is_excluded()
        assert (found.url, found.dest_uri) == (file.url, file.dest_uri)
    assert listed.get_file_from_path(f"dokument/{ID}/version/9.9.md") is None
