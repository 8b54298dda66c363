"""Content controls (w:sdt), one per field or table cell, blank or as a docxtpl template.

A control is inline (run level): LibreOffice 7.4 flattens block-level controls. Each has
the field's key as tag, its label as alias, the help text as placeholder (grey italic, as
style and as direct formatting, which LibreOffice keeps), and a bookmark
inside it named after the tag, since LibreOffice drops the tag when it saves (see
``ooxml.bookmark_name``). The kinds:

    text,      rich text, no type element: LibreOffice 7.4 turns a plain-text control (w:text)
    multiline  into an input field that cannot hold line breaks, moves them out of it, and
               draws its placeholder like an answer
    date       date picker, yyyy-MM-dd, sv-SE, gregorian
    yesno      check box (w14:checkbox) showing ☒ or ☐
    choice     drop-down list with one item per choice

Given a Jinja expression, the control is a docxtpl template instead: it shows the value
when the expression is true, the placeholder otherwise, with the check box, date and
placeholder state following the value.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from docx.oxml.xmlchemy import BaseOxmlElement

from governance.model import TemplateColumn, TemplateField
from governance.render.forms.ooxml import (
    CHECKED,
    UNCHECKED,
    bookmark_name,
    child,
    element,
    text_run,
)

PLACEHOLDER_STYLE = "PlaceholderText"
CHECKBOX_FONT = "MS Gothic"
DATE_FORMAT = "yyyy-MM-dd"
DEFAULT_PLACEHOLDER = {
    "text": "Skriv här.",
    "multiline": "Skriv här.",
    "date": "Välj ett datum (ÅÅÅÅ-MM-DD).",
    "choice": "Välj ett alternativ.",
    "yesno": "",
}


@dataclass(frozen=True)
class Slot:
    """What a control holds: a field, or one column of a table field (tag ``key.column``)."""

    tag: str
    label: str
    type: str
    help: str | None = None
    choices: list[str] = field(default_factory=list)

    @property
    def placeholder(self) -> str:
        return self.help or DEFAULT_PLACEHOLDER[self.type]


def slot(item: TemplateField | TemplateColumn, table: str | None = None) -> Slot:
    tag = f"{table}.{item.key}" if table else item.key
    return Slot(tag, item.label, item.type, item.help, list(item.choices))


@dataclass(frozen=True)
class Jinja:
    """A control rendered by docxtpl: ``expr`` is the value, the bookmark's id and name
    suffix may be Jinja too (a table row's loop index)."""

    expr: str
    bookmark_id: str
    bookmark_suffix: str = ""


Literal = Callable[[str], str]


def control(
    item: Slot, bookmark_id: int | Jinja, suffix: str = "", lit: Literal = str
) -> BaseOxmlElement:
    """The w:sdt for ``item``: blank (bookmark_id an int) or a template (a Jinja)."""
    jinja = bookmark_id if isinstance(bookmark_id, Jinja) else None
    sdt = element("w:sdt")
    props = child(sdt, "w:sdtPr")
    _answer_format(props)
    child(props, "w:alias", {"w:val": lit(item.label)})
    child(props, "w:tag", {"w:val": item.tag})
    # A check box always shows a state, never a placeholder. In a template (jinja) the
    # properties hold no Jinja, so a layout stays a valid Word file: the placeholder flag,
    # the date and the check box state follow the rendered text (render.settle_controls).
    if item.type != "yesno" and jinja is None:
        child(props, "w:showingPlcHdr")
    _type(props, item, lit)
    content = child(sdt, "w:sdtContent")
    ident = jinja.bookmark_id if jinja else str(bookmark_id)
    name = bookmark_name(item.tag) + (jinja.bookmark_suffix if jinja else suffix)
    child(content, "w:bookmarkStart", {"w:id": ident, "w:name": name})
    _content(content, item, jinja, lit)
    child(content, "w:bookmarkEnd", {"w:id": ident})
    return sdt


def _answer_format(props: BaseOxmlElement) -> None:
    """What Word gives the text typed in place of the placeholder: upright and black, so
    an answer never looks like the grey italic help text."""
    run = child(props, "w:rPr")
    child(run, "w:i", {"w:val": "0"})
    child(run, "w:color", {"w:val": "auto"})


def _type(props: BaseOxmlElement, item: Slot, lit: Literal) -> None:
    if item.type == "date":
        date = child(props, "w:date")
        child(date, "w:dateFormat", {"w:val": DATE_FORMAT})
        child(date, "w:lid", {"w:val": "sv-SE"})
        child(date, "w:storeMappedDataAs", {"w:val": "dateTime"})
        child(date, "w:calendar", {"w:val": "gregorian"})
    elif item.type == "choice":
        items = child(props, "w:dropDownList")
        for choice in item.choices:
            child(items, "w:listItem", {"w:displayText": lit(choice), "w:value": lit(choice)})
    elif item.type == "yesno":
        box = child(props, "w14:checkbox")
        child(box, "w14:checked", {"w14:val": "0"})
        child(box, "w14:checkedState", {"w14:val": "2612", "w14:font": CHECKBOX_FONT})
        child(box, "w14:uncheckedState", {"w14:val": "2610", "w14:font": CHECKBOX_FONT})
    # text and multiline: rich text, no type element


def _content(content: BaseOxmlElement, item: Slot, jinja: Jinja | None, lit: Literal) -> None:
    if item.type == "yesno":
        mark = (
            UNCHECKED
            if jinja is None
            else f"{{{{ '{CHECKED}' if {jinja.expr} else '{UNCHECKED}' }}}}"
        )
        content.append(text_run(mark, font=CHECKBOX_FONT))
        return
    placeholder = text_run(lit(item.placeholder), style=PLACEHOLDER_STYLE, placeholder=True)
    if jinja is None:
        content.append(placeholder)
        return
    _jinja(content, f"{{% if {jinja.expr} %}}")
    content.append(text_run(f"{{{{ {jinja.expr} }}}}"))
    _jinja(content, "{% else %}")
    content.append(placeholder)
    _jinja(content, "{% endif %}")


def _jinja(parent: BaseOxmlElement, code: str) -> None:
    """Jinja source as text between elements (docxtpl renders the XML as text)."""
    if not code:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + code
    else:
        parent.text = (parent.text or "") + code
