"""Helpers for the import tests: the example corpus copied, the test Word files made by
tests/import_data/make.py, an import run through the library. No tests here."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

from conftest import REPO

import helpers
from governance.check import check
from governance.importer.run import Outcome, import_files
from governance.load import Corpus

sys.path.insert(0, str(REPO / "tests" / "import_data"))  # make.py, the test files' script
import make  # noqa: E402

DAY = date(2026, 1, 1)
DATA = REPO / "tests" / "import_data" / "files"


def copy_example(target: Path) -> Path:
    """A copy of the example corpus in target."""
    return helpers.copy_example(target.parent, target.name)


def load(root: Path) -> Corpus:
    return check(root, DAY)[0]


def import_into(root: Path, *files: Path, dry_run: bool = False, partial: bool = False) -> Outcome:
    return import_files(load(root), list(files), "routines", DAY, dry_run=dry_run, partial=partial)


def one(outcome: Outcome, name: str) -> dict[str, Any]:
    return next(f.data for f in outcome.files if f.path.name == name)


__all__ = ["DATA", "DAY", "copy_example", "import_into", "load", "make", "one"]
