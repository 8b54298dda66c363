"""Bad input: each case gives one clear finding with file and line, never a traceback,
and the rest of the corpus is still checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import TODAY, edit, write_files
from helpers import styrdok

from governance.check import check_corpus

HEADER = "# yaml-language-server: $schema=../schema/document.schema.json\n"
BOMB = HEADER + "".join(
    f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9 if i else ["lol"] * 9) + "]\n"
    for i in range(10)
)

BAD: dict[str, tuple[bytes | str, str, int]] = {
    # name: (file content, expected code, expected line)
    "invalid YAML": (HEADER + "id: trasig\ntitle: 'inte stängd\n", "yaml-syntax", 3),
    "tab in indentation": (
        HEADER + "id: tabb\nsections:\n  - title: A\n\t  body: x\n",
        "yaml-tab",
        5,
    ),
    "duplicate keys": (HEADER + "id: dubbel\ntitle: A\ntitle: B\n", "yaml-duplicate-key", 4),
    "not UTF-8": ((HEADER + "id: latin\ntitle: Rätt\n").encode("latin-1"), "file-encoding", 3),
    "alias bomb": (BOMB, "yaml-alias", 2),
    "empty file": ("", "file-empty", 1),
    "only comments": ("# bara en kommentar\n", "file-empty", 1),
    "impossible date": (
        HEADER + "id: datum\ntitle: A\nkind: extern\nstatus: in-force\nvalid_from: 2022-02-30\n",
        "date-invalid",
        6,
    ),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_gives_one_finding_and_the_rest_is_checked(corpus: Path, name: str) -> None:
    content, code, line = BAD[name]
    rel = f"routines/{name.replace(' ', '-')}.yaml"
    write_files(corpus, {rel: content})
    edit(corpus, "routines/rutin-a.yaml", "owner: processledare", "owner: okand")
    found = check_corpus(corpus, TODAY)
    in_bad = [f for f in found if f.path == rel]
    assert [(f.code, f.line) for f in in_bad] == [(code, line)]
    assert in_bad[0].severity == "error"
    # The rest of the corpus is still checked: the good file's own finding is there.
    assert [f.code for f in found if f.path == "routines/rutin-a.yaml"] == ["unknown-role"]


def test_impossible_date_names_the_field(corpus: Path) -> None:
    edit(corpus, "routines/rutin-a.yaml", "valid_from: 2026-02-01", "valid_from: 2022-02-30")
    (hit,) = check_corpus(corpus, TODAY)
    assert (hit.code, hit.field, hit.line) == ("date-invalid", "valid_from", 12)
    assert hit.message == "'valid_from' (Gäller från): 2022-02-30 är inget giltigt datum."


def test_fifty_megabyte_file_is_refused_without_reading_it(corpus: Path) -> None:
    big = corpus / "routines" / "enorm.yaml"
    with big.open("wb") as handle:
        handle.write(HEADER.encode())
        handle.write(b"# " + b"x" * 100 + b"\n")
        handle.seek(50 * 1024 * 1024)
        handle.write(b"\n")
    found = check_corpus(corpus, TODAY)
    assert [(f.path, f.code, f.line) for f in found] == [
        ("routines/enorm.yaml", "file-too-large", 1)
    ]
    assert found[0].message == "Filen är 52.4 MB; gränsen är 0.0 MB."


def test_bad_input_through_the_real_command_prints_no_traceback(corpus: Path) -> None:
    write_files(
        corpus, {"routines/a.yaml": BAD["alias bomb"][0], "routines/b.yaml": BAD["not UTF-8"][0]}
    )
    write_files(corpus, {"routines/c.yaml": BAD["tab in indentation"][0]})
    proc = styrdok("check", "--root", str(corpus), "--today", "2026-11-23")
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "routines/a.yaml:2:" in proc.stdout and "[yaml-alias]" in proc.stdout
    assert "routines/b.yaml:3:" in proc.stdout and "[file-encoding]" in proc.stdout
    assert "routines/c.yaml:5:" in proc.stdout and "[yaml-tab]" in proc.stdout
    assert proc.stdout.endswith("3 fel och 0 varningar i 6 filer.\n")
