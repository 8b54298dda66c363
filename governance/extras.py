"""Optional parts of styrdok: a command that needs one says, in Swedish, what to install.

The core (check, lifecycle, links, due, Word forms, export) needs no MkDocs; ``build`` and
``serve`` need the ``handbook`` extra. Install hints name the source styrdok itself came
from, so the advice works where the name is not on any package index.
"""

from __future__ import annotations

from importlib.util import find_spec

from governance.errors import ToolError

# extra → the import names it brings, checked before a command that needs it runs.
EXTRAS: dict[str, tuple[str, ...]] = {"handbook": ("mkdocs", "material")}


def missing(extra: str) -> list[str]:
    return [name for name in EXTRAS[extra] if find_spec(name) is None]


def require(extra: str, command: str) -> None:
    """Raise a ToolError (exit 1, no traceback) when ``extra`` is not installed."""
    absent = missing(extra)
    if not absent:
        return
    from governance.source import default_source, requirement

    wanted = requirement(default_source(), extra)
    raise ToolError(
        f"'styrdok {command}' behöver tillägget {extra}, som inte är installerat "
        f"(saknas: {', '.join(absent)}). Installera det med:\n"
        f'    pip install "{wanted}"'
    )
