"""styrdok export: a governing document as the official Word document, as Word shows it.

The example routine rutin-bostad-forst is exported once for the module and read back with
python-docx and its XML; the PDF tests are in test_export_pdf.py.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from conftest import REPO, edit, run, write_files
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from helpers import DAY, HOSTILE, copy_example, without_url_check

from governance.check import check
from governance.facts import metadata
from governance.load import Corpus
from governance.render.export.official import document_docx
from governance.render.handbook.project import make_project
from governance.status import status_of

TODAY = date(2026, 11, 23)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def style_of(p: Paragraph) -> str:
    assert p.style is not None
    return str(p.style.name)


def num_pr(p: Paragraph) -> Any:
    """The paragraph's w:numPr (python-docx types it loosely)."""
    ppr: Any = p._p.pPr
    return ppr.numPr


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "rutin.docx"
    result = run("export", "rutin-bostad-forst", "--root", str(REPO), DAY, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == f"Skrev {out}\n"
    return out


@pytest.fixture(scope="module")
def word(exported: Path) -> DocxDocument:
    return docx.Document(str(exported))


def texts(document: DocxDocument, style: str | None = None) -> list[str]:
    return [p.text for p in document.paragraphs if style is None or style_of(p) == style]


def test_title_page_marks_the_kind_in_the_hierarchy(word: DocxDocument) -> None:
    paragraphs = texts(word)
    assert paragraphs[:2] == [
        "Göteborgs Stad (exempelkorpus)",
        "Göteborgs Stads rutin för Bostad först",
    ]
    assert style_of(word.paragraphs[1]) == "Title"
    hierarchy = word.paragraphs[2]
    assert hierarchy.text == (
        "Reglerande styrande dokument: Policy › Riktlinje › Regel › Anvisning › "
        "Rutin (detta dokument) › Instruktion"
    )
    bold = [r.text for r in hierarchy.runs if r.bold]
    assert bold == ["Reglerande styrande dokument: ", "Rutin (detta dokument)"]
    assert paragraphs[3] == (
        "Status: Gällande – aktualitetsprövning försenad. Dokumentet gäller, men "
        "aktualitetsprövningen skulle ha gjorts senast 2022-09-11."
    )


def test_metadata_table_has_the_handbooks_rows_and_a_header_row(word: DocxDocument) -> None:
    table = word.tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    assert cells[0] == ["Uppgift", "Värde"]
    trpr: Any = table.rows[0]._tr.trPr
    assert trpr.find(qn("w:tblHeader")) is not None
    rows = dict(cells[1:])
    assert rows["Beslutad av"] == (
        "Sektorscheferna för individ- och familjeomsorg samt funktionshinder (IFO-FH)"
    )
    assert rows["Datum och paragraf för beslutet"] == "2020-04-22"
    assert rows["Giltighetstid"] == "Fr.o.m. 2020-05-15 och tills vidare"
    assert rows["Dokumentansvarig"] == "Processledare boendesociala frågor"
    assert rows["Version"] == "1.1"
    assert rows["Nästa aktualitetsprövning"] == "2022-09-11"
    corpus, findings = check(REPO, TODAY)
    page = make_project(corpus, TODAY, []).files["dokument/rutin-bostad-forst.md"]
    handbook_labels = re.findall(r'<tr><th scope="row">(.*?)</th>', page)
    assert [c[0] for c in cells[1:]] == handbook_labels
    assert all(r.cells[0].paragraphs[0].runs[0].bold for r in table.rows[1:])
    caption = table._tbl.tblPr.find(qn("w:tblCaption"))
    assert caption is not None and caption.get(qn("w:val")) == "Uppgifter om dokumentet"


def test_headings_use_words_heading_styles_in_order(word: DocxDocument) -> None:
    level1 = texts(word, "Heading 1")
    assert level1[:3] == ["Bakgrund och syfte", "Varför en gemensam rutin", "Så togs rutinen fram"]
    assert level1[-4:] == [
        "Koppling till andra styrande dokument",
        "Stödjande dokument",
        "Mallar",
        "Revideringar",
    ]
    assert "Principer" in level1 and "Målgrupp" in level1 and "Roller och ansvar" in level1
    assert texts(word, "Heading 2")[:2] == ["Socialsekreterare", "Bostad först-teamet"]
    assert "Utreda och fatta beslut" in texts(word, "Heading 2")


def test_table_of_contents_links_each_heading_with_its_page_number(word: DocxDocument) -> None:
    body = word.element.body
    sdt = body.find(f"{W}sdt")
    assert sdt.find(f".//{W}docPartGallery").get(f"{W}val") == "Table of Contents"
    entries = [p for p in sdt.iter(f"{W}p")][1:]
    entry_texts = ["".join(t.text for t in p.find(f"{W}hyperlink").iter(f"{W}t")) for p in entries]
    headings = [
        p.text for p in word.paragraphs if style_of(p) in ("Heading 1", "Heading 2", "Heading 3")
    ]
    assert entry_texts == headings
    anchors = [p.find(f"{W}hyperlink").get(f"{W}anchor") for p in entries]
    bookmarks = {b.get(f"{W}name") for b in body.iter(f"{W}bookmarkStart")}
    assert anchors and set(anchors) <= bookmarks
    # each entry ends in the page its heading is on, a field Word and LibreOffice update
    pagerefs = ["".join(t.text for t in p.iter(f"{W}instrText")).split() for p in entries]
    assert pagerefs == [["PAGEREF", anchor, "\\h"] for anchor in anchors]
    update = word.settings.element.find(f"{W}updateFields")
    assert update is not None and update.get(f"{W}val") == "true"


def test_steps_are_numbered_lists_with_the_role_in_bold(word: DocxDocument) -> None:
    steps = [
        p
        for p in word.paragraphs
        if p._p.pPr is not None
        and p._p.pPr.numPr is not None
        and p.text.startswith("Bostad först-teamet: ")
    ]
    assert steps[0].text == (
        "Bostad först-teamet: Teamet lämnar ett förhandsbesked utifrån vilka lägenheter som "
        "finns och hur personen stämmer med målgruppsbeskrivningen."
    )
    assert steps[0].runs[0].bold and steps[0].runs[0].text == "Bostad först-teamet: "
    numbering = word.part.numbering_part.element
    num_ids = {num_pr(p).numId.val for p in steps}
    for num_id in num_ids:  # every list counts from 1
        num = numbering.num_having_numId(num_id)
        assert num.find(f"{W}lvlOverride/{W}startOverride").get(f"{W}val") == "1"
        abstract_id = num.abstractNumId.val
        abstract = numbering.find(f"{W}abstractNum[@{W}abstractNumId='{abstract_id}']")
        assert abstract.find(f"{W}lvl/{W}numFmt").get(f"{W}val") == "decimal"


def test_links_are_real_hyperlinks(word: DocxDocument) -> None:
    external = {
        rel.target_ref
        for rel in word.part.rels.values()
        if rel.reltype.endswith("/hyperlink") and rel.is_external
    }
    assert {"https://www.socialstyrelsen.se/", "https://www.bostadforst.se/"} <= external
    links = word.element.body.findall(f".//{W}hyperlink[@{qn('r:id')}]")
    shown = {"".join(t.text for t in h.iter(f"{W}t")) for h in links}
    assert {"Metodguiden – Bostad först", "Bostad först i Sverige"} <= shown


def test_related_documents_templates_and_revisions_are_listed(word: DocxDocument) -> None:
    paragraphs = texts(word)
    start = paragraphs.index("Koppling till andra styrande dokument")
    assert paragraphs[start : start + 8] == [
        "Koppling till andra styrande dokument",
        "Göteborgs Stads hemlöshetsplan 2020–2022 (Plan, utgånget)",
        "Göteborgs Stads riktlinje för bistånd till boende (Riktlinje, gällande)",
        "Stödjande dokument",
        "Metodguiden – Bostad först (Socialstyrelsen)",
        "Bostad först i Sverige",
        "Mallar",
        "Remiss till Bostad först, version 1.0",
    ]
    revisions = word.tables[-1]
    assert [c.text for c in revisions.rows[0].cells] == [
        "Version",
        "Datum",
        "Ändring",
        "Vad ändrades",
    ]
    assert [c.text for c in revisions.rows[1].cells][:2] == ["1.1", "2020-09-11"]


def test_language_core_properties_and_footer(word: DocxDocument, exported: Path) -> None:
    lang = word.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "sv-SE"
    props = word.core_properties
    assert props.title == "Göteborgs Stads rutin för Bostad först"
    assert props.subject == "Rutin"
    assert props.identifier == "rutin-bostad-forst"
    assert props.keywords == "rutin-bostad-forst, SRF 2020/0157"
    assert props.version == "1.1"
    assert props.language == "sv-SE"
    assert props.author == "Göteborgs Stad (exempelkorpus)"
    assert props.created.date() == date(2020, 4, 22)
    assert props.modified.date() == date(2020, 9, 11)
    footer = word.sections[0].footer
    assert [p.text for p in footer.paragraphs] == [
        "Göteborgs Stads rutin för Bostad först (rutin-bostad-forst, version 1.1)",
        "Sida 1 av 1",
    ]
    fields = [t.text.strip() for t in footer._element.iter(f"{W}instrText")]
    assert fields == ["PAGE", "NUMPAGES"]
    width = word.sections[0].page_width
    assert width is not None and width.mm == pytest.approx(210, abs=0.1)


def test_the_same_document_gives_the_same_bytes(exported: Path) -> None:
    corpus, _ = check(REPO, TODAY)
    data = document_docx(corpus, corpus.documents["rutin-bostad-forst"], TODAY)
    assert data == exported.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_registration_number_and_paragraph_reach_table_and_properties(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    edit(
        root,
        "routines/rutin-bostad-forst.yaml",
        "  date: 2020-04-22\n  registration_number: SRF 2020/0157  # exempel\n",
        "  date: 2020-04-22\n  paragraph: § 7\n  registration_number: SO 2020/0123\n",
    )
    out = tmp_path / "ut.docx"
    assert (
        run("export", "rutin-bostad-forst", "--root", str(root), DAY, "-o", str(out)).exit_code == 0
    )
    word = docx.Document(str(out))
    rows = {r.cells[0].text: r.cells[1].text for r in word.tables[0].rows}
    assert rows["Diarienummer"] == "SO 2020/0123"
    assert rows["Datum och paragraf för beslutet"] == "2020-04-22, § 7"
    assert word.core_properties.keywords == "rutin-bostad-forst, SO 2020/0123"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_example(tmp_path_factory.mktemp("fientlig"))
    write_files(root, {"routines/zz-fientlig.yaml": HOSTILE})
    without_url_check(root)
    return root


def test_hostile_text_arrives_as_text(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "f.docx"
    result = run("export", "zz-fientlig", "--root", str(hostile), DAY, "-o", str(out))
    assert result.exit_code == 0, result.output
    word = docx.Document(str(out))
    all_text = "\n".join(texts(word))
    assert "Fientlig <script>alert('titel')</script> & {{ 7*7 }} åäö" in all_text
    assert "<svg onload=alert(1)> {% if x %} Å" in texts(word, "Heading 1")
    assert (
        'Text med <script>alert("body")</script> & "citat" \'apostrof\' {{ 7*7 }} åäöÅÄÖ.'
        in all_text
    )
    assert "fet och kursiv och <kod> & {{ x }}" in all_text
    assert "<entitet> och &okänd; och &" in all_text
    assert "Socialsekreterare: Steg med <img src=x onerror=alert(1)> & {{ 7*7 }}" in all_text
    assert "Klocka och noll" in all_text  # characters XML cannot hold are left out
    assert "49" not in all_text
    targets = [r.target_ref for r in word.part.rels.values() if r.reltype.endswith("/hyperlink")]
    assert targets == ["https://www.socialstyrelsen.se/?a=1&b=%3C2%3E"]  # no javascript:
    assert "klicka (javascript:alert(1)) och Socialstyrelsen" in all_text
    assert "Stöd <i>x</i>" in all_text
    assert word.core_properties.title == "Fientlig <script>alert('titel')</script> & {{ 7*7 }} åäö"


def test_markdown_lists_nest_and_format(hostile: Path) -> None:
    corpus, _ = check(hostile, TODAY)
    word = docx.Document(io.BytesIO(document_docx(corpus, corpus.documents["zz-fientlig"], TODAY)))
    items = {
        p.text: p for p in word.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None
    }
    first = items["fet och kursiv och <kod> & {{ x }}"]
    runs = {r.text: r for r in first.runs}
    assert runs["fet"].bold and runs["kursiv"].italic
    assert runs["<kod> & {{ x }}"].font.name == "Courier New"
    assert num_pr(items["underpunkt"]).ilvl.val == 1
    assert num_pr(items["Delsteg <b>"]).ilvl.val == 1


def test_unknown_id_names_the_nearest_and_writes_nothing(tmp_path: Path) -> None:
    result = run("export", "rutin-bostad-forts", "--root", str(REPO), DAY, "-o", str(tmp_path))
    assert result.exit_code == 1
    assert result.output == (
        f"Fel: Det finns inget dokument med id 'rutin-bostad-forts' i {REPO}. "
        "Menade du 'rutin-bostad-forst'? Id:t är filnamnet utan .yaml under routines/.\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_a_templates_id_points_to_the_form_command(tmp_path: Path) -> None:
    result = run("export", "remiss-bostad-forst", "--root", str(REPO), "-o", str(tmp_path))
    assert result.exit_code == 1
    assert result.output == (
        "Fel: 'remiss-bostad-forst' är en mall, inget styrande dokument. "
        "Gör formuläret med 'styrdok docx remiss-bostad-forst'.\n"
    )


def test_a_document_with_errors_is_not_exported(corpus: Path) -> None:
    edit(corpus, "routines/rutin-a.yaml", "Risk upptäcks.", "Gäller 19121212-1212.")
    result = run("export", "rutin-a", "--root", str(corpus), DAY, "-o", str(corpus))
    assert result.exit_code == 1
    assert result.output.startswith("Fel: Dokumentet 'rutin-a' har fel och exporterades inte:\n")
    assert "  routines/rutin-a.yaml:" in result.output
    assert "Rätta felen (se 'styrdok check') och försök igen.\n" in result.output
    assert not (corpus / "rutin-a.docx").exists()


@pytest.mark.parametrize("where", ["styrdok.yaml/ut.docx", "saknas/ut.docx"])
def test_unwritable_output_is_an_error_and_leaves_nothing(corpus: Path, where: str) -> None:
    before = sorted(corpus.rglob("*"))
    target = corpus / where
    result = run("export", "rutin-a", "--root", str(corpus), DAY, "-o", str(target))
    assert result.exit_code == 1
    problem = "är ingen mapp" if where.startswith("styrdok.yaml") else "finns inte"
    assert result.output == (
        f"Fel: {target}: {target.parent} {problem}. Skapa mappen eller välj en annan fil med -o.\n"
    )
    assert sorted(corpus.rglob("*")) == before


def test_default_output_is_id_docx_in_the_current_folder(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "arbete"
    work.mkdir()
    monkeypatch.chdir(work)
    result = run("export", "rutin-a", "--root", str(corpus), DAY)
    assert result.exit_code == 0, result.output
    assert result.output == "Skrev rutin-a.docx\n"
    assert [p.name for p in work.iterdir()] == ["rutin-a.docx"]
    existing = work / "rutin-a.docx"
    existing.write_bytes(b"gammal")
    assert run("export", "rutin-a", "--root", str(corpus), DAY, "-o", str(work)).exit_code == 0
    assert existing.read_bytes()[:2] == b"PK"
    assert [p.name for p in work.iterdir()] == ["rutin-a.docx"]  # no temporary file left


def rows_of(corpus: Corpus) -> dict[str, list[tuple[str, str | None]]]:
    doc = corpus.documents["rutin-a"]
    return {r.label: r.lines for r in metadata(corpus, doc, status_of(corpus, doc, TODAY))}


def test_metadata_rows_follow_the_document(corpus: Path) -> None:
    corpus_data, _ = check(corpus, TODAY)
    rows = rows_of(corpus_data)
    assert rows["Diarienummer"] == [("SO 2025/0164", None)]
    assert rows["Datum och paragraf för beslutet"] == [("2026-01-10, § 4", None)]
    assert rows["Bilagor"] == [("Inga", None)]
    edit(
        corpus,
        "routines/rutin-a.yaml",
        "owner: processledare\n",
        "owner: processledare\nattachments:\n  - title: Blankett\n    url: https://example.org/b.pdf\n",
    )
    corpus_data, _ = check(corpus, TODAY)
    rows = rows_of(corpus_data)
    assert rows["Bilagor"] == [("Blankett", "https://example.org/b.pdf")]


def test_many_documents_are_made_in_parallel_with_the_same_bytes(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from governance.render.export import batch

    corpus_data, _ = check(corpus, TODAY)
    ids = ["rutin-a", "riktlinje-b"]
    one_by_one = [document_docx(corpus_data, corpus_data.documents[i], TODAY) for i in ids]
    monkeypatch.setattr(batch, "PARALLEL_FROM", 1)
    assert list(batch.official_documents(corpus_data, TODAY, ids).values()) == one_by_one
