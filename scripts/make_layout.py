#!/usr/bin/env python3
"""Write the example layout templates/uppdragsbeskrivning-bostad-forst.docx.

    python scripts/make_layout.py           # write the file
    python scripts/make_layout.py --check   # exit 1 when the file is not what this writes

A layout is a Word document with docxtpl tags that ``styrdok fill`` renders instead of the
generated form. This one is laid out as a letter to the provider. Each value sits in a
content control tagged with the field's key and holding ``{{ key }}``, so a document filled
from it can still be read with ``styrdok extract``; the contacts table repeats its row with
``{%tr for rad in kontakter %}``. The same definition gives the same bytes.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.shared import Mm
from docx.text.paragraph import Paragraph

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from governance.load import load_corpus  # noqa: E402
from governance.model import Template  # noqa: E402
from governance.render.forms.controls import Jinja, control, slot  # noqa: E402
from governance.render.forms.form import LABEL_STYLE, setup_document  # noqa: E402
from governance.render.forms.ooxml import (  # noqa: E402
    caption,
    header_row,
    jinja_literal,
    reproducible,
)

TEMPLATE_ID = "uppdragsbeskrivning-bostad-forst"
TARGET = REPO / "templates" / f"{TEMPLATE_ID}.docx"


class Layout:
    def __init__(self, template: Template) -> None:
        self.doc: DocxDocument = docx.Document()
        setup_document(self.doc)
        self.fields = {f.key: f for f in template.fields}
        self.number = 0

    def value(self, para: Paragraph, key: str) -> None:
        """A control showing ``{{ key }}`` at the end of the paragraph."""
        self.number += 1
        item = slot(self.fields[key])
        para._p.append(control(item, Jinja(key, str(self.number)), lit=jinja_literal))

    def line(self, label: str, key: str, after: str = "") -> None:
        para = self.doc.add_paragraph()
        para.add_run(f"{label}: ").bold = True
        self.value(para, key)
        if after:
            para.add_run(after)

    def block(self, key: str) -> None:
        self.doc.add_paragraph(self.fields[key].label, LABEL_STYLE)
        self.value(self.doc.add_paragraph(), key)

    def contacts(self, key: str) -> None:
        item = self.fields[key]
        table = self.doc.add_table(rows=4, cols=len(item.columns))
        table.style = self.doc.styles["Table Grid"]
        caption(table._tbl, item.label, item.help)
        header_row(table.rows[0]._tr)
        for cell, column in zip(table.rows[0].cells, item.columns, strict=True):
            cell.paragraphs[0].add_run(column.label).bold = True
        table.rows[1].cells[0].paragraphs[0].add_run(f"{{%tr for rad in {key} %}}")
        table.rows[3].cells[0].paragraphs[0].add_run("{%tr endfor %}")
        for n, (cell, column) in enumerate(zip(table.rows[2].cells, item.columns, strict=True)):
            cell_id = f"{{{{ {(90 + n) * 10_000} + loop.index }}}}"
            jinja = Jinja(f"rad.{column.key}", cell_id, "_{{ loop.index }}")
            cell.paragraphs[0]._p.append(control(slot(column, key), jinja, lit=jinja_literal))


def build(template: Template) -> bytes:
    layout = Layout(template)
    doc = layout.doc
    doc.sections[0].top_margin = Mm(30)
    doc.add_paragraph("Uppdrag: stödinsats Bostad först", "Title")
    doc.add_paragraph(
        "Beställningen gäller stödinsatsen nedan. Utföraren gör en genomförandeplan "
        "tillsammans med deltagaren och rapporterar till beställaren."
    )
    doc.add_paragraph("Parter och beslut", "Heading 1")
    layout.line("Deltagare", "deltagare_namn")
    layout.line("Beställare", "bestallare")
    layout.line("Utförare", "utforare")
    layout.line("Beslutad insats", "insats")
    layout.line("Beslutsdatum", "beslutsdatum")
    layout.line("Beslutet gäller till och med", "beslut_till_och_med")
    para = doc.add_paragraph()
    layout.value(para, "verkstalls_fore_inflyttning")
    para.add_run(" " + layout.fields["verkstalls_fore_inflyttning"].label)
    doc.add_paragraph("Uppdraget", "Heading 1")
    layout.block("syfte_och_mal")
    layout.block("personens_onskemal")
    doc.add_paragraph(layout.fields["kontakter"].label, "Heading 1")
    layout.contacts("kontakter")
    doc.add_paragraph("Uppföljning", "Heading 1")
    layout.line("Första uppföljning", "forsta_uppfoljning")
    layout.line("Rapportering", "rapportering")
    doc.sections[0].footer.paragraphs[0].text = "Bostad först · Uppdragsbeskrivning"
    doc.core_properties.title = template.title
    doc.core_properties.language = "sv-SE"
    doc.core_properties.author = "styrdok"
    out = io.BytesIO()
    doc.save(out)
    return reproducible(out.getvalue())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="Compare, do not write.")
    args = parser.parse_args()
    corpus = load_corpus(REPO)
    data = build(corpus.templates[TEMPLATE_ID])
    if args.check:
        same = TARGET.is_file() and TARGET.read_bytes() == data
        print(f"{TARGET.relative_to(REPO)} {'is current' if same else 'is out of date'}")
        return 0 if same else 1
    TARGET.write_bytes(data)
    print(f"Wrote {TARGET.relative_to(REPO)} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
