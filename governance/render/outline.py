"""The order of a document's parts, shared by the handbook page and the official export.

By default the parts come as they always have: sections, principles, target group,
responsibilities, processes, questions and answers, checklists, sources, contacts, then the
related and supporting documents. ``order`` puts the parts it names first, in its order;
a section's ``include`` places parts inside that section (after its text and
subsections), and they are then left out of the top level.
"""

from __future__ import annotations

from collections.abc import Iterator

from governance.model import Document, Section
from governance.valuetypes import PARTS


def included(sections: list[Section]) -> Iterator[str]:
    """Every part that some section, at any depth, includes."""
    for section in sections:
        yield from section.include
        yield from included(section.sections)


def top_level(doc: Document) -> list[str]:
    """The parts at the document's top level, in the order they are shown."""
    inside = set(included(doc.sections))
    ordered = list(dict.fromkeys([*doc.order, *PARTS]))
    return [part for part in ordered if part not in inside]
