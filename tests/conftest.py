"""Shared fixtures: a small clean corpus written to a temporary folder, and the CLI."""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from governance.cli import main
from governance.schema import write_schemas

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)

CONFIG = """\
# yaml-language-server: $schema=schema/config.schema.json
organisation: Testkommunen
review_warning_days: 90
limits:
  max_file_bytes: 20000
kinds:
  - id: riktlinje
    label: Riktlinje
    decided_by: [namnd]
    review_interval_months: 48
    required: [decision, owner, valid_from, valid_until]
  - id: rutin
    label: Rutin
    decided_by: [avdelningschef]
    review_interval_months: 24
    required: [decision, owner, applies_to, valid_from, valid_until]
  - id: extern
    label: Externt dokument
    governing: false
bodies:
  - {id: kommunfullmaktige, name: Kommunfullmäktige}
  - {id: namnd, name: Socialnämnden}
  - {id: avdelningschef, name: Avdelningschef}
units:
  - {id: socialforvaltningen, name: Socialförvaltningen}
roles:
  - {id: processledare, name: Processledare}
  - {id: socialsekreterare, name: Socialsekreterare}
themes:
  - {id: boende, name: Boende}
"""

RUTIN = """\
# yaml-language-server: $schema=../schema/document.schema.json
id: rutin-a
title: Rutin för att förebygga avhysning
kind: rutin
status: in-force
decision:
  by: [avdelningschef]
  date: 2026-01-10
  paragraph: § 4
  registration_number: SO 2025/0164
applies_to: [socialforvaltningen]
valid_from: 2026-02-01
valid_until: until-further-notice
last_revised: 2026-01-10
owner: processledare
audience: [socialsekreterare]
themes: [boende]
links: [riktlinje-b]
templates: [mall-c]
revisions:
  - version: "1.0"
    date: 2026-01-10
    summary: Första versionen.
sections:
  - title: Syfte
    body: |
      Rutinen gäller när hyresvärden skickar en underrättelse.
      Ring växeln 031-365 00 00 eller mobil 0701234567. Dnr SO 2017/0164, beslut 2022-02-15.
processes:
  - title: När risk upptäcks
    steps:
      - text: Risk upptäcks.
        role: socialsekreterare
        substeps:
          - text: Kontakta hyresvärden.
"""

RIKTLINJE = """\
# yaml-language-server: $schema=../schema/document.schema.json
id: riktlinje-b
title: Riktlinje för bistånd till boende
kind: riktlinje
status: in-force
decision:
  by: [namnd]
  date: 2025-05-20
  registration_number: SN 2025/0031
applies_to: [socialforvaltningen]
valid_from: 2025-06-01
valid_until: 2029-12-31
owner: processledare
"""

MALL = """\
# yaml-language-server: $schema=../schema/template.schema.json
id: mall-c
title: Remiss
version: "1.0"
routines: [rutin-a]
fields:
  - key: namn
    label: Namn
    required: true
  - key: beslut
    label: Beslut
    type: choice
    choices: [Bifall, Avslag]
"""

BASE_FILES = {
    "styrdok.yaml": CONFIG,
    "routines/rutin-a.yaml": RUTIN,
    "routines/riktlinje/riktlinje-b.yaml": RIKTLINJE.replace("../schema/", "../../schema/"),
    "templates/mall-c.yaml": MALL,
}


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), "utf-8")
    return root


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A clean corpus: checks with no findings on TODAY."""
    root = write_files(tmp_path / "corpus", dict(BASE_FILES))
    write_schemas(root)
    return root


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def need_tool(name: str, found: bool, install: str) -> None:
    """Skip a test when a real program it drives is missing, but fail in CI (CI=true)."""
    if found:
        return
    message = f"{name} saknas: {install}"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def soffice() -> str:
    """The LibreOffice executable; tests that convert with it fail in CI when it is missing."""
    from governance.office import soffice_path

    found = soffice_path()
    need_tool(
        "LibreOffice (soffice)", found is not None, "apt-get install libreoffice-writer-nogui"
    )
    assert found is not None
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium for a module's browser tests (helpers.browser.chromium: fails in CI when
    the browser is missing)."""
    from helpers.browser import chromium

    with chromium() as launched:
        yield launched
