"""The link cache, ``.styrdok/links.json`` under the corpus root.

It keeps the result of every address checked (outcome, status, new address, when) and,
per document, the date of the last run in which all of the document's links worked
("Länkar kontrollerade" in the handbook). A rerun within ``links.max_age`` (working
links) or ``links.max_age_failed`` (the rest) reuses a result without a request, so CI
keeps the file between runs. Results are merged into what the file held: a run that
fails or runs out of time loses nothing, and the file is replaced atomically.

    {"version": 1,
     "urls": {"https://…": {"outcome": "ok", "status": 200, "checked_at": "…"}},
     "documents": {"rutin-a": "2026-11-23"}}
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from governance.atomic import write_atomic
from governance.errors import OutputError
from governance.jsonfile import load_json
from governance.linkdates import CACHE_FILE, VERSION, documents_of, links_checked_dates
from governance.links.result import Result

__all__ = ["CACHE_FILE", "Cache", "links_checked_dates", "load_cache", "save_cache"]
CLOCK_SKEW = 86400.0  # seconds; a result dated later than a day from now is not trusted
KEEP_AT_LEAST = 30 * 86400.0  # seconds; older results are dropped when the file is saved


@dataclass
class Cache:
    path: Path
    urls: dict[str, Result] = field(default_factory=dict)
    documents: dict[str, date] = field(default_factory=dict)
    problem: str = ""  # why the file could not be used, in Swedish (it was set aside)
    changed: bool = False  # anything to write

    def add(self, results: dict[str, Result]) -> None:
        """Keep new results (not those of addresses that were not checked)."""
        for url, result in results.items():
            if result.outcome != "unchecked":
                self.urls[url] = result
                self.changed = True

    def record(self, documents: set[str], day: date) -> None:
        """``day`` as the links-checked date of ``documents``."""
        for doc_id in documents:
            if self.documents.get(doc_id) != day:
                self.documents[doc_id] = day
                self.changed = True

    def fresh(self, url: str, now: float, max_age: float, max_age_failed: float) -> Result | None:
        """The cached result of ``url`` if it is young enough to use."""
        found = self.urls.get(url)
        if found is None or found.outcome == "unchecked":
            return None
        limit = max_age if found.working else max_age_failed
        return found if 0 <= now - found.checked_at < limit else None


def load_cache(root: Path, now: float | None = None) -> Cache:
    """The cache at ``root``; an unusable file is moved aside (``links.json.bak``,
    governance.jsonfile). A result dated after ``now`` is not trusted: it is dropped."""
    path = root / CACHE_FILE
    cache = Cache(path)
    found, problem = load_json(path, _shape)
    if found is None:
        cache.problem = f"{problem}; alla länkar kontrolleras." if problem else ""
        return cache
    urls, cache.documents = found
    latest = (time.time() if now is None else now) + CLOCK_SKEW
    cache.urls = {url: r for url, r in urls.items() if r.checked_at <= latest}
    return cache


def _shape(data: Any) -> tuple[dict[str, Result], dict[str, date]]:
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise ValueError("okänd version")
    return _urls(data.get("urls")), documents_of(data.get("documents"))


def _urls(data: object) -> dict[str, Result]:
    if not isinstance(data, dict):
        raise ValueError("urls saknas")
    urls = {}
    for url, item in data.items():
        result = Result.from_json(item)
        if result is None:
            raise ValueError(f"resultatet för {str(url)[:80]} är ogiltigt")
        urls[str(url)] = result
    return urls


def save_cache(cache: Cache, now: float, keep: float) -> None:
    """Write the cache atomically, without results older than ``keep`` seconds (at least
    30 days); nothing is written when nothing changed."""
    if not cache.changed and cache.path.exists():
        return
    oldest = now - max(keep, KEEP_AT_LEAST)
    payload = {
        "version": VERSION,
        "urls": {
            url: result.to_json()
            for url, result in sorted(cache.urls.items())
            if result.outcome != "unchecked" and result.checked_at >= oldest
        },
        "documents": {k: v.isoformat() for k, v in sorted(cache.documents.items())},
    }
    text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
    _write_atomic(cache.path, text)
    cache.changed = False


def _write_atomic(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise OutputError(f"{path}: kan inte skriva länkcachen ({exc.strerror}).") from None
