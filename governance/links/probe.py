"""Checking many addresses at once: a limit in all and per server, HEAD with GET where a
server refuses HEAD, redirects followed one by one, 429 and 503 answered by waiting, and a
time budget for the whole run after which every address still open is reported.

``check_urls`` never hangs: each request has its own time limit (governance.links.http),
waits are capped by what is left of the budget, and when the budget is spent the
remaining work is cancelled and the connections are cut.
"""

from __future__ import annotations

import asyncio
import email.utils
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin

from governance.config import LinkHost, LinksConfig
from governance.links.http import Client, Failure, Response
from governance.links.result import Result
from governance.links.urls import glob, host_of, web_problem

MAX_REDIRECTS = 10
REDIRECTS = frozenset({301, 302, 303, 307, 308})
PERMANENT = frozenset({301, 308})
RETRY = frozenset({429, 503})
HEAD_REFUSED = frozenset({405, 501})
_REASONS_SV = {
    400: "felaktig begäran",
    401: "inloggning krävs",
    403: "åtkomst nekas",
    404: "sidan finns inte",
    410: "sidan är borttagen",
    429: "för många anrop",
    500: "internt serverfel",
    502: "felaktig gateway",
    503: "tjänsten är inte tillgänglig",
    504: "gatewayen svarade inte i tid",
}

Progress = Callable[[], None]


@dataclass(frozen=True)
class HostRules:
    concurrency: int
    timeout: float
    retries: int
    method: str
    verify: bool


@dataclass
class _Host:
    rules: HostRules
    slots: asyncio.Semaphore
    resume_at: float = 0.0  # monotonic time before which no request is sent (Retry-After)
    head_refused: bool = False


@dataclass
class Checker:
    config: LinksConfig
    user_agent: str
    deadline: float  # monotonic end of the budget
    progress: Progress = lambda: None
    _hosts: dict[str, _Host] = field(default_factory=dict)
    _patterns: list[tuple[re.Pattern[str], LinkHost]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.client = Client(self.user_agent, self.config.max_body_bytes)
        self.slots = asyncio.Semaphore(self.config.concurrency)
        self._patterns = [(glob(h.match.lower()), h) for h in self.config.hosts]

    def rules(self, host: str) -> HostRules:
        found = next((h for p, h in self._patterns if p.match(host)), None)
        cfg = self.config
        return HostRules(
            concurrency=found.concurrency if found and found.concurrency else cfg.per_host,
            timeout=found.timeout if found and found.timeout else cfg.timeout,
            retries=found.retries if found and found.retries is not None else cfg.retries,
            method=found.method if found and found.method else "head",
            verify=found.verify_tls if found else True,
        )

    def _host(self, url: str) -> _Host:
        name = host_of(url)
        if name not in self._hosts:
            rules = self.rules(name)
            self._hosts[name] = _Host(rules, asyncio.Semaphore(rules.concurrency))
        return self._hosts[name]

    async def check(self, url: str) -> Result:
        """Follow the address to its end and judge it."""
        try:
            result = await self._follow(url)
        except Failure as exc:
            result = Result(exc.outcome, detail=exc.detail)
        self.progress()
        return Result(result.outcome, result.status, result.detail, result.new_url, time.time())

    async def _follow(self, url: str) -> Result:
        current, seen, moved = url, {url}, ""
        permanent = True  # every redirect so far was permanent
        for _ in range(MAX_REDIRECTS + 1):
            response = await self._fetch(current)
            location = response.headers.get("location", "").strip()
            if response.status not in REDIRECTS or not location:
                return judge(response, moved, current if current != url else "")
            target = urldefrag(urljoin(current, location))[0]
            if web_problem(target):
                detail = f"{response.status}: omdirigeringen går till '{target}', som inte är en webbadress"
                return Result("broken", response.status, detail)
            permanent = permanent and response.status in PERMANENT
            moved = target if permanent else moved
            if target in seen:
                return Result(
                    "redirect-loop", response.status, f"omdirigeringen leder tillbaka till {target}"
                )
            seen.add(target)
            current = target
        return Result("redirect-loop", 0, f"fler än {MAX_REDIRECTS} omdirigeringar i rad")

    async def _fetch(self, url: str) -> Response:
        """One address: HEAD (or GET), then GET if HEAD is refused; 429 and 503 retried."""
        host = self._host(url)
        use_get = host.rules.method == "get" or host.head_refused
        attempt = 0
        while True:
            response = await self._send(host, "GET" if use_get else "HEAD", url)
            if not use_get and response.status >= 400 and response.status not in RETRY:
                host.head_refused = host.head_refused or response.status in HEAD_REFUSED
                response = await self._send(host, "GET", url)
            if response.status not in RETRY or attempt >= host.rules.retries:
                return response
            wait = self._wait(response, attempt)
            if wait is None:
                return response
            host.resume_at = max(host.resume_at, time.monotonic() + wait)
            attempt += 1

    def _wait(self, response: Response, attempt: int) -> float | None:
        """Seconds to wait before trying again, or None when that is longer than allowed."""
        asked = retry_after(response.headers.get("retry-after", ""))
        wait = asked if asked is not None else float(2**attempt)
        left = self.deadline - time.monotonic() - 1.0
        if wait > self.config.max_retry_wait or wait > left:
            return None
        return wait

    async def _send(self, host: _Host, method: str, url: str) -> Response:
        async with host.slots:
            delay = host.resume_at - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            async with self.slots:
                return await self.client.request(
                    method, url, timeout=host.rules.timeout, verify=host.rules.verify
                )


def judge(response: Response, moved: str, final: str) -> Result:
    """The outcome of the response an address ends at."""
    status = response.status
    said = f"{status} {response.reason}".strip()
    sv = _REASONS_SV.get(status)
    detail = f"{said} ({sv})" if sv else said
    if final and not 200 <= status < 300:
        detail += f", efter omdirigering till {final}"
    if 200 <= status < 300:
        if response.too_large:
            return Result("too-large", status, _size(response.size), moved)
        return Result("moved" if moved else "ok", status, "", moved)
    if status in (401, 403, 407):
        return Result("access", status, detail)
    if status in RETRY and response.headers.get("retry-after"):
        detail += f"; servern bad om {response.headers['retry-after'].strip()} s väntan"
    if status == 429:
        return Result("rate-limited", status, detail)
    if 500 <= status < 600:
        return Result("server-error", status, detail)
    return Result("broken", status, detail)


def _size(size: int) -> str:
    if size < 0:
        return ""
    if size >= 1_000_000_000:
        return f"{size / 1_000_000_000:.1f} GB"
    return f"{size / 1_000_000:.0f} MB"


_DIGITS = re.compile(r"^\s*(\d+)\s*$")


def retry_after(value: str) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    match = _DIGITS.match(value)
    if match:
        return float(match[1])
    if not value.strip():
        return None
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


async def check_urls(
    urls: list[str],
    config: LinksConfig,
    user_agent: str,
    results: dict[str, Result],
    progress: Progress = lambda: None,
) -> None:
    """Check every address once within the budget, filling ``results`` as each is done
    (an interrupted run keeps what it got); those not done get ``unchecked``."""
    if not urls:
        return
    checker = Checker(config, user_agent, time.monotonic() + config.budget, progress)

    async def one(url: str) -> None:
        results[url] = await checker.check(url)

    tasks = {asyncio.ensure_future(one(url)): url for url in urls}
    try:
        _, pending = await asyncio.wait(tasks, timeout=config.budget)
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.wait(pending, timeout=5)
    finally:
        checker.client.close()
    now = time.time()
    spent = f"tidsbudgeten på {config.budget:g} s (links.budget) tog slut"
    for task, url in tasks.items():
        if url in results:
            continue
        failed = task.done() and not task.cancelled() and task.exception() is not None
        detail = f"oväntat fel i styrdok: {task.exception()!r}" if failed else spent
        results[url] = Result("unchecked", detail=detail, checked_at=now)
