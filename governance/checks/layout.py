"""A template's own Word layout against its definition: the file is there and readable,
its tags parse in the sandbox, and it uses the definition's fields and table columns, no
more and no fewer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from governance.findings import Finding
from governance.load import Corpus, Entry, finding
from governance.messages import did_you_mean
from governance.model import Template


def check_layouts(corpus: Corpus, today: date) -> Iterator[Finding]:
    for template_id, template in corpus.templates.items():
        if template.layout:
            yield from _layout(corpus, corpus.entry_of[template_id], template)


def _layout(corpus: Corpus, entry: Entry, template: Template) -> Iterator[Finding]:
    from governance.errors import UnsafeDocx
    from governance.render.forms.layout import LayoutSyntax, analyze, layout_path

    path = layout_path(corpus, template)
    name = f"'{template.layout}'"
    if path is None:
        yield finding(
            "layout-missing", entry, f"Layouten {name} ligger utanför korpusen.", ("layout",)
        )
        return
    if not path.exists():  # anything else there (a folder, a FIFO) is layout-invalid below
        yield finding("layout-missing", entry, f"Layouten {name} finns inte.", ("layout",))
        return
    try:
        used = analyze(path)
    except UnsafeDocx as exc:
        reason = exc.message.split(": ", 1)[-1]
        yield finding("layout-invalid", entry, f"Layouten {name}: {reason}", ("layout",))
        return
    except LayoutSyntax as exc:
        message = f"Layouten {name} är ingen giltig mall: {exc.message}"
        yield finding("layout-syntax", entry, message, ("layout",))
        return
    for what in used.unsafe:
        message = f"Layouten {name} använder {what}, som sandlådan inte tillåter."
        yield finding("layout-syntax", entry, message, ("layout",))
    yield from _fields(entry, template, name, used.names, used.columns)


def _fields(
    entry: Entry, template: Template, name: str, names: set[str], columns: dict[str, set[str]]
) -> Iterator[Finding]:
    keys = {f.key: f for f in template.fields}
    for key in sorted(names - set(keys)):
        tip = did_you_mean(key, keys)
        message = f"Layouten {name} använder '{key}', som inte är ett fält i mallen.{tip}"
        yield finding("layout-field-unknown", entry, message, ("layout",))
    for i, item in enumerate(template.fields):
        if item.key not in names:
            message = f"Fältet '{item.key}' ({item.label}) finns inte i layouten {name}."
            yield finding("layout-field-unused", entry, message, ("fields", i))
            continue
        if item.type != "table" or item.key not in columns:
            continue
        known = [c.key for c in item.columns]
        for column in sorted(columns[item.key] - set(known)):
            tip = did_you_mean(column, known)
            message = (
                f"Layouten {name} använder kolumnen '{column}' i tabellen '{item.key}', "
                f"som tabellen inte har.{tip}"
            )
            yield finding("layout-field-unknown", entry, message, ("layout",))
        for j, column_def in enumerate(item.columns):
            if column_def.key not in columns[item.key]:
                message = (
                    f"Kolumnen '{column_def.key}' ({column_def.label}) i tabellen "
                    f"'{item.key}' finns inte i layouten {name}."
                )
                yield finding("layout-field-unused", entry, message, ("fields", i, "columns", j))
