"""Test helpers used by more than one test module, in one place (fixtures are in
conftest.py): copies of the example corpus, findings as comparable data, git, and a corpus
full of hostile text. Word forms: helpers.word; the HTTP server for links: helpers.links."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from conftest import REPO

from governance.check import check_corpus

TODAY = date(2026, 11, 23)
GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]


def copy_example(tmp_path: Path, name: str = "exempel") -> Path:
    """A copy of the repository's example corpus in tmp_path/name: styrdok.yaml, routines,
    templates and schema."""
    root = tmp_path / name
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "styrdok.yaml", root / "styrdok.yaml")
    for folder in ("routines", "templates", "schema"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def styrdok(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """The real command in its own process (so a traceback would be seen as one), with
    this checkout's governance package."""
    return subprocess.run(
        [sys.executable, "-m", "governance", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )


def found(root: Path, today: date = TODAY) -> set[tuple[str, str, str]]:
    """Every finding of ``styrdok check`` as (code, document, field)."""
    return {(f.code, f.doc_id, f.field) for f in check_corpus(root, today)}


def git(root: Path, *args: str, day: str = "2026-11-20") -> str:
    stamp = f"{day}T12:00:00+01:00"
    env = {**os.environ, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    proc = subprocess.run(
        [*GIT, *args], cwd=root, capture_output=True, text=True, check=True, timeout=60, env=env
    )
    return proc.stdout


def commit_all(root: Path, message: str, day: str = "2026-11-20") -> str:
    """Commit everything; the short hash of the commit."""
    git(root, "add", "-A", day=day)
    git(root, "commit", "-q", "-m", message, day=day)
    return git(root, "rev-parse", "--short=7", "HEAD").strip()


DAY = "--today=2026-11-23"
HOSTILE = """\
id: zz-fientlig
title: "Fientlig <script>alert('titel')</script> & {{ 7*7 }} åäö"
kind: rutin
status: draft
summary: "Sammanfattning med <b>fet</b> & {{ 7*7 }}"
sections:
  - title: "<svg onload=alert(1)> {% if x %} Å"
    body: |
      Text med <script>alert("body")</script> & "citat" 'apostrof' {{ 7*7 }} åäöÅÄÖ.

      [klicka](javascript:alert(1)) och [Socialstyrelsen](https://www.socialstyrelsen.se/?a=1&b=<2>)

      - **fet** och *kursiv* och `<kod> & {{ x }}`
      - punkt två

          1. underpunkt
      - &lt;entitet&gt; och &okänd; och &amp;
  - title: Styrtecken
    body: "Klocka\\x07 och \\x00noll"
processes:
  - title: Process
    steps:
      - text: "Steg med <img src=x onerror=alert(1)> & {{ 7*7 }}"
        role: socialsekreterare
        substeps:
          - text: Delsteg <b>
supporting_documents:
  - title: "Stöd <i>x</i>"
    url: "javascript:alert(1)"
"""


def without_url_check(root: Path) -> None:
    """javascript: addresses are a check error (url-unsafe), turned off here so the export
    shows what it makes of them itself: text, never a hyperlink."""
    with (root / "styrdok.yaml").open("a", encoding="utf-8") as config:
        config.write("severity:\n  url-unsafe: 'off'\n")
