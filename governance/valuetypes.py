"""Value types of the document model: who owns a document (one role or several) and the
names of a document's parts, for its chapter order (``order``, a section's ``include``)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import BeforeValidator, WithJsonSchema

from governance.fields import Ref

OWNER_ERROR = "ska vara en roll eller en lista med roller"


def _owners(value: Any) -> Any:
    """One role id or a list of them; anything else gets a Swedish message."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return value
    raise ValueError(OWNER_ERROR)


Owners = Annotated[
    str | list[str] | None,
    BeforeValidator(_owners),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string"},
                {"type": "array", "items": {"type": "string"}, "minItems": 1},
                {"type": "null"},
            ],
            "description": "En roll (id under roles i styrdok.yaml) eller en lista med roller, "
            "aldrig en person.",
        }
    ),
    Ref("roles"),  # each role is checked by governance.checks.refs
]
# What a section can hold besides its text and subsections: any part but the sections.
Included = Literal[
    "principles",
    "target_group",
    "responsibilities",
    "processes",
    "faq",
    "checklists",
    "sources",
    "contacts",
    "links",
    "supporting_documents",
]
# The parts of a document's body, as ``order`` and a section's ``include`` name them.
Part = Literal["sections", Included]
PARTS: tuple[str, ...] = get_args(Part)


def owner_list(owner: str | list[str] | None) -> list[str]:
    """The owner field as a list of role ids (one, several or none)."""
    if owner is None:
        return []
    return [owner] if isinstance(owner, str) else list(owner)
