"""Finding: one problem in the corpus, with where it is and what to do."""

from __future__ import annotations

from dataclasses import dataclass, replace
from dataclasses import field as dc_field
from pathlib import PurePosixPath
from typing import Literal

Severity = Literal["error", "warning"]
Path_ = tuple[str | int, ...]


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
