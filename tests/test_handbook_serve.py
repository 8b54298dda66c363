"""``styrdok serve``: the preview rebuilds when a document is saved."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
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
    server = subprocess.Popen(
        [*command, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        url = f"http://127.0.0.1:{port}/dokument/rutin-bostad-forst/"
        _wait_for(url, ">Göteborgs Stads rutin för Bostad först<", 60)
        routine = tmp_path / "routines" / "rutin-bostad-forst.yaml"
        text = routine.read_text("utf-8").replace(
            "title: Göteborgs Stads rutin för Bostad först", "title: Ny rubrik för Bostad först"
        )
        routine.write_text(text, "utf-8")
        _wait_for(url, ">Ny rubrik för Bostad först<", 60)
    finally:
        server.terminate()
        server.wait(timeout=10)
