#!/usr/bin/env python3
"""Measure the example handbook's accessibility and record it for the statement.

Builds the handbook from this repository's corpus, walks every page in Chromium with axe-core
and the reflow check at 1280, 375 and 320 px (tests/a11y_walk.py, the same walk as the tests)
and writes site/tillganglighet.json, from which `styrdok build` generates the accessibility
statement. Known shortcomings that no automatic check finds are kept from the old file
("manual"). Run it after changing the site, and commit the file.

    PYTHONPATH=$PWD python3 scripts/a11y.py
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from a11y_walk import WIDTHS, pages_of, serve, walk  # noqa: E402
from helpers.browser import BROWSER_ARGS, CHROMIUM  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from governance.render.handbook.build import build_handbook  # noqa: E402
from governance.render.handbook.statement import (  # noqa: E402
    RECORD,
    read_record,
    shortcomings_of,
)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="styrdok-a11y-") as tmp:
        root = Path(tmp)
        for name in ("styrdok.yaml", "routines", "templates", "schema", "site"):
            source = REPO / name
            if source.is_dir():
                shutil.copytree(source, root / name)
            else:
                shutil.copy(source, root / name)
        result = build_handbook(root, root / "out", date.today(), pdf=False)
        if result.errors:
            print("Handboken byggdes inte: kör styrdok check.", file=sys.stderr)
            return 1
        paths = pages_of(root / "out")
        with sync_playwright() as playwright, serve(root / "out") as server:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(BROWSER_ARGS))
            version = browser.version
            results = []
            for width in WIDTHS:
                results.append(walk(browser, server, paths, width))
                print(f"{width} px: axe {len(results[-1].axe_pages())} sidor, "
                      f"sidledsrullning {len(results[-1].reflow)} sidor")  # fmt: skip
            browser.close()
    old = read_record(REPO / "site") or {}
    record = {
        "standard": "WCAG 2.1 nivå AA",
        "checked": date.today().isoformat(),
        "tool": f"axe-core {_axe_version()} i Chromium {version}",
        "widths": list(WIDTHS),
        "pages": len(paths),
        "automated": shortcomings_of(results),
        "manual": old.get("manual", []),
    }
    text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
    (REPO / "site" / RECORD).write_text(text, "utf-8")
    print(f"Skrev site/{RECORD}.")
    return 0


def _axe_version() -> str:
    from a11y_walk import axe_source

    head = axe_source()[:40]
    return head.split("axe v", 1)[1].split()[0] if "axe v" in head else "okänd version"


if __name__ == "__main__":
    sys.exit(main())
