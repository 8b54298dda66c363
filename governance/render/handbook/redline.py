""" "Vad ändrades": one version against the previous one, as HTML for the handbook.

The comparison is governance.lifecycle.compare's, the same that ``styrdok diff`` prints.
Fields are a table (before, after); sections are their text with word-level ``<ins>`` and
``<del>``, each run labelled for screen readers ("Tillagt:", "Borttaget:") and underlined or
struck through, so neither colour nor sight is needed, also on paper.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from governance.lifecycle.compare import (
    MISSING,
    Comparison,
    FieldChange,
    SectionChange,
    show,
    words,
)
from governance.model import Decision, Document, Retirement
from governance.render.handbook import escape

ADDED = "Tillagt:"
REMOVED = "Borttaget:"
_SUBMODELS: dict[str, type[BaseModel]] = {"decision": Decision, "retirement": Retirement}
_KIND = {"added": "Nytt avsnitt", "removed": "Borttaget avsnitt", "changed": "Ändrat avsnitt"}


def _label(path: str) -> str:
    """A field's Swedish title: "Beslut: Beslutsdatum" for decision.date."""
    key, _, rest = path.partition(".")
    key = key.split("[", 1)[0]
    info = Document.model_fields.get(key)
    title = info.title if info is not None and info.title else key
    sub = _SUBMODELS.get(key)
    if sub is not None and rest in sub.model_fields:
        return f"{title}: {sub.model_fields[rest].title or rest}"
    tail = path[len(key) :].lstrip(".")
    return title + (f" ({tail})" if tail else "")


def _value(value: Any) -> str:
    return "–" if value is MISSING or value is None else escape.html(show(value))


def _mark(tag: str, label: str, text: str) -> str:
    body = escape.html(text).replace("\n", "<br>")
    return f'<{tag}><span class="styrdok-sr">{label} </span>{body}</{tag}>'


def marked_text(old: str, new: str) -> str:
    """``new`` with the words added since ``old`` in <ins> and those removed in <del>."""
    out = []
    for kind, text in words(old, new):
        if kind == "same":
            out.append(escape.html(text).replace("\n", "<br>"))
        else:
            out.append(
                _mark(
                    "ins" if kind == "added" else "del", ADDED if kind == "added" else REMOVED, text
                )
            )
    return "".join(out)


def _field_row(change: FieldChange) -> str:
    if change.added or change.removed:
        before = "; ".join(f"{REMOVED} {escape.html(show(v))}" for v in change.removed) or "–"
        after = "; ".join(f"{ADDED} {escape.html(show(v))}" for v in change.added) or "–"
    else:
        before, after = _value(change.old), _value(change.new)
    return (
        f'<tr><th scope="row">{escape.html(_label(change.path))}</th>'
        f"<td><del>{before}</del></td><td><ins>{after}</ins></td></tr>"
    )


def _section(change: SectionChange) -> str:
    heading = f"<h3>{_KIND[change.kind]}: {escape.html(change.title)}</h3>"
    return f'{heading}\n<p class="styrdok-redline">{marked_text(change.old, change.new)}</p>'


def redline(result: Comparison, previous: str | None) -> str:
    """The section "Vad ändrades" of a version page, against version ``previous``."""
    title = "## Vad ändrades { #vad-andrades data-search-exclude }\n"
    if previous is None:
        return f"{title}\nDet här är den första versionen i arkivet.\n"
    lead = f"Jämfört med version {escape.html(previous)}."
    if not result:
        return f"{title}\n{lead} Inga skillnader i texten eller uppgifterna.\n"
    parts = [title, f"{lead} Tillagd text är understruken, borttagen text överstruken.\n"]
    if result.fields:
        rows = "\n".join(_field_row(c) for c in result.fields)
        parts.append(
            '<table class="styrdok-redline-fields">\n<caption>Ändrade uppgifter</caption>\n'
            '<thead><tr><th scope="col">Uppgift</th><th scope="col">Före</th>'
            f'<th scope="col">Efter</th></tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n'
        )
    if result.sections:
        parts.append(
            '<div class="styrdok-redline-sections">\n'
            + "\n".join(_section(c) for c in result.sections)
            + "\n</div>\n"
        )
    return "\n".join(parts)
