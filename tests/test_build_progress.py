"""``styrdok build`` says what it is doing: a bar on a terminal, a line every 15 s in CI,
and a failed PDF is reported and gives exit status 1."""

from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import run
from helpers import styrdok

from governance.cli import main
from governance.progress import StreamStages


def test_lines_in_ci() -> None:
    """Not a bar but a line when the stage starts, one every ``every`` seconds while it
    runs (15 in CI; here 0.05), and one when it ends."""
    stream = io.StringIO()
    stages = StreamStages(stream, bar=False, every=0.05)
    stages.stage("PDF med LibreOffice", 3)
    stages.advance()
    deadline = time.monotonic() + 10
    while "pågår" not in stream.getvalue() and time.monotonic() < deadline:
        time.sleep(0.02)
    stages.advance(3)
    stages.end()
    lines = stream.getvalue().splitlines()
    assert lines[0] == "PDF med LibreOffice (3) …"
    assert lines[1].startswith("PDF med LibreOffice: pågår (1 av 3, ")
    assert lines[-1].startswith("PDF med LibreOffice: klart (3 av 3, ")
    assert "\r" not in stream.getvalue()


def test_a_bar_on_a_terminal() -> None:
    stream = io.StringIO()
    stages = StreamStages(stream, bar=True)
    stages.stage("Word-dokument", 4)
    time.sleep(0.11)
    stages.advance(2)
    stages.end()
    text = re.sub(r"\(\d+ s\)", "(s)", stream.getvalue().replace("\x1b[2K", ""))
    assert "\rWord-dokument [------------------------] 0/4 (s)" in text
    assert text.endswith("\rWord-dokument [############------------] 2/4 (s)\n")


def test_build_shows_its_stages_and_the_pages(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        _build(corpus, tmp_path),
    )
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "Kontrollerar korpusen …"
    assert "Word-dokument (2) …" in lines
    assert any(line.startswith("Word-dokument: klart (2 av 2, ") for line in lines)
    assert any(line.startswith("Sidor med MkDocs (") for line in lines)
    assert not any(line.startswith("PDF") for line in lines)


@pytest.fixture
def broken_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A LibreOffice that crashes on start, as one with a broken profile or missing
    libraries does: it says why on stderr and makes no file."""
    exe = tmp_path / "soffice-trasig"
    exe.write_text(
        "#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 81\n", "utf-8"
    )
    exe.chmod(0o755)
    monkeypatch.setenv("STYRDOK_SOFFICE", str(exe))


def test_a_failed_pdf_is_reported_and_exits_1(
    corpus: Path, tmp_path: Path, broken_libreoffice: None
) -> None:
    out = tmp_path / "ut"
    result = run("build", "--root", str(corpus), "--today", "2026-11-23", "--out", str(out))
    assert result.exit_code == 1
    assert (
        "LibreOffice kunde inte göra PDF av 2 dokument: riktlinje-b, rutin-a; de erbjuds bara "
        "som Word. LibreOffice skrev: Error: source file could not be loaded." in result.output
    )
    assert result.output.endswith("Fel: PDF saknas för 2 dokument (se ovan); exit-status 1.\n")
    assert (out / "index.html").is_file()  # the handbook is there, with Word


def test_missing_libreoffice_fails_only_when_pdf_was_asked_for(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STYRDOK_SOFFICE", str(tmp_path / "finns-inte"))
    args = ["build", "--root", str(corpus), "--today", "2026-11-23", "--out", str(tmp_path / "ut")]
    assert run(*args).exit_code == 0
    asked = run(*args, "--pdf")
    assert asked.exit_code == 1
    assert "LibreOffice saknas" in asked.output
    assert asked.output.endswith("Fel: PDF kunde inte göras (se ovan); exit-status 1.\n")


def test_progress_only_on_standard_error(corpus: Path, tmp_path: Path) -> None:
    result = styrdok(*_build(corpus, tmp_path), timeout=300)
    assert result.returncode == 0
    assert result.stdout.startswith("Handboken finns i ")
    assert "Sidor med MkDocs" in result.stderr


def test_site_url_must_be_an_address(corpus: Path) -> None:
    result = run("build", "--root", str(corpus), "--site-url", "/handbok/")
    assert result.exit_code == 2
    assert result.output.endswith(
        "Fel: Ogiltigt värde för '--site-url': '/handbok/' är ingen fullständig adress: skriv "
        "till exempel https://intranat.example.se/handbok/.\n"
    )


def _build(corpus: Path, tmp_path: Path) -> list[str]:
    """styrdok build of the test corpus into tmp_path/ut, without PDFs."""
    return [
        "build",
        "--root",
        str(corpus),
        "--today",
        "2026-11-23",
        "--out",
        str(tmp_path / "ut"),
        "--no-pdf",
    ]
