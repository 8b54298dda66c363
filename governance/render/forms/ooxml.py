"""WordprocessingML pieces python-docx has no API for: content controls, bookmarks, custom
document properties, table captions and header rows, and a reproducible .docx.

Every value from the corpus or from case data enters the XML as an element's text or an
attribute value (lxml escapes it), never as XML source.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterable
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap, qn
from docx.oxml.xmlchemy import BaseOxmlElement

W = nsmap["w"]
W14 = nsmap["w14"]
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
CUSTOM_PART = "/docProps/custom.xml"
CUSTOM_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
BOOKMARK_PREFIX = "_sd_"  # hidden in Word (a leading underscore); kept by LibreOffice
CHECKED, UNCHECKED = "☒", "☐"
# Characters XML 1.0 cannot hold (and so no Word document can).
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def element(
    tag: str, attrs: dict[str, str] | None = None, text: str | None = None
) -> BaseOxmlElement:
    """``w:tag`` or ``w14:tag`` with attributes given by prefixed name (``w:val``)."""
    el = OxmlElement(tag)
    for name, value in (attrs or {}).items():
        el.set(qn(name), value)
    if text is not None:
        el.text = text
    return el


def child(
    parent: BaseOxmlElement, tag: str, attrs: dict[str, str] | None = None
) -> BaseOxmlElement:
    el = element(tag, attrs)
    parent.append(el)
    return el


PLACEHOLDER_COLOR = "595959"  # 7:1 contrast on white


def text_run(
    text: str, style: str | None = None, font: str | None = None, placeholder: bool = False
) -> BaseOxmlElement:
    """``<w:r>`` holding ``text`` (spaces kept), with a character style or font. A
    ``placeholder`` is also grey and italic as direct formatting, which LibreOffice keeps
    where it turns a control into a field and loses the character style."""
    run = element("w:r")
    if style or font or placeholder:
        props = child(run, "w:rPr")
        if style:
            child(props, "w:rStyle", {"w:val": style})
        if font:
            child(props, "w:rFonts", {"w:ascii": font, "w:hAnsi": font, "w:eastAsia": font})
        if placeholder:
            child(props, "w:i")
            child(props, "w:color", {"w:val": PLACEHOLDER_COLOR})
    t = child(run, "w:t")
    t.set(XML_SPACE, "preserve")
    t.text = text
    return run


def bookmark_name(tag: str) -> str:
    """A bookmark name for a control's tag. LibreOffice 7.4 drops the tag of a content
    control but keeps a bookmark inside it, so the bookmark tells extract which field the
    control holds. Word limits names to 40 characters: a short hash of the tag."""
    return BOOKMARK_PREFIX + hashlib.sha1(tag.encode("utf-8")).hexdigest()[:10]


def tag_of_bookmark(name: str, tags: Iterable[str]) -> str | None:
    """The tag among ``tags`` whose bookmark ``name`` is (a table row adds ``_N``)."""
    if not name.startswith(BOOKMARK_PREFIX):
        return None
    digest = name[len(BOOKMARK_PREFIX) :][:10]
    return next((tag for tag in tags if bookmark_name(tag).endswith(digest)), None)


def caption(table: BaseOxmlElement, title: str, description: str | None) -> None:
    """The table's title (and description) for screen readers: w:tblCaption."""
    props = table.find(qn("w:tblPr"))
    if props is None:
        props = element("w:tblPr")
        table.insert(0, props)
    # The schema's order ends tblLook, tblCaption, tblDescription, tblPrChange; Word
    # refuses a file whose elements are out of order.
    cap = element("w:tblCaption", {"w:val": title})
    desc = element("w:tblDescription", {"w:val": description}) if description else None
    change = props.find(qn("w:tblPrChange"))
    for new in (cap, desc):
        if new is None:
            continue
        if change is not None:
            change.addprevious(new)
        else:
            props.append(new)


def header_row(row: BaseOxmlElement) -> None:
    """Mark a table row as the header, repeated on every page (w:tblHeader)."""
    child(_row_props(row), "w:tblHeader")


def keep_row_together(row: BaseOxmlElement) -> None:
    """A row that never splits across pages (w:cantSplit, before w:tblHeader)."""
    props = _row_props(row)
    if props.find(qn("w:cantSplit")) is None:
        props.insert(0, element("w:cantSplit"))


def _row_props(row: BaseOxmlElement) -> BaseOxmlElement:
    props: BaseOxmlElement | None = row.find(qn("w:trPr"))
    if props is None:
        props = element("w:trPr")
        row.insert(0 if row.find(qn("w:tblPrEx")) is None else 1, props)
    return props


def widths_by_content(table: BaseOxmlElement, columns: list[list[str]], text_width: int) -> None:
    """Column widths from the text in each column (its bold heading first): wide enough for
    the heading's longest word (never split), then for the longest word below it as far as
    the page allows, and the rest of ``text_width`` (twips) shared by how much text each
    column holds. Written to the grid and the cells, with a fixed layout that Word and
    LibreOffice both keep."""
    heads = [_longest(texts[:1]) * _BOLD * _CHAR_TWIPS + _PADDING_TWIPS for texts in columns]
    bodies = [
        max(head, _longest(texts[1:]) * _CHAR_TWIPS + _PADDING_TWIPS)
        for head, texts in zip(heads, columns, strict=True)
    ]
    if sum(heads) >= text_width:  # headings too long to keep whole: share by their words
        widths = [text_width * h / sum(heads) for h in heads]
    elif sum(bodies) >= text_width:  # every heading whole, the cells' words as far as it goes
        share = (text_width - sum(heads)) / (sum(bodies) - sum(heads))
        widths = [h + (b - h) * share for h, b in zip(heads, bodies, strict=True)]
    else:  # every word whole, the rest by how much text each column holds
        wanted = [max(len(t) for t in texts) * _CHAR_TWIPS for texts in columns]
        extra = [max(w - b, 0.0) for w, b in zip(wanted, bodies, strict=True)]
        weights = extra if sum(extra) else [1.0] * len(extra)
        spare = text_width - sum(bodies)
        widths = [b + spare * e / sum(weights) for b, e in zip(bodies, weights, strict=True)]
    _write_widths(table, [int(w) for w in widths])


# Roughly a character's width at 11 pt in twips (bold a little wider), and a cell's padding.
_CHAR_TWIPS = 135
_BOLD = 1.15
_PADDING_TWIPS = 260


def _longest(texts: list[str]) -> float:
    return float(max((len(w) for t in texts for w in t.split()), default=0))


def _write_widths(table: BaseOxmlElement, widths: list[int]) -> None:
    props = table.find(qn("w:tblPr"))
    layout = props.find(qn("w:tblLayout"))
    if layout is None:
        layout = element("w:tblLayout")
        after = [qn(f"w:{n}") for n in ("tblCellMar", "tblLook", "tblCaption", "tblDescription")]
        anchor = next((c for c in props if c.tag in after), None)
        if anchor is not None:
            anchor.addprevious(layout)
        else:
            props.append(layout)
    layout.set(qn("w:type"), "fixed")
    grid = table.find(qn("w:tblGrid"))
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(width))
    for row in table.findall(qn("w:tr")):
        for cell, width in zip(row.findall(qn("w:tc")), widths, strict=False):
            tc_pr = cell.find(qn("w:tcPr"))
            if tc_pr is None:
                tc_pr = element("w:tcPr")
                cell.insert(0, tc_pr)
            tc_w = tc_pr.find(qn("w:tcW"))
            if tc_w is None:
                tc_w = element("w:tcW")
                tc_pr.insert(0, tc_w)
            tc_w.set(qn("w:w"), str(width))
            tc_w.set(qn("w:type"), "dxa")


def set_custom_properties(doc: DocxDocument, values: dict[str, str]) -> None:
    """Write docProps/custom.xml with ``values`` as text properties (replacing any)."""
    body = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name={_attr(name)}>'
        f"<vt:lpwstr>{escape(INVALID_XML.sub('', value))}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(values.items(), start=2)
    )
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{body}</Properties>'
    ).encode()
    package = doc.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            rel.target_part._blob = blob
            return
    part = Part(PackURI(CUSTOM_PART), CUSTOM_TYPE, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def _attr(value: str) -> str:
    return '"' + escape(value, {'"': "&quot;"}) + '"'


def reproducible(data: bytes) -> bytes:
    """The same .docx with fixed entry times, so equal input gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def jinja_literal(text: str) -> str:
    """``text`` as Jinja source that prints exactly ``text``: braces become expressions,
    so corpus text such as ``{{`` or ``{%`` in a label is never run as a template."""
    if "{" not in text and "}" not in text:
        return text
    return "".join("{{ '{' }}" if c == "{" else "{{ '}' }}" if c == "}" else c for c in text)
