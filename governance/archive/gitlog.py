"""Every committed state of the corpus' document files, in one pass over git history.

One ``git log --raw`` lists which files each commit touched, one ``git cat-file
--batch`` reads them all: two processes however long the history is. Both are cached under
.styrdok/archive/: the list with the commit it was read at (a rebuild reads only the commits
since), the parsed files by blob id. States are grouped by
the document's ``id`` (not its file name), so a renamed file keeps its history.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import pickle
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from governance.atomic import write_atomic
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
    blob: str = ""  # git's id of the file's content: the same id, the same data


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


Touched = list[tuple[str, str, str, str]]


def _touched(top: Path, folders: list[str], since: str | None = None) -> Touched:
    """(commit, day, path, blob) of each YAML file each commit touched, newest commit first;
    the blob is all zeros where the commit deleted the file. ``since``: only the commits
    after that one."""
    span = [f"{since}..HEAD"] if since else []
    try:
        out = _git(
            top,
            "log",
            "--format=%x01%H %ad",
            "--date=short",
            "--raw",
            "--no-renames",
            "--no-abbrev",
            *span,
            "--",
            *folders,
        )
    except NoHistory:
        return []  # a repository without commits yet
    found = []
    for record in out.decode("utf-8").split("\x01")[1:]:
        head, *rows = [line for line in record.splitlines() if line.strip()]
        commit, day = head.split(" ", 1)
        for row in rows:
            meta, _, path = row.partition("\t")
            if path.endswith((".yaml", ".yml")):
                found.append((commit, day, path, meta.split()[3]))
    return found


def _walk(top: Path, folders: list[str], cache: Path | None) -> Touched:
    """``_touched``, kept in ``cache`` with the commit it was read at: when that commit is
    still in the history, only the commits since it are read."""
    try:
        head = _git(top, "rev-parse", "--verify", "-q", "HEAD").decode("ascii").strip()
    except NoHistory:
        return []  # a repository without commits yet
    state = _read_walk(cache)
    seen = state.get("head") if state.get("folders") == folders else None
    if seen == head:
        return list(state["touched"])
    if isinstance(seen, str) and _is_ancestor(top, seen):
        found = _touched(top, folders, seen) + list(state["touched"])
    else:
        found = _touched(top, folders)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        data = {"head": head, "folders": folders, "touched": found}
        write_atomic(cache, json.dumps(data).encode("utf-8"))
    return found


def _is_ancestor(top: Path, commit: str) -> bool:
    try:
        _git(top, "merge-base", "--is-ancestor", commit, "HEAD")
    except NoHistory:
        return False  # history rewritten (or the commit is gone): read it all
    return True


def _read_walk(cache: Path | None) -> dict[str, Any]:
    try:
        data = json.loads(cache.read_text("utf-8")) if cache is not None else {}
    except (OSError, ValueError):
        return {}
    rows = data.get("touched") if isinstance(data, dict) else None
    if not isinstance(rows, list) or not all(
        isinstance(r, list) and len(r) == 4 and all(isinstance(x, str) for x in r) for r in rows
    ):
        return {}
    return {**data, "touched": [tuple(r) for r in rows]}


def _contents(top: Path, blobs: list[str]) -> dict[str, bytes]:
    """The content of each blob, from one ``git cat-file --batch``."""
    if not blobs:
        return {}
    out = _git(top, "cat-file", "--batch", stdin="".join(f"{b}\n" for b in blobs).encode())
    found: dict[str, bytes] = {}
    pos = 0
    for blob in blobs:
        end = out.index(b"\n", pos)
        header = out[pos:end].split(b" ")
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[blob] = out[pos : pos + size]
            pos += size + 1
    return found


class _Unpickler(pickle.Unpickler):
    """Plain data and dates only: a cache file can never run code."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "datetime" and name in ("date", "datetime"):
            return getattr(datetime, name)
        raise pickle.UnpicklingError(f"{module}.{name} hör inte hemma i cachen")


class BlobCache:
    """Parsed YAML by blob id, kept under .styrdok/: a blob's content never changes, so a
    rebuild parses only the blobs new since the last one. The blobs parsed since the whole
    cache was last written go to a small second file (``-nya``), so a rebuild after one
    commit writes a few entries, not the whole cache; when that file has grown to a tenth
    of the cache, the whole cache is written again. A file that cannot be read is
    ignored: its blobs are parsed again."""

    def __init__(self, path: Path | None) -> None:
        self.path, self.changed = path, False
        self.parsed: dict[str, dict[str, Any] | None] = {}
        self.whole: set[str] = set()  # the blobs in the whole cache's file
        if path is None:
            return
        self.parsed = _load_pickle(path)
        self.whole = set(self.parsed)
        for blob, data in _load_pickle(self.recent).items():
            self.parsed.setdefault(blob, data)

    @property
    def recent(self) -> Path:
        assert self.path is not None
        return self.path.with_name(self.path.stem + "-nya" + self.path.suffix)

    def fill(self, top: Path, blobs: set[str]) -> None:
        missing = sorted(b for b in blobs if b not in self.parsed and set(b) != {"0"})
        contents = _contents(top, missing)
        for blob in missing:
            self.parsed[blob] = _parse(contents.get(blob))
        self.changed = bool(missing)

    def save(self) -> None:
        if self.path is None or not self.changed:
            return
        new = {b: d for b, d in self.parsed.items() if b not in self.whole}
        if self.whole and len(new) * 10 <= len(self.whole):
            _write_pickle(self.recent, new)
            return
        _write_pickle(self.path, self.parsed)
        self.recent.unlink(missing_ok=True)
        self.whole = set(self.parsed)


def _load_pickle(path: Path) -> dict[str, dict[str, Any] | None]:
    if not path.is_file():
        return {}
    try:
        loaded = _Unpickler(io.BytesIO(path.read_bytes())).load()
    except Exception:  # a damaged file (cut short, another format): parsed again
        return {}
    if not isinstance(loaded, dict):
        return {}
    return {
        b: d for b, d in loaded.items() if isinstance(b, str) and (d is None or isinstance(d, dict))
    }


def _write_pickle(path: Path, data: dict[str, dict[str, Any] | None]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


def blob_id(data: bytes) -> str:
    """The id git gives a file with this content."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def committed_states(
    root: Path,
    folders: tuple[str, ...],
    cache: Path | None = None,
    parsed: dict[str, dict[str, Any] | None] | None = None,
) -> dict[str, list[Committed]]:
    """Document id → its committed states, oldest first. NoHistory when the corpus is not
    in a git repository or git is missing. ``cache``: the file of parsed blobs; ``parsed``
    gets them all, by blob id (so a working copy file as committed is not parsed again)."""
    top = toplevel(root)
    base = root.resolve().relative_to(top.resolve())
    rels = [(base / f).as_posix() for f in folders]
    wanted = _walk(top, rels, cache.with_name("walk.json") if cache is not None else None)
    blobs = BlobCache(cache)
    blobs.fill(top, {blob for *_, blob in wanted})
    blobs.save()
    if parsed is not None:
        parsed.update(blobs.parsed)
    out: dict[str, list[Committed]] = {}
    for commit, day, path, blob in reversed(wanted):
        data = blobs.parsed.get(blob)
        if data is not None and isinstance(data.get("id"), str):
            out.setdefault(data["id"], []).append(Committed(commit, day, path, data, blob))
    return out


def _parse(blob: bytes | None) -> dict[str, Any] | None:
    if blob is None:
        return None
    try:
        data = read_fast(blob)
    except YamlProblem:
        return None
    return data if isinstance(data, dict) else None
