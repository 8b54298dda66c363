"""A .docx as a flat list of blocks: headings, paragraphs, list items and tables, each with
its text as Markdown (bold, italic, code, hyperlinks).

The parts are read with lxml from a file opened by ``governance.safezip`` (size, zip
entries, expansion, no DTD or entities). Tracked changes count as accepted: text inside
``w:ins`` is kept, ``w:del`` is dropped; comments live in their own part and are not read.
Styles are resolved by name (``heading 1`` in Word, LibreOffice and a Swedish Word alike),
list formats through ``numbering.xml`` (decimal, lowerLetter, bullet …), also when a list
comes from the paragraph style. A table of contents (Word's field in a content control, or
paragraphs in ``toc N`` styles) is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from governance.safezip import MAIN_PART, Docx, parse_xml

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEADING = re.compile(r"^(?:heading|rubrik)\s*(\d)$")
_HYPERLINK_FIELD = re.compile(r'HYPERLINK\s+"([^"]*)"')
_MD_SPECIAL = re.compile(r"([\\`*])")
_TYPED = re.compile(r"(\d{1,2}|[a-z])[.)]\s+")


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class Segment:
    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    url: str | None = None


@dataclass
class Para:
    """A paragraph: its Markdown, its plain text and its pieces."""

    markdown: str
    plain: str
    segments: list[Segment] = field(default_factory=list)
    bookmarks: list[str] = field(default_factory=list)


@dataclass
class Block:
    kind: str  # heading, para, item, table
    para: Para = field(default_factory=lambda: Para("", ""))
    level: int = 0  # heading level, or list level (0, 1, 2)
    style: str = ""  # paragraph style name, lower case
    num_id: str = ""
    fmt: str = ""  # decimal, lowerLetter, bullet …
    indent: int = 0  # left indent in twips
    rows: list[list[list[Para]]] = field(default_factory=list)  # table: rows of cells

    @property
    def text(self) -> str:
        return self.para.markdown

    @property
    def plain(self) -> str:
        return self.para.plain


@dataclass
class Styles:
    names: dict[str, str]  # style id → name, lower case
    numbering: dict[str, tuple[str, str]]  # style id → (numId, ilvl)
    outline: dict[str, int]  # style id → heading level from its outline level


@dataclass
class Parsed:
    blocks: list[Block]
    properties: dict[str, str]  # custom document properties (styrdok.id …)


def read(docx: Docx) -> Parsed:
    root = docx.xml(MAIN_PART)
    ctx = _Context(docx)
    body = root.find(w("body"))
    blocks: list[Block] = []
    if body is not None:
        ctx.walk(body, blocks)
    return Parsed(blocks, custom_properties(docx))


def custom_properties(docx: Docx) -> dict[str, str]:
    found: dict[str, str] = {}
    if not docx.has("docProps/custom.xml"):
        return found
    for prop in docx.xml("docProps/custom.xml"):
        value = "".join(prop.itertext()).strip()
        if prop.get("name"):
            found[prop.get("name")] = value
    return found


class _Context:
    def __init__(self, docx: Docx) -> None:
        self.styles = _styles(docx)
        self.formats = _numbering(docx)
        self.links = _relationships(docx)

    def walk(self, parent: Any, out: list[Block]) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("p"):
                block = self.paragraph(child)
                if block is not None:
                    out.append(block)
            elif tag == w("tbl"):
                out.append(Block("table", rows=self.table(child)))
            elif tag == w("sdt"):
                if not _is_contents(child):
                    content = child.find(w("sdtContent"))
                    if content is not None:
                        self.walk(content, out)
            elif tag in (w("customXml"), w("ins"), w("smartTag")):
                self.walk(child, out)

    def paragraph(self, p: Any) -> Block | None:
        ppr = p.find(w("pPr"))
        style_id = _val(ppr, "pStyle") if ppr is not None else ""
        style = self.styles.names.get(style_id, style_id.lower())
        if style.startswith(("toc", "contents", "innehåll")):
            return None
        para = self.inline(p)
        level = _heading_level(style, ppr, self.styles, style_id)
        if level:
            return Block("heading", para, level=level, style=style)
        num = _num_pr(ppr) or self.styles.numbering.get(style_id)
        if num and num[0] not in ("", "0"):
            level = int(num[1] or 0)
            fmt = self.formats.get((num[0], level), "decimal")
            if fmt == "bullet":
                fmt = _typed_number(para) or fmt
            return Block("item", para, level=level, style=style, num_id=num[0], fmt=fmt)
        return Block("para", para, style=style, indent=_indent(ppr))

    def table(self, tbl: Any) -> list[list[list[Para]]]:
        rows: list[list[list[Para]]] = []
        for tr in tbl.iter(w("tr")):
            cells: list[list[Para]] = []
            for tc in tr.findall(w("tc")):
                tcpr = tc.find(w("tcPr"))
                merge = tcpr.find(w("vMerge")) if tcpr is not None else None
                if merge is not None and merge.get(w("val")) != "restart":
                    cells.append([])  # the lower part of a vertically merged cell
                    continue
                cells.append([self.inline(p) for p in tc.iter(w("p"))])
            rows.append(cells)
        return rows

    def inline(self, p: Any) -> Para:
        segments: list[Segment] = []
        bookmarks: list[str] = []
        _Runs(self, segments, bookmarks).walk(p)
        merged = _merge(segments)
        plain = "".join(s.text for s in merged)
        return Para(markdown_of(merged), " ".join(plain.split()), merged, bookmarks)


class _Runs:
    """The runs of one paragraph, in order, with tracked deletions and field codes left out."""

    def __init__(self, ctx: _Context, out: list[Segment], bookmarks: list[str]) -> None:
        self.ctx, self.out, self.bookmarks = ctx, out, bookmarks
        self.field_state = ""  # "", "code" (between begin and separate), "result"
        self.field_url: str | None = None

    def walk(self, parent: Any, url: str | None = None) -> None:
        for child in parent:
            tag = child.tag
            if tag == w("r"):
                self.run(child, url or self.field_url)
            elif tag == w("hyperlink"):
                self.walk(child, _link_target(child, self.ctx.links))
            elif tag == w("bookmarkStart"):
                self.bookmarks.append(child.get(w("name"), ""))
            elif tag in (w("ins"), w("smartTag"), w("customXml"), w("fldSimple"), w("moveTo")):
                self.walk(child, url)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.walk(content, url)

    def run(self, r: Any, url: str | None) -> None:
        rpr = r.find(w("rPr"))
        bold, italic, code = _flag(rpr, "b"), _flag(rpr, "i"), _is_code(rpr)
        for child in r:
            tag = child.tag
            if tag == w("fldChar"):
                self._field(child.get(w("fldCharType"), ""))
            elif tag == w("instrText"):
                found = _HYPERLINK_FIELD.search(child.text or "")
                if found:
                    self.field_url = found.group(1)
            elif self.field_state == "code":
                continue
            elif tag == w("t"):
                self.out.append(Segment(child.text or "", bold, italic, code, url))
            elif tag in (w("tab"), w("br"), w("cr")):
                self.out.append(Segment("\n" if tag != w("tab") else " ", False, False, False, url))
            elif tag == w("noBreakHyphen"):
                self.out.append(Segment("-", bold, italic, code, url))

    def _field(self, kind: str) -> None:
        if kind == "begin":
            self.field_state, self.field_url = "code", None
        elif kind == "separate":
            self.field_state = "result"
        elif kind == "end":
            self.field_state, self.field_url = "", None


def _typed_number(para: Para) -> str | None:
    """A bullet whose text starts with a number or letter typed by hand ("1) Risk …",
    "a) inom …", as in many Word routines) is a numbered item: the format, and the typed
    number taken out of the text."""
    found = _TYPED.match(para.plain)
    if not found or not para.segments:
        return None
    first = para.segments[0]
    typed = _TYPED.match(first.text.lstrip())
    if typed is None:
        return None
    first.text = first.text.lstrip()[typed.end() :]
    para.plain = para.plain[found.end() :]
    para.segments = [seg for seg in para.segments if seg.text]
    para.markdown = markdown_of(para.segments)
    return "decimal" if found.group(1).isdigit() else "lowerLetter"


def _link_target(link: Any, rels: dict[str, str]) -> str | None:
    rid = link.get(f"{{{R}}}id")
    if rid:
        return rels.get(rid, "#")
    anchor = link.get(w("anchor"))
    return f"#{anchor}" if anchor else "#"


def _merge(segments: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for seg in segments:
        if not seg.text:
            continue
        last = out[-1] if out else None
        if last and (last.bold, last.italic, last.code, last.url) == (
            seg.bold,
            seg.italic,
            seg.code,
            seg.url,
        ):
            last.text += seg.text
        else:
            out.append(Segment(seg.text, seg.bold, seg.italic, seg.code, seg.url))
    return out


def markdown_of(segments: list[Segment]) -> str:
    parts: list[str] = []
    k = 0
    while k < len(segments):
        url = segments[k].url
        group = [segments[k]]
        while url and k + 1 < len(segments) and segments[k + 1].url == url:
            k += 1
            group.append(segments[k])
        inner = "".join(_styled(s) for s in group)
        if url and not url.startswith("#_Toc"):
            parts.append(f"[{inner.strip()}]({url})" if inner.strip() else "")
        else:
            parts.append(inner)
        k += 1
    text = "".join(parts)
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _styled(seg: Segment) -> str:
    text = seg.text.replace("\n", "\u2028")  # a line break stays one, whatever the style
    if seg.code:
        core = text.strip()
        return _wrap(text, f"`{core}`") if core else text
    text = _MD_SPECIAL.sub(r"\\\1", text)
    core = text.strip()
    if not core:
        return text
    if seg.bold and seg.italic:
        return _wrap(text, f"***{core}***")
    if seg.bold:
        return _wrap(text, f"**{core}**")
    if seg.italic:
        return _wrap(text, f"*{core}*")
    return text.replace("\u2028", "\n")


def _wrap(text: str, styled: str) -> str:
    lead = text[: len(text) - len(text.lstrip())]
    tail = text[len(text.rstrip()) :]
    return (lead + styled + tail).replace("\u2028", "\n")


def _val(parent: Any, name: str) -> str:
    found = parent.find(w(name)) if parent is not None else None
    return (found.get(w("val")) or "") if found is not None else ""


def _flag(rpr: Any, name: str) -> bool:
    found = rpr.find(w(name)) if rpr is not None else None
    return found is not None and found.get(w("val"), "true") not in ("0", "false", "none")


def _is_code(rpr: Any) -> bool:
    fonts = rpr.find(w("rFonts")) if rpr is not None else None
    return fonts is not None and "courier" in (fonts.get(w("ascii")) or "").lower()


def _num_pr(ppr: Any) -> tuple[str, str] | None:
    num = ppr.find(w("numPr")) if ppr is not None else None
    if num is None:
        return None
    return _val(num, "numId"), _val(num, "ilvl")


def _indent(ppr: Any) -> int:
    ind = ppr.find(w("ind")) if ppr is not None else None
    if ind is None:
        return 0
    value = ind.get(w("left")) or ind.get(w("start")) or "0"
    return int(value) if value.lstrip("-").isdigit() else 0


def _heading_level(style: str, ppr: Any, styles: Styles, style_id: str) -> int:
    found = _HEADING.match(style)
    if found:
        return int(found.group(1))
    outline = _val(ppr, "outlineLvl") if ppr is not None else ""
    if outline.isdigit() and int(outline) < 9:
        return int(outline) + 1
    return styles.outline.get(style_id, 0)


def _is_contents(sdt: Any) -> bool:
    gallery = sdt.find(f"{w('sdtPr')}/{w('docPartObj')}/{w('docPartGallery')}")
    return gallery is not None and "contents" in (gallery.get(w("val")) or "").lower()


def _styles(docx: Docx) -> Styles:
    if not docx.has("word/styles.xml"):
        return Styles({}, {}, {})
    raw = docx.raw("word/styles.xml")
    found = _STYLE_CACHE.get(raw)
    if found is None:  # files made from one template share their styles: read them once
        found = _read_styles(raw, f"{docx.path} (word/styles.xml)")
        if len(_STYLE_CACHE) > 32:
            _STYLE_CACHE.clear()
        _STYLE_CACHE[raw] = found
    return found


_STYLE_CACHE: dict[bytes, Styles] = {}


def _read_styles(raw: bytes, where: str) -> Styles:
    names: dict[str, str] = {}
    numbering: dict[str, tuple[str, str]] = {}
    outline: dict[str, int] = {}
    for style in parse_xml(raw, where).iter(w("style")):
        sid = style.get(w("styleId")) or ""
        names[sid] = _val(style, "name").lower()
        ppr = style.find(w("pPr"))
        num = _num_pr(ppr)
        if num:
            numbering[sid] = num
        level = _val(ppr, "outlineLvl") if ppr is not None else ""
        if level.isdigit() and int(level) < 9:
            outline[sid] = int(level) + 1
    return Styles(names, numbering, outline)


def _numbering(docx: Docx) -> dict[tuple[str, int], str]:
    """(numId, level) → the level's number format."""
    if not docx.has("word/numbering.xml"):
        return {}
    root = docx.xml("word/numbering.xml")
    abstract: dict[str, dict[int, str]] = {}
    for item in root.iter(w("abstractNum")):
        levels = {
            int(lvl.get(w("ilvl"), "0")): _val(lvl, "numFmt") or "decimal"
            for lvl in item.findall(w("lvl"))
        }
        abstract[item.get(w("abstractNumId"), "")] = levels
    out: dict[tuple[str, int], str] = {}
    for num in root.iter(w("num")):
        levels = abstract.get(_val(num, "abstractNumId"), {})
        for level, fmt in levels.items():
            out[(num.get(w("numId"), ""), level)] = fmt
    return out


def _relationships(docx: Docx) -> dict[str, str]:
    name = "word/_rels/document.xml.rels"
    if not docx.has(name):
        return {}
    return {
        rel.get("Id", ""): rel.get("Target", "")
        for rel in docx.xml(name).iter(f"{{{_PKG_REL}}}Relationship")
        if rel.get("TargetMode") == "External"
    }
