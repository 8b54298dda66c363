"""Edits lose nothing: over generated documents with comments and odd formatting, every
command changes only the lines it means to change, byte for byte, and the file loads to
the expected data.

The generator writes each document line by line and records on which lines each entry
stands, so what may change is known independently of the code under test.
"""

from __future__ import annotations

import copy
import difflib
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from conftest import BASE_FILES, write_files
from helpers import TODAY
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance.fastyaml import load
from governance.lifecycle.edit import commit
from governance.lifecycle.retire import retire
from governance.lifecycle.review import review
from governance.lifecycle.revise import DecisionUpdate, revise
from governance.load import load_corpus
from governance.schema import write_schemas

PATH = "routines/rutin-p.yaml"
WORDS = st.text(alphabet="abcåäö ABC:-#[]{}", min_size=0, max_size=18)


@dataclass
class Generated:
    """A document's lines (without line endings) and where its entries stand."""

    lines: list[str] = field(default_factory=list)
    where: dict[str, list[int]] = field(default_factory=dict)
    newline: str = "\n"
    final_newline: bool = True
    bom: bool = False

    def add(self, name: str, *lines: str) -> None:
        start = len(self.lines)
        self.lines.extend(lines)
        self.where.setdefault(name, []).extend(range(start, len(self.lines)))

    @property
    def text(self) -> str:
        body = self.newline.join(self.lines) + (self.newline if self.final_newline else "")
        return ("\ufeff" if self.bom else "") + body


@st.composite
def documents(draw: st.DrawFn) -> Generated:
    mi = draw(st.sampled_from([2, 4]))  # a nested mapping's indent
    off = draw(st.sampled_from([0, 2, 4]))  # a sequence dash, counted from its key
    quote = draw(st.sampled_from(['"', "'"]))
    eol = draw(st.lists(st.booleans(), min_size=12, max_size=12))
    gaps = draw(st.lists(st.sampled_from([" ", "  ", "   "]), min_size=12, max_size=12))

    def note(i: int) -> str:
        return f"  # {draw(WORDS)}".rstrip() if eol[i] else ""

    def seq(key: str, items: list[str], indent: int, i: int) -> list[str]:
        pad = " " * indent
        if draw(st.booleans()):  # flow style, [a, b]
            return [f"{pad}{key}:{gaps[i]}[{', '.join(items)}]{note(i)}"]
        return [f"{pad}{key}:{note(i)}"] + [f"{pad}{' ' * off}- {item}" for item in items]

    title = draw(
        st.sampled_from(
            ["Rutin för test", "'Rutin: med kolon'", '"Rutin för \\"test\\""', "Rutin #1 — ä"]
        )
    )
    pad, item = " " * mi, " " * (off + 2)
    revisions = draw(st.integers(0, 2))
    reviews = draw(st.sampled_from(["absent", "empty", "one"]))
    blocks: dict[str, list[str]] = {
        "title": [f"title:{gaps[0]}{title}{note(0)}"],
        "kind": [f"kind: rutin{note(1)}"],
        "status": [f"status:{gaps[2]}in-force{note(2)}"],
        "decision": [f"decision:{note(3)}"],
        "decision.by": seq("by", ["avdelningschef"], mi, 4),
        "decision.date": [f"{pad}date:{gaps[5]}2026-01-10{note(5)}"],
        "applies_to": seq("applies_to", ["socialforvaltningen"], 0, 6),
        "valid_from": ["valid_from: 2026-02-01" + draw(st.sampled_from(["", " ", "\t"]))],
        "valid_until": [f"valid_until: until-further-notice{note(7)}"],
        "owner": [f"owner: processledare{note(8)}"],
        "links": seq("links", ["riktlinje-b"], 0, 9),
        "sections": [
            "sections:",
            f"{' ' * off}- title: Syfte",
            f"{item}body: |",
            f"{item}  Text: med kolon och en lista",
            f"{item}  - punkt ett",
            "",
            f"{item}  # inte en kommentar",
        ],
    }
    if draw(st.booleans()):
        blocks["decision.paragraph"] = [f"{pad}paragraph: § 4{note(10)}"]
    if draw(st.booleans()):
        blocks["last_revised"] = [f"last_revised:{gaps[11]}2026-01-10{note(11)}"]
    if draw(st.booleans()):
        blocks["summary"] = ["summary: >-", "  En sammanfattning som", "  går över två rader."]
    if revisions:
        rows = [("1.0", "2026-01-10", "Första versionen."), ("1.1", "2026-03-01", "'Andra: ny'")]
        blocks["revisions"] = ["revisions:"] + [
            line
            for version, day, text in rows[:revisions]
            for line in (
                f"{' ' * off}- version: {quote}{version}{quote}",
                f"{item}date: {day}",
                f"{item}summary: {text}",
            )
        ]
    if reviews == "empty":
        blocks["reviews"] = [f"reviews: []{note(10)}"]
    elif reviews == "one":
        blocks["reviews"] = ["reviews:", f"{' ' * off}- date: 2026-03-01", f"{item}note: Ok."]
    top = [k for k in blocks if "." not in k]
    order = draw(st.permutations(top))
    doc = Generated(
        newline=draw(st.sampled_from(["\n", "\r\n"])),
        final_newline=draw(st.booleans()),
        bom=draw(st.booleans()),
    )
    doc.add("header", "# yaml-language-server: $schema=../schema/document.schema.json")
    if draw(st.booleans()):
        doc.add("start", "---" + draw(st.sampled_from(["", "  # början"])))
    doc.add("id", f"id: rutin-p{note(9)}")
    for key in order:
        if draw(st.booleans()):
            doc.add("comment", " " * draw(st.sampled_from([0, 2, 4])) + f"# {draw(WORDS)}".rstrip())
        if draw(st.integers(0, 4)) == 0:
            doc.add("blank", "")
        doc.add(key, *blocks[key])
        if key == "decision":
            parts = ["decision.by", "decision.date", "decision.paragraph"]
            for part in draw(st.permutations(parts)):
                if part in blocks:
                    doc.add(part, *blocks[part])
                if draw(st.integers(0, 3)) == 0:
                    doc.add("comment", f"{pad}# {draw(WORDS)}".rstrip())
    return doc


def _corpus(folder: Path, doc: Generated) -> Path:
    root = write_files(folder, {k: v for k, v in BASE_FILES.items() if "rutin-a" not in k})
    (root / "templates" / "mall-c.yaml").unlink()
    (root / PATH).write_bytes(doc.text.encode("utf-8"))
    write_schemas(root)
    return root


def _next(data: dict[str, Any], major: bool) -> str:
    revisions = data.get("revisions") or []
    if not revisions:
        return "1.0"
    first, second = (int(p) for p in revisions[-1]["version"].split("."))
    return f"{first + 1}.0" if major else f"{first}.{second + 1}"


def _revise(root: Path, data: dict[str, Any], major: bool) -> dict[str, Any]:
    update = DecisionUpdate(("avdelningschef",), date(2026, 11, 20), "§ 9")
    _, edit = revise(load_corpus(root), "rutin-p", "Ny: version", TODAY, TODAY, major, update)
    commit(edit)
    item: dict[str, Any] = {"version": _next(data, major), "date": TODAY, "summary": "Ny: version"}
    if major:
        item["major"] = True
    old = data["decision"]
    new = old | {"by": ["avdelningschef"], "date": date(2026, 11, 20), "paragraph": "§ 9"}
    item["decision"] = new
    history = data.get("revisions") or []
    if history:  # the old decision is kept with the revision it was made at (1.0)
        history[0]["decision"] = copy.deepcopy(old)
    data["revisions"] = [*history, item]
    data["last_revised"] = TODAY
    data["decision"] = new
    return data


def _review(root: Path, data: dict[str, Any]) -> dict[str, Any]:
    commit(review(load_corpus(root), "rutin-p", TODAY, TODAY, "Gäller, #1")[1])
    data["reviews"] = [*(data.get("reviews") or []), {"date": TODAY, "note": "Gäller, #1"}]
    return data


def _retire(root: Path, data: dict[str, Any]) -> dict[str, Any]:
    commit(retire(load_corpus(root), "rutin-p", "Ersatt", TODAY, TODAY)[1])
    return data | {"status": "retired", "retirement": {"date": TODAY, "reason": "Ersatt"}}


def _superseding(root: Path, data: dict[str, Any]) -> dict[str, Any]:
    commit(retire(load_corpus(root), "riktlinje-b", "Ersatt", TODAY, TODAY, "rutin-p")[1])
    return data | {"supersedes": ["riktlinje-b"]}


Command = Callable[[Path, dict[str, Any]], dict[str, Any]]
COMMANDS: dict[str, tuple[Command, list[str]]] = {
    "revise": (lambda root, data: _revise(root, data, False), ["last_revised", "decision."]),
    "revise --major": (lambda root, data: _revise(root, data, True), ["last_revised", "decision."]),
    "review": (_review, ["reviews"]),
    "retire": (_retire, ["status"]),
    "retire --superseded-by": (_superseding, []),
}


def _allowed(doc: Generated, command: str, old_data: dict[str, Any]) -> set[int]:
    """The lines the command may change: the entries it sets. An append to a block
    sequence may change none; an empty flow sequence ``[]`` is one line that changes."""
    names = COMMANDS[command][1]
    lines: set[int] = set()
    for name, where in doc.where.items():
        if any(name == n or (n.endswith(".") and name.startswith(n)) for n in names):
            if name == "reviews" and old_data.get("reviews"):
                continue
            lines.update(where)
    return lines


def _check(doc: Generated, command: str, before: bytes, after: bytes, expected: Any) -> None:
    """Lines are compared without their line ending: the old last line gains one when
    something is added after it. Every line ending is the file's own."""
    old = before.decode("utf-8").removeprefix("\ufeff").split(doc.newline)
    text = after.decode("utf-8")
    assert text.startswith("\ufeff") == doc.bom
    body = text.removeprefix("\ufeff")
    new = body.split(doc.newline)
    allowed = _allowed(doc, command, load(before.decode("utf-8-sig")))
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            assert set(range(i1, i2)) <= allowed, (command, old[i1:i2])
    assert load(body) == expected
    assert body.endswith(doc.newline) == doc.final_newline
    if doc.newline == "\r\n":
        assert body.count("\n") == body.count("\r\n")
    else:
        assert "\r" not in body


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
@given(documents())
def test_every_untouched_line_is_byte_identical(doc: Generated) -> None:
    original = load(doc.text.removeprefix("\ufeff"))
    assert original["id"] == "rutin-p"
    for command, (run, _) in COMMANDS.items():
        with tempfile.TemporaryDirectory() as folder:
            root = _corpus(Path(folder), doc)
            assert load_corpus(root).entry_of["rutin-p"].doc is not None
            before = (root / PATH).read_bytes()
            expected = run(root, copy.deepcopy(original))
            _check(doc, command, before, (root / PATH).read_bytes(), expected)
