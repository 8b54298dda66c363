"""Every committed state of the corpus' document files, in one pass over git history.

One ``git log --name-only`` lists which files each commit touched, one ``git cat-file
--batch`` reads them all: two processes however long the history is. States are grouped by
the document's ``id`` (not its file name), so a renamed file keeps its history.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from governance.yamlio import YamlProblem, read_fast

NO_GIT = (
    "Korpusen ligger inte i ett git-repository, så handboken visar bara den gällande "
    "versionen av varje dokument. Checka in korpusen i git för att få versionsarkivet."
)
GIT_MISSING = (
    "git finns inte på den här datorn, så handboken visar bara den gällande versionen av "
    "varje dokument. Installera git (https://git-scm.com) för att få versionsarkivet."
)


@dataclass(frozen=True)
class Committed:
    """A document file as one commit has it."""

    commit: str
    day: str  # ÅÅÅÅ-MM-DD, the commit's author date
    path: str  # relative to the repository's top
    data: dict[str, Any]


class NoHistory(Exception):
    """The corpus has no git history to read; ``args[0]`` says why, in Swedish."""


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> bytes:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            env=env,
            timeout=600,
            check=False,
        )
    except FileNotFoundError:
        raise NoHistory(GIT_MISSING) from None
    if proc.returncode != 0:
        raise NoHistory(NO_GIT)
    return proc.stdout


def toplevel(root: Path) -> Path:
    return Path(_git(root, "rev-parse", "--show-toplevel").decode("utf-8").strip())


def _touched(top: Path, folders: list[str]) -> list[tuple[str, str, str]]:
    """(commit, day, path) of each YAML file each commit touched, newest commit first."""
    try:
        out = _git(top, "log", "--format=%x01%H %ad", "--date=short", "--name-only", "--", *folders)
    except NoHistory:
        return []  # a repository without commits yet
    found = []
    for record in out.decode("utf-8").split("\x01")[1:]:
        head, *names = [line for line in record.splitlines() if line.strip()]
        commit, day = head.split(" ", 1)
        found += [(commit, day, n) for n in names if n.endswith((".yaml", ".yml"))]
    return found


def _blobs(top: Path, wanted: list[tuple[str, str, str]]) -> list[bytes | None]:
    """The content of each (commit, _, path), None where the commit deleted the file."""
    if not wanted:
        return []
    request = "".join(f"{commit}:{path}\n" for commit, _, path in wanted).encode("utf-8")
    out = _git(top, "cat-file", "--batch", stdin=request)
    blobs: list[bytes | None] = []
    pos = 0
    for _ in wanted:
        end = out.index(b"\n", pos)
        header = out[pos:end].split(b" ")
        pos = end + 1
        if len(header) < 3 or header[1] != b"blob":
            blobs.append(None)
            continue
        size = int(header[2])
        blobs.append(out[pos : pos + size])
        pos += size + 1
    return blobs


def committed_states(root: Path, folders: tuple[str, ...]) -> dict[str, list[Committed]]:
    """Document id → its committed states, oldest first. NoHistory when the corpus is not
    in a git repository or git is missing."""
    top = toplevel(root)
    base = root.resolve().relative_to(top.resolve())
    rels = [(base / f).as_posix() for f in folders]
    wanted = _touched(top, rels)
    out: dict[str, list[Committed]] = {}
    for (commit, day, path), blob in zip(
        reversed(wanted), reversed(_blobs(top, wanted)), strict=True
    ):
        data = _parse(blob)
        if data is not None and isinstance(data.get("id"), str):
            out.setdefault(data["id"], []).append(Committed(commit, day, path, data))
    return out


def _parse(blob: bytes | None) -> dict[str, Any] | None:
    if blob is None:
        return None
    try:
        data = read_fast(blob)
    except YamlProblem:
        return None
    return data if isinstance(data, dict) else None
