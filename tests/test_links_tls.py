"""HTTPS: a real TLS server on 127.0.0.1 with a self-signed certificate (made with openssl),
checked directly and through a CONNECT proxy from ``https_proxy``."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import need_tool
from helpers.links import CONFIG, LinkServer, check, start_server

from governance.config import LinkHost

TRUST_LOCAL = CONFIG.model_copy(update={"hosts": [LinkHost(match="127.0.0.1", verify_tls=False)]})


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    need_tool("openssl", shutil.which("openssl") is not None, "apt-get install openssl")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1"]
        + ["-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )
    return cert, key


@pytest.fixture(scope="module")
def tls_server(certificate: tuple[Path, Path]) -> Iterator[LinkServer]:
    for server in start_server():
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*certificate)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        yield server


class ConnectProxy:
    """A proxy that only does CONNECT: it opens a tunnel to the test server, whatever
    server was asked for (the names only the proxy's side knows), and copies bytes."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.tunnels: list[str] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._tunnel, args=(client,), daemon=True).start()

    def _tunnel(self, client: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            request += client.recv(4096)
        self.tunnels.append(request.split()[1].decode())
        upstream = socket.create_connection(("127.0.0.1", self.target_port))
        client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
        threading.Thread(target=_pipe, args=(upstream, client), daemon=True).start()
        _pipe(client, upstream)

    def close(self) -> None:
        self.listener.close()


def _pipe(source: socket.socket, target: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            target.sendall(data)
    except OSError:
        pass
    finally:
        source.close()
        target.close()


def test_a_self_signed_certificate_is_a_tls_finding(tls_server: LinkServer) -> None:
    url = f"https://127.0.0.1:{tls_server.port}/ok"
    result = check([url])[url]
    assert result.outcome == "tls"
    assert result.detail.startswith("certifikatet godtas inte (self")


def test_https_works_when_the_host_is_trusted_in_the_settings(tls_server: LinkServer) -> None:
    urls = [f"https://127.0.0.1:{tls_server.port}/{p}" for p in ("ok", "moved", "missing")]
    results = check(urls, TRUST_LOCAL)
    assert [(results[u].outcome, results[u].status) for u in urls] == [
        ("ok", 200),
        ("moved", 200),
        ("broken", 404),
    ]
    assert results[urls[1]].new_url == urls[0]


def test_https_through_a_connect_proxy(
    tls_server: LinkServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy = ConnectProxy(tls_server.port)
    monkeypatch.setenv("https_proxy", f"http://127.0.0.1:{proxy.port}")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    config = CONFIG.model_copy(update={"hosts": [LinkHost(match="*.invalid", verify_tls=False)]})
    url = "https://intranat.styrdok.invalid/ok?proxy"
    try:
        result = check([url], config)[url]
    finally:
        proxy.close()
    assert proxy.tunnels == ["intranat.styrdok.invalid:443"]
    assert (result.outcome, result.status) == ("ok", 200)
    assert tls_server.requests[("HEAD", "/ok?proxy")] == 1
