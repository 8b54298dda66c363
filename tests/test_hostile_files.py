"""Hostile files in the corpus: a FIFO, a directory, a dangling symlink, a symlink loop, a
symlink out of the corpus (to a secret, to /dev/zero or /dev/urandom). Each is one finding
through the real command, within seconds, never a traceback, never read or published; the
rest of the corpus is still checked."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import REPO, TODAY, edit, run, write_files
from helpers import styrdok

from governance.check import check_corpus
from governance.errors import UnsafeDocx
from governance.safefile import Unreadable, read_bytes
from governance.safezip import open_docx

SECRET = "id: hemlig\ntitle: Lösenordet är hunter2\n"


def _check(corpus: Path) -> subprocess.CompletedProcess[str]:
    return styrdok("check", "--root", str(corpus), "--today", "2026-11-23")


def test_hostile_files_are_findings_and_the_rest_is_checked(corpus: Path, tmp_path: Path) -> None:
    routines = corpus / "routines"
    os.mkfifo(routines / "fifo.yaml")
    (routines / "mapp.yaml").mkdir()
    (routines / "dinglar.yaml").symlink_to("finns-inte.yaml")
    (routines / "slinga.yaml").symlink_to("slinga.yaml")
    (routines / "noll.yaml").symlink_to("/dev/zero")
    secret = tmp_path / "hemlig.yaml"
    secret.write_text(SECRET, "utf-8")
    (routines / "hemlig.yaml").symlink_to(secret)
    edit(corpus, "routines/rutin-a.yaml", "owner: processledare", "owner: okand")
    proc = _check(corpus)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    lines = [line for line in proc.stdout.splitlines() if "fel [" in line]
    assert lines == [
        "routines/dinglar.yaml:1:1: fel [file-unreadable] Filen finns inte (en symbolisk länk "
        "till något som inte finns).",
        "routines/fifo.yaml:1:1: fel [file-unreadable] Det här är en namngiven rörledning "
        "(FIFO), inte en fil; den läses inte.",
        f"routines/hemlig.yaml:1:1: fel [file-outside-corpus] Det här är en symbolisk länk till "
        f"{secret.resolve()}, utanför korpusen; den läses inte.",
        "routines/mapp.yaml:1:1: fel [file-unreadable] Det här är en mapp, inte en fil; den "
        "läses inte.",
        "routines/noll.yaml:1:1: fel [file-outside-corpus] Det här är en symbolisk länk till "
        "/dev/zero, utanför korpusen; den läses inte.",
        "routines/rutin-a.yaml:15:1: fel [unknown-role] owner: Okänd roll 'okand': den finns "
        "inte under roles i styrdok.yaml.",
        "routines/slinga.yaml:1:1: fel [file-unreadable] Filen är en symbolisk länk som pekar "
        "på sig själv (en slinga).",
    ]
    # The rest of the corpus is still checked (rutin-a's finding is there).
    assert "hunter2" not in proc.stdout
    assert secret.read_text("utf-8") == SECRET


def test_a_link_inside_the_corpus_is_read(corpus: Path) -> None:
    target = corpus / "routines" / "riktlinje" / "riktlinje-b.yaml"
    moved = corpus / "arkiv" / "riktlinje-b.yaml"
    moved.parent.mkdir()
    target.rename(moved)
    target.symlink_to(moved)
    assert check_corpus(corpus, TODAY) == []


def test_build_refuses_a_link_out_of_the_corpus_and_publishes_nothing(
    corpus: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "hemlig.yaml"
    secret.write_text(SECRET, "utf-8")
    (corpus / "routines" / "hemlig.yaml").symlink_to(secret)
    out = tmp_path / "ut"
    result = run("build", "--root", str(corpus), "--out", str(out), "--no-downloads")
    assert result.exit_code == 1
    assert "[file-outside-corpus]" in result.output
    assert not any("hunter2" in p.read_text("utf-8", "replace") for p in out.rglob("*.html"))


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_never_read(tmp_path: Path, device: str) -> None:
    link = tmp_path / "x.yaml"
    link.symlink_to(device)
    with pytest.raises(Unreadable) as caught:
        read_bytes(link, 1000)  # no root: only the kind of file stops it
    assert caught.value.code == "file-unreadable"
    assert caught.value.message == "Det här är en enhetsfil, inte en fil; den läses inte."


def test_the_limit_counts_bytes_read_not_the_size_the_file_claims(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"a" * 2000)
    assert read_bytes(path, 2000) == b"a" * 2000
    with pytest.raises(Unreadable) as caught:
        read_bytes(path, 1999)
    assert caught.value.code == "file-too-large"


def test_a_fifo_form_or_data_file_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "formular.docx"
    os.mkfifo(fifo)
    with pytest.raises(UnsafeDocx) as caught:
        open_docx(fifo)
    assert caught.value.message == (
        f"{fifo}: filen läses inte: det här är en namngiven rörledning (FIFO), inte en fil; "
        "den läses inte."
    )


def test_styrdok_yaml_as_a_fifo_is_a_config_error(corpus: Path) -> None:
    config = corpus / "styrdok.yaml"
    config.unlink()
    os.mkfifo(config)
    result = run("check", "--root", str(corpus))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Fel: {config}: Det här är en namngiven rörledning (FIFO), inte en fil; den läses inte.\n"
    )


def test_a_site_page_linked_out_of_the_corpus_is_refused(corpus: Path, tmp_path: Path) -> None:
    shutil.copytree(REPO / "governance" / "data" / "site", corpus / "site")
    secret = tmp_path / "hemlig.md"
    secret.write_text("hunter2\n", "utf-8")
    (corpus / "site" / "docs" / "hemlig.md").symlink_to(secret)
    out = tmp_path / "ut"
    result = run("build", "--root", str(corpus), "--out", str(out), "--no-downloads")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines()[-1] == (
        f"Fel: {corpus / 'site' / 'docs' / 'hemlig.md'}: Det här är en symbolisk länk till "
        f"{secret.resolve()}, utanför korpusen; den läses inte."
    )
    assert not any("hunter2" in p.read_text("utf-8", "replace") for p in out.rglob("*.html"))


def test_a_layout_that_is_a_fifo_is_invalid_not_missing(corpus: Path) -> None:
    os.mkfifo(corpus / "templates" / "mall-c.docx")
    edit(corpus, "templates/mall-c.yaml", "fields:", "layout: mall-c.docx\nfields:")
    found = [f for f in check_corpus(corpus, TODAY) if f.code.startswith("layout-")]
    assert [(f.code, f.message) for f in found] == [
        (
            "layout-invalid",
            "Layouten 'mall-c.docx': layouten läses inte: det här är en namngiven rörledning "
            "(FIFO), inte en fil; den läses inte.",
        )
    ]


def test_deeply_nested_yaml_is_refused_quickly(corpus: Path, tmp_path: Path) -> None:
    def nested(depth: int) -> str:
        return "id: djup\ntitle: " + "[" * depth + "]" * depth + "\n"

    write_files(corpus, {"routines/djup.yaml": nested(5_000)})  # the corpus limit is 20 kB
    started = time.monotonic()
    found = [f for f in check_corpus(corpus, TODAY) if f.path == "routines/djup.yaml"]
    assert [(f.code, f.line, f.column) for f in found] == [("yaml-syntax", 2, 508)]
    assert found[0].message == (
        "Filen är nästlad i mer än 500 nivåer med [ eller {; så djupt nästlad YAML läses inte."
    )
    data = tmp_path / "d.yaml"
    data.write_text(nested(200_000), "utf-8")
    result = run(
        "fill", "mall-c", "--root", str(corpus), "--data", str(data), "-o", str(tmp_path / "u.docx")
    )
    assert (result.exit_code, result.stderr) == (
        1,
        f"Fel: {data}:2:508: Filen är nästlad i mer än 500 nivåer med [ eller {{; så djupt "
        "nästlad YAML läses inte.\n",
    )
    assert not (tmp_path / "u.docx").exists()
    assert time.monotonic() - started < 10  # libyaml alone took minutes


def test_a_folder_linked_out_of_the_corpus_is_a_finding(corpus: Path, tmp_path: Path) -> None:
    outside = tmp_path / "ute"
    outside.mkdir()
    (outside / "hemlig.yaml").write_text(SECRET, "utf-8")
    (corpus / "routines" / "ext").symlink_to(outside)
    found = check_corpus(corpus, TODAY)
    assert [(f.path, f.code, f.message) for f in found] == [
        (
            "routines/ext",
            "file-outside-corpus",
            f"Det här är en symbolisk länk till {outside.resolve()}, utanför korpusen; den "
            "läses inte.",
        )
    ]


def test_a_relative_root_is_taken_from_the_current_folder(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "annan"
    (other / "routines").mkdir(parents=True)
    (other / "routines" / "x.yaml").write_text("x: 1\n", "utf-8")
    monkeypatch.chdir(other)
    assert read_bytes(Path("routines/x.yaml"), 100, Path(".")) == b"x: 1\n"
    monkeypatch.chdir(corpus)  # the same relative root, another folder
    assert read_bytes(Path("routines/rutin-a.yaml"), 10_000, Path(".")).startswith(b"# yaml")
    with pytest.raises(Unreadable):
        read_bytes(other / "routines" / "x.yaml", 100, Path("."))  # outside this corpus


def test_a_site_page_linked_within_the_corpus_is_scanned_as_build_publishes_it(
    corpus: Path,
) -> None:
    shutil.copytree(REPO / "governance" / "data" / "site", corpus / "site")
    (corpus / "anteckningar.md").write_text("Beslut om 19800101-0019.\n", "utf-8")
    (corpus / "site" / "docs" / "sida.md").symlink_to(corpus / "anteckningar.md")
    found = [f for f in check_corpus(corpus, TODAY) if f.code == "personnummer"]
    assert [f.path for f in found] == ["site/docs/sida.md"]
