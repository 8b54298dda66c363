"""The docs keep up with the code: every command, every finding code, the set-up commands."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import REPO

from governance.cli import main
from governance.codes import CODES

README = (REPO / "README.md").read_text("utf-8")
FINDINGS = (REPO / "docs" / "findings.md").read_text("utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"styrdok {command}" in README


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_is_in_the_findings_page(code: str) -> None:
    assert f"| `{code}` |" in FINDINGS


def test_findings_page_is_current() -> None:
    proc = subprocess.run(
        [sys.executable, "scripts/docs.py", "--check"], cwd=REPO, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stdout


def test_ci_runs_the_readme_test_command() -> None:
    commands = (
        re.findall(r"```sh\n(.*?)```", README.split("## Kom igång", 1)[1], re.S)[0]
        .strip()
        .splitlines()
    )
    setup = [c for c in commands if not c.startswith("#")]
    assert len(setup) == 2
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert setup[1] in ci
