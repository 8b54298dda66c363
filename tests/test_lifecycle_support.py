"""Helpers for the lifecycle tests (this module has no tests of its own): copies of the
example corpus, findings as comparable data, and git."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date
from pathlib import Path

from conftest import REPO

from governance.check import check_corpus

TODAY = date(2026, 11, 23)
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]


def copy_example(tmp_path: Path) -> Path:
    """A copy of the repository's example corpus: styrdok.yaml, routines, templates and
    schema."""
    root = tmp_path / "exempel"
    root.mkdir()
    shutil.copy(REPO / "styrdok.yaml", root / "styrdok.yaml")
    for folder in ("routines", "templates", "schema"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def found(root: Path, today: date = TODAY) -> set[tuple[str, str, str]]:
    """Every finding of ``styrdok check`` as (code, document, field)."""
    return {(f.code, f.doc_id, f.field) for f in check_corpus(root, today)}


def git(root: Path, *args: str, day: str = "2026-11-20") -> str:
    stamp = f"{day}T12:00:00+01:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    proc = subprocess.run(
        [*GIT, *args], cwd=root, capture_output=True, text=True, check=True, timeout=60, env=env
    )
    return proc.stdout


def commit_all(root: Path, message: str, day: str = "2026-11-20") -> str:
    """Commit everything; the short hash of the commit."""
    git(root, "add", "-A", day=day)
    git(root, "commit", "-q", "-m", message, day=day)
    return git(root, "rev-parse", "--short=7", "HEAD").strip()
