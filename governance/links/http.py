"""A small HTTP/1.1 client for checking links: asyncio streams, with h11 for the protocol.

It does only what a link check needs: HEAD or GET, one response at a time per connection,
kept-alive connections per server, HTTPS with the system's certificates, a proxy from
``https_proxy``/``http_proxy``/``no_proxy``, and every failure turned into a ``Failure``
with an outcome and a Swedish explanation. A body is counted, never kept, and no more
than ``max_body`` bytes are read.

Why not httpx: its connection pool looks through every connection for each request, so
with many connections to one server it spends most of its time there, and each request
costs about 1 ms of CPU even without that. Checking 2,000 addresses on one server took
httpx more CPU time than linkinator took in all; this client needs about a fifth of it
(see benchmarks/bench_links.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

import h11

from governance.links.result import Outcome
from governance.links.urls import request_target

READ_CHUNK = 65536
MAX_HEADER_BYTES = 65536
Key = tuple[str, str, int, bool, str]  # scheme, host, port, verify, proxy


class Failure(Exception):
    """A request that got no usable response."""

    def __init__(self, outcome: Outcome, detail: str) -> None:
        super().__init__(detail)
        self.outcome: Outcome = outcome
        self.detail = detail


class _Stale(Exception):
    """A kept-alive connection that the server had closed before we used it again."""


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    reason: str
    headers: dict[str, str]  # lower-case names; the last value of a repeated header
    too_large: bool = False  # the body is larger than max_body (said, or read)
    size: int = -1  # Content-Length, -1 when the server did not say


@dataclass(eq=False)
class _Conn:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    protocol: h11.Connection
    reused: bool = False

    def abort(self) -> None:
        self.writer.transport.abort()


class Client:
    """Connections to many servers, reused while they stay open. ``close`` ends all."""

    def __init__(self, user_agent: str, max_body: int) -> None:
        self.user_agent = user_agent
        self.max_body = max_body
        self._idle: dict[Key, list[_Conn]] = {}
        self._open: set[_Conn] = set()
        self._contexts: dict[bool, ssl.SSLContext] = {}
        self._proxies = urllib.request.getproxies()

    def close(self) -> None:
        for conn in list(self._open):
            conn.abort()
        self._open.clear()
        self._idle.clear()

    async def request(self, method: str, url: str, *, timeout: float, verify: bool) -> Response:
        """One request; the whole of it (connect, TLS, headers, body) within ``timeout``."""
        scheme, host, port, target = request_target(url)
        proxy = self._proxy(scheme, host)
        key: Key = (scheme, host, port, verify, proxy)
        try:
            async with asyncio.timeout(timeout):
                return await self._request(key, method, target)
        except TimeoutError:
            raise Failure("timeout", f"inget svar inom {timeout:g} s") from None
        except ssl.SSLCertVerificationError as exc:
            raise Failure("tls", f"certifikatet godtas inte ({exc.verify_message})") from None
        except ssl.SSLError as exc:
            raise Failure("tls", f"TLS-fel ({exc.reason or exc})") from None
        except socket.gaierror:
            raise Failure("dns", f"servernamnet {host} finns inte") from None
        except ConnectionRefusedError:
            raise Failure("connection", "servern tar inte emot anslutningar") from None
        except (ConnectionError, _Stale):
            raise Failure("connection", "servern bröt anslutningen") from None
        except h11.RemoteProtocolError as exc:
            raise Failure("connection", f"servern svarade inte med giltig HTTP ({exc})") from None
        except OSError as exc:
            raise Failure("connection", exc.strerror or str(exc)) from None

    async def _request(self, key: Key, method: str, target: str) -> Response:
        idle = self._idle.get(key)
        if idle:
            try:
                return await self._exchange(key, idle.pop(), method, target)
            except _Stale:
                pass  # the server closed it meanwhile: once more on a new connection
        conn = await self._connect(key)
        return await self._exchange(key, conn, method, target)

    def _proxy(self, scheme: str, host: str) -> str:
        proxy = self._proxies.get(scheme, "")
        loopback = host in ("localhost", "::1", "[::1]") or host.startswith("127.")
        if not proxy or loopback or urllib.request.proxy_bypass(host):
            return ""
        return proxy

    def _context(self, verify: bool) -> ssl.SSLContext:
        if verify not in self._contexts:
            context = ssl.create_default_context()
            if not verify:
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
            self._contexts[verify] = context
        return self._contexts[verify]

    async def _connect(self, key: Key) -> _Conn:
        scheme, host, port, verify, proxy = key
        context = self._context(verify) if scheme == "https" else None
        bare_host = host.strip("[]")
        if proxy:
            parts = urlsplit(proxy)
            reader, writer = await asyncio.open_connection(parts.hostname, parts.port or 80)
        else:
            reader, writer = await asyncio.open_connection(
                bare_host,
                port,
                ssl=context,
                server_hostname=bare_host if context else None,
                happy_eyeballs_delay=0.25,
            )
        conn = _Conn(reader, writer, _protocol())
        self._open.add(conn)
        if proxy and context is not None:
            await self._tunnel(conn, host, port, context)
        return conn

    async def _tunnel(self, conn: _Conn, host: str, port: int, context: ssl.SSLContext) -> None:
        """CONNECT through the proxy, then TLS to the server inside the tunnel."""
        authority = f"{host}:{port}"
        request = h11.Request(method="CONNECT", target=authority, headers=[("Host", authority)])
        conn.writer.write(conn.protocol.send(request) + conn.protocol.send(h11.EndOfMessage()))
        response = await self._next_response(conn)
        if not 200 <= response.status_code < 300:
            conn.abort()
            raise Failure("connection", f"proxyn vägrade ({response.status_code})")
        await conn.writer.start_tls(context, server_hostname=host.strip("[]"))
        conn.protocol = _protocol()

    async def _next_response(self, conn: _Conn) -> h11.Response:
        while True:
            event = conn.protocol.next_event()
            if event is h11.NEED_DATA:
                conn.protocol.receive_data(await conn.reader.read(READ_CHUNK))
            elif isinstance(event, h11.Response):
                return event
            elif isinstance(event, h11.ConnectionClosed):
                raise ConnectionResetError("closed")

    async def _exchange(self, key: Key, conn: _Conn, method: str, target: str) -> Response:
        scheme, host, port, _, proxy = key
        default = 443 if scheme == "https" else 80
        authority = host if port == default else f"{host}:{port}"
        if proxy and scheme == "http":
            target = f"http://{authority}{target}"
        headers = [
            ("Host", authority),
            ("User-Agent", self.user_agent),
            ("Accept", "*/*"),
            ("Accept-Encoding", "identity"),
        ]
        try:
            data = conn.protocol.send(h11.Request(method=method, target=target, headers=headers))
            conn.writer.write(data + (conn.protocol.send(h11.EndOfMessage()) or b""))
            await conn.writer.drain()
            response = await self._receive(conn, method)
        except BaseException as exc:
            self._drop(conn)
            if conn.reused and isinstance(exc, ConnectionError | h11.RemoteProtocolError):
                raise _Stale() from exc
            raise
        if not response.too_large and _done(conn.protocol):
            conn.protocol.start_next_cycle()
            conn.reused = True
            self._idle.setdefault(key, []).append(conn)
        else:
            self._drop(conn)
        return response

    async def _receive(self, conn: _Conn, method: str) -> Response:
        head = await self._next_response(conn)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in head.headers}
        conn.reused = False  # a response came: a failure from here on is not a stale connection
        status, reason = head.status_code, head.reason.decode("latin-1", "replace")
        size = _length(headers)
        if size > self.max_body:
            return Response(status, reason, headers, too_large=True, size=size)
        if method == "HEAD":
            await self._until_end(conn)
            return Response(status, reason, headers, size=size)
        read = await self._count_body(conn)
        return Response(status, reason, headers, read > self.max_body, size)

    async def _until_end(self, conn: _Conn) -> None:
        while True:
            event = conn.protocol.next_event()
            if event is h11.NEED_DATA:
                conn.protocol.receive_data(await conn.reader.read(READ_CHUNK))
            elif isinstance(event, h11.EndOfMessage | h11.ConnectionClosed):
                return

    async def _count_body(self, conn: _Conn) -> int:
        """Read and count the body, stopping once it passes max_body."""
        read = 0
        while read <= self.max_body:
            event = conn.protocol.next_event()
            if event is h11.NEED_DATA:
                conn.protocol.receive_data(await conn.reader.read(READ_CHUNK))
            elif isinstance(event, h11.Data):
                read += len(event.data)
            elif isinstance(event, h11.EndOfMessage | h11.ConnectionClosed):
                break
        return read

    def _drop(self, conn: _Conn) -> None:
        conn.abort()
        self._open.discard(conn)


def _protocol() -> h11.Connection:
    return h11.Connection(h11.CLIENT, max_incomplete_event_size=MAX_HEADER_BYTES)


def _done(protocol: h11.Connection) -> bool:
    return protocol.our_state is h11.DONE and protocol.their_state is h11.DONE


def _length(headers: dict[str, str]) -> int:
    with contextlib.suppress(ValueError):
        return int(headers.get("content-length", "-1").strip())
    return -1
