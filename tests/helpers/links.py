"""Helpers for the link tests: a real HTTP server on 127.0.0.1 whose paths answer in every
way a server can (``LinkServer``), checking addresses against it, and a corpus with links
to it."""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from conftest import edit

from governance.config import LinksConfig
from governance.links.probe import check_urls
from governance.links.result import Result

ONE_GB = 1_000_000_000


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 10
    server: LinkServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._answer("HEAD")

    def do_GET(self) -> None:
        self._answer("GET")

    def _answer(self, method: str) -> None:
        path = self.path
        count = self.server.count(method, path)
        route = path.split("?")[0]
        if route.startswith("http://"):  # asked as a proxy: answer for any server
            route = "/" + route.split("/", 3)[3]
        if route.startswith("/endless/"):
            return self._send(302, location=f"/endless/{int(route.rsplit('/', 1)[1]) + 1}")
        handler = getattr(self, "_" + route.strip("/").replace("-", "_"), None)
        if handler is None:
            return self._send(404)
        handler(method, count)

    def _send(
        self,
        status: int,
        body: bytes = b"",
        location: str = "",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    # One method per path: /ok → _ok. ``count`` is how many requests the path has had.
    def _ok(self, method: str, count: int) -> None:
        self._send(200, b"<html><body>ok</body></html>")

    def _moved(self, method: str, count: int) -> None:
        self._send(301, location="/ok")

    def _moved_twice(self, method: str, count: int) -> None:
        self._send(308, location=f"http://127.0.0.1:{self.server.port}/moved")

    def _found(self, method: str, count: int) -> None:
        self._send(302, location="/ok")

    def _temp_then_moved(self, method: str, count: int) -> None:
        self._send(307, location="/moved")

    def _moved_to_missing(self, method: str, count: int) -> None:
        self._send(301, location="/missing")

    def _missing(self, method: str, count: int) -> None:
        self._send(404, b"finns inte")

    def _gone(self, method: str, count: int) -> None:
        self._send(410)

    def _forbidden(self, method: str, count: int) -> None:
        self._send(403)

    def _error(self, method: str, count: int) -> None:
        self._send(500)

    def _retry(self, method: str, count: int) -> None:
        if count == 1:
            self._send(429, headers={"Retry-After": "1"})
        else:
            self._send(200)

    def _always429(self, method: str, count: int) -> None:
        self._send(429, headers={"Retry-After": "3600"})

    def _busy(self, method: str, count: int) -> None:
        self._send(503, headers={"Retry-After": "0"})

    def _nohead(self, method: str, count: int) -> None:
        self._send(405 if method == "HEAD" else 200)

    def _head404(self, method: str, count: int) -> None:
        self._send(404 if method == "HEAD" else 200)

    def _to_mail(self, method: str, count: int) -> None:
        self._send(302, location="mailto:stab@kommun.se")

    def _loop_a(self, method: str, count: int) -> None:
        self._send(302, location="/loop-b")

    def _loop_b(self, method: str, count: int) -> None:
        self._send(302, location="/loop-a")

    def _slow(self, method: str, count: int) -> None:
        self.server.stopping.wait(5)
        self._send(200)

    def _never(self, method: str, count: int) -> None:
        self.server.stopping.wait(60)
        self.close_connection = True

    def _reset(self, method: str, count: int) -> None:
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def _huge(self, method: str, count: int) -> None:
        if method == "HEAD":
            return self._send(405)
        self.send_response(200)
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        block = b"\0" * 65536
        with_limit = 100 * ONE_GB // len(block)
        try:
            for _ in range(with_limit):
                if self.server.stopping.is_set():
                    return
                self.wfile.write(block)
        except OSError:
            return  # the client stopped reading, as it should

    def _then_close(self, method: str, count: int) -> None:
        # Kept alive as far as the client can tell, then closed: as a server does when
        # a connection has been idle for its keep-alive timeout.
        self._send(200)
        self.close_connection = True

    def _huge_head(self, method: str, count: int) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(5 * ONE_GB))
        self.end_headers()
        self.close_connection = True

    def _drip(self, method: str, count: int) -> None:
        if method == "HEAD":
            return self._send(405)
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        try:
            for _ in range(1000):
                if self.server.stopping.wait(0.2):
                    return
                self.wfile.write(b".")
                self.wfile.flush()
        except OSError:
            return
        self.close_connection = True


class LinkServer(ThreadingHTTPServer):
    """A threaded HTTP server on 127.0.0.1 that counts every request."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 256  # the default 5 drops connections when 32 arrive at once

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.port = self.server_address[1]
        self.requests: Counter[tuple[str, str]] = Counter()
        self.times: dict[str, list[float]] = {}
        self.stopping = threading.Event()
        self._lock = threading.Lock()

    def count(self, method: str, path: str) -> int:
        with self._lock:
            self.requests[(method, path)] += 1
            self.times.setdefault(path, []).append(time.monotonic())
            return sum(n for (_, p), n in self.requests.items() if p == path)

    def total(self) -> int:
        with self._lock:
            return sum(self.requests.values())

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


def start_server() -> Iterator[LinkServer]:
    server = LinkServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(5)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


CONFIG = LinksConfig(
    timeout=1.5, budget=30, retries=1, max_body_bytes=1_000_000, per_host=32, concurrency=32
)


def check(urls: list[str], config: LinksConfig = CONFIG) -> dict[str, Result]:
    results: dict[str, Result] = {}

    async def guarded() -> None:
        # The run must end by itself within its budget; this only turns a hang into a failure.
        await asyncio.wait_for(
            check_urls(urls, config, "styrdok-test", results), config.budget + 15
        )

    asyncio.run(guarded())
    return results


R = "routines/rutin-a.yaml"
LINKS_CONFIG = "links:\n  timeout: 2s\n  retries: 0\n"


def add_links(root: Path, server: LinkServer, *, ok: str = "/ok", moved: str = "/moved") -> None:
    """Two supporting documents and a Markdown link, a bare address and a mail link in
    the body of rutin-a."""
    edit(
        root,
        R,
        "themes: [boende]\n",
        "themes: [boende]\nsupporting_documents:\n"
        f"  - title: Socialstyrelsen\n    url: {server.url(ok)}\n"
        f"  - title: Gammal sida\n    url: {server.url(moved)}\n",
    )
    with (root / "styrdok.yaml").open("a", encoding="utf-8") as handle:
        handle.write(LINKS_CONFIG)
