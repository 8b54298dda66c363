"""The library entry point for ``styrdok check``: load, then check."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from governance.checks import run_checks
from governance.findings import Finding
from governance.load import Corpus, LoadCache, load_corpus, paused_gc


def check(
    root: Path, today: date, cache: LoadCache | None = None, *, stored: bool | None = None
) -> tuple[Corpus, list[Finding]]:
    """The loaded corpus and every finding in it, sorted by file and line; with ``cache``
    only the files changed since the cache's last load are read again, with ``stored``
    only those changed since the last build (governance.load)."""
    with paused_gc():
        corpus = load_corpus(root, cache=cache, stored=stored)
        return corpus, run_checks(corpus, today)


def check_corpus(root: Path, today: date | None = None) -> list[Finding]:
    """Every finding in the corpus at ``root``, sorted by file and line."""
    return check(root, today or date.today())[1]
