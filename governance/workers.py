"""Work on many items with one process per core: reading a large corpus, making many
official documents, filling many forms. Below a size that each caller measured, starting
workers costs more than it saves and the work is done in this process. Workers are forked,
so they inherit what the parent holds (the corpus) without pickling it."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from multiprocessing.pool import Pool
from typing import TypeVar

MAX_WORKERS = 4
T = TypeVar("T")


def worker_count(items: int, parallel_from: int, wanted: int | None = None) -> int:
    """How many worker processes to use for ``items`` items; 0 means work here: too few
    items, one core, or no ``fork`` on this platform."""
    count = wanted or min(os.cpu_count() or 1, MAX_WORKERS)
    forking = "fork" in multiprocessing.get_all_start_methods()
    return count if items >= parallel_from and count >= 2 and forking else 0


def pool(workers: int, *, behind: bool = False) -> Pool:
    """A pool of forked workers (use it in a ``with`` block). ``behind``: the workers
    give way to every other process (the lowest priority, ``nice`` 19), for work done on
    the side while another process is what everything waits for (MkDocs' build)."""
    context = multiprocessing.get_context("fork")
    if behind:
        return context.Pool(workers, initializer=_give_way)
    return context.Pool(workers)


def _give_way() -> None:
    os.nice(19)


def chunks(items: Sequence[T], workers: int) -> list[Sequence[T]]:
    """Two chunks per worker: fewer, larger messages cost less than many small ones."""
    size = -(-len(items) // (workers * 2))
    return [items[i : i + size] for i in range(0, len(items), size)]
