"""The command line in Swedish: click's own texts, value names as in the README, plurals,
NO_COLOR, and shell completion of ids, templates, kinds and roles from the corpus."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from conftest import REPO, run

from governance.cli import main
from governance.findings import Finding
from governance.report import summary_line

ENGLISH = ["Usage", "Options", "Commands", "Show this", "[OPTIONS]", "DIRECTORY", "INTEGER"]
ENGLISH += ["default:", "required]", "COMMAND", "FILE", "PATH", "KIND"]


@pytest.mark.parametrize("name", ["", *sorted(main.commands)])
def test_every_help_is_swedish(name: str) -> None:
    result = run(*([name] if name else []), "--help")
    assert result.exit_code == 0
    assert result.output.startswith("Användning: ")
    assert "Flaggor:" in result.output
    assert "-h, --help" in result.output and "Visa detta meddelande och avsluta." in result.output
    for word in ENGLISH:
        assert word not in result.output, f"{word!r} in styrdok {name} --help"


def test_the_usage_lines_use_the_readme_names() -> None:
    readme = REPO.joinpath("README.md").read_text("utf-8")
    for name, usage in [
        ("init", "init [FLAGGOR] MAPP"),
        ("new", "new [FLAGGOR] SORT"),
        ("docx", "docx [FLAGGOR] MALL"),
        ("export", "export [FLAGGOR] ID"),
        ("revise", "revise [FLAGGOR] ID"),
    ]:
        assert f"Användning: styrdok {usage}\n" in CliRunnerHelper.invoke(name, "--help")[1]
        assert f"`styrdok {usage.replace('[FLAGGOR] ', '')}" in readme
    assert "--root MAPP" in run("check", "--help").output


def test_usage_errors_are_swedish() -> None:
    result = CliRunnerHelper.invoke("check", "extra")
    assert result == (
        2,
        "Användning: styrdok check [FLAGGOR]\n"
        "Skriv 'styrdok check --help' för hjälp.\n\n"
        "Fel: Oväntat extra argument (extra)\n",
    )
    code, text = CliRunnerHelper.invoke("check", "--nej")
    assert (code, text.splitlines()[-1]) == (2, "Fel: Flaggan '--nej' finns inte.")
    code, text = CliRunnerHelper.invoke("kolla")
    assert (code, text.splitlines()[-1]) == (2, "Fel: Kommandot 'kolla' finns inte.")
    code, text = CliRunnerHelper.invoke("due", "--format", "xls")
    assert "Ogiltigt värde för '--format': 'xls' är inte ett av 'table', 'csv', 'ics'." in text
    code, text = CliRunnerHelper.invoke("new")
    assert text.splitlines()[-1] == "Fel: Argument saknas 'SORT'."


class CliRunnerHelper:
    @staticmethod
    def invoke(*args: str) -> tuple[int, str]:
        result = click.testing.CliRunner().invoke(main, list(args), prog_name="styrdok")
        return result.exit_code, result.output


def test_counts_are_singular_and_plural() -> None:
    warning = Finding("link-expired", "warning", "routines/a.yaml", "x")
    assert summary_line([warning], 1) == "0 fel och 1 varning i 1 fil."
    assert summary_line([warning, warning], 2) == "0 fel och 2 varningar i 2 filer."


def _on_a_terminal(args: list[str], env: dict[str, str]) -> bytes:
    """Output of styrdok run with a terminal as standard output."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "governance", *args],
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO), **env},
        cwd=REPO,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(leader)
    return b"".join(chunks)


def test_colour_on_a_terminal_unless_no_color() -> None:
    args = ["check", "--today", "2026-11-23"]
    env = {k: "" for k in ("NO_COLOR",)}
    assert b"\x1b[" in _on_a_terminal(args, env)
    plain = _on_a_terminal(args, {"NO_COLOR": "1"})
    assert b"varning [" in plain and b"\x1b[" not in plain


def _complete(shell: str, words: str, corpus: Path) -> list[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(REPO),
        "_STYRDOK_COMPLETE": f"{shell}_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    result = subprocess.run(
        [sys.executable, "-m", "governance"],
        env=env,
        cwd=corpus,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.splitlines()


def test_completion_offers_ids_templates_kinds_and_roles(corpus: Path) -> None:
    assert _complete("bash", "styrdok review ", corpus) == ["plain,riktlinje-b", "plain,rutin-a"]
    assert _complete("bash", "styrdok revise ", corpus) == [
        "plain,riktlinje-b",
        "plain,rutin-a",
        "plain,mall-c",
    ]
    assert _complete("bash", "styrdok docx ", corpus) == ["plain,mall-c"]
    assert _complete("bash", "styrdok new r", corpus) == ["plain,riktlinje", "plain,rutin"]
    # zsh gets the role's name as help
    assert _complete("zsh", "styrdok due --owner proc", corpus) == [
        "plain",
        "processledare",
        "Processledare",
    ]
    assert _complete("bash", "styrdok retire --superseded-by rikt", corpus) == ["plain,riktlinje-b"]


@pytest.mark.parametrize(
    ("shell", "start"),
    [
        ("bash", "_styrdok_completion() {"),
        ("zsh", "#compdef styrdok"),
        ("fish", "function _styrdok_completion"),
    ],
)
def test_completion_prints_the_script(shell: str, start: str) -> None:
    result = run("completion", shell)
    assert result.exit_code == 0
    assert result.output.startswith(start)
    assert "_STYRDOK_COMPLETE" in result.output


def test_the_bash_script_completes_in_bash(corpus: Path, tmp_path: Path) -> None:
    """The printed script, sourced in a real bash, fills COMPREPLY from the corpus."""
    bash = shutil.which("bash")
    assert bash is not None
    bindir = tmp_path / "bin"
    bindir.mkdir()
    wrapper = bindir / "styrdok"
    wrapper.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m governance "$@"\n', "utf-8")
    wrapper.chmod(0o755)
    script = run("completion", "bash").output
    command = (
        script
        + "\nCOMP_WORDS=(styrdok export rutin); COMP_CWORD=2; _styrdok_completion styrdok;"
        + ' printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "PATH": f"{bindir}:{os.environ['PATH']}"}
    result = subprocess.run(
        [bash, "--norc", "-c", command],
        env=env,
        cwd=corpus,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.splitlines() == ["rutin-a"], result.stderr
