"""Build only what a change touches: MkDocs' dirty build on the generated project, driven
by which of its files styrdok rewrote.

Every page of the handbook is generated Markdown whose text holds everything the page
shows of other documents (titles, status, backlinks, lists by kind, theme, unit and role,
register, review page), so the pages a change touches are exactly the Markdown files whose
text changed, and write_project rewrites only those. The navigation is written into
mkdocs.yml with every title, so a change that shows on every page (a new kind or theme,
a template's title, styrdok.yaml, site/) changes mkdocs.yml or the theme files: then
everything is rebuilt. The search index is static files in docs/sok/
(governance.render.handbook.search_index), rewritten file by file.

When the change leaves the same pages (no page added or deleted, the same day for the
sitemap's dates), the written pages are rendered straight from MkDocs' state
(``render_written``, the steps of governance.render.handbook.warm), without the dirty
build's walk over every file of docs/ and the theme and without the sitemap; anything
MkDocs warns about makes it a dirty build after all, which reports it.

The site is built in .styrdok/site/ (styrdok's own folder, which MkDocs may empty) and
then published to --out through governance.render.handbook.output (from a copy, since
publishing moves the folder). .styrdok/site.json records what the
site in .styrdok/site/ was built from (and on which day); without it, or after a failed
build, the next build is a full one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from governance import background
from governance.render.handbook import warm
from governance.render.handbook.project import Changes, build_site

SITE_CACHE = Path(".styrdok") / "site"
STATE_FILE = Path(".styrdok") / "site.json"
DIRTY_WARNING = "A 'dirty' build is being performed"
SPLIT_FROM = 4  # written pages from which a helper renders half of them


def global_fingerprint(project: Path) -> str:
    """What every page depends on: mkdocs.yml (with the navigation and its titles), the
    theme overrides, the project's hooks (the URL policy), and the versions of the tools
    that render them."""
    digest = hashlib.sha256()
    theme = [*(project / "overrides").rglob("*"), *(project / "hooks").rglob("*")]
    for path in [project / "mkdocs.yml", *sorted(theme)]:
        if path.is_file():
            digest.update(path.relative_to(project).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    for package in ("styrdok", "mkdocs", "mkdocs-material"):
        try:
            digest.update(f"{package}={version(package)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=?\0".encode())
    return digest.hexdigest()


def output_paths(source: Path) -> list[Path]:
    """Where MkDocs (use_directory_urls) puts a file of docs/: a page x.md in x/index.html,
    index.md and README.md in the folder's index.html, everything else as it is."""
    if source.suffix.lower() not in (".md", ".markdown"):
        return [source]
    if source.stem in ("index", "README"):
        return [source.parent / "index.html"]
    return [source.parent / source.stem / "index.html"]


def build(
    config_file: Path,
    root: Path,
    changes: Changes,
    sources: Mapping[str, str] | None = None,
    *,
    clean: bool = False,
    early: Callable[[Changes, str], bool | None] | None = None,
) -> Path:
    """Build the project into root/.styrdok/site, dirty when what every page depends on is
    what the site there was built from; return the site folder. ``early`` renders the
    written pages as ``render_written`` does, or answers None: not done
    (governance.render.handbook.ready)."""
    project = config_file.parent
    site = (root / SITE_CACHE).resolve()  # MkDocs takes a relative one from mkdocs.yml's folder
    state = root / STATE_FILE
    fingerprint = global_fingerprint(project)
    previous = _read_state(state)
    day = _build_date()
    dirty = not clean and site.is_dir() and previous.get("fingerprint") == fingerprint
    state.unlink(missing_ok=True)  # a build that stops half way leaves no state
    if dirty:
        remove_outputs(site, changes.deleted)
        same_pages = previous.get("date") == day and _same_pages(site, changes)
        if not (same_pages and _rendered(config_file, site, changes, fingerprint, early)):
            with _quiet_dirty_warning():
                build_site(config_file, site, sources, dirty=True)
    else:
        build_site(config_file, site, sources)
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text(json.dumps({"fingerprint": fingerprint, "date": day}), "utf-8")
    return site


def _rendered(
    config_file: Path,
    site: Path,
    changes: Changes,
    fingerprint: str,
    early: Callable[[Changes, str], bool | None] | None,
) -> bool:
    done = early(changes, fingerprint) if early is not None else None
    if done is None:
        done = render_written(config_file, site, changes, fingerprint)
    return done


def _build_date() -> str:
    """The day MkDocs dates the pages of its sitemap with."""
    from mkdocs.utils import get_build_date

    return get_build_date()


def _same_pages(site: Path, changes: Changes) -> bool:
    """Whether the project has the pages it had (only their Markdown changed): no page
    deleted, each page written already in the site (other files may come and go)."""
    if any(_page(p) and p not in changes.apart for p in changes.deleted):
        return False
    pages = [Path(*p.parts[1:]) for p in changes.written if _page(p) and p not in changes.apart]
    return all((site / out).is_file() for page in pages for out in output_paths(page))


def _page(path: Path) -> bool:
    """A page of docs/ (in the project's folder)."""
    return path.parts[:1] == ("docs",) and path.suffix.lower() in (".md", ".markdown")


def render_written(
    config_file: Path,
    site: Path,
    changes: Changes,
    fingerprint: str,
    configured: warm.Site | None = None,
    gathered: bool = False,
) -> bool:
    """What MkDocs' dirty build does when only some pages' Markdown and some other files
    of docs/ changed, without its walks over every file: the written pages rendered, the
    other written files copied. The sitemap and the 404 page stay (the same pages, the same
    day, the same navigation and theme). False when the project has plugins of its own, or
    when MkDocs warned or failed: then what was rendered is taken away again, so that the
    dirty build that follows renders it and reports what MkDocs says. ``configured``: the
    project's configuration, read already (governance.render.handbook.ready), and with
    ``gathered`` its files too, brought up to date with ``changes`` (warm.refresh)."""
    written = [Path(*p.parts[1:]) for p in changes.written if p.parts[:1] == ("docs",)]
    state = configured or warm.configure(config_file, site, fingerprint)
    if not (gathered and configured):
        warm.gather_build(state)
    if any(not name.startswith("hooks/") for name in state.config.plugins):
        return False
    warnings = _Warnings()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        warnings.seen = _render(state, written)
    except Exception:  # noqa: BLE001 - the dirty build says what it is
        warnings.seen = True
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)
    if warnings.seen:
        remove_outputs(site, [Path("docs", rel) for rel in written])
    return not warnings.seen


def _render(state: warm.Site, written: list[Path]) -> bool:
    """The written pages rendered (from SPLIT_FROM pages on, half of them in a forked
    helper on the other core, which is idle meanwhile), the other written files copied;
    True when MkDocs warned about a page."""
    pages = []
    for rel in sorted(written):
        file = state.files.get_file_from_path(rel.as_posix())
        if file is None:
            continue  # not part of the site (MkDocs leaves out such files)
        page = state.pages.get(file.src_uri)
        if page is None:
            if file.inclusion.is_included():
                file.copy_file()
            continue
        pages.append(page)
    here, there = _halves(pages) if len(pages) >= SPLIT_FROM else (pages, [])
    helper = background.start("MkDocs", partial(_render_helped, state, there)) if there else None
    try:
        warned = _render_pages(state, here)
    except BaseException:
        if helper is not None:
            helper.abandon()
        raise
    if helper is not None:  # the helper's pages are done too
        helped, compiled = helper.result()
        warned = warned or helped
        state.compiled.update(compiled)
    state.config.plugins.on_post_build(config=state.config)
    return warned


def _render_helped(state: warm.Site, pages: list[Any]) -> tuple[bool, list[str]]:
    """The helper's part: whether MkDocs warned, and the templates it compiled."""
    return _render_pages(state, pages), warm.loaded(state)


def _render_pages(state: warm.Site, pages: list[Any]) -> bool:
    """Render the pages; True when MkDocs warned about one."""
    warnings = _Warnings()
    logging.getLogger("mkdocs").addHandler(warnings)
    try:
        for page in pages:
            warm.render_page(state, page)
            anchors = state.config.validation.links.anchors
            page.validate_anchor_links(files=state.files, log_level=anchors)
    finally:
        logging.getLogger("mkdocs").removeHandler(warnings)
    return warnings.seen


def _halves(pages: list[Any]) -> tuple[list[Any], list[Any]]:
    """The pages in two halves of about the same work: a page costs about as much as
    the theme around it plus its Markdown (a page of 500 kB about as much again)."""
    halves: tuple[list[Any], list[Any]] = ([], [])
    work = [0.0, 0.0]
    for cost, page in sorted(((1 + _size(p) / 500_000, p) for p in pages), key=_first)[::-1]:
        lighter = 0 if work[0] <= work[1] else 1
        halves[lighter].append(page)
        work[lighter] += cost
    return halves


def _first(item: tuple[float, Any]) -> float:
    return item[0]


def _size(page: Any) -> int:
    try:
        return os.path.getsize(page.file.abs_src_path)
    except OSError:
        return 0


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.seen = False

    def emit(self, record: logging.LogRecord) -> None:
        self.seen = True


def _read_state(state: Path) -> dict[str, Any]:
    try:
        data = json.loads(state.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remove_outputs(site: Path, deleted: Iterable[Path]) -> None:
    """Take away what MkDocs made of files that are no longer in docs/ (a dirty build
    leaves them), and the folders that leaves empty."""
    for source in deleted:
        if source.parts[:1] != ("docs",):
            continue
        for rel in output_paths(Path(*source.parts[1:])):
            path = site / rel
            path.unlink(missing_ok=True)
            folder = path.parent
            while folder != site and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent


class _DropDirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


class _quiet_dirty_warning:
    """MkDocs warns that a dirty build may leave stale navigation; with strict, that
    warning would stop the build. Here the navigation is in mkdocs.yml, whose change
    makes a full build, so the warning does not apply."""

    def __enter__(self) -> None:
        self.filter = _DropDirtyWarning()
        logging.getLogger("mkdocs.commands.build").addFilter(self.filter)

    def __exit__(self, *exc: object) -> None:
        logging.getLogger("mkdocs.commands.build").removeFilter(self.filter)
