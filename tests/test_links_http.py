"""Checking addresses against a real HTTP server on 127.0.0.1 (helpers.links): every kind
of answer and fault is classified right, within the time budget, and nothing hangs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers.links import CONFIG, LinkServer, check, closed_port, start_server

from governance.config import LinkHost
from governance.links.probe import retry_after
from governance.links.result import Result


@pytest.fixture(scope="module")
def server() -> Iterator[LinkServer]:
    yield from start_server()


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
