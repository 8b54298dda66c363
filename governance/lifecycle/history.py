"""A document's versions, read from git history.

``git log --follow`` lists the commits that touched the file (also under an earlier name),
``git show`` gives the file as it was in each; the working copy is the newest state. A
version's text is its last state: a typo fixed after ``styrdok revise`` without a new
version belongs to that version.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from governance.errors import GitError
from governance.lifecycle.files import EDIT_LIMIT
from governance.safefile import Unreadable, read_bytes
from governance.yamlio import YamlProblem, read_fast

WORKING_COPY = "arbetskopian"


@dataclass(frozen=True)
class State:
    """The document as one commit (or the working copy) has it."""

    version: str
    label: str  # a short commit hash, or "arbetskopian"
    day: str  # the commit date, ÅÅÅÅ-MM-DD; empty for the working copy
    data: dict[str, Any]


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", "-c", "core.quotepath=off", *args],
            cwd=cwd,
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )
    except FileNotFoundError:
        raise GitError(
            "git finns inte på den här datorn. styrdok diff läser versionerna ur "
            "git-historiken: installera git (https://git-scm.com) och försök igen."
        ) from None


def toplevel(root: Path) -> Path:
    proc = _git(root, "rev-parse", "--show-toplevel")
    if proc.returncode != 0:
        raise GitError(
            f"{root} ligger inte i ett git-repository, så det finns ingen versionshistorik "
            "att jämföra. Checka in korpusen i git (git init, git add, git commit) och "
            "försök igen."
        )
    return Path(proc.stdout.decode("utf-8").strip())


def version_of(data: Any) -> str | None:
    """A document's version is its last revision's; a template also has ``version``."""
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("version"), str):
        return str(data["version"])
    revisions = data.get("revisions")
    if isinstance(revisions, list) and revisions and isinstance(revisions[-1], dict):
        version = revisions[-1].get("version")
        return str(version) if version is not None else None
    return None


def _commits(top: Path, rel: str) -> list[tuple[str, str, str]]:
    """(hash, date, path at that commit) for each commit of the file, oldest first."""
    proc = _git(
        top, "log", "--follow", "--format=%x01%H %ad", "--date=short", "--name-only", "--", rel
    )
    if proc.returncode != 0:
        return []
    found = []
    for record in proc.stdout.decode("utf-8").split("\x01")[1:]:
        head, *names = [line for line in record.splitlines() if line.strip()]
        commit, day = head.split(" ", 1)
        if names:
            found.append((commit, day, names[-1]))
    return found[::-1]


def _parse(raw: bytes) -> dict[str, Any] | None:
    try:
        data = read_fast(raw)
    except YamlProblem:
        return None
    return data if isinstance(data, dict) else None


def states(root: Path, path: Path) -> list[State]:
    """Every committed state of the file with a version, oldest first, then the working
    copy's if it differs from the last commit."""
    top = toplevel(root)
    rel = path.resolve().relative_to(top.resolve()).as_posix()
    out: list[State] = []
    for commit, day, name in _commits(top, rel):
        shown = _git(top, "show", f"{commit}:{name}")
        data = _parse(shown.stdout) if shown.returncode == 0 else None
        version = version_of(data)
        if data is not None and version is not None:
            out.append(State(version, commit[:7], day, data))
    raw = _working_copy(path, top)
    current = _parse(raw) if raw is not None else None
    changed = not out or out[-1].data != current  # uncommitted changes
    if current is not None and changed and (version := version_of(current)) is not None:
        out.append(State(version, WORKING_COPY, "", current))
    return out


def versions(found: list[State]) -> dict[str, State]:
    """Each version's last state, in the order the versions first appeared."""
    order: list[str] = []
    last: dict[str, State] = {}
    for state in found:
        if state.version not in last:
            order.append(state.version)
        last[state.version] = state
    return {v: last[v] for v in order}


def _working_copy(path: Path, top: Path) -> bytes | None:
    """The file as it is now, through the safe reader; None when there is none to read."""
    try:
        return read_bytes(path, EDIT_LIMIT, top)
    except Unreadable:
        return None
