"""Atomic writes (governance.atomic): a writer killed with kill -9 between writing and
renaming leaves the old file whole and a temporary file with a recognisable name, which
the next lifecycle command removes; ``check`` never reads it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO, TODAY, run

from governance.atomic import SUFFIX, remove_stale, temp_file, write_atomic
from governance.check import check_corpus

R = "routines/rutin-a.yaml"
WRITER = """\
import sys, time
from pathlib import Path
from governance.atomic import write_atomic

def wait():
    print("skrivet", flush=True)
    time.sleep(120)

write_atomic(Path(sys.argv[1]), b"halvfardig: ja\\n", before=wait)
"""


def _kill_mid_write(path: Path) -> int:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True, env=env
    ) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline() == "skrivet\n"
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=30) == -signal.SIGKILL
    return proc.pid


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(SUFFIX))


def test_kill_9_mid_write_leaves_the_file_whole_and_the_next_command_cleans_up(
    corpus: Path,
) -> None:
    path = corpus / R
    before = path.read_bytes()
    pid = _kill_mid_write(path)
    assert path.read_bytes() == before  # nothing lost
    (left,) = _leftovers(path.parent)
    assert left.startswith(".rutin-a.yaml.") and left.endswith(f".{pid}{SUFFIX}")
    assert check_corpus(corpus, TODAY) == []  # check never reads the temporary file
    template = corpus / "templates" / "mall-c.yaml"
    _kill_mid_write(template)  # another folder than the one the next command edits
    assert len(_leftovers(template.parent)) == 1
    result = run("review", "rutin-a", "--root", str(corpus), "--date", "2026-11-23")
    assert result.exit_code == 0, result.output
    assert _leftovers(path.parent) == [] and _leftovers(template.parent) == []
    assert b"reviews:" in path.read_bytes()


def test_a_temporary_file_of_a_running_writer_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "rutin.yaml"
    fd, mine = temp_file(target)
    os.close(fd)
    assert remove_stale([tmp_path]) == []
    assert mine.exists()
    assert remove_stale([tmp_path], now=time.time() + 2 * 86400) == [mine]  # a day old: gone


def test_only_styrdoks_own_temporary_files_are_removed(tmp_path: Path) -> None:
    keep = [".hemlig.yaml", "rutin.yaml", ".anteckning.tmp", ".x.yaml.12345.tmp.bak"]
    for name in keep:
        (tmp_path / name).write_text("x", "utf-8")
    earlier = tmp_path / ".rutin.yaml.ab_12xyz.tmp"  # what earlier versions left
    earlier.write_text("x", "utf-8")
    old = time.time() - 7200
    os.utime(earlier, (old, old))
    assert remove_stale([tmp_path]) == [earlier]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(keep)


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "mapp"
    target.mkdir()  # os.replace cannot put a file over a folder
    try:
        write_atomic(target, b"x")
    except OSError:
        pass
    else:
        raise AssertionError("a file replaced a folder")
    assert [p.name for p in tmp_path.iterdir()] == ["mapp"]


def _write_many(path: str) -> int:
    from governance.render.handbook import archive_render

    for n in range(300):
        archive_render._store_shell(Path(path), "k", (str(n), "", ""))
    return os.getpid()


def test_processes_replacing_the_same_file_at_once_all_succeed(tmp_path: Path) -> None:
    """Workers of one build write the same shared file (the archive's page shell) at once:
    each has a temporary file of its own, so none renames away another's (with one fixed
    ``NAME.tmp`` a worker failed: FileNotFoundError, a build that failed now and then)."""
    import multiprocessing

    target = tmp_path / "skal.json"
    with multiprocessing.get_context("fork").Pool(4) as workers:
        pids = workers.map(_write_many, [str(target)] * 4)
    assert len(set(pids)) > 1
    assert json.loads(target.read_text("utf-8")) == {"key": "k", "shell": ["299", "", ""]}
    assert _leftovers(tmp_path) == []


def test_no_module_replaces_a_file_through_a_fixed_temporary_name() -> None:
    """The bug class above at its root: every file styrdok replaces goes through
    ``write_atomic`` (a unique temporary name); no module builds a ``*.tmp`` name itself."""
    import ast

    fixed = []
    for module in sorted((REPO / "governance").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and str(node.value).endswith(".tmp"):
                fixed.append(f"{module.relative_to(REPO)}:{node.lineno}")
            if isinstance(node, ast.JoinedStr) and any(
                isinstance(v, ast.Constant) and str(v.value).endswith(".tmp") for v in node.values
            ):
                fixed.append(f"{module.relative_to(REPO)}:{node.lineno}")
    assert fixed == []


def test_a_link_replaces_the_file_in_one_step(tmp_path: Path) -> None:
    """A version page in the site is a hard link to its cached HTML: a new one replaces
    the old file (never writes into it, so another link to the old one keeps its text),
    and no temporary file is left."""
    from governance.atomic import link_atomic

    cached, page, published = tmp_path / "ny.html", tmp_path / "sida.html", tmp_path / "ut.html"
    cached.write_bytes(b"ny")
    page.write_bytes(b"gammal")
    os.link(page, published)  # the published copy of the old page
    link_atomic(cached, page)
    assert page.read_bytes() == b"ny" and published.read_bytes() == b"gammal"
    assert page.stat().st_ino == cached.stat().st_ino
    link_atomic(cached, tmp_path / "annan.html")  # no file there yet
    assert (tmp_path / "annan.html").stat().st_ino == cached.stat().st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "annan.html",
        "ny.html",
        "sida.html",
        "ut.html",
    ]
