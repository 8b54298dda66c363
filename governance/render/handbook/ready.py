"""MkDocs made ready on the other core while styrdok checks the corpus and makes the
pages: an incremental build (governance.render.handbook.incremental) that will render
only the pages it wrote needs MkDocs imported and the project's configuration read and
validated (with its Markdown extensions), which does not depend on what the build writes.

``started`` forks a child (governance.background) that does that with the project as the
last build left it, lists the theme's files and those of docs/ with the navigation and a
page for each (told what was written and deleted since, it adds and removes those files:
``warm.refresh``), and compiles the templates pages used last time
(their names in .styrdok/mallar.json: names only, never compiled code, which a cache in the
corpus folder must not hold), then waits to be told what was written. Told, it renders those pages
(``incremental.render_written``) when the project's fingerprint (mkdocs.yml, theme, hooks,
versions) is the one it read, and answers whether that went well; otherwise it answers
None and the build renders the pages itself. Version pages handed over to it
(``Ready.hand_over``: the few a rebuild converts, governance.render.handbook.archive_html)
it converts after those pages, with the configuration it read, into the archive's cache;
what it does not convert there, the build converts. A child that is not needed (a full or
dirty build, or the build stopped) is ended.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from governance import background
from governance.atomic import write_atomic
from governance.errors import ToolError
from governance.render.handbook import archive_html, incremental, warm
from governance.render.handbook.project import Changes

TEMPLATES = "mallar.json"  # in .styrdok/: the theme's templates pages used last time
MAX_TEMPLATES = 1000


class Ready:
    """A child with MkDocs ready for the project: ``render`` tells it what was written."""

    def __init__(self, job: background.Job[bool | None], tell: int) -> None:
        self.job, self.tell = job, tell
        self.handed: archive_html.Handed | None = None

    def hand_over(self, handed: archive_html.Handed) -> bool:
        """Version pages for the child to convert after the pages ``render`` tells it
        of (archive_html.converting); False when it cannot be told any more."""
        if self.tell < 0:
            return False
        self.handed = handed
        return True

    def render(self, changes: Changes, fingerprint: str) -> bool | None:
        """What ``incremental.render_written`` answers, or None: not done, do it here."""
        if self.tell < 0:
            return None
        written = sorted(p.as_posix() for p in changes.written)
        deleted = sorted(p.as_posix() for p in changes.deleted)
        message = pickle.dumps((written, deleted, fingerprint, self.handed))
        with os.fdopen(self.tell, "wb") as told:
            self.tell = -1
            told.write(struct.pack(">Q", len(message)) + message)
        try:
            return self.job.result()
        except ToolError:  # the child died: the build renders the pages itself
            return None

    def end(self) -> None:
        if self.tell >= 0:
            os.close(self.tell)
            self.tell = -1
        self.job.abandon()


@contextmanager
def started(config_file: Path, site: Path, wanted: bool = True) -> Iterator[Ready | None]:
    """A child made ready for ``config_file`` (built into ``site``) while the block runs;
    None when not ``wanted``, without a project yet, or without fork."""
    if not wanted or not config_file.is_file() or not hasattr(os, "fork"):
        yield None
        return
    told, tell = os.pipe()
    job = background.start("MkDocs", partial(_render_when_told, config_file, site, told, tell))
    os.close(told)
    ready = Ready(job, tell)
    try:
        yield ready
    finally:
        ready.end()


def _render_when_told(config_file: Path, site: Path, told: int, tell: int) -> bool | None:
    os.close(tell)  # the parent's end of the pipe
    try:
        fingerprint = incremental.global_fingerprint(config_file.parent)
        configured = warm.configure(config_file, site, fingerprint)
        warm.theme_files(configured)
        warm.gather(configured, serve=False)  # docs/ as the last build left it
        warm.preload(configured, _used(site.parent / TEMPLATES))
        state: warm.Site | None = configured
    except Exception:  # noqa: BLE001 - the build reads it itself, and says what is wrong
        state = None
    data = _told(told)
    if state is None or not data:
        return None
    written, deleted, now, handed = pickle.loads(data)
    if now != fingerprint:
        return None
    changes = Changes(written={Path(p) for p in written}, deleted={Path(p) for p in deleted})
    try:
        gathered = warm.refresh(state, _in_docs(written), _in_docs(deleted))
        done = incremental.render_written(config_file, site, changes, now, state, gathered)
    except Exception:  # noqa: BLE001 - as above
        return None
    finally:
        if handed is not None:  # the version pages handed over: what fails, write does
            with contextlib.suppress(Exception):
                archive_html.convert_handed(config_file, site, handed, state.config)
    _keep_used(site.parent / TEMPLATES, warm.loaded(state))
    return done


def _in_docs(paths: list[str]) -> list[str]:
    """The paths of docs/ among the project's, relative to docs/."""
    return [path[len("docs/") :] for path in paths if path.startswith("docs/")]


def _used(path: Path) -> list[str]:
    """The templates pages used last time (plain names; a damaged list is no list)."""
    try:
        names = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return []
    ok = isinstance(names, list) and len(names) <= MAX_TEMPLATES
    return [n for n in names if isinstance(n, str)] if ok else []


def _keep_used(path: Path, names: list[str]) -> None:
    if names and names != _used(path):
        with contextlib.suppress(OSError):  # losing it costs only time
            write_atomic(path, json.dumps(names[:MAX_TEMPLATES]).encode("utf-8"))


def _told(told: int) -> bytes:
    """The parent's message: its length, then itself (not up to the pipe's end, which
    processes forked meanwhile keep open); nothing when the parent closed it unsaid."""
    with os.fdopen(told, "rb") as reader:
        head = reader.read(8)
        return reader.read(struct.unpack(">Q", head)[0]) if len(head) == 8 else b""
