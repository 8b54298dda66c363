"""Helpers for the Chromium tests: where the browser is and how it is started (no
sandbox in a container, no background requests that would leave 127.0.0.1)."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"


def browser_args() -> list[str]:
    return [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
