"""The parts of the model under their headings: processes with steps and sub-steps,
responsibilities, principles, target group, questions, checklists, sources, links,
supporting documents, attachments, templates and revisions. Each function takes a node of
the heading tree and returns plain data in the model's shape."""

from __future__ import annotations

import contextlib
import re
from datetime import date
from typing import Any

from governance.importer import body
from governance.importer.dates import DateError, one_date
from governance.importer.match import Matcher, normal
from governance.importer.reader import Block, Para, Segment, markdown_of
from governance.importer.tree import Node
from governance.status import version_key

CHECKBOX = "☐"
_FACT = re.compile(r"Faktagranskad av (.+?)\. Senast granskad: (.+?)\.?$")
_LINK_SUFFIX = re.compile(r"\s*\([^()]*\)\s*$")
_FILE = re.compile(r"\s*\(fil: ([^()]*)\)\s*$")
_TEMPLATE = re.compile(r"^(.*), version ([0-9.]+)$")
Data = dict[str, Any]


def lead(para: Para) -> tuple[str | None, list[Segment]]:
    """A bold lead-in ending in a colon ("Handläggare: …") and the segments after it."""
    segs = para.segments
    if segs and segs[0].bold and segs[0].text.strip().endswith(":") and not segs[0].url:
        return segs[0].text.strip()[:-1].strip(), segs[1:]
    return None, segs


def steps(blocks: list[Block], matcher: Matcher) -> tuple[list[Data], str]:
    """Numbered items (level 0) as steps, lettered ones (level 1) as their sub-steps, an
    indented paragraph below an item as its details; the text before the list as the
    description."""
    out: list[Data] = []
    before: list[Block] = []
    for block in blocks:
        if block.kind == "item" and block.level == 0:
            out.append(_step(block.para, matcher))
        elif block.kind == "item" and out:
            out[-1].setdefault("substeps", []).append(_step(block.para, matcher))
        elif out and block.kind == "para" and block.text:
            previous = out[-1].get("details")
            out[-1]["details"] = f"{previous}\n\n{block.text}" if previous else block.text
        elif not out:
            before.append(block)
    for step in out:
        if "details" in step:
            step["details"] += "\n"
        if "substeps" in step:
            step["substeps"] = step.pop("substeps")
    return out, body.markdown(before)


def _step(para: Para, matcher: Matcher) -> Data:
    role, rest = lead(para)
    role_id = matcher.find("roles", role) if role else None
    if role and role_id is None:
        rest = para.segments
    step: Data = {"text": markdown_of(rest)}
    if role_id:
        step["role"] = role_id
    return step


def process(node: Node, matcher: Matcher) -> Data:
    found, description = steps(node.blocks, matcher)
    data: Data = {"title": node.title}
    if description:
        data["description"] = description
    if found:
        data["steps"] = found
    phases = [_phase(child, matcher) for child in node.children if child.part == "phase"]
    if phases:
        data["phases"] = phases
    return data


def _phase(node: Node, matcher: Matcher) -> Data:
    blocks = list(node.blocks)
    data: Data = {"title": node.title}
    if blocks and blocks[0].kind == "para" and lead(blocks[0].para)[0] == "Roller":
        names = markdown_of(lead(blocks.pop(0).para)[1])
        data["roles"] = matcher.names("roles", names)
    found, description = steps(blocks, matcher)
    if description:
        data["description"] = description
    if found:
        data["steps"] = found
    return data


def responsibilities(node: Node, matcher: Matcher) -> list[Data]:
    out: list[Data] = []
    for child in node.children:
        duties = [b.text for b in child.blocks if b.kind == "item" and b.text]
        unit = matcher.find("units", child.title) if child.part != "role" else None
        who = {"unit": unit} if unit else {"role": matcher.names("roles", child.title)[0]}
        out.append({**who, "duties": duties})
    return out


def principles(node: Node) -> list[Data]:
    out: list[Data] = []
    for block in node.blocks:
        if block.kind != "item":
            continue
        segs = block.para.segments
        if segs and segs[0].bold:
            item: Data = {"title": segs[0].text.strip()}
            rest = markdown_of(segs[1:]).removeprefix("–").strip()
            if rest:
                item["description"] = rest
        else:
            item = {"title": block.plain}
        out.append(item)
    return out


def target_group(node: Node) -> Data:
    blocks = node.blocks
    last = blocks[-1] if blocks else None
    criteria: list[str] = []
    if last is not None and last.kind == "item":
        tail = [b for b in blocks if b.kind == "item" and b.num_id == last.num_id]
        criteria = [b.plain for b in tail]
        blocks = [b for b in blocks if b not in tail]
    data: Data = {}
    description = body.markdown(blocks)
    if description:
        data["description"] = description
    if criteria:
        data["criteria"] = criteria
    return data


def faq(node: Node) -> list[Data]:
    return [{"question": c.title, "answer": section_body(c)} for c in node.children]


def contacts(node: Node) -> list[Data]:
    """Each way of reaching someone under its heading (a unit, a phone line's role)."""
    out: list[Data] = []
    for child in node.children:
        text = section_body(child)
        out.append({"title": child.title, "body": text} if text else {"title": child.title})
    return out


def checklist(node: Node) -> Data:
    title = node.title.split(":", 1)[1].strip() if ":" in node.title else node.title
    items = [b.plain.removeprefix(CHECKBOX).strip() for b in node.blocks if b.plain]
    return {"title": title, "items": items}


def sources(node: Node) -> tuple[list[Data], Data | None]:
    out: list[Data] = []
    fact: Data | None = None
    for block in node.blocks:
        found = _FACT.match(block.plain)
        if found:
            fact = {"by": found.group(1)}
            with contextlib.suppress(DateError):
                fact["date"] = one_date(found.group(2))
        elif block.kind == "item":
            out.append(_source(block.para))
    return out, fact


def _source(para: Para) -> Data:
    title, url, rest = _titled(para)
    item: Data = {"title": title}
    parts = [p.strip() for p in rest.lstrip(", ").split(", ") if p.strip()] if rest else []
    if parts and re.fullmatch(r"\d{4}", parts[-1]):
        item["year"] = int(parts.pop())
    if parts:
        item["publisher"] = ", ".join(parts)
    if url:
        item["url"] = url
    return item


def _titled(para: Para) -> tuple[str, str | None, str]:
    """The linked title of a list item (or the text up to the first comma), its address
    and the text after it."""
    segs = para.segments
    linked = [s for s in segs if s.url]
    if linked:
        url = linked[0].url
        first = segs.index(linked[0])
        end = first
        while end < len(segs) and segs[end].url == url:
            end += 1
        title = "".join(s.text for s in segs[first:end]).strip()
        return title, url, "".join(s.text for s in segs[end:])
    text = para.plain
    title, _, rest = text.partition(", ")
    return title, None, (", " + rest if rest else "")


def linked(node: Node) -> list[tuple[str, str | None, str]]:
    """The items of a link list: title, address (or None) and what follows the title."""
    out = []
    for block in node.blocks:
        if block.kind == "item" and block.plain:
            segs = block.para.segments
            if any(s.url for s in segs):
                out.append(_titled(block.para))
            else:
                found = _LINK_SUFFIX.search(block.plain)
                cut = found.start() if found else len(block.plain)
                out.append((block.plain[:cut].strip(), None, block.plain[cut:]))
    return out


def attachments(node: Node) -> list[Data]:
    out: list[Data] = []
    for title, url, rest in linked(node):
        item: Data = {"title": title}
        found = _FILE.search(rest)
        if found:
            item["file"] = found.group(1)
        if url:
            item["url"] = url
        out.append(item)
    return out


def revisions(node: Node) -> list[Data]:
    table = next((b for b in node.blocks if b.kind == "table"), None)
    if table is None:
        return []
    out: list[Data] = []
    for row in table.rows[1:]:
        cells = [" ".join(p.plain for p in c).strip() for c in row]
        if len(cells) < 4 or not cells[0]:
            continue
        item: Data = {"version": cells[0], "date": _date_or_text(cells[1]), "summary": cells[3]}
        if normal(cells[2]) == normal("Större"):
            item["major"] = True
        out.append(item)
    return list(reversed(out)) if _descending(out) else out


def _descending(items: list[Data]) -> bool:
    """Newest first, as the export and most tables write them."""
    if len(items) < 2:
        return False
    try:
        return version_key(items[0]["version"]) > version_key(items[-1]["version"])
    except ValueError:
        first, last = items[0]["date"], items[-1]["date"]
        return isinstance(first, date) and isinstance(last, date) and first > last


def _date_or_text(text: str) -> date | str:
    try:
        return one_date(text)
    except DateError:
        return text


def section_body(node: Node) -> str:
    return body.markdown(node.blocks)
