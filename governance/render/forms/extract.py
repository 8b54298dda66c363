"""``styrdok extract``: the values of a filled form, read back from its content controls.

The template's id and version come from the document's custom properties (or, failing
that, its core properties). Each control is matched to a field by its tag; when the tag is
gone (LibreOffice 7.4 drops it on saving) by the bookmark inside the control, named after
the tag (``ooxml.bookmark_name``). Values are typed by the field: a date as ``ÅÅÅÅ-MM-DD``,
a check box as true/false, a table as a list of rows. Placeholders are not values: a
control showing its placeholder, or (after LibreOffice, which forgets that state for plain
text) showing exactly the placeholder text, is empty and left out. The file is read with
the limits of ``governance.safezip``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from governance.clitext import counted
from governance.errors import InputError
from governance.load import Corpus
from governance.model import Template
from governance.render.forms.controls import PLACEHOLDER_STYLE, Slot, slot
from governance.render.forms.form import PROP_TEMPLATE, PROP_VERSION
from governance.render.forms.ooxml import (
    CHECKED,
    CUSTOM_NS,
    UNCHECKED,
    VT_NS,
    W14,
    W,
    tag_of_bookmark,
)
from governance.safezip import MAIN_PART, Docx, open_docx

_CORE = "docProps/core.xml"
_CUSTOM = "docProps/custom.xml"
_DC = "http://purl.org/dc/elements/1.1/"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_YES, _NO = {"ja", "true", CHECKED}, {"nej", "false", UNCHECKED}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class Control:
    """One content control as found in the document."""

    tag: str | None
    kind: str  # text, multiline, date, yesno, choice
    text: str
    placeholder: bool
    checked: bool = False
    full_date: str | None = None
    row: Any = None  # the w:tr element it sits in
    tagged: bool = True  # False: matched by its bookmark (saved by LibreOffice)


@dataclass
class Extracted:
    template: str
    version: str
    values: dict[str, Any] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def as_data(self) -> dict[str, Any]:
        return {"template": self.template, "version": self.version, "values": self.values}


def extract(path: Path, corpus: Corpus | None) -> Extracted:
    docx = open_docx(path)
    template_id, version = identity(docx)
    result = Extracted(template_id, version)
    definition = corpus.templates.get(template_id) if corpus else None
    _compare(result, definition, corpus)
    slots = _slots(definition)
    controls = list(_controls(docx, slots))
    if definition is not None:
        _same_template(path, template_id, controls, slots)
    unmatched = sum(1 for c in controls if c.tag is None)
    controls = [c for c in controls if c.tag is not None]
    if not controls:
        hint = " Ange korpusen med --root, så kan de kopplas till fälten." if unmatched else ""
        raise InputError(
            f"{path}: formuläret (mallen {template_id}) har inga innehållskontroller som "
            f"hör till mallens fält, så inga värden kan läsas ut.{hint if not definition else ''}"
        )
    if unmatched:
        result.warnings.append(
            f"{counted(unmatched, 'innehållskontroll', 'innehållskontroller')} i {path.name} hör inte till något känt fält "
            "och lästes inte."
            + ("" if definition else " Ange korpusen med --root så att de kan kopplas.")
        )
    result.values = _values(controls, slots, definition, result.warnings)
    return result


def _same_template(
    path: Path, template_id: str, controls: list[Control], slots: dict[str, Slot]
) -> None:
    """Refuse a form whose properties name a template its fields do not belong to."""
    tagged = [c.tag for c in controls if c.tagged and c.tag]
    foreign = sorted({t for t in tagged if t not in slots})
    if tagged and sum(1 for t in tagged if t in slots) < sum(1 for t in tagged if t not in slots):
        raise InputError(
            f"{path}: formuläret säger att det är gjort från mallen '{template_id}', men "
            f"fälten {', '.join(foreign[:5])} finns inte i den mallen. Dokumentegenskaperna "
            "har ändrats eller formuläret kommer från en annan mall; inga värden lästes ut."
        )


def identity(docx: Docx) -> tuple[str, str]:
    """The template id and version the form was made from."""
    found: dict[str, str] = {}
    if docx.has(_CUSTOM):
        for prop in docx.xml(_CUSTOM).iter(f"{{{CUSTOM_NS}}}property"):
            value = prop.find(f"{{{VT_NS}}}lpwstr")
            if value is not None and value.text:
                found[prop.get("name", "")] = value.text.strip()
    core_id = ""
    if docx.has(_CORE):
        core = docx.xml(_CORE)
        if "styrdok" in (core.findtext(f"{{{_CP}}}keywords") or ""):
            core_id = (core.findtext(f"{{{_DC}}}identifier") or "").strip()
            if PROP_TEMPLATE not in found:
                found[PROP_TEMPLATE] = core_id
                found[PROP_VERSION] = (core.findtext(f"{{{_CP}}}version") or "").strip()
    if core_id and found.get(PROP_TEMPLATE) and core_id != found[PROP_TEMPLATE]:
        raise InputError(
            f"{docx.path}: dokumentegenskaperna säger både mallen '{found[PROP_TEMPLATE]}' och "
            f"mallen '{core_id}'; formuläret har ändrats och inga värden lästes ut."
        )
    if not found.get(PROP_TEMPLATE):
        raise InputError(
            f"{docx.path}: filen är inget formulär från styrdok (mallens id saknas i "
            "dokumentegenskaperna). Fyll i ett formulär från 'styrdok docx' eller 'styrdok fill'."
        )
    return found[PROP_TEMPLATE], found.get(PROP_VERSION, "")


def _compare(result: Extracted, definition: Template | None, corpus: Corpus | None) -> None:
    if corpus is None:
        return
    if definition is None:
        result.warnings.append(
            f"Mallen '{result.template}' finns inte i korpusen; värdena läses utan dess "
            "fältdefinition."
        )
    elif _version(result.version) < _version(definition.version):
        result.warnings.append(
            f"Formuläret gjordes från version {result.version or '(okänd)'} av mallen "
            f"'{definition.id}', men korpusen har version {definition.version}. "
            "Kontrollera att fälten fortfarande stämmer."
        )
    elif _version(result.version) > _version(definition.version):
        result.warnings.append(
            f"Formuläret gjordes från version {result.version} av mallen '{definition.id}', "
            f"som är nyare än korpusens version {definition.version}. Hämta den senaste "
            "korpusen (git pull) och kontrollera att fälten stämmer."
        )


def _version(text: str) -> tuple[int, ...]:
    parts = text.split(".")
    if not all(p.isdigit() and len(p) < 10 for p in parts):
        return ()
    return tuple(int(part) for part in parts)


def _slots(definition: Template | None) -> dict[str, Slot]:
    """Every tag the template's controls may have, with what each holds."""
    if definition is None:
        return {}
    found = {}
    for item in definition.fields:
        if item.type == "table":
            for column in item.columns:
                found[f"{item.key}.{column.key}"] = slot(column, item.key)
        else:
            found[item.key] = slot(item)
    return found


def _controls(docx: Docx, slots: dict[str, Slot]) -> list[Control]:
    body = docx.xml(MAIN_PART).find(w("body"))
    if body is None:
        return []
    return [_control(sdt, slots) for sdt in body.iter(w("sdt"))]


def _control(sdt: Any, slots: dict[str, Slot]) -> Control:
    props = sdt.find(w("sdtPr"))
    content = sdt.find(w("sdtContent"))
    if props is None:
        props = sdt.makeelement(w("sdtPr"))
    tag_el = props.find(w("tag"))
    tag = tag_el.get(w("val")) if tag_el is not None else None
    tagged = bool(tag)
    if not tag and content is not None:
        names = [b.get(w("name"), "") for b in content.iter(w("bookmarkStart"))]
        tag = next((t for t in (tag_of_bookmark(n, slots) for n in names) if t), None)
    kind = _kind(props)
    text, styled = _text(sdt, content)
    box = props.find(f"{{{W14}}}checkbox")
    checked = box is not None and _checked(box)
    date_el = props.find(w("date"))
    full_date = date_el.get(w("fullDate")) if date_el is not None else None
    placeholder = props.find(w("showingPlcHdr")) is not None or (styled and kind != "yesno")
    row = next((a for a in sdt.iterancestors(w("tr"))), None)
    return Control(tag, kind, text, placeholder, checked, full_date, row, tagged)


def _kind(props: Any) -> str:
    if props.find(f"{{{W14}}}checkbox") is not None:
        return "yesno"
    if props.find(w("date")) is not None:
        return "date"
    if props.find(w("dropDownList")) is not None or props.find(w("comboBox")) is not None:
        return "choice"
    if props.find(w("text")) is not None:
        return "text"
    return "multiline"


def _checked(box: Any) -> bool:
    state = box.find(f"{{{W14}}}checked")
    return state is not None and state.get(f"{{{W14}}}val") in ("1", "true", "on")


def _text(sdt: Any, content: Any) -> tuple[str, bool]:
    """The control's text (tabs and line breaks kept), and whether every run with text is
    in the placeholder style."""
    if content is None:
        return "", False
    parts: list[str] = []
    styles: list[bool] = []
    for el in content.iter(w("t"), w("tab"), w("br"), w("cr")):
        if next(el.iterancestors(w("sdt"))) is not sdt:
            continue  # inside a nested control
        if el.tag == w("t"):
            parts.append(el.text or "")
            run = el.getparent()
            style = run.find(f"{w('rPr')}/{w('rStyle')}") if run is not None else None
            styles.append(style is not None and style.get(w("val")) == PLACEHOLDER_STYLE)
        elif el.tag == w("tab"):
            parts.append("\t")
        elif el.get(w("type")) in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts), bool(styles) and all(styles)


def _values(
    controls: list[Control],
    slots: dict[str, Slot],
    definition: Template | None,
    warnings: list[str],
) -> dict[str, Any]:
    values: dict[str, Any] = {}
    cells: dict[str, dict[Any, dict[str, Any]]] = {}  # table → row element → column → value
    for control in controls:
        assert control.tag is not None
        item = slots.get(control.tag) or Slot(control.tag, control.tag, control.kind)
        value = _typed(control, item, warnings)
        if "." in control.tag:
            table, column = control.tag.split(".", 1)
            cells.setdefault(table, {}).setdefault(control.row, {})[column] = value
        elif control.tag not in values:
            values[control.tag] = value
    for table, rows in cells.items():
        values[table] = _table_rows(table, rows, slots, definition, warnings)
    order = [f.key for f in definition.fields] if definition else []
    ordered = {k: values[k] for k in order if k in values}
    extra = [k for k in values if k not in ordered]
    if definition and extra:
        warnings.append(
            f"Formuläret har fält som mallen '{definition.id}' version {definition.version} "
            f"inte har: {', '.join(extra)}. De kommer med ändå."
        )
    ordered.update((k, values[k]) for k in extra)
    return {k: _clean(v) for k, v in ordered.items() if not _empty(v)}


def _table_rows(
    table: str,
    rows: dict[Any, dict[str, Any]],
    slots: dict[str, Slot],
    definition: Template | None,
    warnings: list[str],
) -> list[dict[str, Any]]:
    """The table's rows in document order: rows of controls, and rows a user added in
    Word or LibreOffice without controls (read from the cells' text, column by column)."""
    tbl = next((r.getparent() for r in rows if r is not None), None)
    if tbl is None:
        return [r for r in rows.values() if _filled(r)]
    columns = _columns(table, rows, definition)
    found: list[dict[str, Any]] = []
    plain = 0
    for number, tr in enumerate(tbl.findall(w("tr"))):
        if tr in rows:
            found.append(rows[tr])
        elif _plain(tr, number):
            row = _plain_row(table, tr, columns, slots, warnings)
            if _filled(row):
                found.append(row)
                plain += 1
    if plain:
        warnings.append(
            f"{plain} rader i tabellen '{table}' saknar innehållskontroller (de har lagts "
            "till i Word eller LibreOffice) och lästes ur cellernas text."
        )
    return [r for r in found if _filled(r)]


def _plain(tr: Any, number: int) -> bool:
    """A row without controls that is not the header row."""
    header = number == 0 or tr.find(f"{w('trPr')}/{w('tblHeader')}") is not None
    return not header and next(tr.iter(w("sdt")), None) is None


def _columns(table: str, rows: dict[Any, dict[str, Any]], definition: Template | None) -> list[str]:
    item = next((f for f in definition.fields if f.key == table), None) if definition else None
    if item is not None and item.columns:
        return [c.key for c in item.columns]
    return list(dict.fromkeys(column for row in rows.values() for column in row))


def _plain_row(
    table: str, tr: Any, columns: list[str], slots: dict[str, Slot], warnings: list[str]
) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for column, tc in zip(columns, tr.findall(w("tc")), strict=False):
        text = "\n".join(
            "".join(t.text or "" for t in para.iter(w("t"))) for para in tc.findall(w("p"))
        ).strip()
        tag = f"{table}.{column}"
        item = slots.get(tag) or Slot(tag, tag, "text")
        row[column] = _typed(Control(tag, "text", text, False, tagged=False), item, warnings)
    return row


def _typed(control: Control, item: Slot, warnings: list[str]) -> Any:
    """The control's value as the field's type; None when empty."""
    if item.type == "yesno":
        if control.kind == "yesno":
            return control.checked
        text = control.text.strip().lower()
        if text in _YES | _NO:
            return text in _YES
        return None if control.placeholder or not text else control.text
    if control.placeholder or control.text == "":
        return None
    if not control.tagged and control.text == item.placeholder:
        return None  # LibreOffice forgets that a plain-text control shows its placeholder
    if item.type == "date":
        return _date(control, item, warnings)
    return control.text


def _date(control: Control, item: Slot, warnings: list[str]) -> str:
    """The date the control shows. The date Word stores beside it is used only when it
    agrees (or the text is gone); when they differ, the visible text wins, with a warning."""
    shown, stored = _iso(control.text.strip()), _iso((control.full_date or "")[:10])
    if control.text.strip() and stored and shown != stored:
        warnings.append(
            f"Fältet '{item.tag}' visar '{control.text.strip()}' men har datumet {stored} "
            "sparat i datumkontrollen; det som visas används. Kontrollera datumet."
        )
    if shown:
        return shown
    if control.text.strip():
        if not stored:
            warnings.append(f"Fältet '{item.tag}' har '{control.text}', som inte är ett datum.")
        return control.text
    return stored or control.text


def _iso(text: str) -> str | None:
    if len(text) != 10:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _filled(row: dict[str, Any]) -> bool:
    return any(v not in (None, False) for v in row.values())


def _clean(value: Any) -> Any:
    if isinstance(value, list):
        return [{k: v for k, v in row.items() if v is not None} for row in value]
    return value


def _empty(value: Any) -> bool:
    return value is None or value == []
