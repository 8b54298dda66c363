"""Checking addresses against a real HTTP server on 127.0.0.1: every kind of answer and
fault is classified right, within the time budget, and nothing hangs.

``LinkServer`` is shared with the other link tests."""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from governance.config import LinkHost, LinksConfig
from governance.links.probe import check_urls, retry_after
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


@pytest.fixture(scope="module")
def server() -> Iterator[LinkServer]:
    yield from start_server()


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


CONFIG = LinksConfig(
    timeout=1.5, budget=30, retries=1, max_body_bytes=1_000_000, per_host=32, concurrency=32
)

# path → outcome, HTTP status (0: none)
EXPECTED: dict[str, tuple[str, int]] = {
    "/ok": ("ok", 200),
    "/moved": ("moved", 200),
    "/moved-twice": ("moved", 200),
    "/found": ("ok", 200),
    "/temp-then-moved": ("ok", 200),
    "/moved-to-missing": ("broken", 404),
    "/missing": ("broken", 404),
    "/gone": ("broken", 410),
    "/forbidden": ("access", 403),
    "/error": ("server-error", 500),
    "/retry": ("ok", 200),
    "/always429": ("rate-limited", 429),
    "/busy": ("server-error", 503),
    "/nohead": ("ok", 200),
    "/head404": ("ok", 200),
    "/loop-a": ("redirect-loop", 302),
    "/to-mail": ("broken", 302),
    "/endless/0": ("redirect-loop", 0),
    "/slow": ("timeout", 0),
    "/never": ("timeout", 0),
    "/reset": ("connection", 0),
    "/huge": ("too-large", 200),
    "/huge-head": ("too-large", 200),
    "/drip": ("timeout", 0),
}


def check(urls: list[str], config: LinksConfig = CONFIG) -> dict[str, Result]:
    results: dict[str, Result] = {}

    async def guarded() -> None:
        # The run must end by itself within its budget; this only turns a hang into a failure.
        await asyncio.wait_for(
            check_urls(urls, config, "styrdok-test", results), config.budget + 15
        )

    asyncio.run(guarded())
    return results


REFUSED = f"http://127.0.0.1:{closed_port()}/"
NO_SUCH_HOST = "http://styrdok-test.invalid/"


@pytest.fixture(scope="module")
def results(server: LinkServer) -> dict[str, Result]:
    """Every address checked in one run, as styrdok links does."""
    urls = [server.url(path) for path in EXPECTED]
    urls += [REFUSED, NO_SUCH_HOST, f"https://127.0.0.1:{server.port}/ok"]
    return check(urls)


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_each_answer_is_classified(
    server: LinkServer, results: dict[str, Result], path: str
) -> None:
    outcome, status = EXPECTED[path]
    result = results[server.url(path)]
    assert (result.outcome, result.status) == (outcome, status), result
    assert result.checked_at > 0


def test_a_permanent_redirect_reports_the_new_address(
    server: LinkServer, results: dict[str, Result]
) -> None:
    assert results[server.url("/moved")].new_url == server.url("/ok")
    # 308 → 301 → 200: the end of the chain of permanent moves
    assert results[server.url("/moved-twice")].new_url == server.url("/ok")
    # a temporary redirect first: the address itself is still the one to use
    assert results[server.url("/temp-then-moved")].new_url == ""


def test_a_redirect_to_a_missing_page_says_where_it_ended(
    server: LinkServer, results: dict[str, Result]
) -> None:
    detail = results[server.url("/moved-to-missing")].detail
    assert (
        detail
        == f"404 Not Found (sidan finns inte), efter omdirigering till {server.url('/missing')}"
    )


def test_retry_after_is_honoured(server: LinkServer, results: dict[str, Result]) -> None:
    first, second = server.times["/retry"][:2]
    assert second - first >= 0.9
    assert len(server.times["/retry"]) == 2


def test_a_server_refusing_head_is_asked_with_get(
    server: LinkServer, results: dict[str, Result]
) -> None:
    assert server.requests[("HEAD", "/nohead")] == 1
    assert server.requests[("GET", "/nohead")] == 1


def test_busy_server_is_retried_then_reported(
    server: LinkServer, results: dict[str, Result]
) -> None:
    assert server.requests[("HEAD", "/busy")] == 2  # retries: 1
    assert results[server.url("/busy")].detail == (
        "503 Service Unavailable (tjänsten är inte tillgänglig); servern bad om 0 s väntan"
    )


def test_a_long_retry_after_is_not_waited_for(
    server: LinkServer, results: dict[str, Result]
) -> None:
    assert server.requests[("HEAD", "/always429")] == 1
    assert results[server.url("/always429")].detail.endswith("servern bad om 3600 s väntan")


def test_loops_and_endless_redirects(server: LinkServer, results: dict[str, Result]) -> None:
    assert results[server.url("/loop-a")].detail == (
        f"omdirigeringen leder tillbaka till {server.url('/loop-a')}"
    )
    assert results[server.url("/endless/0")].detail == "fler än 10 omdirigeringar i rad"
    assert results[server.url("/to-mail")].detail == (
        "302: omdirigeringen går till 'mailto:stab@kommun.se', som inte är en webbadress"
    )


def test_a_huge_body_is_not_read(server: LinkServer, results: dict[str, Result]) -> None:
    assert results[server.url("/huge-head")].detail == "5.0 GB"
    assert results[server.url("/huge")].detail == ""  # no Content-Length: 1 MB read, then stop


def test_network_failures(server: LinkServer, results: dict[str, Result]) -> None:
    refused, unknown = results[REFUSED], results[NO_SUCH_HOST]
    assert (refused.outcome, refused.detail) == ("connection", "servern tar inte emot anslutningar")
    assert (unknown.outcome, unknown.detail) == (
        "dns",
        "servernamnet styrdok-test.invalid finns inte",
    )
    # TLS to a server that speaks plain HTTP
    assert results[f"https://127.0.0.1:{server.port}/ok"].outcome == "tls"
    assert results[server.url("/reset")].detail == "servern bröt anslutningen"
    assert results[server.url("/never")].detail == "inget svar inom 1.5 s"


def test_the_budget_ends_the_run(server: LinkServer) -> None:
    config = CONFIG.model_copy(update={"budget": 1.0, "timeout": 30.0})
    results = check([server.url("/never?budget"), server.url("/ok?budget")], config)
    assert results[server.url("/ok?budget")].outcome == "ok"
    never = results[server.url("/never?budget")]
    assert (never.outcome, never.detail) == (
        "unchecked",
        "tidsbudgeten på 1 s (links.budget) tog slut",
    )


def test_per_host_settings_apply(server: LinkServer) -> None:
    config = CONFIG.model_copy(
        update={"hosts": [LinkHost(match="127.0.0.*", method="get", timeout=0.5)]}
    )
    results = check([server.url("/ok?host"), server.url("/slow?host")], config)
    assert server.requests[("GET", "/ok?host")] == 1
    assert server.requests[("HEAD", "/ok?host")] == 0
    assert results[server.url("/slow?host")].detail == "inget svar inom 0.5 s"


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("120", 120.0),
        (" 5 ", 5.0),
        ("", None),
        ("soon", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
    ],
)
def test_retry_after_values(value: str, seconds: float | None) -> None:
    assert retry_after(value) == seconds


def test_a_kept_alive_connection_the_server_closed_is_replaced(server: LinkServer) -> None:
    config = CONFIG.model_copy(update={"per_host": 1, "concurrency": 1})
    urls = [server.url("/then-close?stale"), server.url("/ok?stale")]
    results = check(urls, config)
    assert [results[u].outcome for u in urls] == ["ok", "ok"]


def test_a_proxy_from_the_environment_is_used(
    server: LinkServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("http_proxy", f"http://127.0.0.1:{server.port}")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    result = check(["http://styrdok-proxy.invalid/ok"])["http://styrdok-proxy.invalid/ok"]
    assert (result.outcome, result.status) == ("ok", 200)
    assert server.requests[("HEAD", "http://styrdok-proxy.invalid/ok")] == 1
