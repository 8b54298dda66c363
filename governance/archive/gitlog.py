"""Every committed state of the corpus' document files, in one pass over git history.

One ``git log --raw`` lists which files each commit touched, one ``git cat-file
--batch`` reads them all: two processes however long the history is. Both are cached under
.styrdok/archive/: the list with the commit it was read at (a rebuild reads only the commits
since), the parsed files by blob id. States are grouped by
the document's ``id`` (not its file name), so a renamed file keeps its history.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from governance import cachefile
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
        cachefile.write(cache, WALK_KEY, {"head": head, "folders": folders, "touched": found})
    return found


def _is_ancestor(top: Path, commit: str) -> bool:
    try:
        _git(top, "merge-base", "--is-ancestor", commit, "HEAD")
    except NoHistory:
        return False  # history rewritten (or the commit is gone): read it all
    return True


def _read_walk(cache: Path | None) -> dict[str, Any]:
    """The walk as the last build kept it ({} when there is none, or not as this code
    writes it: governance.cachefile reads plain data only)."""
    data = cachefile.read(cache, WALK_KEY) if cache is not None else None
    if not isinstance(data, dict) or not isinstance(data.get("touched"), list):
        return {}
    return data


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


BLOB_KEY = "archive-blobs"
WALK = "walk.pickle"  # the list of what each commit touched, with the commit it was read at
WALK_KEY = "archive-walk"
SHARDS = 64  # files of parsed blobs: a rebuild reads the few its changed documents need
_ABSENT = object()


class BlobCache:
    """Parsed document files by blob id, kept under .styrdok/ (governance.cachefile: plain
    data only): a blob's content never changes, so each blob is parsed once. The parsed
    files lie in ``SHARDS`` files, each blob in the one its first path picks (the states of
    a document mostly share a path), and a small index names each blob's document and
    file: a rebuild after one commit parses the new blobs, finds every blob's document in
    the index, and reads only the files of the documents whose history changed. A file
    that cannot be read is ignored: its blobs are read from git again."""

    def __init__(self, top: Path, folder: Path | None) -> None:
        self.top, self.folder = top, folder
        index = cachefile.read(folder / "index.pickle", BLOB_KEY) if folder else None
        self.index: dict[str, tuple[str, int]] = index if isinstance(index, dict) else {}
        self.shards: dict[int, dict[str, dict[str, Any]]] = {}
        self.changed: set[int] = set()
        self.grown = False

    def doc_id(self, blob: str) -> str:
        """The id of the document the blob holds ("": none)."""
        return self.index[blob][0] if blob in self.index else ""

    def fill(self, rows: Touched) -> None:
        """Parse the blobs of ``rows`` not parsed yet."""
        wanted: dict[str, str] = {}
        for _, _, path, blob in rows:
            if blob not in self.index and set(blob) != {"0"}:
                wanted.setdefault(blob, path)
        self._add(wanted)

    def data(self, blob: str) -> dict[str, Any] | None:
        """The parsed blob (a document file), or None when it is none."""
        found = self.index.get(blob)
        if found is None or not found[0]:
            return None
        data = self._shard(found[1]).get(blob, _ABSENT)
        if data is _ABSENT:  # its file was lost: read the blob again
            self._add({blob: ""}, found[1])
            data = self._shard(found[1]).get(blob)
        return data if isinstance(data, dict) else None

    def _add(self, wanted: dict[str, str], shard: int | None = None) -> None:
        contents = _contents(self.top, sorted(wanted))
        for blob, path in wanted.items():
            data = _parse(contents.get(blob))
            doc_id = data.get("id") if data is not None else None
            number = shard if shard is not None else zlib.crc32(path.encode()) % SHARDS
            if not isinstance(doc_id, str) or data is None:
                self.index[blob] = ("", number)
            else:
                self.index[blob] = (doc_id, number)
                self._shard(number)[blob] = data
                self.changed.add(number)
            self.grown = True

    def _shard(self, number: int) -> dict[str, dict[str, Any]]:
        found = self.shards.get(number)
        if found is None:
            loaded = cachefile.read(self._file(number), BLOB_KEY) if self.folder else None
            found = self.shards[number] = loaded if isinstance(loaded, dict) else {}
        return found

    def _file(self, number: int) -> Path:
        assert self.folder is not None
        return self.folder / f"{number:02d}.pickle"

    def save(self) -> None:
        if self.folder is None:
            return
        for number in sorted(self.changed):
            cachefile.write(self._file(number), BLOB_KEY, self.shards[number])
        if self.grown:
            cachefile.write(self.folder / "index.pickle", BLOB_KEY, self.index)
        self.changed.clear()
        self.grown = False


def blob_id(data: bytes) -> str:
    """The id git gives a file with this content."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


@dataclass
class History:
    """Each document's committed states (commit, day, path, blob; oldest first), by id,
    and the parsed blobs."""

    rows: dict[str, Touched]
    blobs: BlobCache

    def states(self, doc_id: str) -> list[Committed]:
        """The document's committed states, each with its parsed file."""
        found = []
        for commit, day, path, blob in self.rows.get(doc_id, []):
            data = self.blobs.data(blob)
            if data is not None:
                found.append(Committed(commit, day, path, data, blob))
        return found


def committed_states(root: Path, folders: tuple[str, ...], cache: Path | None = None) -> History:
    """Every document's committed states. NoHistory when the corpus is not in a git
    repository or git is missing. ``cache``: the folder of the walk and the parsed blobs."""
    top = toplevel(root)
    base = root.resolve().relative_to(top.resolve())
    rels = [(base / f).as_posix() for f in folders]
    wanted = _walk(top, rels, cache / WALK if cache is not None else None)
    blobs = BlobCache(top, cache / "blobs" if cache is not None else None)
    if cache is not None:  # an earlier styrdok's cache of blobs
        for earlier in ("blobs.pickle", "blobs-nya.pickle", "walk.json"):
            (cache / earlier).unlink(missing_ok=True)
    blobs.fill(wanted)
    blobs.save()
    out: dict[str, Touched] = {}
    for row in reversed(wanted):
        doc_id = blobs.doc_id(row[3])
        if doc_id:
            out.setdefault(doc_id, []).append(row)
    return History(out, blobs)


def _parse(blob: bytes | None) -> dict[str, Any] | None:
    if blob is None:
        return None
    try:
        data = read_fast(blob)
    except YamlProblem:
        return None
    return data if isinstance(data, dict) else None
