"""The layer rules of ARCHITECTURE.md: a module imports only from its own layer or the
layers below it (also inside functions), and no modules import each other in a circle.
Read from the source with ast, so a violation is found before any code runs."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "governance"

# Bottom to top; a module belongs to the longest name here that is it or its package
# ("governance" itself is only the package's __init__: a new module must be placed).
LAYERS: list[tuple[str, list[str]]] = [
    (
        "base",
        [
            "governance",
            "governance.errors",
            "governance.safefile",
            "governance.jsonfile",
            "governance.atomic",
            "governance.dates",
            "governance.codes",
            "governance.messages",
            "governance.fields",
            "governance.textscan",
            "governance.fastyaml",
            "governance.yamlwrite",
            "governance.linkdates",
            "governance.workers",
            "governance.background",
            "governance.progress",
            "governance.office",
            "governance.safezip",
            "governance.urlpolicy",
            "governance.normalise",
            "governance.clitext",
            "governance.source",
            "governance.extras",
            "governance.cachefile",
            # The hyperlinks of a .docx, read with safezip's limits: used by the link
            # collector and by the personnummer check of published files.
            "governance.links.docx",
        ],
    ),
    (
        "model",
        [
            "governance.model",
            "governance.valuetypes",
            "governance.ids",
            "governance.findings",
            "governance.yamlio",
            "governance.read",
            "governance.storedreads",
            "governance.config",
            "governance.report",
            "governance.options",
            "governance.schema",
            "governance.editor_schema",
        ],
    ),
    ("load", ["governance.load"]),
    ("status", ["governance.status", "governance.facts"]),
    ("forms", ["governance.render.forms"]),
    ("checks", ["governance.checks", "governance.check"]),
    # The version archive (git history, versions, events) and the comparison of two
    # versions that both `styrdok diff` and the handbook's redline use.
    ("archive", ["governance.archive", "governance.lifecycle.compare"]),
    # A version's PDF/A (archive.pdfa) is the official document in another format: the
    # handbook's version pages link it.
    (
        "render",
        [
            "governance.render",
            "governance.render.handbook",
            "governance.render.export",
            "governance.archive.pdfa",
        ],
    ),
    ("links", ["governance.links"]),
    ("lifecycle", ["governance.lifecycle"]),
    ("importer", ["governance.importer"]),
    (
        "commands",
        [
            "governance.cli",
            "governance.__main__",
            "governance.scaffold",
            "governance.completion",
            "governance.render.forms.cli",
            "governance.render.export.cli",
            "governance.links.cli",
            "governance.lifecycle.cli",
            "governance.importer.cli",
            "governance.archive.cli",
        ],
    ),
]


def module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str) -> int:
    best, level = "", -1
    for n, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            within = module.startswith(prefix + ".") and prefix != "governance"
            if (module == prefix or within) and len(prefix) > len(best):
                best, level = prefix, n
    assert level >= 0, f"{module} has no layer in tests/test_architecture.py"
    return level


def imports(path: Path, modules: set[str]) -> set[str]:
    """The governance modules ``path`` imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("governance")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith("governance"):
                continue
            for alias in node.names:  # "from governance.x import y": y may be a module
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in modules else node.module)
    return found


def graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
    return {name: imports(path, set(paths)) & set(paths) for name, path in paths.items()}


def test_every_module_has_a_layer() -> None:
    for module in graph():
        layer_of(module)


def test_no_module_imports_from_a_layer_above_it() -> None:
    upward = [
        f"{module} ({LAYERS[layer_of(module)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for module, targets in graph().items()
        for target in sorted(targets)
        if layer_of(target) > layer_of(module)
    ]
    assert upward == []


def test_no_import_circles() -> None:
    edges = graph()
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert circles == []


def test_test_modules_share_helpers_only_through_conftest_and_helpers() -> None:
    tests = REPO / "tests"
    shared = [
        f"{path.name} imports {node.module}"
        for path in sorted(tests.glob("test_*.py"))
        for node in ast.walk(ast.parse(path.read_text("utf-8")))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("test_")
    ]
    assert shared == []
