"""Word building blocks python-docx lacks: hyperlinks, bookmarks, numbered lists that
restart, a table of contents field, page numbers and the document language. Table captions,
header rows and the byte-for-byte reproducible .docx are governance.render.forms.ooxml's, shared
with the forms.

Corpus text only ever enters a run's text (python-docx and lxml escape it), never XML; the
few XML snippets here are constants. Characters XML cannot hold are dropped first.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass, field

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from governance import urlpolicy
from governance.render.forms.ooxml import (
    INVALID_XML,
    header_row,
    reproducible,
    widths_by_content,
)
from governance.render.forms.ooxml import caption as caption_table

LANG = "sv-SE"
TOC_LEVELS = 3
_TEXT_WIDTH = Mm(160)  # A4 less the margins (_page_setup): the contents' page numbers
# Settings after updateFields in settings.xml's schema order.
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids")
_W = nsdecls("w")
# Two list definitions: numbered (1. a) i.) and bullets. Each list gets its own w:num
# pointing here, with its levels restarted, so every list counts from 1.
_ABSTRACT_NUMBERS = {
    "ordered": [("decimal", "%1."), ("lowerLetter", "%2)"), ("lowerRoman", "%3.")],
    "bullet": [("bullet", "•"), ("bullet", "–"), ("bullet", "▪")],
}
_INDENT = [360, 780, 1200]  # twips from the margin to the text of list levels 0, 1, 2
_ABSTRACT_BASE = 9100  # far from the ids in python-docx's own template
Line = tuple[str, str | None]  # text, and the address it links to (or None)
Cell = list[Line]


def clean(text: str) -> str:
    """Text XML can hold (YAML escapes can produce control characters)."""
    return INVALID_XML.sub("", text)


def safe_url(url: str | None) -> str | None:
    """A web, mail or phone address, or None for anything else (javascript:, files, and
    relative addresses, which mean nothing outside the handbook): governance.urlpolicy."""
    target = urlpolicy.href(clean(url or ""))
    if target is None or urlpolicy.scheme_of(target) is None:
        return None
    return target


@dataclass
class Style:
    """Inline formatting of a run."""

    bold: bool = False
    italic: bool = False
    code: bool = False
    url: str | None = None  # an external hyperlink
    anchor: str | None = None  # an internal hyperlink to a bookmark


@functools.cache
def _base() -> tuple[bytes, dict[str, str]]:
    """The empty document every export starts from (A4, sv-SE, our styles and lists),
    made once per process, and its style ids by name: python-docx looks a style name up
    among all styles each time it is given one."""
    doc = docx.Document()
    _page_setup(doc)
    _language(doc)
    _styles(doc)
    _abstract_numbers(doc)
    raw = io.BytesIO()
    doc.save(raw)
    return raw.getvalue(), {s.name: s.style_id for s in doc.styles if s.name}


@dataclass
class Writer:
    """One Word document being written, top to bottom."""

    doc: DocxDocument = field(init=False)
    toc: list[tuple[int, str, str]] = field(default_factory=list)  # level, text, bookmark
    _bookmarks: int = 0
    _style_ids: dict[str, str] = field(default_factory=dict)
    _mark_next: str | None = None  # a bookmark prefix for the next paragraph written

    def __post_init__(self) -> None:
        base, self._style_ids = _base()
        self.doc = docx.Document(io.BytesIO(base))

    def _styled(self, style: str | None) -> Paragraph:
        para = self.doc.add_paragraph()
        if style:
            para._p.style = self._style_ids[style]
        if self._mark_next:
            self.bookmark(para, self._mark_next)
            self._mark_next = None
        return para

    def mark_next(self, prefix: str | None) -> None:
        """Put a bookmark (``prefix`` and a number) on the next paragraph written, if any
        is written before the next call."""
        self._mark_next = prefix

    # -- blocks -------------------------------------------------------------------------

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        para = self._styled(style)
        if text:
            self.add(para, text)
        return para

    def heading(self, text: str, level: int) -> Paragraph:
        """A heading in Word's own Heading 1…9 styles; levels 1–3 go into the contents."""
        level = max(1, min(level, 9))
        para = self._styled(f"Heading {level}")
        self.add(para, " ".join(clean(text).split()))
        if level <= TOC_LEVELS:
            name = self.bookmark(para)
            self.toc.append((level, " ".join(clean(text).split()), name))
        return para

    def bookmark(self, para: Paragraph, prefix: str = "_Toc") -> str:
        """A bookmark around the paragraph: ``prefix`` and a number (unique in the file)."""
        self._bookmarks += 1
        name = (
            f"{prefix}{self._bookmarks:08d}" if prefix == "_Toc" else f"{prefix}_{self._bookmarks}"
        )
        start = OxmlElement(
            "w:bookmarkStart", {qn("w:id"): str(self._bookmarks), qn("w:name"): name}
        )
        end = OxmlElement("w:bookmarkEnd", {qn("w:id"): str(self._bookmarks)})
        ppr = para._p.pPr
        if ppr is not None:
            ppr.addnext(start)
        else:
            para._p.insert(0, start)
        para._p.append(end)
        return name

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def new_list(self, kind: str) -> int:
        """A new list ("ordered" or "bullet") that counts from 1 at every level: its numId."""
        numbering = self.doc.part.numbering_part.element
        abstract = _ABSTRACT_BASE + list(_ABSTRACT_NUMBERS).index(kind)
        num = numbering.add_num(abstract)
        for level in range(len(_ABSTRACT_NUMBERS[kind])):
            override = parse_xml(
                f'<w:lvlOverride {_W} w:ilvl="{level}"><w:startOverride w:val="1"/></w:lvlOverride>'
            )
            num.append(override)
        return int(num.numId)

    def list_item(self, num_id: int, level: int = 0) -> Paragraph:
        para = self._styled("List Paragraph")
        num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = min(level, 2)
        num_pr.get_or_add_numId().val = num_id
        return para

    def under_item(self, level: int = 0) -> Paragraph:
        """A paragraph without a number, in line with the text of a list item above it."""
        para = self._styled(None)
        para.paragraph_format.left_indent = Twips(_INDENT[min(level, 2)])
        return para

    def table(
        self,
        header: list[str],
        rows: list[list[Cell]],
        caption: str,
        header_column: bool = False,
    ) -> Table:
        """A table whose header row repeats on every page; each cell is lines of (text, url
        or None). With ``header_column`` the first column is bold, as row headers."""
        table: Table = self.doc.add_table(rows=1 + len(rows), cols=len(header))
        table.style = self.doc.styles["Table Grid"]
        caption_table(table._tbl, clean(caption), None)
        head = table.rows[0]
        header_row(head._tr)
        for cell, text in zip(head.cells, header, strict=True):
            self.add(cell.paragraphs[0], text, Style(bold=True))
        for row, values in zip(table.rows[1:], rows, strict=True):
            row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
            for column, (cell, lines) in enumerate(zip(row.cells, values, strict=True)):
                para = cell.paragraphs[0]
                bold = header_column and column == 0
                for n, (text, url) in enumerate(lines):
                    if n:
                        para.add_run().add_break()
                    self.add(para, text, Style(bold=bold, url=url))
        columns = [[h, *(t for row in rows for t, _ in row[n])] for n, h in enumerate(header)]
        widths_by_content(table._tbl, columns, _TEXT_WIDTH.twips)
        return table

    # -- runs -----------------------------------------------------------------------------

    def add(self, para: Paragraph, text: str, style: Style | None = None) -> Run:
        """Add ``text`` as one run; with a url or anchor, as a hyperlink."""
        style = style or Style()
        if style.url and urlpolicy.problem(style.url) is not None:
            text = f"{text} ({urlpolicy.normalise(style.url)})"  # shown, never a link
        run = para.add_run(clean(text))
        run.bold = style.bold or None
        run.italic = style.italic or None
        if style.code:
            run.font.name = "Courier New"
        target = safe_url(style.url) if style.url else None
        if target or style.anchor:
            run._r.style = self._style_ids["Hyperlink"]
            link = OxmlElement("w:hyperlink")
            if target:
                link.set(qn("r:id"), para.part.relate_to(target, RT.HYPERLINK, is_external=True))
            else:
                link.set(qn("w:anchor"), style.anchor or "")
            link.set(qn("w:history"), "1")
            run._r.addprevious(link)
            link.append(run._r)
        return run

    # -- the table of contents, the footer and the file ----------------------------------

    def contents_here(self) -> Paragraph:
        """A place for the table of contents, filled by ``fill_contents`` at the end."""
        return self.doc.add_paragraph()

    def fill_contents(self, place: Paragraph, title: str) -> None:
        """Replace ``place`` with the table of contents: one hyperlink per heading and, after
        a dotted tab, a PAGEREF field with its page. LibreOffice lays the page numbers out
        itself (so the PDF has them) and Word updates them on opening (updateFields). Not a
        TOC field: LibreOffice shows a TOC field's saved entries without updating them."""
        sdt = parse_xml(
            f"<w:sdt {_W}><w:sdtPr><w:docPartObj>"
            '<w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
            "</w:docPartObj></w:sdtPr><w:sdtContent/></w:sdt>"
        )
        content = sdt.find(qn("w:sdtContent"))
        heading = self._styled("TOC Heading")
        self.add(heading, title)
        content.append(heading._p)
        for level, text, name in self.toc:
            para = self._styled(f"toc {level}")
            self.add(para, text, Style(anchor=name))
            para.add_run().add_tab()  # to the right margin, dotted (the toc styles)
            _page_reference(para, name)
            content.append(para._p)
        place._p.addnext(sdt)
        place._p.getparent().remove(place._p)
        page_break = self.doc.add_paragraph()
        page_break.add_run().add_break(WD_BREAK.PAGE)
        sdt.addnext(page_break._p)

    def header(self, text: str) -> None:
        """A line at the top of every page, in bold (e.g. UTKAST on a draft)."""
        first = self.doc.sections[0].header.paragraphs[0]
        first.style = self.doc.styles["Header"]
        self.add(first, text, Style(bold=True))

    def footer(self, text: str) -> None:
        footer = self.doc.sections[0].footer
        first = footer.paragraphs[0]
        first.style = self.doc.styles["Footer"]
        self.add(first, text)
        pages = footer.add_paragraph(style="Footer")
        self.add(pages, "Sida ")
        _simple_field(pages, "PAGE")
        self.add(pages, " av ")
        _simple_field(pages, "NUMPAGES")

    def to_bytes(self) -> bytes:
        """The .docx, the same bytes for the same content (zip entries carry no time)."""
        raw = io.BytesIO()
        self.doc.save(raw)
        return reproducible(raw.getvalue())


def _page_setup(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(25)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)


def _language(doc: DocxDocument) -> None:
    """sv-SE for spelling, hyphenation and screen readers (and the PDF's /Lang)."""
    rpr = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is not None:
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), LANG)
    # python-docx's template has these settings; their order in settings.xml is fixed.
    settings = doc.settings.element
    _update_fields_on_open(settings)
    for name, value in (("themeFontLang", LANG), ("decimalSymbol", ","), ("listSeparator", ";")):
        found = settings.find(qn(f"w:{name}"))
        if found is not None:
            found.set(qn("w:val"), value)


def _update_fields_on_open(settings: BaseOxmlElement) -> None:
    """Word updates the fields (the contents' page numbers) when it opens the file."""
    update = OxmlElement("w:updateFields", {qn("w:val"): "true"})
    for name in _AFTER_UPDATE_FIELDS:
        found = settings.find(qn(f"w:{name}"))
        if found is not None:
            found.addprevious(update)
            return
    settings.append(update)


def _styles(doc: DocxDocument) -> None:
    styles = doc.styles
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER, builtin=True)
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.font.underline = True
    for level in range(1, TOC_LEVELS + 1):
        toc = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH, builtin=True)
        toc.style_id = f"TOC{level}"
        toc.base_style = styles["Normal"]
        toc.paragraph_format.left_indent = Mm(6 * (level - 1))
        toc.paragraph_format.space_after = Pt(4)
        toc.paragraph_format.tab_stops.add_tab_stop(
            _TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS
        )


def _abstract_numbers(doc: DocxDocument) -> None:
    numbering = doc.part.numbering_part.element
    first_num = numbering.find(qn("w:num"))
    for index, levels in enumerate(_ABSTRACT_NUMBERS.values()):
        lvls = "".join(
            f'<w:lvl w:ilvl="{n}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{_INDENT[n]}" w:hanging="360"/></w:pPr></w:lvl>'
            for n, (fmt, text) in enumerate(levels)
        )
        abstract = parse_xml(
            f'<w:abstractNum {_W} w:abstractNumId="{_ABSTRACT_BASE + index}">'
            f'<w:multiLevelType w:val="hybridMultilevel"/>{lvls}</w:abstractNum>'
        )
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            numbering.append(abstract)


def _field_begin(para: Paragraph, instruction: str) -> None:
    _fld_char(para, "begin")
    run = para.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    run._r.append(instr)
    _fld_char(para, "separate")


def _field_end(para: Paragraph) -> None:
    _fld_char(para, "end")


def _fld_char(para: Paragraph, kind: str) -> BaseOxmlElement:
    run = para.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)
    return char


def _page_reference(para: Paragraph, bookmark: str) -> None:
    """The page a bookmark is on: a PAGEREF field that LibreOffice lays out itself and
    Word updates on opening (updateFields in settings.xml)."""
    _field_begin(para, f" PAGEREF {bookmark} \\h ")
    para.add_run("–")
    _field_end(para)


def _simple_field(para: Paragraph, instruction: str) -> None:
    _field_begin(para, f" {instruction} ")
    para.add_run("1")
    _field_end(para)
