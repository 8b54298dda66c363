"""The build cache under .styrdok/build/ (issue 13): a new ``styrdok build`` reads again
only the files that changed since the last one, never misses an edit (also one that
keeps the size and the time of modification), and ignores a cache that is damaged,
hostile or from another styrdok."""

from __future__ import annotations

import gzip
import os
import pickle
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, edit

import governance.read
from governance import cachefile, storedreads
from governance.check import check
from governance.load import load_corpus
from governance.read import Read
from governance.render.handbook import search_index, search_records
from governance.render.handbook.sync import MANIFEST, listing, sync

RUTIN = "routines/rutin-a.yaml"
RACY_NS = storedreads.RACY_NS


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files read from disk (not taken from the store), by name; every file counts as
    old enough to be stored (the tests write them a moment before)."""
    found: list[str] = []
    real = governance.read.read_files

    def counted(paths: list[Path], *args: object) -> Iterator[Read]:
        found.extend(p.name for p in paths)
        return real(paths, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(storedreads, "read_files", counted)
    monkeypatch.setattr(storedreads, "RACY_NS", -(10**12))
    return found


def _title(root: Path) -> str:
    return load_corpus(root, stored=True).find_document("rutin-a").title


def test_a_second_load_reads_only_the_changed_file(corpus: Path, reads: list[str]) -> None:
    first = load_corpus(corpus, stored=True)
    assert "rutin-a.yaml" in reads
    reads.clear()
    again = load_corpus(corpus, stored=True)
    assert reads == []
    assert again.documents == first.documents
    edit(corpus, RUTIN, "title: Rutin för", "title: Ny rutin för")
    assert _title(corpus).startswith("Ny rutin för")
    assert reads == ["rutin-a.yaml"]


def test_an_edit_of_the_same_size_and_time_is_seen(corpus: Path, reads: list[str]) -> None:
    path = corpus / RUTIN
    load_corpus(corpus, stored=True)
    before = path.stat()
    text = path.read_text("utf-8")
    path.write_text(text.replace("title: Rutin för", "title: Rutin tör"), "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert _title(corpus).startswith("Rutin tör")


def test_a_file_changed_just_before_the_build_is_compared_by_its_text(
    corpus: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose status changed within a few seconds of its read may change again in
    the same tick of the clock, keeping its stamp: it is taken from the store only when
    its text is the stored one."""
    monkeypatch.setattr(storedreads, "RACY_NS", RACY_NS)
    load_corpus(corpus, stored=True)  # every file was just written
    reads.clear()
    load_corpus(corpus, stored=True)
    assert reads == []  # the same text: not parsed again
    tick = time.time_ns()
    monkeypatch.setattr(storedreads, "stamp", lambda path: (1, 2, 3, 4, tick))
    load_corpus(corpus, stored=True)
    reads.clear()
    edit(corpus, RUTIN, "title: Rutin för", "title: Ny rutin för")  # the same stamp
    assert _title(corpus).startswith("Ny rutin för")
    assert reads == ["rutin-a.yaml"]


@pytest.mark.parametrize("damage", ["garbage", "hostile", "other version"])
def test_a_damaged_or_foreign_cache_is_ignored(
    corpus: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    load_corpus(corpus, stored=True)
    shards = sorted((corpus / storedreads.STORE).glob("*.pickle"))
    assert shards
    marker = corpus / "pwned"
    for shard in shards:
        if damage == "garbage":
            shard.write_bytes(b"\x80\x05not a pickle" + os.urandom(64))
        elif damage == "hostile":
            shard.write_bytes(pickle.dumps(_Hostile(str(marker))))
    if damage == "other version":
        cachefile.code_key.cache_clear()
        monkeypatch.setattr(cachefile, "__version__", "99.0")
    reads.clear()
    try:
        assert _title(corpus).startswith("Rutin för")
    finally:
        cachefile.code_key.cache_clear()
    assert "rutin-a.yaml" in reads
    assert not marker.exists()


class _Hostile:
    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.mkdir, (self.path,))


def _search(root: Path, folder: Path | None, reuse: bool = True) -> dict[str, bytes]:
    corpus = load_corpus(root)
    if folder is None:
        return search_index.bundle(search_records.pages(corpus, TODAY))
    records = search_records.keyed(corpus, TODAY, folder, reuse)
    return search_index.Indexer(folder, reuse=reuse).bundle(records)


def test_the_search_index_from_the_cache_is_the_one_made_anew(corpus: Path, tmp_path: Path) -> None:
    """After each change the index made with the cache of the last build is byte for byte
    the one made without a cache; the cache holds the analyses of the records."""
    folder = tmp_path / "search"
    assert _search(corpus, folder) == _search(corpus, None)
    assert _search(corpus, folder) == _search(corpus, None)  # all from the cache
    assert any((folder / "records").glob("*.pickle"))
    edit(corpus, RUTIN, "title: Rutin för", "title: Ny rutin om hyresskulder för")
    assert _search(corpus, folder) == _search(corpus, None)
    edit(
        corpus,
        "styrdok.yaml",
        "themes:",
        "search:\n  synonyms:\n    - [vräkning, avhysning]\nthemes:",
    )
    assert _search(corpus, folder) == _search(corpus, None)
    (corpus / RUTIN).unlink()
    assert _search(corpus, folder) == _search(corpus, None)
    assert _search(corpus, folder, reuse=False) == _search(corpus, None)


def test_the_project_folder_is_synced_by_its_list_and_by_content(tmp_path: Path) -> None:
    """The generated project is written file by file, only what changed; a file changed
    behind styrdok's back (even to the same size) or a damaged list is still seen."""
    target = tmp_path / "projekt"
    desired: dict[str, bytes | str] = {"docs/a.md": b"A", "docs/x/b.md": "B", "mkdocs.yml": b"c"}
    written: set[Path] = set()
    sync(target, desired, written, set())
    assert written == {Path(name) for name in desired}
    written.clear()
    sync(target, desired, written, set())
    assert written == set()
    (target / "docs/a.md").write_bytes(b"Z")  # same size, not ours
    sync(target, desired, written, set())
    assert written == {Path("docs/a.md")} and (target / "docs/a.md").read_bytes() == b"A"
    (target / MANIFEST).write_bytes(b"trasig")
    written.clear()
    deleted: set[Path] = set()
    sync(target, {"docs/a.md": b"A2", "mkdocs.yml": b"c"}, written, deleted)
    assert written == {Path("docs/a.md")} and deleted == {Path("docs/x/b.md")}
    assert not (target / "docs/x").exists()
    # A text is written as UTF-8; a digest known already is the one compared.
    known = {"docs/a.md": cachefile.digest("Å".encode())}
    written.clear()
    sync(target, {"docs/a.md": "Å", "mkdocs.yml": b"c"}, written, deleted, known)
    assert written == {Path("docs/a.md")} and (target / "docs/a.md").read_text("utf-8") == "Å"
    written.clear()
    sync(target, {"docs/a.md": "Å", "mkdocs.yml": b"c"}, written, deleted, known)
    assert written == set()


def test_sync_takes_a_listing_made_before_on_the_other_core(tmp_path: Path) -> None:
    """A build lists the project's folder on the other core while it makes the project
    (``sync.listing``) and sync compares by that listing: the same files written, and a
    file changed behind styrdok's back before the listing still seen."""
    target = tmp_path / "projekt"
    assert listing(target) == {}  # not there yet: nothing listed
    desired: dict[str, bytes | str] = {"docs/a.md": b"A", "docs/x/b.md": "B", "mkdocs.yml": b"c"}
    written: set[Path] = set()
    sync(target, desired, written, set(), listed=listing(target))
    assert written == {Path(name) for name in desired}
    made = listing(target)
    assert sorted(made) == [MANIFEST, "docs/a.md", "docs/x/b.md", "mkdocs.yml"]
    assert made["docs/a.md"][0][2] == 1  # the stamp: device, inode, size, …
    written.clear()
    sync(target, desired, written, set(), listed=made)
    assert written == set()
    (target / "docs/x/b.md").write_bytes(b"Z")  # same size, not ours
    (target / "docs/y.md").write_bytes(b"y")  # not the project's
    written.clear()
    deleted: set[Path] = set()
    sync(target, desired, written, deleted, listed=listing(target))
    assert written == {Path("docs/x/b.md")} and deleted == {Path("docs/y.md")}
    assert (target / "docs/x/b.md").read_text("utf-8") == "B"
    assert not (target / "docs/y.md").exists()


def test_a_build_lists_the_project_folder_only_on_the_other_core(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The listing is made in the child that makes the listing pages; this process, which
    makes the document pages meanwhile, does not list the folder again."""
    from governance.render.handbook import sync as sync_module
    from governance.render.handbook.build import build_handbook

    out = corpus / "ut"
    assert build_handbook(corpus, out, TODAY, downloads=False).errors == []
    edit(corpus, RUTIN, "Ring växeln", "Ring växeln genast")
    here: list[Path] = []
    real = sync_module.listing

    def counted(target: Path) -> Any:
        here.append(target)
        return real(target)

    monkeypatch.setattr(sync_module, "listing", counted)
    assert build_handbook(corpus, out, TODAY, downloads=False).errors == []
    assert here == []
    assert "Ring växeln genast" in (out / "dokument" / "rutin-a" / "index.html").read_text("utf-8")


def test_the_url_check_keeps_each_files_findings_until_the_file_changes(corpus: Path) -> None:
    """In a corpus that has been built, the URL check's findings of a file are kept with
    its text: the same findings from the cache, new ones when the text changes."""
    (corpus / ".styrdok" / "build").mkdir(parents=True)
    edit(corpus, RUTIN, "Ring växeln", "Se [intranätet](javascript:alert(1)). Ring växeln")
    first = [f for f in check(corpus, TODAY)[1] if f.code == "url-unsafe"]
    assert len(first) == 1 and first[0].line > 0
    assert any((corpus / ".styrdok" / "build" / "urls").glob("*.pickle"))
    assert [f for f in check(corpus, TODAY)[1] if f.code == "url-unsafe"] == first
    edit(corpus, RUTIN, "javascript:alert(1)", "https://intranat.example.se/")
    assert [f for f in check(corpus, TODAY)[1] if f.code == "url-unsafe"] == []


def test_the_reference_check_keeps_each_files_references_until_the_file_changes(
    corpus: Path,
) -> None:
    (corpus / ".styrdok" / "build").mkdir(parents=True)
    edit(corpus, RUTIN, "owner: processledare", "owner: okand-roll")

    def unknown() -> list[str]:
        return [f.message for f in check(corpus, TODAY)[1] if f.code == "unknown-role"]

    first = unknown()
    assert len(first) == 1 and "okand-roll" in first[0]
    assert any((corpus / ".styrdok" / "build" / "references").glob("*.pickle"))
    assert unknown() == first
    memo = cachefile.Shards(corpus / ".styrdok" / "build" / "references", "references")
    digest = memo.get(RUTIN)[0]
    for damaged in ([("owner",)], [(("owner",), ["okand-roll"], ("roles", "", False))]):
        # a memo of plain data in the wrong shape: the file's references are found again
        memo.put(RUTIN, (digest, damaged))
        memo.save()
        assert unknown() == first
        again = cachefile.Shards(corpus / ".styrdok" / "build" / "references", "references")
        assert again.get(RUTIN)[1] != damaged  # found again, and kept in its place
    edit(corpus, RUTIN, "owner: okand-roll", "owner: socialsekreterare")
    assert unknown() == []


def test_a_changed_name_in_styrdok_yaml_changes_the_cached_search_records(
    corpus: Path, tmp_path: Path
) -> None:
    """The records show the names of styrdok.yaml (roles, units): a new name is indexed
    although no document changed."""
    folder = tmp_path / "search"
    _search(corpus, folder)
    edit(corpus, "styrdok.yaml", "name: Processledare", "name: Processägare")
    fresh = _search(corpus, None)
    assert _search(corpus, folder) == fresh
    assert any("Processägare" in gzip.decompress(data).decode() for data in fresh.values())


def test_a_cache_file_that_is_a_link_is_not_read(corpus: Path, reads: list[str]) -> None:
    """A cache file in the corpus that links elsewhere (to an endless device, say) is
    ignored, and replaced by a file of styrdok's own."""
    load_corpus(corpus, stored=True)
    shards = sorted((corpus / storedreads.STORE).glob("*.pickle"))
    for shard in shards:
        shard.unlink()
        shard.symlink_to("/dev/zero")
    reads.clear()
    assert _title(corpus).startswith("Rutin för")
    assert "rutin-a.yaml" in reads
    assert not any(shard.is_symlink() for shard in shards if shard.exists())


def test_a_store_saved_without_pruning_rewrites_only_what_was_put(tmp_path: Path) -> None:
    """A build that asked for a few items only (``save(prune=False)``) writes the files of
    the items it put and leaves every other item as it was."""
    folder = tmp_path / "store"
    full = cachefile.Shards(folder, "test", count=8)
    for n in range(40):
        full.put(f"item-{n}", n)
    full.save()
    before = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.pickle")}
    few = cachefile.Shards(folder, "test", count=8)
    few.put("item-3", "ny")
    few.save(prune=False)
    after = {p.name: p.stat().st_mtime_ns for p in folder.glob("*.pickle")}
    assert len([n for n in after if after[n] != before[n]]) == 1
    again = cachefile.Shards(folder, "test", count=8)
    assert [again.get(f"item-{n}") for n in (2, 3, 39)] == [2, "ny", 39]
