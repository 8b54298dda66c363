"""Where a built handbook may go, and putting it there without losing anything.

MkDocs empties the folder it builds into, so ``styrdok build --out routines`` would delete
every document. Therefore:

* ``check_out`` refuses an output folder that is the corpus root or holds it, one inside
  ``routines/``, ``templates/``, ``site/``, ``schema/`` or ``.git``, a file, and a
  non-empty folder that styrdok did not write (it has no marker file).
* the site is built into ``staging(out)``, a new folder beside ``out``, and ``publish``
  swaps it into ``out`` only when the build succeeded: a failed build leaves the
  published handbook as it was, byte for byte.

* ``publish`` keeps the handbook it replaced in .styrdok/forra-handbok/, and the next
  ``staging`` starts from it, so a build copies only what changed since (``fill``).

``publish(built, out, root)`` is the only way a handbook reaches ``out``; a build made
elsewhere (an incremental build in a folder of its own) is published through it too.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from governance.errors import OutputRefused

MARKER = ".styrdok-handbok"
_MARKER_TEXT = (
    "Den här mappen skrevs av 'styrdok build' och ersätts helt vid nästa bygge.\n"
    "Lägg inga egna filer här.\n"
)
PROTECTED = ("routines", "templates", "site", "schema", ".git")
# A handbook built before the marker existed: MkDocs' files and styrdok's stylesheet.
SPARE = Path(".styrdok") / "forra-handbok"
_EARLIER_BUILD = ("sitemap.xml", "search/search_index.json", "assets/styrdok.css")


def check_out(out: Path, root: Path) -> None:
    """Refuse an output folder that building into would destroy something."""
    target, corpus = out.resolve(), root.resolve()
    if target == corpus or corpus.is_relative_to(target):
        _refuse(out, "är korpusens rotmapp eller en mapp som innehåller korpusen")
    for name in PROTECTED:
        if target.is_relative_to(corpus / name):
            _refuse(out, f"ligger i korpusens mapp {name}/, som bygget skulle skriva över")
    if target.exists() and not target.is_dir():
        _refuse(out, "är en fil, inte en mapp")
    if target.is_dir() and not written_by_us(target) and any(target.iterdir()):
        _refuse(
            out,
            f"innehåller filer som styrdok inte har skrivit (markeringsfilen {MARKER} saknas)",
        )


def written_by_us(folder: Path) -> bool:
    return (folder / MARKER).is_file() or all((folder / p).is_file() for p in _EARLIER_BUILD)


def staging(out: Path, root: Path | None = None) -> Path:
    """A folder of its own beside ``out`` (same file system, so the swap is a rename) to
    build the next handbook in: the handbook ``publish`` replaced last time, when it kept
    it under ``root``'s .styrdok/ (then ``fill`` copies only what changed since); else,
    when ``out`` holds a handbook of ours (the first build after the first), hard links to
    its files (``fill`` replaces a file and never writes into one, so ``out`` stays as it
    is); else a new, empty folder."""
    target = out.resolve()
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    built = Path(tempfile.mkdtemp(prefix=f".{out.name}.bygge-", dir=parent))
    spare = root / SPARE if root is not None else None
    if spare is not None and spare.is_dir() and not spare.is_symlink():
        with contextlib.suppress(OSError):  # onto the empty folder; another file system: empty
            os.replace(spare, built)
            return built
    if target.is_dir() and not out.is_symlink() and (target / MARKER).is_file():
        try:
            _link_tree(str(target), str(built))
        except OSError:  # links not possible here: start from an empty folder
            shutil.rmtree(built, ignore_errors=True)
            built.mkdir()
    return built


def _link_tree(source: str, target: str) -> None:
    """``target`` (empty) given a hard link to each file of ``source``, folder by folder;
    OSError for anything else than folders and files (or links not possible)."""
    with os.scandir(source) as listing:
        for entry in listing:
            path = os.path.join(target, entry.name)
            if entry.is_dir(follow_symlinks=False):
                os.mkdir(path)
                _link_tree(entry.path, path)
            elif entry.is_file(follow_symlinks=False):
                os.link(entry.path, path)
            else:
                raise OSError(f"{entry.path}: varken mapp eller fil")


def fill(
    site: Path,
    built: Path,
    link: Callable[[str], bool] = lambda rel: False,
    apart: Callable[[str], bool] = lambda rel: False,
) -> None:
    """Make ``built`` hold exactly the files of ``site``. A file already there is kept when
    it is the same file (a hard link) or a copy of it (same size and time of change, as
    ``copy2`` keeps them); the others are copied, or hard-linked where ``link`` says a file
    of ``site`` is never changed in place (only replaced), and where the file system can.
    A folder of ``site`` that ``apart`` names (``rel/``) is made in ``built`` but its
    content is left to the caller."""
    built.mkdir(parents=True, exist_ok=True)
    _fill(str(site), str(built), "", link, apart)


def _fill(
    source: str,
    target: str,
    rel: str,
    link: Callable[[str], bool],
    apart: Callable[[str], bool],
) -> None:
    """One folder of ``fill``: one listing of each side (a site has many small folders)."""
    with os.scandir(target) as listing:
        there = {e.name: e for e in listing}
    with os.scandir(source) as listing:
        for entry in listing:
            name, path = entry.name, os.path.join(target, entry.name)
            found = there.pop(name, None)
            if entry.is_dir(follow_symlinks=False):
                if found is not None and not found.is_dir(follow_symlinks=False):
                    os.unlink(path)
                    found = None
                if found is None:
                    os.mkdir(path)
                if not apart(f"{rel}{name}/"):
                    _fill(entry.path, path, f"{rel}{name}/", link, apart)
                continue
            linked = link(rel + name)
            if found is not None and _same(entry.stat(), found, linked):
                continue
            if found is not None:
                _remove(found)
            _put(entry.path, path, linked)
    for gone in there.values():
        _remove(gone)


def _same(source: os.stat_result, found: os.DirEntry[str], linked: bool) -> bool:
    if found.is_dir(follow_symlinks=False) or found.is_symlink():
        return False
    there = found.stat(follow_symlinks=False)
    if (there.st_ino, there.st_dev) == (source.st_ino, source.st_dev):
        return True
    copied = there.st_size == source.st_size and there.st_mtime_ns == source.st_mtime_ns
    return copied and not linked


def _remove(entry: os.DirEntry[str]) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)


def _put(source: str, target: str, linked: bool) -> None:
    if linked:
        try:
            os.link(source, target)
            return
        except OSError:
            pass
    shutil.copy2(source, target)


def publish(built: Path, out: Path, root: Path) -> None:
    """Make ``out`` the folder ``built``: checked again, marked as ours, then swapped in
    with two renames; ``built`` is gone afterwards. An earlier ``out`` is removed only
    after the new one is in place."""
    check_out(out, root)
    (built / MARKER).write_text(_MARKER_TEXT, "utf-8")
    target = out.resolve()
    if not target.exists():
        os.replace(built, target)
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.gammal-", dir=target.parent))
    os.replace(target, old / target.name)
    try:
        os.replace(built, target)
    except OSError:
        os.replace(old / target.name, target)
        raise
    _keep(old / target.name, root / SPARE)
    shutil.rmtree(old, ignore_errors=True)


def _keep(old: Path, spare: Path) -> None:
    """Keep the handbook just replaced as the next build's starting point (``staging``):
    removing and copying a whole site of many small folders costs more than the build."""
    try:
        if spare.is_dir():
            shutil.rmtree(spare)
        spare.parent.mkdir(parents=True, exist_ok=True)
        os.replace(old, spare)
    except OSError:
        pass  # another file system: removed with the rest


def discard(built: Path) -> None:
    shutil.rmtree(built, ignore_errors=True)


def _refuse(out: Path, why: str) -> None:
    raise OutputRefused(
        f"Handboken byggs inte till '{out}': mappen {why}. Inget har skrivits. "
        "Ange en annan mapp med --out, till exempel build/handbok."
    )
