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
    # Every entry carries its title: a dirty build does not read the pages it skips.
    assert nav[1]["Dokument"][0] == {"Dokumentsorter": "sorter/index.md"}
    kinds = [next(iter(k)) for k in nav[1]["Dokument"][1:]]
    assert kinds == [
        "Riktlinjer", "Planer", "Anvisningar", "Rutiner", "Handböcker", "Kunskapsstöd", "Externa dokument",
    ]  # fmt: skip
    assert nav[1]["Dokument"][4] == {"Rutiner": "sorter/rutin/index.md"}
    rutiner = project["files"]["sorter/rutin/index.md"]  # type: ignore[index]
    assert '<a href="../../dokument/rutin-forebygga-avhysning/">' in rutiner
    assert "</a> – Rutin, prövning försenad</li>" in rutiner
    files = project["files"]
    for section in nav[2:6]:
        for entry in next(iter(section.values())):
            assert isinstance(entry, dict)
            assert next(iter(entry.values())) in files  # type: ignore[operator]
    assert {"För socialsekreterare": "roller/socialsekreterare.md"} in nav[4]["För din roll"]
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
    # The search: styrdok's own box and index, no theme search (lunr).
    assert not (out / "assets" / "styrdok-sok.js").read_text("utf-8").count("http")
    assert (out / "sok" / "sok.sok").is_file()
    assert (out / "sok" / "styrdok-sok.json").is_file()
    assert not (out / "search" / "search_index.json").exists()
    assert "- search" not in (project / "mkdocs.yml").read_text("utf-8")


def test_a_new_corpus_from_init_builds(tmp_path: Path) -> None:
    assert run("init", str(tmp_path / "ny")).exit_code == 0
    result = run("build", "--root", str(tmp_path / "ny"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "ny" / "build" / "handbok" / "mallar" / "index.html").is_file()


def test_maintenance_findings_only_on_the_review_page_by_default() -> None:
    corpus, findings = check(REPO, TODAY)
    warnings = [f for f in findings if f.severity == "warning"]
    staff = make_project(corpus, TODAY, warnings).files
    preview = make_project(corpus, TODAY, warnings, maintainer=True).files
    page = "dokument/rutin-forebygga-avhysning.md"
    assert "Att åtgärda för dokumentansvarig" not in staff[page]
    assert '!!! warning "Att åtgärda för dokumentansvarig"' in preview[page]
    review = staff["granskning.md"]
    assert "## Att åtgärda för dokumentansvarig" in review
    assert "### [Rutin för samverkan mellan förvaltningarna" in review
    assert "Senast reviderad \\(2022\\-01\\-27\\) ligger före beslutsdatum" in review


def test_every_text_field_renders_markdown_the_same_way(tmp_path: Path) -> None:
    from governance.render.handbook.text import checklist, revisions_table

    items = checklist(["Ring **hyresvärden** <b>nu</b>", "[x](javascript:alert(1)) klart"])
    assert items.startswith('<ul class="styrdok-checklist">')
    assert "[ ]" not in items and "<strong>hyresvärden</strong>" in items
    assert "&lt;b&gt;nu&lt;/b&gt;" in items and "href" not in items  # the URL policy
    table = revisions_table(
        ["Version", "Datum", "Ändring", "Vad ändrades"],
        [["1.0", "2024-02-15", "Mindre", "Ny *rubrik*."]],
    )
    assert '<td data-label="Vad ändrades">Ny <em>rubrik</em>.</td>' in table
    assert '<td data-label="Datum" class="styrdok-date">2024-02-15</td>' in table


def test_checklists_principles_and_template_revisions(project: dict[str, object]) -> None:
    files = project["files"]
    page = files["dokument/rutin-bostad-forst.md"]  # type: ignore[index]
    assert "- [ ]" not in page and '<ul class="styrdok-checklist">' in page
    template = files["mallar/remiss-bostad-forst.md"]  # type: ignore[index]
    assert "## Revideringar" in template and '<table class="styrdok-stack' in template


def test_accessibility_statement_follows_the_record() -> None:
    from governance.render.handbook.statement import statement_page

    record = {
        "standard": "WCAG 2.1 nivå AA",
        "checked": "2026-11-20",
        "tool": "axe-core 4.12.1 i Chromium",
        "widths": [1280, 375, 320],
        "pages": 143,
        "automated": [{"rule": "scrollable-region-focusable", "widths": [375, 320], "pages": 16}],
        "manual": ["Sökresultaten läses inte upp."],
    }
    page = statement_page("Testkommunen", record)
    assert "delvis förenlig" in page and "Senaste bedömningen gjordes den 2026-11-20" in page
    assert "WCAG 2.1 2.1.1\\) Gäller 16 sidor vid fönsterbredden 375 px, 320 px" in page
    assert "Sökresultaten läses inte upp" in page
    record.update(automated=[], manual=[])
    clean = statement_page("Testkommunen", record)
    assert "helt förenlig" in clean and "Inga kända brister." in clean
    assert "inte kontrollerats" in statement_page("Testkommunen", None)
    for heading in (
        "## Hur tillgänglig är webbplatsen?",
        "## Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "## Rapportera brister i webbplatsens tillgänglighet",
        "## Tillsyn",
        "## Teknisk information om webbplatsens tillgänglighet",
        "### Innehåll som inte är tillgängligt",
        "## Hur vi testat webbplatsen",
    ):
        assert heading in clean
