"""Version pages converted section by section (governance.render.handbook.sections) are
the pages MkDocs' own Page.render makes of the whole Markdown: the real version pages of a
corpus with history, and pages made to trip each rule (ids repeated across sections, link
references, raw HTML, links beside the page)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import commit_all, copy_example, git
from helpers.history import EVICTION, as_decided_in_2022, second_version

from governance.render.handbook import archive_html
from governance.render.handbook.build import build_handbook

ID = "rutin-forebygga-avhysning"
FOLDER = f"dokument/{ID}/version"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("avsnitt"))
    as_decided_in_2022(root / EVICTION)
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Exempelkorpusen", day="2026-11-01")
    second_version(root)
    assert build_handbook(root, root / "ut", date(2026, 11, 23), downloads=False).errors == []
    return root / ".styrdok" / "handbook"


@pytest.fixture
def renderer(project: Path, tmp_path: Path) -> Iterator[Any]:
    made = archive_html._Renderer(
        project / "mkdocs.yml", tmp_path / "site", tmp_path / "skal.json", "nyckel"
    )
    yield made
    made.close()


def _whole(renderer: Any, path: str, markdown: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The page as MkDocs' Page.render makes it of the whole Markdown."""
    with monkeypatch.context() as patch:
        patch.setattr(renderer.sections, "render", lambda page: False)
        return str(renderer.page(path, markdown))


def test_the_version_pages_are_those_of_the_whole_markdown(
    project: Path, renderer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = sorted((project / "docs" / FOLDER).glob("*.md"))
    assert len(pages) == 2
    for page in pages:
        path, markdown = f"{FOLDER}/{page.name}", page.read_text("utf-8")
        whole = _whole(renderer, path, markdown, monkeypatch)
        assert renderer.page(path, markdown) == whole, page.name
    assert renderer.sections.kept  # the sections were converted on their own


FRONT = "---\ntitle: Prov\narchived: true\n---\n\n# Prov\n\n"
TRICKY = {
    # the same heading in two sections: the whole page numbers the second id
    "ids": FRONT + "## A\n\n### Ansvar\n\nText.\n\n## B\n\n### Ansvar\n\nMer text.\n",
    # an explicit id in a later section that an earlier heading's id would take
    "explicit": FRONT + "## A\n\n### Mål\n\nText.\n\n## B { #mal }\n\nMer.\n",
    # a link reference defined in another section than its use
    "reference": FRONT + "## A\n\nSe [lagen][sol].\n\n## B\n\n[sol]: https://example.org/sol\n",
    # raw HTML opened in one section and closed after the next heading
    "html": FRONT + "## A\n\n<details>\n\n## Inuti\n\n</details>\n\n## B\n\nText.\n",
    # a link to another version of the document, beside the page
    "beside": FRONT + "## A\n\nSe [den förra](1.0.md) och [dokumentet](../../index.md).\n",
}


@pytest.mark.parametrize("case", sorted(TRICKY))
def test_a_page_sections_cannot_convert_alone_is_the_whole_pages(
    renderer: Any, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    for version in ("1.0", "2.0", "9.9"):  # 1.0 and 2.0 exist; 9.9 is not in the project
        path = f"{FOLDER}/{version}.md"
        whole = _whole(renderer, path, TRICKY[case], monkeypatch)
        assert renderer.page(path, TRICKY[case]) == whole, (case, version)


def test_a_section_is_converted_once_for_the_versions_that_share_it(
    renderer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    converted: list[str] = []
    real = renderer.sections._convert

    def counting(page: Any, text: str) -> Any:
        converted.append(text)
        return real(page, text)

    monkeypatch.setattr(renderer.sections, "_convert", counting)
    shared = "## Gemensamt\n\nSamma text i båda versionerna.\n"
    for version in ("1.0", "2.0"):
        renderer.page(f"{FOLDER}/{version}.md", f"{FRONT}## Eget {version}\n\nText.\n\n{shared}")
    assert converted.count(shared) == 1
    assert sum("## Eget" in text for text in converted) == 2


@pytest.mark.parametrize("parallel_from", [1, 200])  # forked workers; one child (a rebuild)
def test_a_broken_link_found_while_mkdocs_builds_stops_the_build(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parallel_from: int
) -> None:
    """Pages converted in workers during MkDocs' build (``converting``) are checked as
    MkDocs' strict build does, and a page with a broken link is not cached (its worker
    caches the others): the next build says so again."""
    from governance.errors import ToolError

    monkeypatch.setattr(archive_html, "PARALLEL_FROM", parallel_from)
    pages = {  # pages not in the project, as the test of ``write`` alone has them
        "dokument/x/version/1.0.md": FRONT + "## A\n\nSe [den](finns-inte.md).\n",
        "dokument/x/version/2.0.md": FRONT + "## A\n\nText.\n",
    }
    config = project / "mkdocs.yml"
    with (
        archive_html.converting(config, tmp_path, pages) as early,
        pytest.raises(ToolError, match="finns-inte.md"),
    ):
        assert (early.result is not None) == (parallel_from == 1)  # in workers
        assert (early.apart is not None) == (parallel_from == 200)  # in one child
        archive_html.write(config, tmp_path / "site", tmp_path, pages, early)
    cached = [p.read_text("utf-8") for p in (tmp_path / archive_html.HTML_CACHE).glob("*.html")]
    assert not any("finns-inte" in html for html in cached)
    with pytest.raises(ToolError, match="finns-inte.md"):
        archive_html.write(config, tmp_path / "site", tmp_path, pages)
