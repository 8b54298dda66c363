"""MkDocs' list of a project's files (``get_files`` and the theme's), looked up one file
at a time, for converting a few version pages (governance.render.handbook.archive_html)
without walking every file of docs/ and of the theme: a rebuild after one commit converts
one or two pages, and listing the thousands of files of a large handbook cost more than
converting them.

A file plainly in docs/ (its folder lists it, it is a file, and it is not one of a
folder's ``index.md`` and ``README.md``, between which MkDocs chooses) is the File ``get_files``
would make of it, with the same inclusion (``set_exclusions``). Anything else (a target
that is missing, a theme file) is looked up in the whole list, made then, so that what
MkDocs finds, and what it warns about, is the same.
"""

from __future__ import annotations

import os
import posixpath
from typing import Any

from mkdocs.structure.files import File, Files, get_files, set_exclusions

_CHOSEN = ("index.md", "README.md")


class DocFiles(Files):
    """``get_files`` (with the theme's files) for ``get_file_from_path``; ``full`` for
    everything else."""

    def __init__(self, config: Any, env: Any) -> None:
        super().__init__([])
        self.config, self.env = config, env
        self._full: Files | None = None
        self._listed: dict[str, set[str]] = {}

    def full(self) -> Files:
        """The whole list, as MkDocs makes it."""
        if self._full is None:
            files = get_files(self.config)
            files.add_files_from_theme(self.env, self.config)
            self._full = files
        return self._full

    def get_file_from_path(self, path: str) -> File | None:
        if self._full is not None:
            return self._full.get_file_from_path(path)
        found = self._src_uris.get(path)
        if found is None and self._plainly_there(path):
            found = File(
                path,
                self.config["docs_dir"],
                self.config["site_dir"],
                self.config["use_directory_urls"],
            )
            set_exclusions([found], self.config)
            self._src_uris[path] = found
        return found if found is not None else self.full().get_file_from_path(path)

    def _plainly_there(self, path: str) -> bool:
        folder, name = posixpath.split(path)
        if not name or path != posixpath.normpath(path) or path.startswith(("../", "/")):
            return False
        if "\\" in path:
            return False
        listed = self._files_in(folder)
        if name in _CHOSEN and all(n in listed for n in _CHOSEN):
            return False  # MkDocs chooses between them
        return name in listed

    def _files_in(self, folder: str) -> set[str]:
        """The files (or links to files) of a folder of docs/, as ``os.walk`` finds them."""
        found = self._listed.get(folder)
        if found is None:
            where = os.path.join(self.config["docs_dir"], folder)
            try:
                with os.scandir(where) as listing:
                    found = {e.name for e in listing if e.is_file()}
            except OSError:
                found = set()
            self._listed[folder] = found
        return found
