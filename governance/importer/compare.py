"""Comparing a document with what came back from Word, field by field.

Markdown is compared by what it shows: both texts are rendered as the export renders them
(Python-Markdown, the handbook's escaping) and the HTML compared with white space
collapsed, so ``*x*`` and ``_x_`` or a re-wrapped paragraph are the same text. Empty
values (None, "", []) equal a missing key.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

from governance.render.export.markdown import parse

# The fields an official document shows, so an import gives them back. The others are
# not in the Word document; ROUND_TRIP_GAPS says why.
ROUND_TRIP = (
    "id",
    "title",
    "kind",
    "status",
    "summary",
    "decision",
    "applies_to",
    "valid_from",
    "valid_until",
    "last_revised",
    "links_checked",
    "owner",
    "publisher",
    "url",
    "attachments",
    "links",
    "supporting_documents",
    "templates",
    "revisions",
    "sections",
    "principles",
    "target_group",
    "responsibilities",
    "processes",
    "faq",
    "checklists",
    "sources",
    "contacts",
    "fact_check",
)
ROUND_TRIP_GAPS = {
    "themes": "teman visas inte i det officiella dokumentet",
    "tags": "taggar visas inte i det officiella dokumentet",
    "audience": "målgruppen (roller) visas inte i det officiella dokumentet",
    "reviews": "aktualitetsprövningar visas bara som nästa prövningsdatum",
    "supersedes": "visas inte i det officiella dokumentet",
    "superseded_by": "visas bara som text i statusraden för ett upphävt dokument",
    "retirement": "visas bara som text i statusraden",
    "year": "utgivningsår visas inte för externa dokument",
    "registration_number": "ett externt dokuments diarienummer visas inte i det officiella dokumentet",
}
_SPACE = re.compile(r"\s+")


def markdown_key(text: str) -> str:
    root = parse(text)
    html = ET.tostring(root, encoding="unicode")
    html = re.sub(r">\s+", ">", re.sub(r"\s+<", "<", html))
    html = html.replace("<li><p>", "<li>").replace("</p></li>", "</li>")  # loose lists
    return _SPACE.sub(" ", html).strip()


# Keys inside parts that the official document does not show, so an import cannot give
# them back: the reference month of figures (a check's input). Where a section places
# other parts (include:) is marked in the export and comes back.
NOT_SHOWN = frozenset({"figures_as_of"})


def normal(value: Any) -> Any:
    """A value as compared: Markdown by what it shows, dates as text, empties dropped."""
    if isinstance(value, dict):
        return {k: normal(v) for k, v in value.items() if not _empty(v) and k not in NOT_SHOWN}
    if isinstance(value, list):
        return [normal(v) for v in value]
    if isinstance(value, str):
        return markdown_key(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {} or value is False


def same(a: Any, b: Any) -> bool:
    return bool(normal(a) == normal(b))


def differing(old: dict[str, Any], new: dict[str, Any], fields: tuple[str, ...]) -> list[str]:
    """The fields whose values differ (by what they show)."""
    return [f for f in fields if not (_empty(old.get(f)) and _empty(new.get(f)))
            and not same(old.get(f), new.get(f))]  # fmt: skip


def keep_equal(old: Any, new: Any) -> Any:
    """``new``, with every part that shows the same as in ``old`` taken from ``old`` (so an
    edit leaves those lines alone)."""
    if same(old, new):
        return old
    if isinstance(old, dict) and isinstance(new, dict):
        return {k: keep_equal(old.get(k), v) if k in old else v for k, v in new.items()}
    if isinstance(old, list) and isinstance(new, list):
        return [keep_equal(old[i], v) if i < len(old) else v for i, v in enumerate(new)]
    if isinstance(old, str) and isinstance(new, str) and "\n\n" in old + new:
        return _keep_paragraphs(old, new)
    return new


def _keep_paragraphs(old: str, new: str) -> str:
    """A changed Markdown text with each paragraph that did not change as it was written
    (its line breaks kept)."""
    before = {markdown_key(p): p for p in old.strip("\n").split("\n\n")}
    parts = [before.get(markdown_key(p), p) for p in new.strip("\n").split("\n\n")]
    return "\n\n".join(parts) + ("\n" if new.endswith("\n") else "")
