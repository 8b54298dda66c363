"""Finding: one problem in the corpus, with where it is and what to do.

``new`` makes every finding (with its code's default severity and hint from
governance.codes), ``configured`` applies the severity set in styrdok.yaml, and
``SEVERITY_SV`` names the severities in Swedish wherever a finding is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from pathlib import PurePosixPath

from governance.codes import CODES, Code, Level, Severity

__all__ = [
    "CODES",
    "Code",
    "Finding",
    "Level",
    "Path_",
    "Severity",
    "configured",
    "field_name",
    "new",
]

Path_ = tuple[str | int, ...]
SEVERITY_SV: dict[Severity, str] = {"error": "fel", "warning": "varning"}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: Severity
    path: str
    message: str
    hint: str = ""
    line: int = 0
    column: int = 0
    field: str = ""
    doc_id: str = ""
    # Where in the YAML data the problem is; used to find line and column lazily.
    loc: Path_ = dc_field(default=(), compare=False, repr=False)

    def at(self, line: int, column: int) -> Finding:
        return replace(self, line=line, column=column)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)

    @property
    def label(self) -> str:
        """``fel`` or ``varning``."""
        return SEVERITY_SV[self.severity]


def new(
    code: str,
    path: str,
    message: str,
    loc: Path_ = (),
    *,
    line: int = 0,
    column: int = 0,
    doc_id: str = "",
    field: str | None = None,
) -> Finding:
    """A finding with the code's default severity and hint. The line and column are found
    later from ``loc`` when not given; ``field`` defaults to ``loc`` written out."""
    info = CODES[code]
    return Finding(
        code=code,
        severity=info.severity,
        path=path,
        message=message,
        hint=info.hint,
        line=line,
        column=column,
        field=field_name(loc) if field is None else field,
        doc_id=doc_id,
        loc=loc,
    )


def configured(found: Iterable[Finding], overrides: Mapping[str, Level]) -> Iterable[Finding]:
    """The findings with the severity set in styrdok.yaml (``off`` drops them)."""
    for item in found:
        level = overrides.get(item.code, item.severity)
        if level == "off":
            continue
        yield item if level == item.severity else replace(item, severity=level)


def field_name(loc: Path_) -> str:
    """``("revisions", 2, "version")`` → ``revisions[2].version``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def posix(path: PurePosixPath | str) -> str:
    return str(PurePosixPath(path))
