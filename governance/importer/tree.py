"""Blocks → a tree of headings, each with the blocks before its first sub-heading, and the
part of the document model it holds.

A document exported by styrdok names its parts with hidden bookmarks on their headings
(``_styrdok_process_3``); LibreOffice and Word keep bookmarks when they save. Any other
document is read by its headings' words ("Koppling till andra styrande dokument",
"Stödjande dokument", "Bilagor", "Revideringar") and by shape: a heading over a numbered
list (with lettered sub-lists) is a process.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from governance.importer.body import ORDERED
from governance.importer.match import normal
from governance.importer.reader import Block
from governance.render.export.content import INCLUDED

MARK = "_styrdok_"
_TITLES = {
    "links": ("Koppling till andra styrande dokument", "Relaterade styrande dokument",
              "Relaterade dokument", "Kopplingar till andra styrande dokument"),
    "supporting": ("Stödjande dokument", "Stöddokument", "Stödjande dokument och länkar"),
    "attachments": ("Bilagor",),
    "revisions": ("Revideringar", "Revisionshistorik", "Versionshistorik", "Dokumenthistorik"),
}  # fmt: skip
_BY_TITLE = {normal(t): part for part, titles in _TITLES.items() for t in titles}
# A part a section holds (include:) → the part its node is read as; processes and
# checklists are each their own heading, under a node that only holds them.
_HELD = {"supporting_documents": "supporting"}


@dataclass
class Node:
    title: str
    level: float  # a heading's; a held part's is its section's + 0.5
    part: str = "section"  # section, process, phase, responsibilities, links …
    blocks: list[Block] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    held: str | None = None  # the include: name of a part a section holds


def build(blocks: list[Block], exported: bool) -> Node:
    root = Node("", 0)
    stack = [root]
    for block in blocks:
        held = _held(block) if exported else None
        if held:  # the part a section holds, below it and above its sub-headings
            level, name = held
            while stack[-1].level > level and len(stack) > 1:
                stack.pop()
            node = Node("", level + 0.5, _HELD.get(name, name), held=name)
            stack[-1].children.append(node)
            stack.append(node)
        if block.kind == "heading":
            level = block.level
            while stack[-1].level >= level and len(stack) > 1:
                stack.pop()
            node = Node(block.plain, level, _part(block, exported))
            stack[-1].children.append(node)
            stack.append(node)
        else:
            stack[-1].blocks.append(block)
    if not exported:
        _guess_processes(root)
    return root


def _held(block: Block) -> tuple[int, str] | None:
    """The level of the section and the name of the part it holds, from the bookmark on
    the part's first paragraph (governance.render.export.content.INCLUDED)."""
    for name in block.para.bookmarks:
        if name.startswith(INCLUDED):
            level, _, rest = name[len(INCLUDED) :].partition("_")
            if level.isdigit() and "_" in rest:
                return int(level), rest.rsplit("_", 1)[0]
    return None


def _part(block: Block, exported: bool) -> str:
    for name in block.para.bookmarks:
        if name.startswith(MARK):
            return name[len(MARK) :].rsplit("_", 1)[0]
    if exported:
        return "section"
    return _BY_TITLE.get(normal(block.plain), "section")


def _guess_processes(node: Node) -> None:
    """A section that is a numbered list, perhaps with some text before it, is a process."""
    for child in node.children:
        if child.part == "section" and not child.children and is_steps(child.blocks):
            child.part = "process"
        _guess_processes(child)


def is_steps(blocks: list[Block]) -> bool:
    items = [b for b in blocks if b.kind == "item"]
    top = [b for b in items if b.level == 0]
    if len(top) < 2 or any(b.fmt not in ORDERED for b in top):
        return False
    first = blocks.index(items[0])
    return not any(b.kind == "table" for b in blocks[first:])


def walk(node: Node) -> list[Node]:
    out = [node]
    for child in node.children:
        out += walk(child)
    return out
