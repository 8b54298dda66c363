"""The Jinja environment every Word layout is rendered in, with limits.

* ``SandboxedEnvironment``: no Python internals (``''.__class__``); ``StrictUndefined``;
  autoescape, and braces in values written as character references (see render.py).
* No other files: ``{% include %}``, ``{% extends %}`` and ``{% import %}`` are refused,
  there is no loader to find a file with.
* Size limits, so a layout cannot exhaust memory or time: a string or list made with
  ``*`` holds at most ``MAX_ITEMS`` items, ``**`` stays small, ``%`` formatting and
  ``.format`` are refused (a width such as ``{:>999999999}`` is a gigabyte), ``range``
  gives at most ``MAX_RANGE`` numbers per render, the output is at most ``MAX_OUTPUT``
  characters, and a render stops after ``MAX_SECONDS``.

Every limit raises ``LimitExceeded`` with a Swedish message; render.py turns it into an
error that names the layout.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import StrictUndefined, Template
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup, escape

MAX_ITEMS = 100_000  # characters of a string, items of a list, made by *
MAX_POWER_BITS = 4_096
MAX_RANGE = 10_000  # numbers from range(), all calls of one render together
MAX_OUTPUT = 20_000_000  # characters of rendered XML
MAX_SECONDS = 10.0
MAX_WIDTH = 1_000  # center() and indent()


class LimitExceeded(SecurityError):
    """A layout went past a limit; the message says which, in Swedish."""


def _finalize(value: Any) -> Markup:
    text = str(escape(value))
    return Markup(text.replace("{", "&#123;").replace("}", "&#125;"))


class LimitedTemplate(Template):
    """A template whose render counts its output as it is made."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        env = self.environment
        if isinstance(env, Environment):
            env.ranged = 0
        size = 0
        parts: list[str] = []
        with deadline(MAX_SECONDS):
            for part in self.generate(*args, **kwargs):
                size += len(part)
                if size > MAX_OUTPUT:
                    raise LimitExceeded(
                        f"layouten blir större än {MAX_OUTPUT // 1_000_000} miljoner tecken"
                    )
                parts.append(part)
        return "".join(parts)


class Environment(SandboxedEnvironment):
    """The sandbox every template is rendered in, with compiled templates cached."""

    intercepted_binops = frozenset({"*", "**", "%"})
    template_class = LimitedTemplate

    def __init__(self) -> None:
        super().__init__(autoescape=True, undefined=StrictUndefined, finalize=_finalize)
        self.filters.pop("safe", None)
        self.filters["format"] = _refused("filtret format")
        self.filters["center"] = _narrow(self.filters["center"], "center")
        self.filters["indent"] = _narrow(self.filters["indent"], "indent")
        self.globals["range"] = self._range
        self.ranged = 0
        self._compiled: dict[str, Template] = {}

    def from_string(self, source: Any, *args: Any, **kwargs: Any) -> Template:
        if args or kwargs or not isinstance(source, str):
            return super().from_string(source, *args, **kwargs)
        found = self._compiled.get(source)
        if found is None:
            found = self._compiled[source] = super().from_string(source)
        return found

    def _load_template(self, name: str, globals: Any) -> Template:
        raise LimitExceeded(
            f"en layout får inte hämta andra filer (include, extends eller import av '{name}')"
        )

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "%" and isinstance(left, str):
            raise LimitExceeded("formatering med % är inte tillåten i en layout")
        if operator == "*":
            _check_repeat(left, right)
        if operator == "**":
            _check_power(left, right)
        return self.binop_table[operator](left, right)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        if getattr(value, "__name__", "") in ("format", "format_map") and isinstance(
            getattr(value, "__self__", None), str
        ):
            return _refused(".format")
        return None

    def _range(self, *args: int) -> range:
        numbers = range(*args)
        self.ranged += len(numbers)
        if self.ranged > MAX_RANGE:
            raise LimitExceeded(f"range() ger fler än {MAX_RANGE} tal")
        return numbers


def _refused(what: str) -> Callable[..., str]:
    def refuse(*args: Any, **kwargs: Any) -> str:
        raise LimitExceeded(f"{what} är inte tillåtet i en layout")

    return refuse


def _narrow(func: Callable[..., Any], name: str) -> Callable[..., Any]:
    def narrow(value: Any, width: Any = 80, *args: Any, **kwargs: Any) -> Any:
        if isinstance(width, int) and width > MAX_WIDTH:
            raise LimitExceeded(f"{name}({width}) är bredare än {MAX_WIDTH} tecken")
        return func(value, width, *args, **kwargs)

    return narrow


def _check_repeat(left: Any, right: Any) -> None:
    for seq, times in ((left, right), (right, left)):
        sized = isinstance(seq, str | list | tuple | bytes) and isinstance(times, int)
        if sized and len(seq) * times > MAX_ITEMS:
            raise LimitExceeded(
                f"uttrycket med * blir {len(seq) * times} tecken eller element (högst {MAX_ITEMS})"
            )


def _check_power(left: Any, right: Any) -> None:
    numbers = isinstance(left, int) and isinstance(right, int) and right > 0
    if numbers and max(abs(left), 2).bit_length() * right > MAX_POWER_BITS:
        raise LimitExceeded(f"talet {left}**{right} är för stort")


class _Timeout(LimitExceeded):
    pass


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Stop the work in this block after ``seconds`` (in the main thread of a POSIX
    process; elsewhere the other limits still hold)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or signal.getitimer(signal.ITIMER_REAL)[0]:
        yield
        return

    def alarm(signum: int, frame: Any) -> None:
        raise _Timeout(f"layouten tog mer än {seconds:.0f} sekunder att fylla i")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
