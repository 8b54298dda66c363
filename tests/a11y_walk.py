"""Walk every built page of a handbook in Chromium: axe-core (WCAG 2.1 A/AA and best
practice) and reflow (nothing wider than the window) at one window width.

Shared by tests/test_handbook_a11y.py and scripts/a11y (which records the results the
accessibility statement is generated from)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from helpers.browser import static_server

WIDTHS = (1280, 375, 320)
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# The widest elements, for the message when a page scrolls sideways.
_REFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 1 || box.left < -1) {
      if (getComputedStyle(el).position === 'fixed') continue;
      let inside = false;  // inside a scroll region: the region itself is what counts
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const o = getComputedStyle(p).overflowX;
        if (o === 'auto' || o === 'scroll' || o === 'hidden') { inside = true; break; }
      }
      if (!inside) wide.push((el.tagName + '.' + el.className).slice(0, 60));
    }
  }
  const scroller = document.scrollingElement;
  return {scroll: scroller.scrollWidth, width: window.innerWidth, wide: wide.slice(0, 3)};
}"""


def axe_source() -> str:
    spec = find_spec("axe_playwright_python")
    assert spec is not None and spec.origin is not None
    return (Path(spec.origin).parent / "axe.min.js").read_text("utf-8")


def pages_of(site: Path) -> list[str]:
    """Every built HTML page, as a path under the site root ('/' for the start page)."""
    paths = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        if rel.startswith(("assets/", "nedladdning/")):
            continue
        paths.append("/" + rel.removesuffix("index.html"))
    return paths


@dataclass
class WidthResult:
    width: int
    pages: int = 0
    axe: dict[str, list[str]] = field(default_factory=dict)  # rule id → pages
    reflow: dict[str, str] = field(default_factory=dict)  # page → what is too wide
    details: list[str] = field(default_factory=list)

    def axe_pages(self) -> set[str]:
        return {p for pages in self.axe.values() for p in pages}


def serve(site: Path) -> AbstractContextManager[str]:
    """The built site on 127.0.0.1 (helpers.browser.static_server)."""
    return static_server(site)


def walk(browser: Any, server: str, paths: list[str], width: int) -> WidthResult:
    """axe and reflow on every page at one width, in one browser context."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    context.add_init_script(axe_source())
    page = context.new_page()
    result = WidthResult(width)
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    try:
        for path in paths:
            page.goto(server + path)
            found = page.evaluate("o => axe.run(document, o)", options)
            result.pages += 1
            for violation in found["violations"]:
                result.axe.setdefault(violation["id"], []).append(path)
                target = violation["nodes"][0]["target"]
                result.details.append(f"{width}px {path}: {violation['id']} {target}")
            reflow = page.evaluate(_REFLOW_JS)
            if reflow["scroll"] > reflow["width"]:
                result.reflow[path] = f"{reflow['scroll']} px: {', '.join(reflow['wide'])}"
                result.details.append(f"{width}px {path}: scrolls sideways {result.reflow[path]}")
    finally:
        context.close()
    return result
