"""Helpers for the Chromium tests, in one place: where the browser is and how it is
started (no sandbox in a container, no background requests that would leave 127.0.0.1),
and the static server on 127.0.0.1 that the built handbook is opened from. The module
fixture ``browser`` (conftest.py) is ``chromium()``."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
BROWSER_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def browser_args() -> list[str]:
    return list(BROWSER_ARGS)


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium through Playwright. Where it is missing the test skips, except
    in CI (CI=true), where a skipped browser test would hide a broken handbook: there it
    fails."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=browser_args())
        try:
            yield browser
        finally:
            browser.close()


class QuietHandler(SimpleHTTPRequestHandler):
    """Files of one folder, without a log line per request."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def static_server(
    folder: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler
) -> Iterator[str]:
    """``folder`` served on 127.0.0.1 (a free port) while the block runs; yields the
    address without a trailing slash."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
