"""Word files for the import tests, made the same way each time (python-docx and lxml, zip
entries without times): ``python tests/import_data/make.py [FOLDER]``.

- ``rutin-samverkan-avhysning.docx``: source 003 told in our own words, with its grid of
  "Etikett: värde" cells, the placeholders [Nummer] and [Bilagor], link lists with (#)
  links, responsibilities per administration and two processes with lettered sub-steps;
- ``riktlinje-hyresskulder.docx``: a guideline with another table (two columns, other
  labels: Beslutsinstans, Fastställd datum, Dnr, Gäller från, Giltig till, Ansvarig), a
  merged header cell and a label cell merged over two rows, dates in words;
- ``rutin-med-andringar.docx``: tracked changes (an insertion, a deletion) in the text and
  in the table, and comments;
- bad ones: no metadata table, two values for one label, a date that cannot be read, two
  files with the same title, an "encrypted" Word file (an OLE file with EncryptionInfo).

The LibreOffice-saved copy and the .doc are made from these by the tests (soffice).
No real people or contact details: roles only.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from governance.render.forms.ooxml import reproducible

HERE = Path(__file__).parent
Part = str | tuple[str, str]  # plain text, or (format, text): "b", "i", or a link address
_W = nsdecls("w")
_LISTS = {
    "steps": [("decimal", "%1)"), ("lowerLetter", "%2)")],
    "bullets": [("bullet", "•"), ("bullet", "–")],
}


class Maker:
    def __init__(self) -> None:
        self.doc: DocxDocument = docx.Document()
        self.doc.core_properties.author = "Testkommunen"
        numbering = self.doc.part.numbering_part.element
        for n, levels in enumerate(_LISTS.values()):
            lvls = "".join(
                f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                f'<w:lvlText w:val="{text}"/><w:pPr><w:ind w:left="{720 * (i + 1)}" '
                'w:hanging="360"/></w:pPr></w:lvl>'
                for i, (fmt, text) in enumerate(levels)
            )
            numbering.append(
                parse_xml(f'<w:abstractNum {_W} w:abstractNumId="{70 + n}">{lvls}</w:abstractNum>')
            )
        self._nums = 0

    def new_list(self, kind: str) -> int:
        numbering = self.doc.part.numbering_part.element
        abstract = 70 + list(_LISTS).index(kind)
        return int(numbering.add_num(abstract).numId)

    def heading(self, text: str, level: int) -> None:
        self.doc.add_heading(text, level)

    def para(self, *parts: Part, style: str | None = None) -> Paragraph:
        para = self.doc.add_paragraph(style=style)
        self.runs(para, parts)
        return para

    def runs(self, para: Paragraph, parts: tuple[Part, ...] | list[Part]) -> None:
        for part in parts:
            if isinstance(part, str):
                para.add_run(part)
                continue
            fmt, text = part
            if fmt == "b":
                para.add_run(text).bold = True
            elif fmt == "i":
                para.add_run(text).italic = True
            else:
                self.link(para, text, fmt)

    def link(self, para: Paragraph, text: str, url: str) -> None:
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), para.part.relate_to(url, RT.HYPERLINK, is_external=True))
        run = para.add_run(text)
        run.underline = True
        run._r.addprevious(link)
        link.append(run._r)

    def items(self, kind: str, *items: tuple[int, list[Part]]) -> None:
        num_id = self.new_list(kind)
        for level, parts in items:
            para = self.doc.add_paragraph()
            num = para._p.get_or_add_pPr().get_or_add_numPr()
            num.get_or_add_ilvl().val = level
            num.get_or_add_numId().val = num_id
            self.runs(para, parts)

    def bullets(self, *texts: str | list[Part]) -> None:
        items: list[tuple[int, list[Part]]] = [
            (0, [text] if isinstance(text, str) else text) for text in texts
        ]
        self.items("bullets", *items)

    def contents(self, *titles: str) -> None:
        """A table of contents as Word leaves it: a heading and one paragraph per entry."""
        self.doc.add_paragraph("Innehåll", style="TOC Heading")
        for title in titles:
            self.doc.add_paragraph(f"{title}\t3").style = self._toc_style()

    def _toc_style(self) -> str:
        styles = self.doc.styles
        if "toc 1" not in [s.name for s in styles]:
            from docx.enum.style import WD_STYLE_TYPE

            styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH, builtin=True)
        return "toc 1"

    def save(self, path: Path) -> None:
        raw = io.BytesIO()
        self.doc.save(raw)
        path.write_bytes(reproducible(raw.getvalue()))


def cell_text(cell: _Cell, label: str, value: str) -> None:
    para = cell.paragraphs[0]
    para.add_run(f"{label}: ").bold = True
    para.add_run(value)


def span(cell: _Cell, columns: int) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    grid = OxmlElement("w:gridSpan")
    grid.set(qn("w:val"), str(columns))
    tcpr.append(grid)


def routine_003(m: Maker) -> None:
    """Source 003 in our own words."""
    m.para("Testkommunen", style="Subtitle")
    m.para("Rutin för samverkan mellan förvaltningarna i arbetet med att förebygga avhysning",
           style="Title")  # fmt: skip
    m.para("Reglerande styrande dokument: Policy, Riktlinje, Regel, Anvisning, ", ("b", "Rutin"),
           ", Instruktion.")  # fmt: skip
    m.para("Stadens styrande dokument talar om vad förvaltningarna ska göra, vem som gör det "
           "och hur. De gäller för alla som arbetar i staden.")  # fmt: skip
    table = m.doc.add_table(rows=4, cols=4)
    table.style = m.doc.styles["Table Grid"]
    first = table.rows[0].cells
    first[0].merge(first[3])
    cell_text(table.rows[0].cells[0], "Dokumentnamn",
              "Rutin för samverkan mellan förvaltningarna i arbetet med att förebygga avhysning")  # fmt: skip
    values = [
        [
            ("Beslutad av", "Avdelningscheferna för de fyra socialförvaltningarna, "
             "Avdelningschef myndighet, förvaltningen för funktionsstöd"),
            ("Gäller för", "De fyra socialförvaltningarna, Förvaltningen för funktionsstöd, "
             "Äldre- samt vård och omsorgsförvaltningen"),
            ("Diarienummer", "[Nummer]"),
            ("Datum och paragraf för beslutet", "2022-02-02"),
        ],
        [
            ("Dokumentsort", "Rutin"),
            ("Giltighetstid", "Fr.o.m. 2022-02-15 och tv"),
            ("Senast reviderad", "2022-01-27 Länkar uppdaterade 2024-02-06"),
            ("Dokumentansvarig", "Processledare boendesociala frågor, "
             "Verksamhetsutvecklare FFS och ÄVO"),
        ],
    ]  # fmt: skip
    for row, cells in zip(table.rows[1:3], values, strict=True):
        for cell, (label, value) in zip(row.cells, cells, strict=True):
            cell_text(cell, label, value)
    last = table.rows[3].cells
    last[0].merge(last[3])
    cell_text(table.rows[3].cells[0], "Bilagor", "[Bilagor]")
    m.contents("Inledning", "Syftet med rutinen", "Rutin", "Kontaktvägar")
    m.heading("Inledning", 1)
    m.heading("Syftet med rutinen", 2)
    m.para("Rutinen gör klart vem som gör vad när flera förvaltningar tillsammans försöker "
           "förhindra att någon blir ", ("b", "avhyst"), ". Målet är en samverkan som "
           "fungerar i varje ärende.")  # fmt: skip
    m.heading("Vem rutinen gäller", 2)
    m.para("Rutinen gäller tills vidare för de fyra socialförvaltningarna, förvaltningen för "
           "funktionsstöd och äldre- samt vård- och omsorgsförvaltningen.")  # fmt: skip
    m.heading("Bakgrund", 2)
    m.para("Stadens hemlöshetsplan innehöll åtgärder för att förebygga hemlöshet. En "
           "genomgång visade att arbetet höll olika nivå i olika delar av staden.")  # fmt: skip
    m.para("En samverkan som fungerar känns igen på att:")
    m.bullets(
        "förvaltningarna tar gemensamt ansvar för det förebyggande arbetet",
        "det finns gemensamma rutiner som följs upp",
        ["förvaltningarna träffas ", ("i", "regelbundet"), " i samverkansmöten"],
    )
    m.heading("Koppling till andra styrande dokument", 2)
    m.items(
        "bullets",
        (0, [("#", "Göteborgs Stads riktlinje för bistånd till boende")]),
        (0, [("#", "Stadens plan mot hemlöshet")]),
        (0, [("#", "Rutin för intern samordning av socialförvaltningarnas arbete med att "
                   "förebygga avhysningar")]),
    )  # fmt: skip
    m.heading("Stödjande dokument", 2)
    m.items(
        "bullets",
        (0, [("#", "Välfärdens processer – Socialtjänstprocessen")]),
        (0, [("https://www.socialstyrelsen.se/", "Stöd för socialtjänsten i arbetet mot "
              "avhysningar (socialstyrelsen.se)")]),
    )  # fmt: skip
    m.heading("Rutin", 1)
    m.para("Alla berörda förvaltningar delar ansvaret för att ingen ska behöva lämna sin "
           "bostad, och barnfamiljer skyddas särskilt.")  # fmt: skip
    m.heading("Roller och ansvarsfördelning", 2)
    m.para("Nedan står vad varje förvaltning ansvarar för.")
    for unit, extra in (
        ("Förvaltningen för funktionsstöd", "till exempel boendestöd"),
        ("Äldre- samt vård och omsorgsförvaltningen", "till exempel hemtjänst"),
        ("De fyra socialförvaltningarna", "till exempel ekonomiskt bistånd"),
    ):
        m.heading(unit, 3)
        m.bullets(
            "Uppmärksamma situationer som kan leda till avhysning.",
            f"Utreda ansökningar och bevilja insatser, {extra}.",
            "Följa upp ärendet så att risken inte kommer tillbaka.",
        )
    m.heading("Rutin för samverkan", 2)
    m.para("Den förvaltning som först ser behovet handlägger ärendet.")
    m.heading("När FFS eller ÄVO upptäcker risk för avhysning", 3)
    m.items(  # as in the source: bullets with the numbers and letters typed by hand
        "bullets",
        (0, ["1) Risken för avhysning upptäcks."]),
        (0, ["2) ", ("b", "Handläggare: "), "informerar personen och motiverar hen att söka "
             "insatser."]),
        (0, ["3) Ansökan utreds"]),
        (1, ["a) inom den egna förvaltningen."]),
        (1, ["b) hos en annan förvaltning, med stöd av handläggaren."]),
        (1, ["c) i en samordnad plan när flera förvaltningar behövs."]),
        (0, ["4) De beviljade insatserna verkställs."]),
    )  # fmt: skip
    m.heading("När socialförvaltningen upptäcker risk för avhysning", 3)
    m.items(
        "steps",
        (0, ["En underrättelse om uppsägning kommer in, eller risken upptäcks på annat sätt."]),
        (0, ["Ansökan utreds"]),
        (1, ["inom socialförvaltningen."]),
        (1, ["med en samordnad plan när flera förvaltningar behövs."]),
        (0, ["Förvaltningarna följer upp tillsammans."]),
    )
    m.heading("Kontaktvägar", 2)
    m.para("Kontakta i första hand den handläggare som redan arbetar med ärendet. Aktuella "
           "kontaktvägar finns i stadens telefonkatalog.")  # fmt: skip


def guideline(m: Maker) -> None:
    m.para("Riktlinje för stöd vid hyresskulder", style="Title")
    table = m.doc.add_table(rows=11, cols=2)
    table.style = m.doc.styles["Table Grid"]
    head = table.rows[0].cells
    head[0].merge(head[1])
    table.rows[0].cells[0].paragraphs[0].add_run("Uppgifter om riktlinjen").bold = True
    rows = [
        ("Dokumenttitel", "Riktlinje för stöd vid hyresskulder"),
        ("Dokumenttyp", "Riktlinje"),
        ("Beslutsinstans", "De fyra socialnämnderna"),
        ("Fastställd datum", "2 februari 2022, § 14"),
        ("Dnr", "SO 2022/0042"),
        ("Gäller från", "15 februari 2022"),
        ("Giltig till", "31 december 2025"),
        ("Ansvarig", "Enhetschef"),
        ("Gäller för", "De fyra socialförvaltningarna"),
        ("", "Förvaltningen för funktionsstöd"),
    ]
    for row, (label, value) in zip(table.rows[1:], rows, strict=True):
        row.cells[0].paragraphs[0].add_run(label).bold = True
        row.cells[1].paragraphs[0].add_run(value)
    top, bottom = table.rows[9].cells[0], table.rows[10].cells[0]
    top.merge(bottom)  # "Gäller för" over two rows
    m.heading("Syfte", 1)
    m.para("Riktlinjen ska ge ", ("b", "likvärdigt stöd"), " i hela staden till hushåll med ",
           ("i", "hyresskulder"), ". Läs mer hos ",
           ("https://www.kronofogden.se/", "Kronofogden"), ".")  # fmt: skip
    m.heading("Ansvarig", 1)
    m.para("Enhetschefen ansvarar för att riktlinjen är känd i verksamheten.")
    m.heading("Bedömning", 1)
    m.para("Bedömningen utgår från hushållets hela situation:")
    m.bullets("inkomster och utgifter", "barn i hushållet", "tidigare skulder")
    t = m.doc.add_table(rows=3, cols=2)
    t.style = m.doc.styles["Table Grid"]
    for r, (a, b) in enumerate([("Skuld", "Åtgärd"), ("Under en månadshyra", "Råd"),
                                 ("Över en månadshyra", "Utredning")]):  # fmt: skip
        t.rows[r].cells[0].text, t.rows[r].cells[1].text = a, b
    m.heading("Så går ansökan till", 1)
    m.para("Stegen gäller alla ansökningar.")
    m.items(
        "steps",
        (0, ["Hushållet ansöker."]),
        (0, ["Socialsekreteraren utreder."]),
        (0, ["Beslut fattas."]),
    )


def routine_with_changes(m: Maker) -> None:
    m.para("Rutin för hembesök vid risk för avhysning", style="Title")
    table = m.doc.add_table(rows=6, cols=2)
    rows = [
        ("Dokumentnamn", "Rutin för hembesök vid risk för avhysning"),
        ("Dokumentsort", "Rutin"),
        ("Fastställd av", "Enhetschef"),
        ("Datum och paragraf för beslutet", "2023-03-01"),
        ("Giltighetstid", "Tills vidare"),
        ("Dokumentansvarig", "Enhetschef"),
    ]
    for row, (label, value) in zip(table.rows, rows, strict=True):
        row.cells[0].text = label
        row.cells[1].text = value
    _tracked(table.rows[3].cells[1].paragraphs[0], "2023-03-01", "2023-04-01")
    m.heading("Syfte", 1)
    para = m.para("Hembesöket görs ")
    _insert(para, "alltid ")
    _delete(para, "ibland ")
    para.add_run("tillsammans med hyresvärden.")
    comment = m.doc.add_comment(para.runs[0], text="Stämmer detta?", author="Granskare",
                                initials="G")  # fmt: skip
    comment._comment_elm.set(qn("w:date"), "2026-01-01T00:00:00Z")  # the same file each time
    m.heading("Steg", 1)
    m.items("steps", (0, ["Boka besöket."]), (0, ["Gör besöket."]))


def _tracked(para: Paragraph, old: str, new: str) -> None:
    """The value ``old`` deleted and ``new`` inserted, as a tracked change."""
    for run in list(para.runs):
        run._r.getparent().remove(run._r)
    _delete(para, old)
    _insert(para, new)


_CHANGE_IDS = iter(range(9001, 10000))


def _next_id() -> int:
    return next(_CHANGE_IDS)


def _insert(para: Paragraph, text: str) -> None:
    ins = parse_xml(f'<w:ins {_W} w:id="{_next_id()}" w:author="Granskare">'
                    f"<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:ins>")  # fmt: skip
    para._p.append(ins)


def _delete(para: Paragraph, text: str) -> None:
    deleted = parse_xml(
        f'<w:del {_W} w:id="{_next_id()}" w:author="Granskare">'
        f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>'
    )
    para._p.append(deleted)


def small(title: str, rows: list[tuple[str, str]]) -> Maker:
    m = Maker()
    m.para(title, style="Title")
    if rows:
        table = m.doc.add_table(rows=len(rows), cols=2)
        for row, (label, value) in zip(table.rows, rows, strict=True):
            row.cells[0].text, row.cells[1].text = label, value
    m.heading("Syfte", 1)
    m.para("Texten är ett exempel.")
    return m


BASIC = [
    ("Dokumentsort", "Rutin"),
    ("Beslutad av", "Enhetschef"),
    ("Dokumentansvarig", "Enhetschef"),
]


def bad(folder: Path) -> None:
    small("Mötesanteckningar", []).save(folder / "inget-styrande-dokument.docx")
    small("Rutin A", [("Dokumentnamn", "Rutin A"), *BASIC, ("Dnr", "SO 2023/1"),
                      ("Diarienummer", "SO 2023/2")]).save(folder / "tva-varden.docx")  # fmt: skip
    small("Rutin B", [("Dokumentnamn", "Rutin B"), *BASIC,
                      ("Datum och paragraf för beslutet", "snart")]).save(folder / "konstigt-datum.docx")  # fmt: skip
    for name in ("samma-titel-1.docx", "samma-titel-2.docx"):
        small("Rutin för nyckelhantering", [("Dokumentnamn", "Rutin för nyckelhantering"),
                                            *BASIC]).save(folder / name)  # fmt: skip
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    (folder / "krypterad.docx").write_bytes(
        header + "EncryptionInfo".encode("utf-16-le") + bytes(64)
    )


def make(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, build in (
        ("rutin-samverkan-avhysning.docx", routine_003),
        ("riktlinje-hyresskulder.docx", guideline),
        ("rutin-med-andringar.docx", routine_with_changes),
    ):
        maker = Maker()
        build(maker)
        maker.save(folder / name)
    (folder / "bad").mkdir(exist_ok=True)
    bad(folder / "bad")
    return sorted(folder.rglob("*.docx"))


if __name__ == "__main__":
    for path in make(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "files"):
        print(path)
