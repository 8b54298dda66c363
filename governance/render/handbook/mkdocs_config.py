"""The one place styrdok reads a generated project's mkdocs.yml with MkDocs.

MkDocs finds a theme by its installed entry point and keeps the answer
(``mkdocs.utils.get_themes`` is cached until a theme is found in it). One lookup that
found nothing, in a long-running process, then made every later build of that process
fail with "Unrecognised theme name", however healthy the installation was (seen once in
CI: eight tests of one run). An empty answer is never true (MkDocs itself installs two
themes), so it is dropped, with Python's cache of the installed packages, and the themes
are looked up again."""

from __future__ import annotations

import importlib
import importlib.metadata
from pathlib import Path
from typing import Any


def load(config_file: Path, site_dir: Path | str, **options: Any) -> Any:
    """MkDocs' validated configuration of ``config_file`` building into ``site_dir``
    (``options`` as ``mkdocs.config.load_config`` takes them, e.g. ``strict``)."""
    from mkdocs.config import load_config
    from mkdocs.utils import get_themes

    if not get_themes():  # never true: MkDocs itself installs two themes
        forget_installed()
    return load_config(str(config_file), site_dir=str(site_dir), **options)


def forget_installed() -> None:
    """Python's and MkDocs' caches of the installed packages and themes, dropped."""
    from mkdocs.utils import get_themes

    importlib.invalidate_caches()
    # Python 3.11's invalidate_caches misses importlib.metadata's cache of each folder
    # (its finder's invalidate_caches is not a classmethod there); called on an instance
    # it clears that cache in every version
    importlib.metadata.MetadataPathFinder().invalidate_caches()
    get_themes.cache_clear()
