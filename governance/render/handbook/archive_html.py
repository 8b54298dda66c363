"""The version pages' HTML, made outside MkDocs' page loop and cached.

A corpus with a long history has several version pages per document; rendering each with
the theme on every build tripled a cold build. So the generated project keeps every version
page as Markdown in docs/ (a successor that drops ``exclude_docs`` from mkdocs.yml builds
them with MkDocs as before), but MkDocs is told to leave them out (``exclude_docs``: links
to them still resolve, MkDocs only does not render them). After MkDocs, ``write`` puts
each page into the site:

* its Markdown is converted with the project's Markdown extensions, the URL policy hook
  and MkDocs' link resolution, section by section (governance.render.handbook.sections),
  in forked workers that start while MkDocs builds the other pages (``converting``);
* it is set into a *shell*, the theme's page rendered once for a page at the same depth
  (every version page is ``dokument/ID/version/X.Y/``, so the relative paths to the
  assets and the navigation are the same): governance.render.handbook.archive_render;
* the finished HTML is cached under .styrdok/archive/html/ by a digest of the page's
  Markdown (or its content key), the project's theme and configuration
  (incremental.global_fingerprint) and this code: a version that did not change is never
  converted again. The workers write it there themselves, and the site's file is a hard
  link to it (never written in place: each is only ever replaced)."""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import os
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from governance import background, cachefile
from governance.atomic import link_atomic, write_atomic
from governance.errors import StyrdokError, ToolError
from governance.render.handbook import archive_render, output
from governance.render.handbook.incremental import SITE_CACHE, global_fingerprint, output_paths
from governance.render.handbook.project import Changes
from governance.render.handbook.version_paths import (
    EXCLUDED,
    is_version_output,
    is_version_page,
)
from governance.workers import chunks, pool, worker_count

_Renderer = archive_render.Renderer
HTML_CACHE = Path(".styrdok") / "archive" / "html"
SHELL_CACHE = Path(".styrdok") / "archive" / "skal.json"
WRITTEN = Path(".styrdok") / "archive" / "skrivna.pickle"  # the site's version page files
WRITTEN_KEY = "archive-written"


def exclude(config: dict[str, Any]) -> None:
    """Tell MkDocs to leave the version pages to ``write`` (added to the site's own
    ``exclude_docs``, gitignore patterns)."""
    own = config.get("exclude_docs")
    lines = [str(own).rstrip("\n")] if own else []
    config["exclude_docs"] = "\n".join([*lines, EXCLUDED]) + "\n"


def for_mkdocs(changes: Changes) -> Changes:
    """What MkDocs is told was written and deleted, the version pages marked ``apart``:
    MkDocs lists their files (its pages link them) but renders none of them, so a new
    version page does not keep an incremental build from rendering only the written
    pages."""
    apart = {p for p in changes.written | changes.deleted if _in_docs(p, is_version_page)}
    return Changes(written=set(changes.written), deleted=set(changes.deleted), apart=apart)


def _in_docs(path: Path, test: Callable[[str], bool]) -> bool:
    return path.parts[:1] == ("docs",) and test(Path(*path.parts[1:]).as_posix())


class Early:
    """Version pages converted in forked workers while MkDocs builds the rest of the site
    (``converting``), each written into the cache by its worker: which, and the warnings,
    once they are done."""

    def __init__(
        self,
        keys: dict[str, str],
        running: Any = None,
        result: Any = None,
        apart: background.Job[list[str]] | None = None,
    ) -> None:
        self.keys, self.running, self.result = keys, running, result  # keys: page → cache key
        self.apart = apart

    def take(self) -> list[str]:
        """The warnings of the pages converted (a page warned about is not cached)."""
        warned: list[str] = []
        for messages in self.result.get() if self.result is not None else []:
            warned += messages
        self.result = None
        if self.apart is not None:
            apart, self.apart = self.apart, None
            warned += apart.result()
        return warned


def convert_handed(config_file: Path, site: Path, handed: Handed, configured: Any) -> None:
    """Pages handed over (``converting``) converted with MkDocs' configuration read already
    (``configured``) and cached; a page MkDocs warned about is not cached, so ``write``
    converts it again and says what is wrong."""
    shell, key, cache, pages = handed
    _convert((config_file, site, shell, key), cache, pages, configured)


def _convert_apart(setup: Setup, cache: Path, pages: list[tuple[str, str, str]]) -> list[str]:
    """The few pages of a rebuild, converted in a forked child (governance.background)
    while MkDocs renders the written pages in the child made ready for it
    (governance.render.handbook.ready): this process waits for that child then, and goes
    on copying the site (``copy_site``) while this one finishes. Not in a thread here:
    reading MkDocs' configuration (importing its Markdown extensions and theme) would hold
    this process back as long."""
    return _convert(setup, cache, pages)


def _convert(
    setup: Setup, cache: Path, pages: Sequence[tuple[str, str, str]], configured: Any = None
) -> list[str]:
    """``pages`` converted with a renderer of their own (``configured``: MkDocs'
    configuration, read already) and cached; the warnings."""
    renderer = _Renderer(*setup, configured)
    try:
        return _convert_chunk(pages, cache, renderer)
    finally:
        renderer.close()


Handed = tuple[Path, str, Path, list[tuple[str, str, str]]]  # shell, its key, cache, pages


@contextlib.contextmanager
def converting(
    config_file: Path,
    root: Path,
    pages: Mapping[str, str],
    hand_over: Callable[[Handed], bool] | None = None,
) -> Iterator[Early]:
    """Start converting the version pages the cache does not have, in forked workers, for
    ``write`` to take (the project must be written already): with two cores the archive's
    pages are made while MkDocs builds the others. A page written with the same key last
    time is left to ``write`` (it is most likely in place), so an unchanged archive costs
    no look into the cache. ``hand_over``: give the few pages of a rebuild to the child
    made ready for MkDocs (governance.render.handbook.ready), which has MkDocs' configuration
    read already and converts them after the pages it renders; False when it cannot take
    them. What it does not convert (it was not told, or failed), ``write`` converts."""
    fingerprint = global_fingerprint(config_file.parent) + _code()
    keys = page_keys(fingerprint, pages)
    written = _read_written(root / WRITTEN, root / SITE_CACHE)
    cache = root / HTML_CACHE
    missing = [
        (p, key)
        for p, key in keys.items()
        if _written_key(written.get(p)) != key and not os.path.isfile(f"{cache}/{key}.html")
    ]
    workers = worker_count(len(missing), PARALLEL_FROM)
    setup = (config_file, root / SITE_CACHE, root / SHELL_CACHE, fingerprint)
    if not workers:  # a few (a rebuild): a pool of workers costs more than it saves
        chunk = [(p, pages[p], k) for p, k in missing]
        if chunk and hand_over is not None and hand_over((setup[2], fingerprint, cache, chunk)):
            yield Early(keys)
            return
        convert = functools.partial(_convert_apart, setup, cache, chunk)
        early = Early(keys, apart=background.start("Versionssidorna", convert) if chunk else None)
        try:
            yield early
        finally:
            if early.apart is not None:  # not taken: the build stopped, let it finish
                with contextlib.suppress(StyrdokError):
                    early.apart.result()
        return
    global _pages
    gc.freeze()  # the collector leaves what is here alone: fewer pages copied after forking
    _pages = pages  # the workers inherit the Markdown: not sent through the pool's pipes
    running = pool(workers, behind=True)  # MkDocs, on the other core, goes first
    try:
        jobs = [(setup, root / HTML_CACHE, list(part)) for part in chunks(missing, workers)]
        yield Early(keys, running, running.map_async(_convert_job, jobs))
    finally:
        _pages = {}
        running.terminate()
        running.join()
        gc.unfreeze()


def page_keys(fingerprint: str, pages: Mapping[str, str]) -> dict[str, str]:
    """Each version page's key in the cache: a digest of its Markdown and ``fingerprint``
    (the theme, the configuration, this code), or of its content key where ``pages`` has
    one (governance.render.handbook.versions.VersionPages: the same key, the same
    Markdown), which does not need the Markdown read."""
    known: Mapping[str, str] = getattr(pages, "content_keys", {})
    return {
        p: _key(fingerprint, f"\0sidan\0{known[p]}") if p in known else _key(fingerprint, pages[p])
        for p in pages
        if is_version_page(p)
    }


def write(
    config_file: Path, site: Path, root: Path, pages: Mapping[str, str], early: Early | None = None
) -> dict[str, list[Any]]:
    """Put every version page of ``pages`` (docs/ path → Markdown) into ``site``, from the
    cache (where ``early``, ``converting`` of the same pages, put them) where it can,
    converting the rest here; a file already holding the page is left alone. Each page's
    key and file (size, time of change, inode) in ``site``, as kept for the next build."""
    cache = root / HTML_CACHE
    fingerprint = global_fingerprint(config_file.parent) + _code()
    keys = early.keys if early is not None else {}
    wanted = [p for p in pages if is_version_page(p)]
    if keys.keys() != set(wanted):
        keys = page_keys(fingerprint, pages)
    _check(early.take() if early is not None else [])  # a broken link stops every build
    written = _read_written(root / WRITTEN, site)
    there = {p: _there(site, p) for p in wanted}
    in_place = {p for p in wanted if _unchanged(keys[p], written.get(p), there[p])}
    missing = [p for p in wanted if p not in in_place and not (cache / f"{keys[p]}.html").is_file()]
    if missing:
        setup = (config_file, site, root / SHELL_CACHE, fingerprint)
        _check(_convert(setup, cache, [(p, pages[p], keys[p]) for p in missing]))
    now: dict[str, list[Any]] = {}
    for path in wanted:
        if path not in in_place:
            target = site / output_paths(Path(path))[0]
            target.parent.mkdir(parents=True, exist_ok=True)
            link_atomic(cache / f"{keys[path]}.html", target)
            there[path] = _there(site, path)
        now[path] = [keys[path], *(there[path] or [])]
    if now != written:
        cachefile.write(root / WRITTEN, WRITTEN_KEY, {"site": str(site.resolve()), "pages": now})
    if keys and now != written:  # a build without the archive leaves the cache for the next
        _prune(cache, {f"{k}.html" for k in keys.values()})
    return now


def _check(warnings: list[str]) -> None:
    """As MkDocs' strict build: a warning (a broken link) stops the build."""
    if warnings:
        said = "".join(f"\n  {m}" for m in warnings[:20])
        raise ToolError(f"MkDocs kunde inte bygga versionssidorna:{said}")


PARALLEL_FROM = 200  # version pages; below, starting workers costs more than it saves
_shared: _Renderer | None = None
_pages: Mapping[str, str] = {}  # ``converting``'s pages, which its workers inherit


Setup = tuple[Path, Path, Path, str]  # the project's mkdocs.yml, the site, the shell, its key
Job = tuple[Setup, Path, list[tuple[str, str]]]  # and the cache, the pages (with their keys)


def _convert_job(job: Job) -> list[str]:
    """A chunk of ``converting``'s pages, in a worker: its renderer is made by the first
    chunk it gets (not before MkDocs starts in the parent)."""
    global _shared
    setup, cache, pages = job
    if _shared is None:
        _shared = _Renderer(*setup)
    return _convert_chunk([(p, _pages[p], key) for p, key in pages], cache, _shared)


def _convert_chunk(
    pages: Sequence[tuple[str, str, str]], cache: Path, renderer: _Renderer
) -> list[str]:
    """Convert (path, Markdown, key) of each page and cache the HTML by its key; the
    warnings. A page MkDocs warned about is not cached: the next build warns again."""
    start = len(renderer.warnings.messages)
    for path, markdown, key in pages:
        before = len(renderer.warnings.messages)
        html = renderer.page(path, markdown).encode("utf-8", errors="xmlcharrefreplace")
        if len(renderer.warnings.messages) == before:
            _replace(cache / f"{key}.html", html)
    return renderer.warnings.messages[start:]


class Filling:
    """``copy_site``'s second step (called with ``write``'s record), and ``stop``: end the
    copy of the rest of the site if it still runs (the build failed meanwhile)."""

    def __init__(
        self,
        fill: Callable[[Mapping[str, Sequence[Any]]], None],
        copying: background.Job[None] | None,
    ) -> None:
        self.fill, self.copying = fill, copying

    def __call__(self, written: Mapping[str, Sequence[Any]]) -> None:
        if self.copying is not None:
            self.copying.result()
        self.fill(written)

    def stop(self) -> None:
        if self.copying is not None:
            self.copying.abandon()


def copy_site(
    site: Path, target: Path, pages: Iterable[str] = (), early: Early | None = None
) -> Filling:
    """Make ``target`` (to be published) hold the built site (governance.render.handbook.
    output.fill) but the folders of the version pages ``pages`` (every version page: one
    ``index.html`` each, nothing else is written there); the ``Filling`` returned fills
    those, once ``write`` has put the pages into ``site``. So the rest of the site is
    copied while the last version pages are still being converted. The version pages are
    hard links where the file system allows: ``write`` never changes their files in place
    (it replaces them), and MkDocs does not write them, so the published copy stays as it
    is. They are filled page by page: a page whose file is the site's (the same inode) is
    left alone, without listing its folder on either side. When no pool of workers
    converts pages (``early``: a rebuild), the rest of the site is copied in a forked
    child (governance.background) while this process puts the version pages into the
    site (``write``)."""
    folders: dict[str, set[str]] = {}
    for path in pages:
        folder, _, name = path.rpartition("/")
        folders.setdefault(f"{folder}/", set()).add(name[:-3])
    fill = functools.partial(output.fill, site, target, is_version_output, folders.__contains__)
    copying = None
    if early is not None and early.running is None:  # no pool's threads to fork with
        copying = background.start("Kopieringen av handboken", fill)
    else:
        fill()

    def versions(written: Mapping[str, Sequence[Any]]) -> None:
        """``written``: ``write``'s record of the site's files (their inodes: not looked
        up again)."""
        device = os.stat(site).st_dev
        inodes = {p: i for p, w in written.items() if (i := _site_inode(w)) is not None}
        for folder, names in folders.items():
            made = {n: (i, device) for n in names if (i := inodes.get(f"{folder}{n}.md"))}
            _fill_versions(f"{site}/{folder}", f"{target}/{folder}", names, made)

    return Filling(versions, copying)


def _fill_versions(
    site: str, target: str, names: set[str], known: Mapping[str, tuple[int, int]]
) -> None:
    """One document's version pages (``names``: X.Y of each) into the published copy;
    ``known``: the inode and device of the site's file of a page, where known already."""
    try:
        with os.scandir(target) as listing:
            there = {e.name: e for e in listing}
    except FileNotFoundError:  # a new document's: not in the site when copied
        os.makedirs(target)
        there = {}
    for name, entry in there.items():
        if name in names:
            continue
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path)
        else:
            os.unlink(entry.path)
    for name in names:
        source, copy = f"{site}{name}/index.html", f"{target}{name}/index.html"
        if name not in there:  # a new folder: nothing there to compare
            os.mkdir(f"{target}{name}")
            link_atomic(Path(source), Path(copy))
            continue
        try:
            made = known.get(name) or _inode(source)
            found = os.stat(copy)
            if made == (found.st_ino, found.st_dev):
                continue
        except OSError:
            os.makedirs(f"{target}{name}", exist_ok=True)
        link_atomic(Path(source), Path(copy))


def _inode(path: str) -> tuple[int, int]:
    found = os.stat(path)
    return found.st_ino, found.st_dev


def _there(site: Path, path: str) -> list[int] | None:
    """What tells that the site's file of a version page is the one written: its size,
    time of change and inode (None: no such file)."""
    try:
        found = os.stat(f"{site}/{path[:-3]}/index.html")  # X.Y.md → X.Y/
    except OSError:
        return None
    return [found.st_size, found.st_mtime_ns, found.st_ino]


def _site_inode(written: Sequence[Any]) -> int | None:
    """The inode of a page's file in the site, from what ``write`` keeps of it (its key,
    then ``_there``'s size, time of change and inode)."""
    return int(written[3]) if len(written) == 4 else None


def _written_key(written: Any) -> str | None:
    return str(written[0]) if isinstance(written, list) and written else None


def _unchanged(key: str, written: Any, there: list[int] | None) -> bool:
    """Whether the site's file of a page is still the one written with ``key`` (a full
    MkDocs build empties the site: then it is not)."""
    return there is not None and _written_key(written) == key and written[1:] == there


def _read_written(path: Path, site: Path) -> dict[str, Any]:
    data = cachefile.read(path, WRITTEN_KEY)
    if not isinstance(data, dict) or data.get("site") != str(site.resolve()):
        return {}
    pages = data.get("pages")
    return pages if isinstance(pages, dict) else {}


def _key(fingerprint: str, markdown: str) -> str:
    return hashlib.sha256(f"{fingerprint}\0{markdown}".encode()).hexdigest()


@functools.cache
def _code() -> str:
    """This code and the renderer's: what the cached HTML was made with."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(Path(archive_render.__file__).read_bytes())
    return digest.hexdigest()


def _replace(path: Path, data: bytes) -> None:
    """A new file in place of the old (never written in place: see ``linkable``)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)  # a temporary file of its own: workers write at once


def _prune(cache: Path, used: Iterable[str]) -> None:
    """Take away cached pages no version page of this build is: the cache stays the size
    of the archive."""
    keep = set(used)
    with contextlib.suppress(FileNotFoundError), os.scandir(cache) as listing:
        for entry in listing:
            if entry.name.endswith(".html") and entry.name not in keep:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
