"""Where a built handbook may go, and putting it there without losing anything.

MkDocs empties the folder it builds into, so ``styrdok build --out routines`` would delete
every document. Therefore:

* ``check_out`` refuses an output folder that is the corpus root or holds it, one inside
  ``routines/``, ``templates/``, ``site/``, ``schema/`` or ``.git``, a file, and a
  non-empty folder that styrdok did not write (it has no marker file).
* the site is built into ``staging(out)``, a new folder beside ``out``, and ``publish``
  swaps it into ``out`` only when the build succeeded: a failed build leaves the
  published handbook as it was, byte for byte.

``publish(built, out, root)`` is the only way a handbook reaches ``out``; a build made
elsewhere (an incremental build in a folder of its own) is published through it too.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

from governance.errors import OutputRefused

MARKER = ".styrdok-handbok"
_MARKER_TEXT = (
    "Den här mappen skrevs av 'styrdok build' och ersätts helt vid nästa bygge.\n"
    "Lägg inga egna filer här.\n"
)
PROTECTED = ("routines", "templates", "site", "schema", ".git")
# A handbook built before the marker existed: MkDocs' files and styrdok's stylesheet.
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


def staging(out: Path) -> Path:
    """A new, empty folder beside ``out`` (same file system, so the swap is a rename)."""
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{out.name}.bygge-", dir=parent))


def fill(built: Path, site: Path, out: Path) -> None:
    """Copy the site in ``site`` into ``built``; a file the handbook in ``out`` already has,
    copied by the previous build with the same size and modification time, is linked from
    there instead of copied (the old ``out`` is removed once ``built`` replaces it, and
    neither is written to again)."""
    earlier = out.resolve() if out.is_dir() and written_by_us(out) else None

    def copy(source: str, target: str) -> object:
        if earlier is not None:
            old = earlier / Path(target).relative_to(built)
            try:
                there, here = os.lstat(old), os.stat(source)
                same = (there.st_size, there.st_mtime_ns) == (here.st_size, here.st_mtime_ns)
                if same and stat.S_ISREG(there.st_mode):
                    os.link(old, target)
                    return target
            except OSError:
                pass
        return shutil.copy2(source, target)

    shutil.copytree(site, built, dirs_exist_ok=True, copy_function=copy)


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
    shutil.rmtree(old, ignore_errors=True)


def discard(built: Path) -> None:
    shutil.rmtree(built, ignore_errors=True)


def _refuse(out: Path, why: str) -> None:
    raise OutputRefused(
        f"Handboken byggs inte till '{out}': mappen {why}. Inget har skrivits. "
        "Ange en annan mapp med --out, till exempel build/handbok."
    )
