"""Rendering a .docx template with case data: docxtpl in a sandboxed Jinja environment
(governance.render.forms.sandbox: no other files, limits on size and time).

* ``autoescape=True``: every value is XML-escaped, so ``&``, ``<tag>`` and quotes arrive as
  text. Braces in values are written as character references too, so docxtpl's own
  post-processing (which turns ``{_{`` into ``{{``) cannot change them, and data such as
  ``{{ 7*7 }}`` is never evaluated: values are data, only the template is Jinja.
* ``SandboxedEnvironment``: a layout cannot reach Python internals (``''.__class__``).
  ``StrictUndefined`` makes that, and any name the data lacks, an error instead of empty
  text; the ``safe`` filter is removed, so a layout cannot write raw XML from data.
* Templates are compiled once per process (the same XML source renders many rows).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docxtpl import DocxTemplate  # type: ignore[import-untyped]
from jinja2.exceptions import SecurityError, TemplateError, TemplateSyntaxError, UndefinedError

from governance.errors import RenderError
from governance.render.forms.controls import PLACEHOLDER_STYLE
from governance.render.forms.ooxml import CHECKED, W14
from governance.render.forms.sandbox import Environment as Environment
from governance.render.forms.sandbox import LimitExceeded


def render(
    template: bytes,
    context: dict[str, Any],
    env: Environment,
    stamp: Callable[[DocxDocument], None] | None = None,
) -> bytes:
    """The rendered .docx. Raises RenderError when the template fails on this data."""
    tpl = DocxTemplate(io.BytesIO(template))
    try:
        tpl.render(context, env, autoescape=True)
    except LimitExceeded as exc:
        raise RenderError(f"mallen stoppades: {exc}. Förenkla layouten.") from None
    except (OverflowError, RecursionError, MemoryError) as exc:
        raise RenderError(
            f"mallen stoppades: ett uttryck blev för stort ({type(exc).__name__}). "
            "Förenkla layouten."
        ) from None
    except SecurityError as exc:
        raise RenderError(
            f"mallen försöker nå något som sandlådan inte tillåter ({exc}). "
            "Ta bort uttrycket ur layouten."
        ) from None
    except UndefinedError as exc:
        raise RenderError(f"mallen använder något som inte finns i data ({exc}).") from None
    except TemplateSyntaxError as exc:
        raise RenderError(f"mallen är inte giltig Jinja: {exc.message}.") from None
    except TemplateError as exc:
        raise RenderError(f"mallen kunde inte fyllas i: {exc}.") from None
    settle_controls(tpl.docx)
    if stamp is not None:
        stamp(tpl.docx)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def settle_controls(doc: DocxDocument) -> None:
    """Make each content control's properties agree with the text it now holds: a check
    box's state with its mark, a date picker's date with an ISO date, and the placeholder
    flag with text in the placeholder style. Templates keep no Jinja in the properties (a
    layout must stay a valid Word file), so this is where they follow the data."""
    for sdt in doc.element.body.iter(qn("w:sdt")):
        props, content = sdt.find(qn("w:sdtPr")), sdt.find(qn("w:sdtContent"))
        if props is None or content is None:
            continue
        runs = [t for t in content.iter(qn("w:t")) if t.text]
        text = "".join(t.text or "" for t in runs).strip()
        box = props.find(f"{{{W14}}}checkbox")
        if box is not None:
            state = box.find(f"{{{W14}}}checked")
            if state is not None:
                state.set(f"{{{W14}}}val", "1" if text == CHECKED else "0")
            continue
        shown = bool(runs) and all(_styled(t) for t in runs)
        flag = props.find(qn("w:showingPlcHdr"))
        if shown and flag is None:
            tag = props.find(qn("w:tag"))
            anchor = tag if tag is not None else props.find(qn("w:alias"))
            new = props.makeelement(qn("w:showingPlcHdr"), {})
            if anchor is not None:
                anchor.addnext(new)
            else:
                props.insert(0, new)
        elif not shown and flag is not None:
            props.remove(flag)
        picker = props.find(qn("w:date"))
        if picker is not None:
            if not shown and _iso_date(text):
                picker.set(qn("w:fullDate"), f"{text}T00:00:00Z")
            else:
                picker.attrib.pop(qn("w:fullDate"), None)


def _styled(t: Any) -> bool:
    style = t.getparent().find(f"{qn('w:rPr')}/{qn('w:rStyle')}")
    return style is not None and style.get(qn("w:val")) == PLACEHOLDER_STYLE


def _iso_date(text: str) -> bool:
    try:
        return len(text) == 10 and date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False
