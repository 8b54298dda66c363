"""Where a document's version pages are in the generated project's docs/: one folder per
document, ``dokument/ID/version/``, holding one page per version, ``X.Y.md`` (shown at
``/dokument/ID/version/X.Y/``), and nothing else. Used by the pages' Markdown
(governance.render.handbook.versions), their HTML (archive_html) and MkDocs' listing of
docs/ (warm)."""

from __future__ import annotations

import re

# "dokument": governance.render.handbook.pages.DOC_DIR, the documents' folder
_PAGE = re.compile(r"\Adokument/[^/]+/version/[^/]+\.md\Z")
_FOLDER = re.compile(r"\Adokument/[^/]+/version\Z")


def version_path(doc_id: str, version: str) -> str:
    return f"dokument/{doc_id}/version/{version}.md"


def is_version_page(path: str) -> bool:
    return bool(_PAGE.match(path))


def is_version_folder(path: str) -> bool:
    """A folder of docs/ that holds a document's version pages."""
    return bool(_FOLDER.match(path))
