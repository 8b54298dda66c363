"""YAML in and out.

* ``read_fast``: the C-backed safe loader (libyaml through ruamel.yaml.clib), used for every
  read. Aliases are refused (no alias bombs), an impossible date such as 2022-02-30 stays a
  string so that schema validation reports it on its field, and every failure becomes a
  ``YamlProblem`` with line and column.
* ``Locator``: composes the same text into nodes, lazily and only for files with findings,
  to turn a data path into a line and column and back.
* Round-trip loading for edits lives with the commands that edit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

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


class _AliasUsed(YAMLError):
    def __init__(self, node: Node) -> None:
        super().__init__("alias")
        self.node = node


class _Constructor(SafeConstructor):
    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _AliasUsed(node)
        return super().construct_object(node, deep=deep)

    def construct_yaml_timestamp(self, node: Node, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return str(node.value)  # validation reports the impossible date on its field


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def _fast_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.Constructor = _Constructor
    return yaml


_FAST = _fast_yaml()


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


def read_fast(source: bytes | str) -> Any:
    """Parse one YAML document with the C loader; raise YamlProblem on any failure."""
    text = decode(source) if isinstance(source, bytes) else source
    try:
        return _FAST.load(text)
    except _AliasUsed as exc:
        mark = exc.node.start_mark
        raise YamlProblem(
            "yaml-alias",
            "Filen använder YAML-ankare och alias (&namn och *namn), som styrdok inte tillåter.",
            mark.line + 1,
            mark.column + 1,
        ) from None
    except DuplicateKeyError as exc:
        mark = exc.problem_mark
        raise YamlProblem(
            "yaml-duplicate-key",
            f"Nyckeln förekommer två gånger i samma mappning: {_quoted_key(exc.problem)}.",
            mark.line + 1 if mark else 0,
            mark.column + 1 if mark else 0,
        ) from None
    except MarkedYAMLError as exc:
        raise _syntax_problem(text, exc) from None
    except (YAMLError, RecursionError) as exc:
        raise YamlProblem("yaml-syntax", f"Filen är inte giltig YAML: {exc}") from None


def _quoted_key(problem: str | None) -> str:
    match = re.search(r'duplicate key "([^"]*)"', problem or "")
    return f'"{match.group(1)}"' if match else "okänd nyckel"


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
    """Line and column of data paths in one file's text, composed on first use."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: Node | None = None
        self._composed = False

    @property
    def root(self) -> Node | None:
        if not self._composed:
            self._composed = True
            try:
                self._root = _fast_yaml().compose(self._text)
            except YAMLError:
                self._root = None
        return self._root

    def position(self, loc: Path_) -> tuple[int, int]:
        """1-based line and column of the node at ``loc`` (its key, for a mapping entry);
        the nearest existing ancestor when the path does not exist (a missing field)."""
        node = self.root
        if node is None:
            return (1, 1)
        mark = node.start_mark
        for part in loc:
            child = _child(node, part)
            if child is None:
                break
            key_node, node = child
            mark = (key_node or node).start_mark
        return (mark.line + 1, mark.column + 1)

    def value_position(self, loc: Path_) -> tuple[int, int, Node | None]:
        """Like position, but of the value itself (for text inside a scalar)."""
        node = self.root
        for part in loc:
            child = _child(node, part) if node is not None else None
            if child is None:
                return (*self.position(loc), None)
            node = child[1]
        if node is None:
            return (1, 1, None)
        return (node.start_mark.line + 1, node.start_mark.column + 1, node)

    def path_at(self, line: int, column: int) -> Path_ | None:
        """The path of the scalar value that holds 1-based (line, column), or None when the
        position is outside every value (a comment, a key)."""
        node = self.root
        if node is None:
            return None
        return _find(node, (line - 1, column - 1), ())


def _child(node: Node, part: str | int) -> tuple[Node | None, Node] | None:
    if isinstance(node, MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == part:
                return key, value
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def _contains(node: Node, pos: tuple[int, int]) -> bool:
    start = (node.start_mark.line, node.start_mark.column)
    end = (node.end_mark.line, node.end_mark.column)
    return start <= pos < end


def _find(node: Node, pos: tuple[int, int], loc: Path_) -> Path_ | None:
    if isinstance(node, ScalarNode):
        return loc if _contains(node, pos) else None
    if isinstance(node, MappingNode):
        for key, value in node.value:
            if _contains(value, pos) or (isinstance(value, ScalarNode) and _contains(value, pos)):
                return _find(value, pos, (*loc, str(key.value)))
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            if _contains(item, pos):
                return _find(item, pos, (*loc, i))
    return None
