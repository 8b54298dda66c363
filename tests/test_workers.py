"""Forked workers (governance.workers)."""

from __future__ import annotations

import os

from governance.workers import pool


def test_workers_on_the_side_give_way_to_every_other_process() -> None:
    """The version pages' converters run while MkDocs builds on the other core: they run
    at the lowest priority, so MkDocs' build, which everything waits for, is not slowed;
    other pools keep the priority they were started with."""
    mine = os.nice(0)
    with pool(2, behind=True) as running:
        assert set(running.map(os.nice, [0, 0, 0, 0])) == {min(19, mine + 19)}
    with pool(2) as running:
        assert set(running.map(os.nice, [0, 0])) == {mine}
