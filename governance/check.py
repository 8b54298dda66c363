"""The library entry point for ``styrdok check``: load, then check."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from governance.checks import run_checks
from governance.findings import Finding
from governance.load import load_corpus


def check_corpus(root: Path, today: date | None = None) -> list[Finding]:
    """Every finding in the corpus at ``root``, sorted by file and line."""
    return run_checks(load_corpus(root), today or date.today())
