"""The page for an address the handbook does not have: Swedish, styled and with a working
link to the start page, also when the handbook is published under a subpath (/handbok/),
with or without --site-url. Served as GitHub and GitLab Pages do: 404.html with status 404."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from conftest import TODAY
from helpers.browser import QuietHandler, static_server

from governance.render.handbook.build import build_handbook

PREFIX = "/handbok/"


class Pages(QuietHandler):
    """The site under PREFIX; anything else, or a missing file, gets 404.html."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(PREFIX):
            return str(Path(self.directory) / "finns-inte")
        return super().translate_path("/" + path[len(PREFIX) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="module", params=["utan --site-url", "med --site-url"])
def server(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    from conftest import BASE_FILES, write_files

    from governance.schema import write_schemas

    root = write_files(tmp_path_factory.mktemp("korpus"), dict(BASE_FILES))
    write_schemas(root)
    with static_server(root / "out", Pages) as address:
        site_url = address + PREFIX if request.param == "med --site-url" else None
        result = build_handbook(root, root / "out", TODAY, downloads=False, site_url=site_url)
        assert result.errors == []
        yield address


def test_a_missing_address_under_a_subpath(
    browser: Any, server: str, request: pytest.FixtureRequest
) -> None:
    context = browser.new_context()
    page = context.new_page()
    failed: list[str] = []
    hosts: set[str] = set()
    page.on("request", lambda r: hosts.add(urlparse(r.url).netloc))
    missing = server + PREFIX + "dokument/finns-inte/"
    page.on(
        "response",
        lambda r: failed.append(r.url) if r.status >= 400 and r.url != missing else None,
    )
    response = page.goto(missing)
    assert response is not None and response.status == 404
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").first.inner_text() == "Sidan finns inte"
    assert page.title().startswith("Sidan finns inte – ")
    assert page.locator("html").get_attribute("lang") == "sv"
    # Material's stylesheet applies: the header is coloured and fixed, not plain text.
    header = page.locator("header.md-header")
    assert header.evaluate("e => getComputedStyle(e).position") == "sticky"
    assert header.evaluate("e => getComputedStyle(e).backgroundColor") != "rgba(0, 0, 0, 0)"
    sheets = page.evaluate("[...document.styleSheets].map(s => s.href).filter(Boolean)")
    assert sheets and all(href.startswith(server + PREFIX) for href in sheets), sheets
    if request.node.callspec.params["server"] == "med --site-url":
        assert failed == []  # the links were right from the start
    page.get_by_role("link", name="Till handbokens startsida").click()
    page.wait_for_load_state()
    assert page.url == server + PREFIX
    assert page.locator("h1").first.inner_text() != "Sidan finns inte"
    assert hosts == {urlparse(server).netloc}
    context.close()
