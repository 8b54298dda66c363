"""``styrdok serve``: the preview rebuilds when a document is saved, says where it is,
reports a port in use in Swedish, and shows a broken document's errors."""

from __future__ import annotations

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
