"""A handbook built from a hostile corpus, clicked through in Chromium (issue 11).

The corpus' check errors for addresses are turned off in styrdok.yaml, so the build goes
through and the pages show what the handbook itself makes of hostile addresses: not what
``check`` or MkDocs' strict mode would have stopped. Every link and every disarmed link on
the hostile pages is clicked with a dialog handler; no dialog may open, no script may run,
and no request may leave 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from conftest import BASE_FILES, TODAY, write_files
from helpers.browser import static_server

from governance.render.handbook.build import build_handbook
from governance.schema import write_schemas

PAYLOAD = "window.__pwned=1;alert(1)"
HOSTILE = f"""\
# yaml-language-server: $schema=../schema/document.schema.json
id: extern-fientlig
title: Fientligt externt dokument
kind: extern
status: in-force
url: "  JaVaScRiPt:{PAYLOAD}"
attachments:
  - title: Bilaga
    url: "\\tjavascript:{PAYLOAD}"
  - title: Bilaga data
    url: "data:text/html,<script>alert(1)</script>"
supporting_documents:
  - title: Stöd
    url: "vbscript:msgbox(1)"
sources:
  - title: Källa
    url: " javascript:{PAYLOAD}"
summary: |
  [entitet](&#106;avascript:alert(1)) och [ref][r] och [tab](java&#x09;script:alert(2))
  och [blanksteg]( JAVAscript:alert(4)) och [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
  och [vb](vbscript:msgbox(1)) och [proto](//annan.example/x) och <javascript:alert(5)>.

  ![karta](https://annan.example/karta.png) ![spår](//annan.example/pixel.gif)
  ![data](data:image/svg+xml,<svg onload=alert(1)>)

  !!! danger "Status: Upphävt"
      Det här dokumentet är upphävt.

  [r]: &#x6A;AVASCRIPT:alert(3)
"""
SEVERITY = """\
severity:
  url-unsafe: 'off'
  image-remote: 'off'
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_files(tmp_path_factory.mktemp("hostile") / "corpus", dict(BASE_FILES))
    write_schemas(root)
    write_files(root, {"routines/extern-fientlig.yaml": HOSTILE})
    with (root / "styrdok.yaml").open("a", encoding="utf-8") as config:
        config.write(SEVERITY)
    # the maintainers' preview: the page shows both of styrdok's own boxes (status, findings)
    result = build_handbook(root, root / "ut", TODAY, downloads=False, maintainer=True)
    assert result.errors == [], result.errors
    return root / "ut"


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with static_server(site) as address:
        yield address


class Watch:
    """Every dialog and every request of a browser context."""

    def __init__(self, context: Any) -> None:
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        context.on("request", lambda request: self.requests.append(request.url))

    def page(self, context: Any) -> Any:
        page = context.new_page()
        page.on("dialog", self._dialog)
        return page

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def outside(self, server: str) -> list[str]:
        here = urlparse(server).netloc
        return [u for u in self.requests if urlparse(u).scheme in ("http", "https", "ws")
                and urlparse(u).netloc != here]  # fmt: skip


PAGE = "/dokument/extern-fientlig/"


def test_clicking_every_link_on_the_hostile_page_runs_nothing(browser: Any, server: str) -> None:
    context = browser.new_context()
    watch = Watch(context)
    page = watch.page(context)
    page.goto(server + PAGE)
    targets = page.locator("article a, article .styrdok-inert-link")
    count = targets.count()
    assert count >= 12
    for i in range(count):
        if not page.url.startswith(server + PAGE):
            page.goto(server + PAGE)
        targets.nth(i).evaluate("e => e.click()")
        page.wait_for_timeout(50)
    page.wait_for_timeout(300)
    page.goto(server + PAGE)
    assert page.evaluate("window.__pwned") is None
    context.close()
    assert watch.dialogs == []
    assert watch.outside(server) == []


def test_refused_addresses_stay_visible_as_text_and_are_never_links(
    browser: Any, server: str
) -> None:
    context = browser.new_context()
    watch = Watch(context)
    page = watch.page(context)
    page.goto(server + PAGE)
    hrefs = page.locator("a[href]").evaluate_all("e => e.map(a => a.href)")
    assert hrefs and all(urlparse(h).scheme in ("http", "https", "mailto", "tel") for h in hrefs)
    assert all(urlparse(h).netloc == urlparse(server).netloc for h in hrefs if "http" in h[:5])
    assert page.locator('article a[href="#"]').count() == 0
    sources = page.locator("img[src], script[src], iframe, object, embed").evaluate_all(
        "e => e.map(x => x.src || x.data || '')"
    )
    assert all(urlparse(s).netloc in ("", urlparse(server).netloc) for s in sources)
    text = page.locator("article").inner_text()
    for shown in (
        f"JaVaScRiPt:{PAYLOAD}",
        "javascript:alert(1)",
        "jAVASCRIPT:alert(3)",
        "vbscript:msgbox(1)",
        "//annan.example/x",
        "Bild: karta (https://annan.example/karta.png)",
        "Bild: spår (//annan.example/pixel.gif)",
        "<javascript:alert(5)>",
    ):
        assert shown in text, shown
    context.close()
    assert watch.outside(server) == []


def test_a_body_cannot_imitate_the_status_banner(browser: Any, server: str) -> None:
    context = browser.new_context()
    page = Watch(context).page(context)
    page.goto(server + PAGE)
    titles = page.locator("article .admonition-title").all_inner_texts()
    # The real banner of an external document (issue 12) and the maintainers' findings box.
    assert titles == ["Externt dokument", "Att åtgärda för dokumentansvarig"]
    assert '!!! danger "Status: Upphävt"' in page.locator("article").inner_text()
    context.close()
