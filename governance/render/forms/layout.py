"""A template's own Word layout: a .docx with docxtpl tags (``{{ key }}``,
``{%tr for row in table %}``) that ``styrdok fill`` renders instead of the generated form.

``layout_path`` finds the file (relative to the template definition, inside the corpus);
``analyze`` reads it as docxtpl will and says which names it uses, which table columns,
and whether it parses as a Jinja template in the sandbox.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docxtpl import DocxTemplate  # type: ignore[import-untyped]
from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError
from lxml import etree  # type: ignore[import-untyped]

from governance.load import Corpus
from governance.model import Template
from governance.render.forms.ooxml import W
from governance.render.forms.render import Environment
from governance.safezip import MAIN_PART, Docx, open_docx

_PARTS_REL = "word/_rels/document.xml.rels"
_HEADER_FOOTER = ("/header", "/footer")
CONTEXT_NAMES = frozenset({"_v"})  # given to every template besides the fields


def layout_path(corpus: Corpus, template: Template) -> Path | None:
    """Where the template's layout is, or None when it has none or it points outside the
    corpus."""
    if not template.layout:
        return None
    entry = corpus.entry_of[template.id]
    base = (corpus.root / entry.path).parent
    path = (base / template.layout).resolve()
    root = corpus.root.resolve()
    return path if path.is_relative_to(root) else None


@dataclass
class Layout:
    """What a layout uses: top-level names, and the columns each loop reads from a name."""

    names: set[str] = field(default_factory=set)
    columns: dict[str, set[str]] = field(default_factory=dict)
    # What the sandbox refuses, said in Swedish: "'.__class__'", "{% include %}", ...
    unsafe: list[str] = field(default_factory=list)


class LayoutSyntax(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def template_source(docx: Docx) -> str:
    """The Jinja source docxtpl renders: the body, headers and footers after its clean-up."""
    tpl = DocxTemplate(io.BytesIO())
    parts = [MAIN_PART, *_headers_footers(docx)]
    sources = []
    for name in parts:
        root = docx.xml(name)
        body = root.find(f"{{{W}}}body") if name == MAIN_PART else None
        node = body if body is not None else root
        sources.append(tpl.patch_xml(etree.tostring(node, encoding="unicode")))
    return "".join(sources)


def _headers_footers(docx: Docx) -> list[str]:
    if not docx.has(_PARTS_REL):
        return []
    rels = docx.xml(_PARTS_REL)
    found = []
    for rel in rels:
        kind, target = rel.get("Type", ""), rel.get("Target", "")
        if kind.endswith(_HEADER_FOOTER) and rel.get("TargetMode") != "External":
            name = "word/" + target.lstrip("/").removeprefix("word/")
            if docx.has(name):
                found.append(name)
    return found


def analyze(path: Path) -> Layout:
    """Read the layout; raises UnsafeDocx (not a .docx, too large) or LayoutSyntax."""
    source = template_source(open_docx(path, "Layouten"))
    env = Environment()
    try:
        tree = env.parse(source)
        env.from_string(source)  # unknown filters and tests fail only when compiling
    except TemplateSyntaxError as exc:
        raise LayoutSyntax(exc.message or str(exc)) from None
    return _uses(tree)


def _uses(tree: nodes.Template) -> Layout:
    from jinja2 import meta

    layout = Layout(names=set(meta.find_undeclared_variables(tree)) - CONTEXT_NAMES)
    for loop in tree.find_all(nodes.For):
        if isinstance(loop.iter, nodes.Name) and isinstance(loop.target, nodes.Name):
            var = loop.target.name
            used = layout.columns.setdefault(loop.iter.name, set())
            for node in loop.find_all((nodes.Getattr, nodes.Getitem)):
                key = _column(node, var)
                if key is not None:
                    used.add(key)
    layout.unsafe = list(dict.fromkeys(_refused(tree)))
    return layout


_FILES = {
    nodes.Include: "{% include %}",
    nodes.Extends: "{% extends %}",
    nodes.Import: "{% import %}",
    nodes.FromImport: "{% from … import %}",
}


def _refused(tree: nodes.Template) -> Iterator[str]:
    """What a layout must not use: other files, Python internals, ``|attr``, ``.format``,
    ``%`` formatting, and item access (``x['…']``) on anything but a table's row."""
    loop_vars = {
        n.target.name for n in tree.find_all(nodes.For) if isinstance(n.target, nodes.Name)
    }
    for node in tree.find_all((nodes.Include, nodes.Extends, nodes.Import, nodes.FromImport)):
        yield _FILES[type(node)]
    for attr in tree.find_all(nodes.Getattr):
        if attr.attr.startswith("_") or attr.attr in ("format", "format_map"):
            yield f"'.{attr.attr}'"
    for filt in tree.find_all(nodes.Filter):
        if filt.name in ("attr", "format"):
            yield f"filtret |{filt.name}"
    for item in tree.find_all(nodes.Getitem):
        if (
            not (isinstance(item.node, nodes.Name) and item.node.name in loop_vars)
            or isinstance(item.arg, nodes.Const)
            and str(item.arg.value).startswith("_")
        ):
            yield f"hakparenteser ({_describe(item)})"
    for mod in tree.find_all(nodes.Mod):
        if isinstance(mod.left, nodes.Const) and isinstance(mod.left.value, str):
            yield "formatering med %"


def _describe(item: nodes.Getitem) -> str:
    base = item.node.name if isinstance(item.node, nodes.Name) else "…"
    key = repr(item.arg.value) if isinstance(item.arg, nodes.Const) else "…"
    return f"{base}[{key}]"


def _column(node: nodes.Node, var: str) -> str | None:
    """The column in ``var.column`` or ``var['column']``, or None."""
    if isinstance(node, nodes.Getattr) and _is_name(node.node, var):
        return node.attr
    if isinstance(node, nodes.Getitem) and _is_name(node.node, var):
        arg = node.arg
        if isinstance(arg, nodes.Const) and isinstance(arg.value, str):
            return arg.value
    return None


def _is_name(node: nodes.Node, name: str) -> bool:
    return isinstance(node, nodes.Name) and node.name == name
