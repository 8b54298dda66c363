"""The generated MkDocs project: Markdown, navigation, escaping, and when a build stops."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from conftest import REPO, edit, run

from governance.check import check
from governance.render.handbook import escape
from governance.render.handbook.build import published
from governance.render.handbook.project import make_project

TODAY = date(2026, 11, 23)
GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def project() -> dict[str, object]:
    corpus, findings = check(REPO, TODAY)
    corpus = published(corpus)  # as styrdok build: the drafts left out
    made = make_project(corpus, TODAY, [f for f in findings if f.severity == "warning"])
    return {"files": made.files, "config": made.config, "corpus": corpus}


def test_document_page_matches_golden_file(project: dict[str, object]) -> None:
    """Update on purpose with STYRDOK_UPDATE_GOLDEN=1; a mismatch never rewrites the file."""
    text = project["files"]["dokument/rutin-forebygga-avhysning.md"]  # type: ignore[index]
    golden = GOLDEN / "rutin-forebygga-avhysning.md"
    if os.environ.get("STYRDOK_UPDATE_GOLDEN") == "1":
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8")


def test_document_page_has_the_official_metadata_rows(project: dict[str, object]) -> None:
    text = project["files"]["dokument/rutin-forebygga-avhysning.md"]  # type: ignore[index]
    for label in (
        "Dokumentnamn", "Dokumentsort", "Beslutad av", "Gäller för", "Diarienummer",
        "Datum och paragraf för beslutet", "Giltighetstid", "Senast reviderad",
        "Länkar kontrollerade", "Dokumentansvarig", "Bilagor",
    ):  # fmt: skip
        assert f'<tr><th scope="row">{label}</th>' in text
    assert '!!! warning "Status: Gällande – aktualitetsprövning försenad"' in text
    assert (
        "## Refereras av { data-search-exclude }\n\n"
        "- [Handbok för socialförvaltningarnas arbete med att förebygga avhysning]"
    ) in text


def test_navigation_by_kind_theme_unit_role(project: dict[str, object]) -> None:
    nav = project["config"]["nav"]  # type: ignore[index]
    titles = [next(iter(item)) for item in nav]
    assert titles == [
        "Start", "Dokument", "Teman", "Förvaltningar", "För din roll", "Mallar",
        "Register", "Senaste ändringar", "Aktualitetsprövning", "Taggar", "Hjälp", "Tillgänglighet",
    ]  # fmt: skip
    assert nav[1]["Dokument"][0] == "sorter/index.md"
    kinds = [next(iter(k)) for k in nav[1]["Dokument"][1:]]
    assert kinds == [
        "Riktlinjer", "Planer", "Anvisningar", "Rutiner", "Handböcker", "Kunskapsstöd", "Externa dokument",
    ]  # fmt: skip
    assert nav[1]["Dokument"][4] == {"Rutiner": "sorter/rutin/index.md"}
    rutiner = project["files"]["sorter/rutin/index.md"]  # type: ignore[index]
    assert "](../../dokument/rutin-forebygga-avhysning.md) – Rutin, prövning försenad" in rutiner
    files = project["files"]
    for section in nav[2:5]:
        for page in next(iter(section.values())):
            assert page in files  # type: ignore[operator]
    assert "roller/socialsekreterare.md" in files  # type: ignore[operator]
    assert files["roller/socialsekreterare.md"].startswith('---\ntitle: "För socialsekreterare"')  # type: ignore[index]


def test_listing_pages_stay_out_of_the_search_index(project: dict[str, object]) -> None:
    files = project["files"]
    for page in ("register.md", "granskning.md", "sorter/rutin/index.md", "teman/avhysning.md"):
        assert "search:\n  exclude: true\n" in files[page]  # type: ignore[index]
    page = files["dokument/rutin-forebygga-avhysning.md"]  # type: ignore[index]
    assert "search:\n  exclude: true\n" not in page
    # On a document's page only the sections that list other documents are left out.
    assert page.count("{ data-search-exclude }") == 4


def test_review_page_for_a_fixed_day(project: dict[str, object]) -> None:
    text = project["files"]["granskning.md"]  # type: ignore[index]
    assert "## Processledare boendesociala frågor" in text
    assert '<a href="../dokument/rutin-forebygga-avhysning/">' in text
    assert '<a href="../dokument/riktlinje-bistand-till-boende/">' not in text  # reviewed in 2023


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
        ("A & B *fet* [x](y)", "A &amp; B \\*fet\\* \\[x\\]\\(y\\)"),
        ("rad\nbrytning", "rad brytning"),
    ],
)
def test_inline_text_is_shown_as_written(text: str, expected: str) -> None:
    assert escape.inline(text) == expected


def test_markdown_bodies_keep_markdown_but_not_html_or_admonitions() -> None:
    body = "**Fet** <img src=x onerror=alert(1)> [b](https://a.se)\n`<kod>`\n\n!!! danger\n"
    assert escape.markdown(body) == (
        "**Fet** &lt;img src=x onerror=alert(1)> [b](https://a.se)\n`<kod>`\n\n\\!!! danger\n"
    )


def test_script_links_are_inert_text_that_keeps_the_address() -> None:
    import markdown  # type: ignore[import-untyped]

    from governance.urlpolicy import SafeLinks

    body = "[a](javascript:alert(1)) [b](https://a.se) [c][r]\n\n[r]: data:text/html,x\n"
    html = markdown.markdown(escape.markdown(body), extensions=[SafeLinks()])
    assert html == (
        '<p><span class="styrdok-inert-link">a (javascript:alert(1))</span> '
        '<a href="https://a.se">b</a> '
        '<span class="styrdok-inert-link">c (data:text/html,x)</span></p>'
    )


def test_front_matter_titles_are_escaped() -> None:
    assert escape.front('A <b>"') == '"A &lt;b&gt;&quot;"'


def test_build_stops_on_errors_and_writes_nothing(corpus: Path) -> None:
    edit(corpus, "routines/rutin-a.yaml", "Risk upptäcks.", "Gäller 19121212-1212.")
    out = corpus / "ut"
    result = run("build", "--root", str(corpus), "--today", "2026-11-23", "--out", str(out))
    assert result.exit_code == 1
    assert "[personnummer]" in result.output
    assert "Handboken byggdes inte: rätta felen ovan först." in result.output
    assert not out.exists()


def test_build_writes_a_plain_mkdocs_project_and_a_site(corpus: Path) -> None:
    out = corpus / "ut"
    result = run("build", "--root", str(corpus), "--today", "2026-11-23", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert (out / "dokument" / "rutin-a" / "index.html").is_file()
    project = corpus / ".styrdok" / "handbook"
    assert (project / "mkdocs.yml").read_text("utf-8").startswith("# Genererad av styrdok")
    assert (project / "docs" / "dokument" / "rutin-a.md").is_file()
    assert (project / "overrides" / "main.html").is_file()
    assert (
        not (out / "assets" / "javascripts" / "workers" / "styrdok-search.js")
        .read_text("utf-8")
        .count("http")
    )


def test_a_new_corpus_from_init_builds(tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "ny")).exit_code == 0
    result = run("build", "--root", str(tmp_path / "ny"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ny" / "build" / "handbok" / "mallar" / "index.html").is_file()
