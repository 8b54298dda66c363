"""Every page of the example handbook on a desktop, a phone and a 320 px window, by keyboard
and on paper: axe-core (WCAG 2.1 A/AA and best practice), reflow, visible focus, print.

Chromium is Debian's (/usr/bin/chromium); missing, the tests skip, except in CI (CI=true),
where a missing browser is a failure."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from a11y_walk import (
    WIDTHS,
    WidthResult,
    pages_of,
    serve,
    walk,
)
from conftest import REPO, write_files
from pypdf import PdfReader

from governance.render.handbook.build import build_handbook
from governance.render.handbook.statement import RECORD, read_record, shortcomings_of

TODAY = date(2026, 11, 23)
# A document whose own text holds a table wider than a phone.
WIDE_TABLE = """\
id: zz-bred-tabell
title: Kunskapsstöd med bred tabell
kind: stoddokument
status: in-force
sections:
  - title: Kontaktvägar
    body: |
      | Förvaltning | Funktion | Telefontider | Funktionsbrevlåda | Anmärkningar |
      |---|---|---|---|---|
      | Socialförvaltningen Nordost | Boendesekreterare | Vardagar 08.30–10.00 | boendesekreterare.nordost@example.invalid | Hänvisning till mottagningsgruppen |
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for name in ("styrdok.yaml", "routines", "templates", "schema", "site"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy(source, root / name)
    write_files(root, {"routines/zz-bred-tabell.yaml": WIDE_TABLE})
    result = build_handbook(root, root / "out", TODAY, pdf=False)
    assert result.errors == []
    return root / "out"


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serve(site) as address:
        yield address


@pytest.fixture(scope="module")
def walked(browser: Any, server: str, site: Path) -> dict[int, WidthResult]:
    """axe and reflow on every built page (found in the output, not listed by hand)."""
    paths = pages_of(site)
    assert "/register/" in paths and "/dokument/rutin-forebygga-avhysning/" in paths
    assert len(paths) >= 100
    return {width: walk(browser, server, paths, width) for width in WIDTHS}


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_passes_axe(walked: dict[int, WidthResult], width: int) -> None:
    result = walked[width]
    assert result.pages >= 100
    assert result.axe == {}, "\n".join(d for d in result.details if "scrolls" not in d)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(walked: dict[int, WidthResult], width: int) -> None:
    assert walked[width].reflow == {}


def test_accessibility_statement_says_what_the_tests_measured(
    walked: dict[int, WidthResult], site: Path
) -> None:
    """The committed record (scripts/a11y writes it) lists what axe and reflow find now,
    and the statement page shows its date and shortcomings."""
    record = read_record(REPO / "site")
    assert record is not None, f"site/{RECORD} saknas: kör scripts/a11y"
    measured = shortcomings_of(walked.values())
    assert record["automated"] == measured, f"site/{RECORD} är inaktuell: kör scripts/a11y"
    page = (site / "tillganglighet" / "index.html").read_text("utf-8")
    assert f"Senaste bedömningen gjordes den {record['checked']}" in page
    assert "WCAG 2.1" in page and "Myndigheten för digital förvaltning" in page
    if not measured and not record["manual"]:
        assert "helt förenlig" in page and "Vi känner inte till några brister" in page


def _shows_focus(page: Any) -> tuple[str, bool, bool]:
    """The focused element's name, whether it is visible, and whether focusing it changes
    what is drawn (a screenshot with and without focus)."""
    info = page.evaluate(
        """() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        el.scrollIntoView({block: 'center', inline: 'nearest'});
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        return {name: (el.tagName + ' ' + (el.getAttribute('aria-label') || el.textContent ||
                       el.id || '')).trim().slice(0, 50),
                x: r.left, y: r.top, w: r.width, h: r.height,
                visible: r.width > 0 && r.height > 0 && s.visibility !== 'hidden' &&
                         Number(s.opacity) > 0 && r.right > 0 && r.bottom > 0 &&
                         r.left < innerWidth && r.top < innerHeight}
    }"""
    )
    if info is None:
        return ("body", False, False)
    if not info["visible"]:
        return (info["name"], False, False)
    margin = 6
    clip = {
        "x": max(info["x"] - margin, 0),
        "y": max(info["y"] - margin, 0),
        "width": info["w"] + 2 * margin,
        "height": info["h"] + 2 * margin,
    }
    focused = page.screenshot(clip=clip)
    page.evaluate("() => { window.__styrdokFocus = document.activeElement; "
                  "document.activeElement.blur() }")  # fmt: skip
    blurred = page.screenshot(clip=clip)
    page.evaluate("() => window.__styrdokFocus.focus()")
    return (info["name"], True, focused != blurred)


@pytest.mark.parametrize("path", ["/register/", "/dokument/rutin-forebygga-avhysning/"])
@pytest.mark.parametrize("width", [1280, 375])
def test_every_tab_stop_is_visible_and_shows_focus(
    browser: Any, server: str, path: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(server + path)
    # no transitions, so a screenshot shows the state it is taken in
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    page.wait_for_timeout(200)
    problems, stops = [], 0
    try:
        for _ in range(400):
            page.keyboard.press("Tab")
            name, visible, changes = _shows_focus(page)
            if name == "body":
                break
            stops += 1
            if not (visible and changes):
                what = "syns inte" if not visible else "ingen fokusmarkering"
                problems.append(f"{' '.join(name.split())}: {what}")
    finally:
        context.close()
    assert stops >= 10
    assert problems == [], "\n".join(problems)


def test_register_filter_and_every_sort_button_are_reachable_on_a_phone(
    browser: Any, server: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    try:
        page.goto(server + "/register/")
        for button in page.locator("#styrdok-register thead button").all():
            box = button.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 320
        assert page.locator("#styrdok-register thead button").count() == 6
        page.click("#styrdok-register thead th:nth-child(6) button")  # Nästa prövning
        header = page.locator("#styrdok-register th:nth-child(6)")
        assert header.get_attribute("aria-sort") == "ascending"
        labels = (
            page.locator("#styrdok-register tbody tr")
            .first.locator("td")
            .evaluate_all("tds => tds.map(td => getComputedStyle(td, '::before').content)")
        )
        assert labels[1:] == [
            f'"{h}: "'
            for h in ("Sort", "Dokumentansvarig", "Status", "Gäller till", "Nästa prövning")
        ]  # each value shown with its column's name
        page.fill("#styrdok-filter", "finnsintenågonstans")
        page.locator("#styrdok-filter").dispatch_event("input")
        empty = page.locator("#styrdok-register tr.styrdok-empty")
        assert "Inga dokument innehåller" in empty.inner_text()
    finally:
        context.close()


def test_register_dates_do_not_break(browser: Any, server: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + "/register/")
        heights = page.locator("#styrdok-register td.styrdok-date").evaluate_all(
            "els => els.filter(e => /\\d{4}-\\d{2}-\\d{2}/.test(e.textContent))"
            ".map(e => { const r = document.createRange(); r.selectNodeContents(e);"
            " return r.getClientRects().length })"
        )
        assert heights and set(heights) == {1}  # every date on one line
        weight = page.evaluate("getComputedStyle(document.querySelector('h1')).fontWeight")
        color = page.evaluate("getComputedStyle(document.querySelector('h1')).color")
        assert int(weight) >= 600 and color in ("rgba(0, 0, 0, 0.87)", "rgb(0, 0, 0)")
    finally:
        context.close()


def _printed(browser: Any, server: str, path: str) -> list[str]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(server + path)
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4")
    finally:
        context.close()
    return [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def test_print_starts_with_title_status_and_metadata(browser: Any, server: str) -> None:
    pages = _printed(browser, server, "/dokument/rutin-forebygga-avhysning/")
    first = pages[0]
    assert first.startswith("Rutin för samverkan mellan förvaltningarna")
    for text in ("Status:", "Uppgifter om dokumentet", "Dokumentnamn", "Dokumentsort"):
        assert text in first
    everything = " ".join(pages)
    assert "Hoppa till innehåll" not in everything and "Register" not in first
    assert "Boende" not in first.split("Uppgifter om dokumentet")[0]  # no tag chips on top


def test_print_gives_internal_links_their_address(browser: Any, server: str) -> None:
    pages = _printed(browser, server, "/dokument/rutin-forebygga-avhysning/")
    everything = "".join(" ".join(pages).split())  # addresses may wrap anywhere
    target = f"{server}/dokument/plan-hemloshet-2020-2022/"
    assert f"({target})" in everything


def test_statement_record_is_json_the_build_reads() -> None:
    record = json.loads((REPO / "site" / RECORD).read_text("utf-8"))
    assert set(record) >= {"standard", "checked", "tool", "widths", "pages", "automated"}
    date.fromisoformat(record["checked"])


def test_a_wide_table_scrolls_in_a_named_region_the_keyboard_reaches(
    browser: Any, server: str
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    try:
        page.goto(server + "/dokument/zz-bred-tabell/")
        region = page.locator("article .md-typeset__scrollwrap")
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-label") == "Tabell: Kontaktvägar (rulla i sidled)"
        region.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(300)
        assert region.evaluate("e => e.scrollLeft") > 0
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    finally:
        context.close()
