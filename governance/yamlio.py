"""YAML in and out.

* ``read_fast``: every read, through ``governance.fastyaml`` (libyaml's events from
  ruamel.yaml.clib, built into data without ruamel's Python composer). Aliases are refused
  (no alias bombs), an impossible date such as 2022-02-30 stays a string so that schema
  validation reports it on its field, and every failure becomes a ``YamlProblem`` with
  line and column.
* ``Locator``: outlines the same text (where each value starts and ends), lazily and only
  for files with findings, to turn a data path into a line and column and back.
* Round-trip loading for edits lives with the commands that edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.error import MarkedYAMLError, YAMLError

from governance import fastyaml
from governance.findings import Path_

_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
_PROBLEMS_SV = {
    "mapping values are not allowed": "ett kolon på fel ställe; sätt texten inom citattecken "
    "om den innehåller kolon följt av mellanslag",
    "found character that cannot start any token": "ett tecken som inte kan inleda ett värde",
    "could not find expected ':'": "ett kolon saknas",
    "did not find expected key": "indraget stämmer inte med raden ovanför",
    "did not find expected ',' or ']'": "en lista i [ ] avslutas inte",
    "did not find expected ',' or '}'": "en mappning i { } avslutas inte",
    "found unexpected end of stream": "filen tar slut mitt i ett värde; saknas ett citattecken?",
    "found undefined alias": "ett alias (*namn) utan ankare",
    "did not find expected node content": "ett värde saknas",
    "block sequence entries are not allowed": "ett listelement (-) på fel ställe",
}


@dataclass
class YamlProblem(Exception):
    code: str
    message: str
    line: int = 0
    column: int = 0


_MESSAGES = {
    "yaml-alias": "Filen använder YAML-ankare eller alias (&namn, *namn), som styrdok inte tillåter.",
    "yaml-tag": "Filen använder en YAML-tagg (!…), som styrdok inte tillåter.",
    "yaml-documents": "Filen innehåller flera YAML-dokument (---); ett dokument per fil.",
    "yaml-complex-key": "En nyckel är en lista eller mappning; nycklar ska vara enkla namn.",
}


def decode(raw: bytes) -> str:
    """UTF-8 text of a file (a BOM is dropped), or a YamlProblem naming the bad byte's line."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(
            "file-encoding",
            f"Filen är inte UTF-8: byte 0x{raw[exc.start]:02x} kan inte läsas.",
            line,
            column,
        ) from None


MAX_FLOW_DEPTH = 500
_BRACKET = re.compile(r"[\[\]{}]")


def flow_depth_problem(text: str) -> YamlProblem | None:
    """A problem when [ and { nest deeper than MAX_FLOW_DEPTH: libyaml's time grows with
    the square of the depth (20,000 levels take 5 s, a 1 MB file hours). Brackets in
    text count too, which only matters for text that opens hundreds and closes none."""
    if text.count("[") + text.count("{") <= MAX_FLOW_DEPTH:
        return None
    depth = 0
    for match in _BRACKET.finditer(text):
        depth = depth + 1 if match[0] in "[{" else max(depth - 1, 0)
        if depth > MAX_FLOW_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            return YamlProblem(
                "yaml-syntax",
                f"Filen är nästlad i mer än {MAX_FLOW_DEPTH} nivåer med [ eller {{; "
                "så djupt nästlad YAML läses inte.",
                line,
                match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1,
            )
    return None


def read_fast(source: bytes | str, numbers_as_text: bool = False) -> Any:
    """Parse one YAML document with the C parser; raise YamlProblem on any failure.
    ``numbers_as_text`` keeps unquoted numbers as written (case data: ``0701234567``)."""
    text = decode(source) if isinstance(source, bytes) else source
    deep = flow_depth_problem(text)
    if deep is not None:
        raise deep
    try:
        return fastyaml.load(text, numbers_as_text)
    except fastyaml.LoadError as exc:
        if exc.code == "yaml-duplicate-key":
            message = f'Nyckeln förekommer två gånger i samma mappning: "{exc.message}".'
            raise YamlProblem(exc.code, message, exc.line, exc.column) from None
        code = exc.code if exc.code == "yaml-alias" else "yaml-syntax"
        raise YamlProblem(code, _MESSAGES[exc.code], exc.line, exc.column) from None
    except MarkedYAMLError as exc:
        raise _syntax_problem(text, exc) from None
    except (YAMLError, RecursionError) as exc:
        raise YamlProblem("yaml-syntax", f"Filen är inte giltig YAML: {exc}") from None


def _syntax_problem(text: str, exc: MarkedYAMLError) -> YamlProblem:
    tab = _TAB_INDENT.search(text)
    mark = exc.problem_mark or exc.context_mark
    if exc.context_mark is not None and "end of stream" in (exc.problem or ""):
        mark = exc.context_mark  # an unclosed quote or bracket: point at where it opened
    if tab and (mark is None or text.count("\n", 0, tab.start()) <= mark.line):
        line = text.count("\n", 0, tab.start()) + 1
        return YamlProblem(
            "yaml-tab",
            "Raden är indragen med tabb. YAML kräver mellanslag för indrag.",
            line,
            tab.end() - tab.start(),
        )
    problem = (exc.problem or exc.context or "okänt fel").strip()
    explained = next((sv for en, sv in _PROBLEMS_SV.items() if problem.startswith(en)), None)
    detail = f"{explained} ({problem})" if explained else problem
    return YamlProblem(
        "yaml-syntax",
        f"Filen är inte giltig YAML: {detail}.",
        mark.line + 1 if mark else 0,
        mark.column + 1 if mark else 0,
    )


class Locator:
    """Line and column of data paths in one file's text, outlined on first use."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: fastyaml.Span | None = None
        self._outlined = False

    @property
    def root(self) -> fastyaml.Span | None:
        if not self._outlined:
            self._outlined = True
            deep = flow_depth_problem(self._text) is not None
            self._root = None if deep else fastyaml.outline(self._text)
        return self._root

    def position(self, loc: Path_) -> tuple[int, int]:
        """1-based line and column of the value at ``loc`` (its key, for a mapping entry);
        the nearest existing ancestor when the path does not exist (a missing field)."""
        span = self.root
        if span is None:
            return (1, 1)
        point = span.start
        for part in loc:
            child = span.children.get(part)
            if child is None:
                break
            point, span = child
        return (point[0] + 1, point[1] + 1)

    def path_at(self, line: int, column: int) -> Path_ | None:
        """The path of the scalar value that holds 1-based (line, column), or None when the
        position is outside every value (a comment, a key)."""
        span: fastyaml.Span | None = self.root
        loc: Path_ = ()
        pos = (line - 1, column - 1)
        while span is not None and span.children:
            inside = [(k, c) for k, (_, c) in span.children.items() if c.start <= pos < c.end]
            if not inside:
                return None
            part, span = inside[0]
            loc = (*loc, part)
        return loc if span is not None and span.start <= pos < span.end else None
