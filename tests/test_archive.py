"""The version archive from real git history, and ``styrdok show ID --at DATE``."""

from __future__ import annotations

import gc
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from conftest import run
from helpers import commit_all, copy_example, git
from helpers.history import EVICTION, as_decided_in_2022, second_version

from governance import cachefile
from governance.archive.gitlog import NO_GIT, WALK_KEY
from governance.archive.versions import Version, build_archive, version_at
from governance.load import load_corpus

ID = "rutin-forebygga-avhysning"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The example corpus with the eviction routine at 1.0, in git with one commit."""
    root = copy_example(tmp_path)
    as_decided_in_2022(root / EVICTION)
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Exempelkorpusen", day="2026-11-01")
    return root


def test_each_version_is_found_in_git_with_its_validity(repo: Path) -> None:  # noqa: F811
    first, second = second_version(repo)
    versions = build_archive(load_corpus(repo)).of(ID)
    assert [(v.version, v.commit, v.day) for v in versions] == [
        ("1.0", first, "2026-11-01"),
        ("2.0", second, "2026-11-22"),
    ]
    old, new = versions
    assert old.valid_from == date(2022, 2, 15)
    assert old.valid_until == date(2026, 11, 14)  # the day before 2.0 applies
    assert old.successor == "2.0" and not old.current
    assert new.valid_from == date(2026, 11, 15) and new.valid_until is None and new.current
    assert "Den beskriver roller" in str(old.data["sections"][0]["body"])
    assert "Den beskriver nu roller" in str(new.data["sections"][0]["body"])
    assert version_at(versions, date(2024, 1, 1)) is old
    assert version_at(versions, date(2026, 11, 20)) is new


def test_a_version_renamed_file_keeps_its_history(repo: Path) -> None:  # noqa: F811
    second_version(repo)
    (repo / "routines" / "rutiner").mkdir()
    (repo / EVICTION).rename(repo / "routines" / "rutiner" / f"{ID}.yaml")
    commit_all(repo, "Flytt", day="2026-11-23")
    assert [v.version for v in build_archive(load_corpus(repo)).of(ID)] == ["1.0", "2.0"]


def test_show_at_answers_for_each_version_before_and_after(repo: Path) -> None:  # noqa: F811
    first, second = second_version(repo)
    old = run("show", ID, "--at", "2023-06-01", "--root", str(repo))
    assert old.exit_code == 0, old.output
    assert f"Den 2023-06-01 gällde version 1.0 (commit {first}, 2026-11-01)." in old.output
    assert "Giltighet: 2022-02-15 – 2026-11-14 (ersatt av version 2.0)." in old.output
    new = run("show", ID, "--at", "2026-11-20", "--root", str(repo), "--format", "json")
    data = json.loads(new.output)
    assert data["applies"] and data["version"]["version"] == "2.0"
    assert data["version"]["commit"] == second
    assert data["version"]["decision"]["paragraph"] == "§ 7"
    before = run("show", ID, "--at", "2021-01-01", "--root", str(repo))
    assert (
        "Den 2021-01-01 gällde dokumentet inte än: den första versionen (1.0) gäller från 2022-02-15."
        in before.output
    )
    retired = run(
        "retire",
        ID,
        "--reason",
        "Ersatt av en ny rutin.",
        "--date",
        "2026-11-21",
        "--root",
        str(repo),
        "--today=2026-11-21",
    )
    assert retired.exit_code == 0, retired.output
    commit_all(repo, "Upphävd", day="2026-11-21")
    after = run("show", ID, "--at", "2026-11-25", "--root", str(repo))
    assert (
        "Den 2026-11-25 gällde dokumentet inte längre: det upphävdes 2026-11-21 (Ersatt av en ny rutin)."
        in after.output
    )
    still = run("show", ID, "--at", "2026-11-20", "--root", str(repo))
    assert "gällde version 2.0" in still.output and "2026-11-15 – 2026-11-20" in still.output


def test_a_corpus_without_git_has_only_the_current_version_and_a_note(tmp_path: Path) -> None:
    root = copy_example(tmp_path)
    archive = build_archive(load_corpus(root))
    assert archive.notes == [NO_GIT]
    assert [v.version for v in archive.of(ID)] == ["1.1"]
    now = run("show", ID, "--at", "2025-01-01", "--root", str(root))
    assert "gällde version 1.1 (arbetskopian, inte incheckad)" in now.output
    before = run("show", ID, "--at", "2023-01-01", "--root", str(root))
    assert "Vilken version som gällde den 2023-01-01 går inte att säga" in before.output
    assert NO_GIT in before.output


def test_show_names_an_unknown_document(repo: Path) -> None:  # noqa: F811
    result = run("show", "rutin-forebygga-avhysnin", "--root", str(repo))
    assert result.exit_code == 1
    assert "Det finns inget dokument med id 'rutin-forebygga-avhysnin'" in result.output
    assert "rutin-forebygga-avhysning" in result.output


@pytest.mark.parametrize("day", ["2026-13-01"])
def test_show_refuses_a_bad_date(repo: Path, day: str) -> None:  # noqa: F811
    result = run("show", ID, "--at", day, "--root", str(repo))
    assert result.exit_code == 2 and "är inget datum" in result.output


def test_show_writes_the_version_as_pdf_a(repo: Path, tmp_path: Path, soffice: str) -> None:  # noqa: F811
    import pikepdf
    from pypdf import PdfReader

    second_version(repo)
    out = tmp_path / "pdf"
    out.mkdir()
    result = run("show", ID, "--at", "2023-06-01", "-o", str(out), "--root", str(repo))
    assert result.exit_code == 0, result.output
    path = out / f"{ID}-version-1.0.pdf"
    assert f"Skrev {path}" in result.output
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2B"
        assert str(meta.get("dc:title")).endswith("avhysning – version 1.0")
        assert pdf.Root.MarkInfo.Marked  # tagged
        fonts = [font for page in pdf.pages for font in page.Resources.get("/Font", {}).values()]
        assert fonts and all(
            "/FontFile2" in f.FontDescriptor
            or "/FontFile" in f.FontDescriptor
            or "/FontFile3" in f.FontDescriptor
            for f in (font.get("/DescendantFonts", [font])[0] for font in fonts)
        )
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)
    assert "Den beskriver roller" in text and "Den beskriver nu roller" not in text


def test_the_git_walk_is_cached_and_reads_only_new_commits(repo: Path) -> None:  # noqa: F811
    before = build_archive(load_corpus(repo)).of(ID)  # the walk is cached at this commit
    walk = repo / ".styrdok" / "archive" / "walk.pickle"
    assert [v.version for v in before] == ["1.0"]
    assert cachefile.read(walk, WALK_KEY)["head"] == git(repo, "rev-parse", "HEAD").strip()
    _, second = second_version(repo)
    cached = build_archive(load_corpus(repo)).of(ID)  # reads the one new commit
    assert [(v.version, v.commit) for v in cached][-1] == ("2.0", second)
    data = cachefile.read(walk, WALK_KEY)
    assert data["head"] == git(repo, "rev-parse", "HEAD").strip()
    walk.unlink()
    assert build_archive(load_corpus(repo)).of(ID) == cached  # as the whole history says
    git(repo, "commit", "-q", "--amend", "-m", "Omskriven")  # history rewritten …
    rewritten = git(repo, "rev-parse", "--short=7", "HEAD").strip()
    assert build_archive(load_corpus(repo)).of(ID)[-1].commit == rewritten  # … read again


def test_the_handbook_parses_no_file_of_a_corpus_without_git(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without history a document has only its current version, which has no page of its
    own: the handbook's archive (``pages``) does not parse the corpus' files again."""
    from governance.archive import versions

    root = copy_example(tmp_path)
    corpus = load_corpus(root)
    parsed: list[str] = []
    monkeypatch.setattr(versions, "read_fast", lambda text: parsed.append(text))
    archive = build_archive(corpus, pages=True)
    assert archive.notes == [NO_GIT] and archive.versions == {} and parsed == []


def test_a_working_copy_as_committed_is_not_parsed_again(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from governance.archive import versions

    corpus = load_corpus(repo)
    real = versions.read_fast  # type: ignore[attr-defined]
    parsed: list[str] = []

    def counting(text: str) -> object:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(versions, "read_fast", counting)
    assert [v.version for v in build_archive(corpus).of(ID)] == ["1.0"]
    assert parsed == []  # every file is as committed: its parsed blob is used
    (repo / EVICTION).write_text(
        (repo / EVICTION).read_text("utf-8").replace("Den beskriver", "Den anger"), "utf-8"
    )
    changed = build_archive(load_corpus(repo)).of(ID)
    assert len(parsed) == 1 and "Den anger" in parsed[0]  # only the changed file
    assert "Den anger" in json.dumps(changed[-1].data, ensure_ascii=False, default=str)


def test_a_new_commit_writes_only_the_cache_files_of_its_blobs(repo: Path) -> None:
    """After a small change only the new blobs' file of parsed blobs (and the index) is
    written; the others are left as they are, and all are read back."""
    build_archive(load_corpus(repo))
    folder = repo / ".styrdok" / "archive" / "blobs"
    before = {p.name: p.read_bytes() for p in folder.glob("*.pickle")}
    assert "index.pickle" in before and len(before) > 2
    _, second = second_version(repo)
    assert [v.version for v in build_archive(load_corpus(repo)).of(ID)] == ["1.0", "2.0"]
    after = {p.name: p.read_bytes() for p in folder.glob("*.pickle")}
    rewritten = {n for n in after if before.get(n) != after[n]}
    assert "index.pickle" in rewritten and len(rewritten) <= 2
    assert [v.commit for v in build_archive(load_corpus(repo)).of(ID)][-1] == second


def _fresh(repo: Path) -> list[Version]:
    """The versions as a build without any cache finds them."""
    shutil.rmtree(repo / ".styrdok" / "archive", ignore_errors=True)
    return build_archive(load_corpus(repo)).of(ID)


def test_versions_known_from_the_last_build_are_those_found_again(repo: Path) -> None:
    """The versions kept from the last build (without their data, read when asked) are
    the ones found without any cache, after a commit, an uncommitted edit and a history
    rewrite alike."""
    build_archive(load_corpus(repo))
    second_version(repo)
    for change in ("commit", "edit", "rewrite"):
        if change == "edit":
            text = (repo / EVICTION).read_text("utf-8").replace("Den beskriver", "Den anger")
            (repo / EVICTION).write_text(text, "utf-8")
        if change == "rewrite":
            git(repo, "commit", "-q", "-am", "Omskriven", "--amend")
        build_archive(load_corpus(repo))  # the cache as this state leaves it
        warm = build_archive(load_corpus(repo)).of(ID)
        assert [v.held for v in warm] == [None] * len(warm)  # nothing read yet
        datas = [v.data for v in warm]
        cold = _fresh(repo)
        assert warm == cold and datas == [v.data for v in cold], change


@pytest.mark.parametrize("damage", [b"", b"\x80\x05garbage", b"not a pickle at all"])
def test_a_damaged_blob_cache_is_ignored(repo: Path, damage: bytes) -> None:
    build_archive(load_corpus(repo))
    second_version(repo)
    expected = build_archive(load_corpus(repo)).of(ID)
    data = [v.data for v in expected]
    folder = repo / ".styrdok" / "archive"
    kept = [
        *sorted((folder / "versioner").glob("*.pickle")),
        *sorted((folder / "blobs").glob("*.pickle")),
    ]
    for path in kept:
        path.write_bytes(damage)
        found = build_archive(load_corpus(repo)).of(ID)
        assert found == expected and [v.data for v in found] == data, path.name


def test_the_history_read_on_the_other_core_leaves_nothing_to_parse_here(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``styrdok build`` reads the git history in a child while it loads and checks the
    corpus: once the child is done, the archive parses no committed file itself, and
    finds the versions a build without the child finds."""
    from governance.archive import gitlog
    from governance.archive.versions import read_history_meanwhile

    second_version(repo)
    expected = _fresh(repo)
    shutil.rmtree(repo / ".styrdok" / "archive")
    assert read_history_meanwhile(repo).result() is True
    parsed: list[bytes | None] = []
    monkeypatch.setattr(gitlog, "_parse", lambda blob: parsed.append(blob))
    found = build_archive(load_corpus(repo)).of(ID)
    assert parsed == [] and found == expected
    assert [v.data for v in found] == [v.data for v in expected]


def test_a_history_read_that_failed_on_the_other_core_is_done_here(repo: Path) -> None:
    """Whatever went wrong in the child, the build reads the history itself."""
    from governance import background
    from governance.render.handbook.build import _archived

    second_version(repo)
    expected = _fresh(repo)
    shutil.rmtree(repo / ".styrdok" / "archive")
    failed = background.start("Läsningen av versionshistoriken", lambda: 1 / 0 > 0)
    try:
        assert _archived(load_corpus(repo), failed).of(ID) == expected
    finally:
        gc.unfreeze()  # as the build does when it ends


def test_the_history_read_of_a_corpus_without_git_says_so(tmp_path: Path) -> None:
    from governance.archive.versions import read_history_meanwhile

    assert read_history_meanwhile(copy_example(tmp_path)).result() is False


def test_no_child_reads_a_history_read_before(repo: Path) -> None:
    """After the first build the history is read from the commit it was read at: the few
    commits since cost less here than a child would."""
    from governance.archive.versions import read_history_meanwhile

    build_archive(load_corpus(repo))
    job = read_history_meanwhile(repo)
    assert job.pid == 0 and job.result() is True
