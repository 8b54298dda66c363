"""Markdown bodies into Word: headings, paragraphs, lists, bold, italic, code, tables and
links as real hyperlinks.

The body is made safe as for the handbook (raw HTML shown as text,
governance.render.handbook.escape; links and images through the URL policy,
governance.urlpolicy), rendered by Python-Markdown as in the handbook, and
the resulting XHTML is walked element by element: every piece of text becomes run text.
"""

from __future__ import annotations

import html.entities
import re
import xml.etree.ElementTree as ET
from dataclasses import replace

import markdown as markdown_lib  # type: ignore[import-untyped]
from docx.text.paragraph import Paragraph

from governance.render.export.docxkit import Cell, Style, Writer
from governance.render.handbook import escape
from governance.urlpolicy import SafeLinks

_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]*);")
_ENTITIES = {name.rstrip(";"): char for name, char in html.entities.html5.items()}
_BLOCKS = {"p", "ul", "ol", "pre", "blockquote", "table", "h1", "h2", "h3", "h4", "h5", "h6"}
_md = markdown_lib.Markdown(extensions=["tables", SafeLinks()], output_format="xhtml")


def parse(text: str) -> ET.Element:
    """The body as an element tree (a ``div``); plain paragraphs if it cannot be parsed."""
    safe = _NAMED_ENTITY.sub(_keep_known_entity, escape.markdown(text))
    xhtml = _md.reset().convert(safe)
    parser = ET.XMLParser()
    parser.entity.update(_ENTITIES)
    try:
        return ET.fromstring(f"<div>{xhtml}</div>", parser=parser)
    except ET.ParseError:  # e.g. &#0; in the text: fall back to the text as written
        root = ET.Element("div")
        for block in re.split(r"\n\s*\n", text.strip()):
            ET.SubElement(root, "p").text = block
        return root


def _keep_known_entity(match: re.Match[str]) -> str:
    return match.group(0) if match.group(1) in _ENTITIES else "&amp;" + match.group(0)[1:]


def write_body(writer: Writer, text: str, level: int) -> None:
    """A Markdown body below a heading of ``level``; its own headings go one deeper."""
    _blocks(writer, parse(text), level, list_level=0)


def write_inline(writer: Writer, para: Paragraph, text: str) -> None:
    """A short Markdown text (a step, a duty) into one paragraph."""
    for n, block in enumerate(parse(" ".join(text.split()))):
        if n:
            writer.add(para, " ")
        _inline(writer, para, block, Style())


def _blocks(writer: Writer, root: ET.Element, level: int, list_level: int) -> None:
    for element in root:
        tag = element.tag
        if tag in ("ul", "ol"):
            _list(writer, element, level, list_level)
        elif tag.startswith("h") and tag[1:].isdigit():
            writer.heading(_text(element), level + int(tag[1:]))
        elif tag == "pre":
            para = writer.paragraph()
            for n, line in enumerate(_text(element, keep_space=True).rstrip("\n").split("\n")):
                if n:
                    para.add_run().add_break()
                writer.add(para, line, Style(code=True))
        elif tag == "blockquote":
            for child in element:
                _inline(writer, writer.paragraph(style="Quote"), child, Style())
        elif tag == "table":
            _table(writer, element)
        elif tag != "hr":
            _inline(writer, writer.paragraph(), element, Style())


def _list(writer: Writer, element: ET.Element, level: int, depth: int) -> None:
    num_id = writer.new_list("ordered" if element.tag == "ol" else "bullet")
    for item in element:
        para = writer.list_item(num_id, depth)
        used = bool(item.text and item.text.strip())
        if used:
            _words(writer, para, item.text or "", Style())
        for child in item:
            if child.tag in ("ul", "ol"):
                _list(writer, child, level, depth + 1)
            elif child.tag in _BLOCKS:  # a loose list: paragraphs in the item
                target = writer.under_item(depth) if used else para
                _inline(writer, target, child, Style())
                used = True
            else:
                _inline_element(writer, para, child, Style())
                used = True


def _table(writer: Writer, element: ET.Element) -> None:
    rows = [[_text(cell) for cell in row] for row in element.iter("tr")]
    if not rows:
        return
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    body: list[list[Cell]] = [[[(cell, None)] for cell in row] for row in rows[1:]]
    writer.table(rows[0], body, caption=" | ".join(rows[0]))


def _inline(writer: Writer, para: Paragraph, element: ET.Element, style: Style) -> None:
    """The content of a block element (not the element's own formatting)."""
    if element.text:
        _words(writer, para, element.text, style)
    for child in element:
        _inline_element(writer, para, child, style)


def _inline_element(writer: Writer, para: Paragraph, element: ET.Element, style: Style) -> None:
    tag = element.tag
    inner = replace(style)
    if tag in ("strong", "b"):
        inner.bold = True
    elif tag in ("em", "i"):
        inner.italic = True
    elif tag == "code":
        inner.code = True
    elif tag == "a":
        inner.url = element.get("href")
    if tag == "br":
        para.add_run().add_break()
    elif tag == "img":
        if element.get("alt"):
            writer.add(para, f"[Bild: {element.get('alt')}]", style)
    else:
        _inline(writer, para, element, inner)
    if element.tail:
        _words(writer, para, element.tail, style)


def _words(writer: Writer, para: Paragraph, text: str, style: Style) -> None:
    """Text as HTML shows it: runs of white space are one space."""
    words = re.sub(r"\s+", " ", text)
    if not para._p.xpath("./w:r | ./w:hyperlink"):
        words = words.lstrip()
    if words:
        writer.add(para, words, style)


def _text(element: ET.Element, keep_space: bool = False) -> str:
    text = "".join(element.itertext())
    return text if keep_space else " ".join(text.split())
