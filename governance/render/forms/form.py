"""The fillable Word form of a template definition.

``form_bytes`` is the blank form a person fills in Word or LibreOffice: the title, the
description, a Heading 1 per section, each field's label as visible text and a content
control for its value (see ``governance.render.forms.controls``), table fields as real tables with
a header row, and the template's id, version and routines in the core and custom
properties and the footer. ``fill_template_bytes`` is the same document as a docxtpl
template: ``styrdok fill`` renders it with case data, and the filled document keeps its
controls, so ``styrdok extract`` can read it back.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor

from governance import cachefile
from governance.load import Corpus
from governance.model import Template, TemplateField
from governance.render.forms.controls import PLACEHOLDER_STYLE, Jinja, Slot, control, slot
from governance.render.forms.ooxml import (
    caption,
    child,
    header_row,
    jinja_literal,
    keep_row_together,
    reproducible,
    set_custom_properties,
    text_run,
    widths_by_content,
)

LANG = "sv-SE"
BLANK_TABLE_ROWS = 3
LABEL_STYLE = "Fältetikett"
HELP_STYLE = "Hjälptext"
TEXT_WIDTH = 9071  # twips: A4 less the margins (setup_document)
PROP_TEMPLATE, PROP_VERSION, PROP_ROUTINE = "styrdok.template", "styrdok.version", "styrdok.routine"


@dataclass(frozen=True)
class FormInfo:
    """A template with what its form says about it: routines (id, title) and organisation."""

    template: Template
    routines: list[tuple[str, str]]
    organisation: str

    @property
    def footer(self) -> str:
        t = self.template
        names = ", ".join(f"{title} ({rid})" for rid, title in self.routines)
        belongs = f" · Hör till {'rutin' if len(self.routines) == 1 else 'rutinerna'} {names}"
        return f"Mall {t.id}, version {t.version}{belongs if self.routines else ''}"

    @property
    def properties(self) -> dict[str, str]:
        t = self.template
        routines = ", ".join(rid for rid, _ in self.routines)
        return {PROP_TEMPLATE: t.id, PROP_VERSION: t.version, PROP_ROUTINE: routines}


def template_of(corpus: Corpus, template_id: str) -> Template:
    """The template definition with this id, or an error saying what to do."""
    return corpus.find_template(template_id)


def info_of(corpus: Corpus, template: Template) -> FormInfo:
    routines = [
        (rid, corpus.documents[rid].title if rid in corpus.documents else rid)
        for rid in template.routines
    ]
    return FormInfo(template, routines, corpus.config.organisation)


def form_key(corpus: Corpus, template_id: str) -> str:
    """A digest of everything ``form_bytes`` reads: the same key gives the same bytes, so a
    cache can hold the form under it."""
    info = info_of(corpus, template_of(corpus, template_id))
    parts = [
        _code_version(),
        info.template.model_dump_json(),
        info.routines,
        info.organisation,
    ]
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


@functools.cache
def _code_version() -> str:
    """What forms are made with: this package's source and python-docx's version."""
    return cachefile.source_digest(Path(__file__).parent, docx.__version__)


def form_bytes(corpus: Corpus, template_id: str) -> bytes:
    """The fillable .docx of a template (the same bytes for the same definition)."""
    info = info_of(corpus, template_of(corpus, template_id))
    return reproducible(_save(build(info, jinja=False)))


def fill_template_bytes(info: FormInfo) -> bytes:
    """The form as a docxtpl template of the values ``_v[key]``."""
    return _save(build(info, jinja=True))


def _save(doc: DocxDocument) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def build(info: FormInfo, jinja: bool) -> DocxDocument:
    doc = docx.Document()
    setup_document(doc)
    builder = _Builder(doc, jinja)
    builder.heading_block(info)
    for item in info.template.fields:
        builder.field(item)
    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = builder.lit(info.footer)
    set_custom_properties(doc, info.properties)
    if not jinja:  # a template's properties are set after rendering (see fill)
        set_core_properties(doc, info, None)
    return doc


def set_core_properties(doc: DocxDocument, info: FormInfo, when: datetime | None) -> None:
    """Title, language and the template's identity in the core properties. ``when`` None:
    the date of the template's last revision (a reproducible form)."""
    t = info.template
    props = doc.core_properties
    props.title = t.title
    props.subject = "Mall till " + ", ".join(title for _, title in info.routines)
    props.identifier = t.id
    props.version = t.version
    props.keywords = f"styrdok; mall; {t.id}"
    props.category = "Mall"
    props.language = LANG
    props.author = info.organisation
    props.comments = (t.description or "").strip()
    props.last_modified_by = "styrdok"
    props.revision = 1
    if when is None:
        day = t.revisions[-1].date if t.revisions else datetime(2000, 1, 1).date()
        when = datetime(day.year, day.month, day.day, tzinfo=UTC)
    props.created = props.modified = when


class _Builder:
    def __init__(self, doc: DocxDocument, jinja: bool) -> None:
        self.doc = doc
        self.jinja = jinja
        self.lit: Callable[[str], str] = jinja_literal if jinja else str
        self.section: str | None = None
        self.bookmarks = 0
        self.field_no = 0

    def heading_block(self, info: FormInfo) -> None:
        t = info.template
        self.doc.add_paragraph(self.lit(t.title), "Title")
        for part in (t.description or "").strip().split("\n\n"):
            if part.strip():
                self.doc.add_paragraph(self.lit(" ".join(part.split())))
        if any(f.required for f in t.fields):
            self.doc.add_paragraph("Fält markerade med * måste fyllas i.")

    def field(self, item: TemplateField) -> None:
        self.field_no += 1
        if item.section and item.section != self.section:
            self.doc.add_paragraph(self.lit(item.section), "Heading 1")
        self.section = item.section or self.section
        label = item.label + (" *" if item.required else "")
        if item.type == "table":
            self.table(item, label)
        elif item.type == "yesno":
            para = self.doc.add_paragraph()
            para._p.append(self.control(slot(item)))
            para.add_run(" " + self.lit(label))
        else:
            self.doc.add_paragraph(self.lit(label), LABEL_STYLE)
            self.doc.add_paragraph()._p.append(self.control(slot(item)))

    def control(self, item: Slot, row: int = 0, column: int = 0) -> BaseOxmlElement:
        """A blank control, or a template of ``_v[key]`` (``_row[column]`` in a table row,
        whose bookmarks are numbered by the loop)."""
        if not self.jinja:
            self.bookmarks += 1
            return control(item, self.bookmarks, f"_{row}" if row else "", self.lit)
        if row:
            base = (self.field_no * 100 + column) * 10_000
            column_key = item.tag.split(".", 1)[1]
            cell = Jinja(
                f"_row['{column_key}']", f"{{{{ {base} + loop.index }}}}", "_{{ loop.index }}"
            )
            return control(item, cell, lit=self.lit)
        return control(item, Jinja(f"_v['{item.tag}']", str(self.field_no)), lit=self.lit)

    def table(self, item: TemplateField, label: str) -> None:
        self.doc.add_paragraph(self.lit(label), "Heading 2" if self.section else "Heading 1")
        if item.help:  # shown where the rows are filled in, not only in the table's properties
            help_text = self.doc.add_paragraph(style=HELP_STYLE)
            help_text._p.append(text_run(self.lit(item.help), placeholder=True))
        slots = [slot(c, item.key) for c in item.columns]
        # a template: header, {%tr for %}, the row, {%tr endfor %}
        rows = 4 if self.jinja else 1 + BLANK_TABLE_ROWS
        table = self.doc.add_table(rows=rows, cols=len(slots))
        table.style = self.doc.styles["Table Grid"]
        caption(table._tbl, self.lit(item.label), self.lit(item.help) if item.help else None)
        header_row(table.rows[0]._tr)
        for cell, column in zip(table.rows[0].cells, item.columns, strict=True):
            run = cell.paragraphs[0].add_run(
                self.lit(column.label + (" *" if column.required else ""))
            )
            run.bold = True
        if self.jinja:
            table.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for _row in _v['{item.key}'] %}}")
            table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
            data_rows = [(1, table.rows[2])]
        else:
            data_rows = list(enumerate(table.rows[1:], start=1))
        for number, row in data_rows:
            for index, (cell, item_slot) in enumerate(zip(row.cells, slots, strict=True), 1):
                cell.paragraphs[0]._p.append(self.control(item_slot, number, index))
        for row in table.rows:
            keep_row_together(row._tr)
        columns = [
            [column.label + (" *" if column.required else ""), s.placeholder]
            for column, s in zip(item.columns, slots, strict=True)
        ]
        widths_by_content(table._tbl, columns, TEXT_WIDTH)


def setup_document(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(25))
    _language(doc)
    styles = doc.styles
    placeholder = styles.add_style("Placeholder Text", WD_STYLE_TYPE.CHARACTER)
    placeholder.font.color.rgb = RGBColor(0x59, 0x59, 0x59)  # 7:1 contrast on white
    label = styles.add_style(LABEL_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = styles["Normal"]
    label.font.bold = True
    label.paragraph_format.keep_with_next = True
    label.paragraph_format.space_after = Pt(2)
    assert placeholder.style_id == PLACEHOLDER_STYLE
    help_style = styles.add_style(HELP_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    help_style.base_style = styles["Normal"]
    help_style.paragraph_format.keep_with_next = True
    help_style.paragraph_format.space_after = Pt(4)


def _language(doc: DocxDocument) -> None:
    """Swedish as the language of all text (styles' w:docDefaults)."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = child(styles, "w:docDefaults")
        styles.insert(0, defaults)
    run_default = defaults.find(qn("w:rPrDefault"))
    if run_default is None:
        run_default = child(defaults, "w:rPrDefault")
    props = run_default.find(qn("w:rPr"))
    if props is None:
        props = child(run_default, "w:rPr")
    for old in props.findall(qn("w:lang")):
        props.remove(old)
    child(props, "w:lang", {"w:val": LANG, "w:eastAsia": LANG, "w:bidi": "ar-SA"})
