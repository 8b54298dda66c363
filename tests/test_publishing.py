"""Publishing as a city does it: several owners, decisions kept as history, supersession
both ways."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, edit, run

from governance.check import check_corpus
from governance.load import load_corpus

R = "routines/rutin-a.yaml"
B = "routines/riktlinje/riktlinje-b.yaml"
DAY = f"--today={TODAY}"
TWO_OWNERS = "owner:\n  - processledare\n  - socialsekreterare\n"


def test_owner_can_be_a_list_of_roles(corpus: Path) -> None:
    edit(corpus, R, "owner: processledare\n", TWO_OWNERS)
    assert check_corpus(corpus, TODAY) == []
    doc = load_corpus(corpus).documents["rutin-a"]
    assert doc.owners == ["processledare", "socialsekreterare"]


def test_each_owner_in_a_list_is_checked(corpus: Path) -> None:
    edit(corpus, R, "owner: processledare\n", "owner: [processledare, kalle]\n")
    (hit,) = check_corpus(corpus, TODAY)
    assert (hit.code, hit.field, hit.line) == ("unknown-role", "owner[1]", 15)
    assert hit.message == "Okänd roll 'kalle': den finns inte under roles i styrdok.yaml."


def test_owner_of_the_wrong_type_is_said_in_swedish(corpus: Path) -> None:
    edit(corpus, R, "owner: processledare\n", "owner: {roll: processledare}\n")
    (hit,) = [f for f in check_corpus(corpus, TODAY) if f.code == "schema-invalid"]
    assert hit.field == "owner"
    assert hit.message == (
        "'owner' (Dokumentansvarig): värdet (en mappning) ska vara en roll eller en lista med "
        "roller."
    )


def test_due_lists_a_document_under_each_of_its_owners(corpus: Path) -> None:
    edit(corpus, R, "owner: processledare\n", TWO_OWNERS)
    result = run("due", "--within", "4y", "--root", str(corpus), DAY)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Processledare (processledare)"
    assert "Socialsekreterare (socialsekreterare)" in lines
    assert sum("rutin-a" in line for line in lines) == 2
    assert lines[-1] == "3 tidsfrister i 2 dokument till och med 2030-11-23."
    only = run("due", "--within", "4y", "--owner", "socialsekreterare", "--root", str(corpus), DAY)
    assert "rutin-a" in only.output and "riktlinje-b" not in only.output
    ics = run("due", "--within", "4y", "--format", "ics", "--root", str(corpus), DAY)
    assert ics.output.count("UID:review-rutin-a@") == 1
    assert "Processledare\\, Socialsekreterare" in ics.output


def _revise(corpus: Path, *args: str) -> str:
    result = run("revise", "rutin-a", *args, "--root", str(corpus), DAY)
    assert result.exit_code == 0, result.output
    return result.output


def test_revise_twice_with_decisions_keeps_both_and_the_first(corpus: Path) -> None:
    _revise(
        corpus,
        "--summary",
        "Nytt beslut om ansvar.",
        "--decision-date",
        "2026-05-04",
        "--paragraph",
        "§ 8",
        "--registration-number",
        "SO 2026/0101",
        "--valid-from",
        "2026-06-01",
    )
    out = _revise(
        corpus,
        "--major",
        "--summary",
        "Ny lagstiftning.",
        "--decided-by",
        "avdelningschef",
        "--decision-date",
        "2026-10-12",
        "--registration-number",
        "SO 2026/0230",
    )
    assert out == "Reviderade rutin-a: version 1.1 → 2.0 (2026-10-12).\n"
    doc = load_corpus(corpus).documents["rutin-a"]
    history = [
        (r.version if r else None, d.date, d.paragraph, d.registration_number)
        for r, d in doc.decisions
    ]
    assert history == [
        ("1.0", TODAY.replace(month=1, day=10), "§ 4", "SO 2025/0164"),
        ("1.1", TODAY.replace(month=5, day=4), "§ 8", "SO 2026/0101"),
        ("2.0", TODAY.replace(month=10, day=12), "§ 8", "SO 2026/0230"),
    ]
    assert [r.valid_from for r in doc.revisions] == [
        TODAY.replace(month=2, day=1),
        TODAY.replace(month=6, day=1),
        None,
    ]
    assert doc.valid_from == TODAY.replace(month=6, day=1)
    assert doc.decision == doc.current_decision
    assert check_corpus(corpus, TODAY) == []


def test_a_draft_cannot_supersede(corpus: Path) -> None:
    edit(corpus, R, "status: in-force", "status: draft")
    result = run(
        "retire", "riktlinje-b", "--reason", "Ersatt.", "--superseded-by", "rutin-a",
        "--root", str(corpus), DAY,
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output == (
        "Fel: 'rutin-a' är ett utkast och kan inte ersätta 'riktlinje-b' än. Besluta det nya "
        "dokumentet först (status: in-force), upphäv sedan det gamla.\n"
    )


def test_a_schema_error_in_one_field_does_not_hide_the_rest_of_the_file(corpus: Path) -> None:
    edit(corpus, R, "owner: processledare\n", "owner: {roll: processledare}\n")
    edit(corpus, R, "themes: [boende]", "themes: [boende, okant]")
    edit(corpus, R, "valid_from: 2026-02-01", "valid_from: 2026-02-30")
    edit(corpus, R, "Kontakta hyresvärden.", "Kontakta [Ange vem].")
    found = [(f.code, f.field) for f in check_corpus(corpus, TODAY)]
    assert found == [
        ("date-invalid", "valid_from"),
        ("schema-invalid", "owner"),
        ("unknown-theme", "themes[1]"),
        ("placeholder", "processes[0].steps[0].substeps[0].text"),
    ]
    result = run("revise", "rutin-a", "--summary", "x", "--root", str(corpus), DAY)
    assert result.exit_code == 1
    assert "kan inte läsas" in result.output


ORDERED = """\
sections:
  - title: Inledning
    body: Varför rutinen finns.
    sections:
      - title: Koppling till andra styrande dokument
        include: [links]
      - title: Stödjande dokument
        include: [supporting_documents]
  - title: Rutin
    body: Så samverkar förvaltningarna.
    sections:
      - title: Roller och ansvarsfördelning
        include: [responsibilities]
      - title: Rutin för samverkan
        body: Förvaltningen som ser risken tar initiativet.
        include: [processes]
responsibilities:
  - unit: socialforvaltningen
    duties: [Ta emot underrättelser.]
supporting_documents:
  - title: Stöd för socialtjänsten
    publisher: Socialstyrelsen
contacts:
  - title: Socialförvaltningen
    body: Ring mottagningens telefon.
processes:
"""


def _headings_md(text: str) -> list[str]:
    return [
        line.split(" {")[0]
        for line in text.splitlines()
        if line.startswith("#") and not line.startswith("# ")
    ]


def test_chapter_order_and_parts_inside_sections(corpus: Path) -> None:
    import io

    from docx import Document as Docx

    from governance.render.export.official import document_docx
    from governance.render.handbook.pages import document_page
    from governance.status import Statuses

    edit(corpus, R, "sections:\n  - title: Syfte\n    body: |\n", "old_sections:\n")
    text = (corpus / R).read_text("utf-8")
    start = text.index("old_sections:")
    end = text.index("processes:\n")
    (corpus / R).write_text(text[:start] + ORDERED + text[end + len("processes:\n") :], "utf-8")
    assert check_corpus(corpus, TODAY) == []
    loaded = load_corpus(corpus)
    doc = loaded.documents["rutin-a"]
    page = document_page(loaded, doc, Statuses(loaded, TODAY), [], [])
    assert _headings_md(page) == [
        "## Inledning",
        "### Koppling till andra styrande dokument",
        "### Stödjande dokument",
        "## Rutin",
        "### Roller och ansvarsfördelning",
        "#### Socialförvaltningen",
        "### Rutin för samverkan",
        "#### När risk upptäcks",
        "## Kontaktvägar",
        "### Socialförvaltningen",
        "## Refereras av",
        "## Mallar",
        "## Revideringar",
    ]
    word = Docx(io.BytesIO(document_docx(loaded, doc, TODAY)))
    styled = [(p.style.name if p.style else "", p.text) for p in word.paragraphs]
    headings = [(style, text) for style, text in styled if style.startswith("Heading")]
    assert headings[:10] == [
        ("Heading 1", "Inledning"),
        ("Heading 2", "Koppling till andra styrande dokument"),
        ("Heading 2", "Stödjande dokument"),
        ("Heading 1", "Rutin"),
        ("Heading 2", "Roller och ansvarsfördelning"),
        ("Heading 3", "Socialförvaltningen"),
        ("Heading 2", "Rutin för samverkan"),
        ("Heading 3", "När risk upptäcks"),
        ("Heading 1", "Kontaktvägar"),
        ("Heading 2", "Socialförvaltningen"),
    ]


def test_order_puts_named_parts_first(corpus: Path) -> None:
    from governance.render.outline import top_level

    edit(corpus, R, "themes: [boende]", "themes: [boende]\norder: [processes, links]")
    doc = load_corpus(corpus).documents["rutin-a"]
    assert top_level(doc)[:4] == ["processes", "links", "sections", "principles"]
    assert check_corpus(corpus, TODAY) == []


def _page_and_word(corpus: Path, doc_id: str) -> tuple[str, str]:
    """The document's handbook page (Markdown) and its export's text (all paragraphs and
    table cells)."""
    import io

    from docx import Document as Docx

    from governance.render.export.official import document_docx
    from governance.render.handbook.pages import document_page
    from governance.status import Statuses

    loaded = load_corpus(corpus)
    doc = loaded.documents[doc_id]
    page = document_page(loaded, doc, Statuses(loaded, TODAY), [], [])
    word = Docx(io.BytesIO(document_docx(loaded, doc, TODAY)))
    cells = [" | ".join(c.text for c in row.cells) for t in word.tables for row in t.rows]
    return page, "\n".join([*(p.text for p in word.paragraphs), *cells])


def test_several_owners_in_handbook_and_export(corpus: Path) -> None:
    edit(corpus, R, "owner: processledare\n", TWO_OWNERS)
    page, word = _page_and_word(corpus, "rutin-a")
    row = "Dokumentansvarig</th><td>Processledare, Socialsekreterare</td>"
    assert row in page
    assert "Dokumentansvarig | Processledare, Socialsekreterare" in word


def test_both_decisions_in_the_revision_tables(corpus: Path) -> None:
    _revise(corpus, "--summary", "Nytt ansvar.", "--decision-date", "2026-05-04",
            "--paragraph", "§ 8", "--registration-number", "SO 2026/0101",
            "--valid-from", "2026-06-01")  # fmt: skip
    _revise(corpus, "--summary", "Ny lag.", "--decision-date", "2026-10-12",
            "--registration-number", "SO 2026/0230")  # fmt: skip
    page, word = _page_and_word(corpus, "rutin-a")
    first = "2026-01-10, § 4, Dnr SO 2025/0164, av Avdelningschef, gäller från 2026-02-01"
    second = "2026-05-04, § 8, Dnr SO 2026/0101, av Avdelningschef, gäller från 2026-06-01"
    third = "2026-10-12, § 8, Dnr SO 2026/0230, av Avdelningschef"
    assert '<th scope="col">Beslut</th>' in page
    for decision in (first, second, third):
        assert f'<td data-label="Beslut">{decision}</td>' in page
        assert decision in word
    assert "1.2 | 2026-10-12 | Mindre | Ny lag. | " + third in word
    assert "1.0 | 2026-01-10 | Mindre | Första versionen. | " + first in word


def test_supersession_is_shown_on_both_pages(corpus: Path) -> None:
    result = run(
        "retire", "riktlinje-b", "--reason", "Ersatt av rutinen.", "--superseded-by", "rutin-a",
        "--root", str(corpus), DAY,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    old_page, old_word = _page_and_word(corpus, "riktlinje-b")
    assert "(Ersatt av rutinen) . " not in old_page and "rutinen.)" not in old_page
    assert "sedan 2026-11-23 (Ersatt av rutinen). Det ersätts av [Rutin för att förebygga" in (
        old_page
    )
    new_page, new_word = _page_and_word(corpus, "rutin-a")
    assert "Dokumentet gäller. Ersätter: [Riktlinje för bistånd till boende](riktlinje-b.md)" in (
        new_page
    )
    assert "Dokumentet gäller. Ersätter: Riktlinje för bistånd till boende." in new_word
    assert "Det ersätts av Rutin för att förebygga avhysning." in old_word


EXTERNAL = """\
# yaml-language-server: $schema=../schema/document.schema.json
id: extern-lund
title: Handlingsplan för att minska och motverka hemlöshet
kind: extern
status: in-force
publisher: Lunds kommun
year: 2017
registration_number: SO 2017/0164
"""


def test_an_external_reference_has_its_own_banner_and_rows(corpus: Path) -> None:
    from conftest import write_files

    write_files(corpus, {"routines/extern-lund.yaml": EXTERNAL})
    assert check_corpus(corpus, TODAY) == []
    page, word = _page_and_word(corpus, "extern-lund")
    assert '!!! info "Externt dokument"' in page
    assert "Status: Gällande" not in page and "Dokumentet gäller" not in page
    labels = [
        line.split("</th>")[0].split(">")[-1] for line in page.splitlines() if "</th><td>" in line
    ]
    assert labels == ["Dokumentnamn", "Dokumentsort", "Utgivare", "År", "Diarienummer"]
    assert "Diarienummer | SO 2017/0164" in word
    assert "Externt dokument: Externt dokument från Lunds kommun: en referens" in word
    assert "Dokumentsort: Externt dokument (inte styrande). Reglerande styrande dokument:" in word


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "themes: [boende]",
            "themes: [boende]\norder: [sections, bilagor]",
            "order[1]",
            "'order[1]' (Kapitelordning): värdet 'bilagor' ska vara ett av: 'sections', "
            "'principles', 'target_group', 'responsibilities', 'processes', 'faq', "
            "'checklists', 'sources', 'contacts', 'links' eller 'supporting_documents'.",
        ),
        (
            "  - title: Syfte\n",
            "  - title: Syfte\n    figures_as_of: 2019-11-31\n",
            "sections[0].figures_as_of",
            "'sections[0].figures_as_of' (Siffror per): 2019-11-31 är inget giltigt datum.",
        ),
        (
            "  - title: Syfte\n",
            "  - title: Syfte\n    include: [sections]\n",
            "sections[0].include[0]",
            "'sections[0].include[0]' (Delar i avsnittet): värdet 'sections' ska vara ett av: "
            "'principles', 'target_group', 'responsibilities', 'processes', 'faq', "
            "'checklists', 'sources', 'contacts', 'links' eller 'supporting_documents'.",
        ),
        (
            "    summary: Första versionen.\n",
            "    summary: Första versionen.\n    decision:\n      date: 2026-01-10\n",
            "revisions[0].decision.by",
            "Fältet 'revisions[0].decision.by' (Beslutad av) saknas.",
        ),
    ],
)
def test_new_fields_say_what_is_wrong_in_swedish(
    corpus: Path, old: str, new: str, field: str, message: str
) -> None:
    edit(corpus, R, old, new)
    (hit,) = [f for f in check_corpus(corpus, TODAY) if f.field == field]
    assert hit.message == message
    assert hit.line > 0 and hit.path == R


def test_an_unknown_kind_in_hierarchy_is_a_config_error(corpus: Path) -> None:
    edit(corpus, "styrdok.yaml", "kinds:\n", "hierarchy: [riktlinje, rutinn]\nkinds:\n")
    result = run("check", "--root", str(corpus), DAY)
    assert result.exit_code == 2
    assert "hierarchy: okända dokumentsorter: rutinn" in result.output


def test_review_page_lists_a_document_under_each_owner(corpus: Path) -> None:
    from governance.render.handbook.indexes import review_page
    from governance.status import Statuses

    edit(corpus, R, "owner: processledare\n", TWO_OWNERS)
    loaded = load_corpus(corpus)
    day = TODAY.replace(year=2028, month=6, day=1)  # rutin-a's review is overdue
    page = review_page(loaded, Statuses(loaded, day))
    assert "## Processledare\n" in page and "## Socialsekreterare\n" in page
    assert page.count("Rutin för att förebygga avhysning") == 2
