"""Rendering a .docx template with case data: docxtpl in a sandboxed Jinja environment.

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
from typing import Any

from docx.document import Document as DocxDocument
from docxtpl import DocxTemplate  # type: ignore[import-untyped]
from jinja2 import StrictUndefined, Template
from jinja2.exceptions import SecurityError, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

from governance.errors import StyrdokError


def _finalize(value: Any) -> Markup:
    text = str(escape(value))
    return Markup(text.replace("{", "&#123;").replace("}", "&#125;"))


class Environment(SandboxedEnvironment):
    """The sandbox every template is rendered in, with compiled templates cached."""

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
        self.filters.pop("safe", None)
        self._compiled: dict[str, Template] = {}

    def from_string(self, source: Any, *args: Any, **kwargs: Any) -> Template:
        if args or kwargs or not isinstance(source, str):
            return super().from_string(source, *args, **kwargs)
        found = self._compiled.get(source)
        if found is None:
            found = self._compiled[source] = super().from_string(source)
        return found


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
    if stamp is not None:
        stamp(tpl.docx)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


class RenderError(StyrdokError):
    """A template failed on the data (the message is completed by the caller)."""
