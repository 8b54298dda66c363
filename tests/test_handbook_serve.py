"""``styrdok serve``: the preview rebuilds when a document is saved, says where it is,
reports a port in use in Swedish, and shows a broken document's errors."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import REPO


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return str(response.read().decode("utf-8"))


def _wait_for(url: str, text: str, seconds: float) -> str:
    deadline, page = time.monotonic() + seconds, ""
    while time.monotonic() < deadline:
        try:
            page = _get(url)
            if text in page:
                return page
        except urllib.error.HTTPError as exc:
            page = exc.read().decode("utf-8")
            if text in page:
                return page
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{text!r} not served at {url} within {seconds} s")


def test_serve_rebuilds_when_a_document_is_saved(tmp_path: Path) -> None:
    for name in ("styrdok.yaml", "routines", "templates", "schema"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "governance",
        "serve",
        "--root",
        str(tmp_path),
        "--today",
        "2026-11-23",
    ]
    log = tmp_path / "serve.log"
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            [*command, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=stderr
        )
    try:
        url = f"http://127.0.0.1:{port}/dokument/rutin-bostad-forst/"
        _wait_for(url, ">Göteborgs Stads rutin för Bostad först<", 60)
        assert log.read_text("utf-8").startswith(
            f"Förhandsgranskar handboken på http://127.0.0.1:{port}/ (Ctrl+C avslutar)."
        )
        routine = tmp_path / "routines" / "rutin-bostad-forst.yaml"
        text = routine.read_text("utf-8").replace(
            "title: Göteborgs Stads rutin för Bostad först", "title: Ny rubrik för Bostad först"
        )
        routine.write_text(text, "utf-8")
        _wait_for(url, ">Ny rubrik för Bostad först<", 60)

        # A save that breaks the document: its page is gone, the errors are shown instead.
        routine.write_text(text.replace("status: in-force", "status: [in-force"), "utf-8")
        page = _wait_for(url, "Korpusen har fel som måste rättas", 60)
        assert "<h1>Sidan finns inte</h1>" in page
        assert "routines/rutin-bostad-forst.yaml:" in page
        start = _wait_for(f"http://127.0.0.1:{port}/", "Korpusen har fel som måste rättas", 30)
        assert "routines/rutin-bostad-forst.yaml:" in start  # on every page, too
        said = log.read_text("utf-8")
        assert "Korpusen har fel; sidorna för dokumenten visas inte förrän de rättats:" in said
        assert "routines/rutin-bostad-forst.yaml:" in said and ": fel [" in said
        routine.write_text(text, "utf-8")
        page = _wait_for(url, ">Ny rubrik för Bostad först<", 60)
        assert "Korpusen har fel" not in page
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert "Traceback" not in log.read_text("utf-8")


def test_a_port_in_use_is_a_swedish_error(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "governance", "serve", "--root", str(REPO), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr == (
        f"Fel: Porten {port} används redan av ett annat program (kanske en annan 'styrdok "
        f"serve'). Välj en annan port med --port {port + 1}, eller avsluta det andra programmet.\n"
    )


def _site_files(tmp: Path) -> dict[str, bytes]:
    """The site a running serve built, read from its folder under ``tmp`` (its TMPDIR)."""
    sites = list(tmp.glob("styrdok-serve-*/site"))
    assert len(sites) == 1, sites
    return {
        p.relative_to(sites[0]).as_posix(): p.read_bytes()
        for p in sites[0].rglob("*")
        if p.is_file()
    }


def _serve(root: Path, tmp: Path, port: int, log: Path) -> subprocess.Popen[bytes]:
    tmp.mkdir()
    command = [sys.executable, "-m", "governance", "serve", "--root", str(root)]
    with log.open("wb") as stderr:
        return subprocess.Popen(
            [*command, "--today", "2026-11-23", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env=os.environ | {"TMPDIR": str(tmp)},
        )


def test_a_save_shows_on_its_page_then_on_every_page_that_shows_it(tmp_path: Path) -> None:
    """The saved document's page first; then its kind's list, the register and a document
    that links to it; in the end the preview is the one a fresh serve makes, search index
    included."""
    root = tmp_path / "corpus"
    root.mkdir()
    for name in ("styrdok.yaml", "routines", "templates", "schema"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    port, fresh_port = _free_port(), _free_port()
    saved = _serve(root, tmp_path / "first", port, tmp_path / "first.log")
    fresh = None
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for(base + "dokument/rutin-bostad-forst/", ">Göteborgs Stads rutin för", 60)
        routine = root / "routines" / "rutin-bostad-forst.yaml"
        routine.write_text(
            routine.read_text("utf-8").replace(
                "title: Göteborgs Stads rutin för Bostad först", "title: Sparad rubrik Bostad först"
            ),
            "utf-8",
        )
        _wait_for(
            base + "dokument/rutin-bostad-forst/",
            'id="sparad-rubrik-bostad-forst">Sparad rubrik Bostad först',
            60,
        )
        for page in ("sorter/rutin/", "register/", "dokument/stod-bostad-forst-implementering/"):
            _wait_for(base + page, "Sparad rubrik Bostad först", 60)
        fresh = _serve(root, tmp_path / "fresh", fresh_port, tmp_path / "fresh.log")
        _wait_for(f"http://127.0.0.1:{fresh_port}/", "<h1", 60)
        deadline, differ = time.monotonic() + 90, ["?"]
        while differ and time.monotonic() < deadline:
            first, second = _site_files(tmp_path / "first"), _site_files(tmp_path / "fresh")
            differ = sorted(
                n for n in first.keys() | second.keys() if first.get(n) != second.get(n)
            )
            time.sleep(1)
        assert not differ, f"the saved preview differs from a fresh one in {differ[:10]}"
    finally:
        for server in (saved, fresh):
            if server is not None:
                server.terminate()
                server.wait(timeout=10)
    assert "Traceback" not in (tmp_path / "first.log").read_text("utf-8")
