"""The corpus' own handbook pages (``site/``) are published as they are: they are scanned
for personnummer like the documents (governance.textscan, after normalising the text)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from governance.codes import CODES
from governance.findings import Finding
from governance.load import Corpus
from governance.textscan import find_personnummer

SITE = "site"
_TEXT = {".md", ".markdown", ".html", ".htm", ".txt", ".yml", ".yaml", ".js", ".css", ".json"}
_TEXT |= {".svg", ".xml"}


def check_site(corpus: Corpus, today: date) -> Iterator[Finding]:
    base = corpus.root / SITE
    if not base.is_dir():
        return
    limit = corpus.config.limits.max_file_bytes
    for path in sorted(base.rglob("*")):
        if path.suffix.lower() not in _TEXT or path.is_symlink() or not path.is_file():
            continue  # a symlink, a folder, a FIFO or a device is not a page
        text = _read(path, limit)
        rel = path.relative_to(corpus.root).as_posix()
        for start, _ in find_personnummer(text):
            yield _found(rel, text, start)


def _read(path: Path, limit: int) -> str:
    with path.open("rb") as file:
        return file.read(limit).decode("utf-8", errors="replace")


def _found(rel: str, text: str, start: int) -> Finding:
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    info = CODES["personnummer"]
    return Finding(
        code="personnummer",
        severity=info.severity,
        path=rel,
        message="Sidan innehåller ett personnummer eller samordningsnummer.",
        hint=info.hint,
        line=line,
        column=column,
    )
