"""One Word file → one document as plain data in the model's shape, with what could not be
filled, the notes for the report and the problems that make the import fail."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from governance.importer import body, parts
from governance.importer.labels import find_table
from governance.importer.match import Matcher, normal
from governance.importer.meta import Meta, Problem, decision, read_meta, status_of
from governance.importer.reader import Block, Parsed
from governance.importer.tree import Node, build, walk
from governance.load import Corpus
from governance.model import Document
from governance.render.export.official import PROP_ID, PROP_LINKS, PROP_TEMPLATES, PROP_VERSION
from governance.valuetypes import PARTS

# What the report lists as missing when the document does not have it.
EXPECTED = (
    "title",
    "kind",
    "decision",
    "decision.registration_number",
    "applies_to",
    "valid_from",
    "valid_until",
    "last_revised",
    "owner",
    "sections",
)
_RESPONSIBILITIES = normal("Roller och ansvar")
# A node of the heading tree → the part of the model it belongs to (governance.valuetypes).
_AS_PART = {
    "section": "sections",
    "process": "processes",
    "checklist": "checklists",
    "supporting": "supporting_documents",
}


@dataclass
class Imported:
    path: Path
    data: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    exported_id: str | None = None
    exported_version: str | None = None
    table_version: str | None = None
    # Items of the link list not found in the corpus: supporting documents, unless another
    # file of the same import has the title (governance.importer.run.link_batch).
    unlinked: list[dict[str, Any]] = field(default_factory=list)

    @property
    def filled(self) -> list[str]:
        return [k for k in self.data if k not in ("id",)]


def convert(path: Path, parsed: Parsed, corpus: Corpus, matcher: Matcher) -> Imported:
    result = Imported(path)
    result.exported_id = parsed.properties.get(PROP_ID) or None
    result.exported_version = parsed.properties.get(PROP_VERSION) or None
    table = find_table(parsed.blocks)
    if table is None:
        result.problems.append(
            Problem(0, "", "ingen metadatatabell hittades (Dokumentnamn, Dokumentsort, "
                    "Beslutad av …): filen ser inte ut som ett styrande dokument")
        )  # fmt: skip
        return result
    meta = read_meta(table.entries, matcher)
    result.problems += meta.problems
    result.notes += meta.notes
    result.table_version = meta.version
    exported = result.exported_id is not None
    blocks = parsed.blocks
    data = _metadata(meta, matcher, result)
    summary = _summary(blocks[: table.index]) if exported else ""
    if summary:
        data["summary"] = summary
    root = build(blocks[table.index + 1 :], exported)
    content = Content(corpus, matcher, result, exported)
    content.hints = [
        i for key in (PROP_LINKS, PROP_TEMPLATES) for i in parsed.properties.get(key, "").split(",")
    ]
    data |= content.read(root)
    result.data = ordered(data)
    result.missing = [f for f in EXPECTED if not _has(result.data, f)]
    return result


def _metadata(meta: Meta, matcher: Matcher, result: Imported) -> dict[str, Any]:
    values = meta.values
    data: dict[str, Any] = {}
    if "title" in values:
        data["title"] = values["title"]
    label = values.get("kind_label")
    if label:
        kind = matcher.kind(label)
        if kind is None:
            result.notes.append(
                f"Dokumentsort: '{label}' finns inte bland dokumentsorterna i styrdok.yaml; "
                "lägg till den där eller rätta tabellen."
            )
        data["kind"] = kind or "-".join(normal(label).split()) or label.casefold()
    found = decision(values)
    if found is None and (values.get("decided_by") or values.get("decision_date")):
        result.notes.append(
            "Beslut: både 'Beslutad av' och beslutsdatum behövs; beslutet fylldes inte i."
        )
    data["status"] = status_of(meta, found is not None)
    if found:
        data["decision"] = found
    elif values.get("registration_number"):
        result.notes.append("Diarienummer utan beslut fylldes inte i.")
    for key in ("publisher", "url", "applies_to", "valid_from", "valid_until"):
        if values.get(key) is not None:
            data[key] = values[key]
    for key in ("last_revised", "links_checked", "owner", "attachments"):
        if values.get(key):
            data[key] = values[key]
    return data


def _summary(before: list[Block]) -> str:
    """On an exported title page: the paragraphs between the status and the table's caption."""
    start = next((i for i, b in enumerate(before) if b.plain.startswith("Status:")), None)
    if start is None:
        return ""
    rest = [b for b in before[start + 1 :] if b.style != "caption"]
    return body.markdown(rest).strip()


class Content:
    """The parts below the metadata table."""

    def __init__(self, corpus: Corpus, matcher: Matcher, result: Imported, exported: bool):
        self.corpus, self.matcher, self.result, self.exported = corpus, matcher, result, exported
        self.data: dict[str, Any] = {}
        self._titles = matcher.titles(corpus, "documents")
        self._templates = matcher.titles(corpus, "templates")
        self.hints: list[str] = []  # ids named by the export, in its order
        self._taken: set[str] = set()  # same-titled ids already used, so the next is another

    def _one(self, found: dict[str, list[str]], title: str) -> str | None:
        """The id with this title; of several, the one the export named (styrdok.links)."""
        ids = found.get(normal(title), [])
        if len(ids) > 1:
            hinted = [i for i in self.hints if i in ids and i not in self._taken]
            if hinted:
                self._taken.add(hinted[0])
                return hinted[0]
            self.result.notes.append(
                f"Flera dokument heter '{title}'; '{ids[0]}' valdes. Kontrollera länken."
            )
        return ids[0] if ids else None

    def read(self, root: Node) -> dict[str, Any]:
        if not self.exported:
            self._guess_responsibilities(root)
        sections = [s for s in (self._section(n) for n in root.children) if s]
        intro = body.markdown(root.blocks)
        if intro and not self.exported:
            sections.insert(0, {"title": "Inledning", "body": intro})
            self.result.notes.append("Text före första rubriken lades i avsnittet 'Inledning'.")
        if sections:
            self.data["sections"] = sections
        for node in walk(root):
            self._part(node)
        if self.exported:
            self._order(root)
        return self.data

    def _order(self, root: Node) -> None:
        """The order of the parts at the top level, when it is not the usual one."""
        shown = [_AS_PART.get(c.part, c.part) for c in root.children]
        found = [p for p in dict.fromkeys(shown) if p in PARTS]
        if found != [p for p in PARTS if p in found]:
            self.data["order"] = found

    def _section(self, node: Node) -> dict[str, Any] | None:
        text = body.markdown(node.blocks)
        if node.part == "responsibilities" and text and not self.exported:
            return {"title": node.title, "body": text}  # the text above the units' lists
        if node.part != "section":
            return None
        out: dict[str, Any] = {"title": node.title}
        if text:
            out["body"] = text
        children = [s for s in (self._section(c) for c in node.children) if s]
        if children:
            out["sections"] = children
        held = [c.held for c in node.children if c.held]
        if held:
            out["include"] = held
        return out

    def _part(self, node: Node) -> None:
        matcher, data = self.matcher, self.data
        part = node.part
        if part == "process":
            data.setdefault("processes", []).append(parts.process(node, matcher))
        elif part == "responsibilities":
            data["responsibilities"] = parts.responsibilities(node, matcher)
        elif part == "principles":
            data["principles"] = parts.principles(node)
        elif part == "target_group":
            data["target_group"] = parts.target_group(node)
        elif part == "faq":
            data["faq"] = parts.faq(node)
        elif part == "contacts":
            data["contacts"] = parts.contacts(node)
        elif part == "checklist":
            data.setdefault("checklists", []).append(parts.checklist(node))
        elif part == "sources":
            found, fact = parts.sources(node)
            if found:
                data["sources"] = found
            if fact:
                data["fact_check"] = fact
        elif part in ("links", "supporting"):
            self._links(node, part)
        elif part == "attachments":
            data["attachments"] = parts.attachments(node)
        elif part == "templates":
            self._template_list(node)
        elif part == "revisions":
            data["revisions"] = parts.revisions(node)

    def _links(self, node: Node, part: str) -> None:
        for title, url, rest in parts.linked(node):
            doc_id = self._one(self._titles, title) or self._one(self._titles, title + rest)
            if part == "links" and doc_id:
                self.data.setdefault("links", []).append(doc_id)
                continue
            item: dict[str, Any] = {"title": title}
            publisher = rest.strip()
            if publisher.startswith("(") and publisher.endswith(")"):
                item["publisher"] = publisher[1:-1].strip()
            if url:
                item["url"] = url
            self.data.setdefault("supporting_documents", []).append(item)
            if part == "links":
                self.result.unlinked.append(item)

    def _template_list(self, node: Node) -> None:
        for block in node.blocks:
            found = parts._TEMPLATE.match(block.plain)
            title = found.group(1) if found else block.plain
            template = self._one(self._templates, title)
            if template:
                self.data.setdefault("templates", []).append(template)
            elif block.plain:
                self.result.notes.append(f"Mallar: '{title}' finns inte under templates/.")

    def _guess_responsibilities(self, root: Node) -> None:
        """ "Roller och ansvar…" over one heading per unit or role with a bullet list."""
        for node in walk(root):
            if node.part != "section" or not normal(node.title).startswith(_RESPONSIBILITIES):
                continue
            children = node.children
            known = [
                self.matcher.find("units", c.title) or self.matcher.find("roles", c.title)
                for c in children
            ]
            if children and all(known) and all(c.blocks for c in children):
                node.part = "responsibilities"


def _has(data: dict[str, Any], name: str) -> bool:
    node: Any = data
    for key in name.split("."):
        if not isinstance(node, dict) or not node.get(key):
            return False
        node = node[key]
    return True


def ordered(data: dict[str, Any]) -> dict[str, Any]:
    order = list(Document.model_fields)
    return {k: data[k] for k in sorted(data, key=lambda k: order.index(k) if k in order else 99)}
