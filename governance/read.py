"""Reading corpus files through governance.safefile (regular files inside the corpus, size
limit on the bytes read), then UTF-8 and YAML. On a large corpus the files are read by
one process per core; a small one is read in this process, where starting workers would
cost more than it saves."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from governance.safefile import Unreadable, read_bytes
from governance.textscan import Hit, scan
from governance.workers import chunks, pool, worker_count
from governance.yamlio import YamlProblem, decode, read_fast

PARALLEL_FROM = 400  # files; below this one process is faster


@dataclass
class Read:
    """What reading one file gave: its text and data, or why not."""

    text: str = ""
    data: Any = None
    size: int = 0
    problem: tuple[str, str, int, int] | None = None  # code, message, line, column
    hits: list[Hit] = field(default_factory=list)  # see governance.textscan


def read_file(
    path: Path, limit: int, placeholders: tuple[str, ...] = (), root: Path | None = None
) -> Read:
    """One corpus file; ``root`` keeps symbolic links inside the corpus."""
    try:
        raw = read_bytes(path, limit, root)
    except Unreadable as exc:
        if exc.code == "file-too-large":
            return Read(size=exc.size, problem=(exc.code, exc.message, 1, 1))
        return Read(problem=(exc.code, exc.message, 0, 0))
    size = len(raw)
    text = ""
    try:
        text = decode(raw)
        return Read(text=text, data=read_fast(text), size=size, hits=scan(text, placeholders))
    except YamlProblem as exc:
        return Read(text=text, size=size, problem=(exc.code, exc.message, exc.line, exc.column))


Job = tuple[list[Path], int, tuple[str, ...], Path | None]


def _read_chunk(job: Job) -> list[Read]:
    paths, limit, placeholders, root = job
    return [read_file(path, limit, placeholders, root) for path in paths]


def read_files(
    paths: list[Path], limit: int, placeholders: tuple[str, ...] = (), root: Path | None = None
) -> Iterator[Read]:
    """Read every file, in order. Large corpora are split into a few big chunks, one
    worker process per core (fewer, larger messages cost less than many small ones), and
    results arrive while later chunks are still being read."""
    workers = worker_count(len(paths), PARALLEL_FROM)
    if not workers:
        yield from (read_file(path, limit, placeholders, root) for path in paths)
        return
    jobs: list[Job] = [(list(part), limit, placeholders, root) for part in chunks(paths, workers)]
    with pool(workers) as running:
        for chunk in running.imap(_read_chunk, jobs):
            yield from chunk
