"""Where a document's version pages are: in the generated project's docs/, one folder per
document, ``dokument/ID/version/``, holding one page per version, ``X.Y.md``, and nothing
else (and ``dokument/ID/`` holds only that folder: the document's own page is
``dokument/ID.md``); in the site, ``dokument/ID/version/X.Y/index.html`` (shown at
``/dokument/ID/version/X.Y/``). Used by the pages' Markdown
(governance.render.handbook.versions), their HTML (archive_html) and MkDocs' listing of
docs/ (warm)."""

from __future__ import annotations

import re

from governance.render.handbook.pages import DOC_DIR

EXCLUDED = f"{DOC_DIR}/*/version/"  # as MkDocs' exclude_docs (gitignore) names them
_PAGE = re.compile(rf"\A{DOC_DIR}/[^/]+/version/[^/]+\.md\Z")
_ONLY_VERSIONS = re.compile(rf"\A{DOC_DIR}/[^/]+(?:/version)?\Z")
_OUTPUT = re.compile(rf"\A{DOC_DIR}/[^/]+/version/[^/]+/index\.html\Z")


def version_path(doc_id: str, version: str) -> str:
    return f"{DOC_DIR}/{doc_id}/version/{version}.md"


def is_version_page(path: str) -> bool:
    return bool(_PAGE.match(path))


def holds_only_version_pages(path: str) -> bool:
    """A folder of docs/ with nothing in it but version pages (and folders of them): a
    document's version folder, or the document's folder that holds it."""
    return bool(_ONLY_VERSIONS.match(path))


def is_version_output(path: str) -> bool:
    """A version page's file in the site."""
    return bool(_OUTPUT.match(path))
