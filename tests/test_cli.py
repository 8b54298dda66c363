"""The command line: version, help, formats and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import edit, run

from governance import __version__
from governance.cli import main

COMMANDS = sorted(main.commands)
TODAY = "--today=2026-11-23"


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"styrdok {__version__}\n"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_swedish_help(command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert result.output.startswith(f"Användning: main {command}") or result.output.startswith(
        f"Användning: styrdok {command}"
    )
    first_line = (main.commands[command].help or "").split("\n")[0]
    assert first_line and " ".join(first_line.split()[:4]) in result.output


def test_clean_corpus_exits_zero(corpus: Path) -> None:
    result = run("check", "--root", str(corpus), TODAY)
    assert result.exit_code == 0
    assert result.output == "0 fel och 0 varningar i 3 filer.\n"


def test_errors_exit_one_and_print_where_and_what_to_do(corpus: Path) -> None:
    edit(corpus, "routines/rutin-a.yaml", "owner: processledare", "owner: kalle")
    result = run("check", "--root", str(corpus), TODAY)
    assert result.exit_code == 1
    assert result.output == (
        "routines/rutin-a.yaml:15:1: fel [unknown-role] owner: Okänd roll 'kalle': "
        "den finns inte under roles i styrdok.yaml.\n"
        "    Gör så här: Använd ett id under roles i styrdok.yaml, eller lägg till rollen där.\n"
        "1 fel och 0 varningar i 3 filer.\n"
    )


def _warn(corpus: Path) -> None:
    edit(
        corpus,
        "routines/riktlinje/riktlinje-b.yaml",
        "valid_until: 2029-12-31",
        "valid_until: 2027-01-10",
    )


def test_warnings_exit_zero_unless_strict(corpus: Path) -> None:
    _warn(corpus)
    assert run("check", "--root", str(corpus), TODAY).exit_code == 0
    assert run("check", "--root", str(corpus), TODAY, "--strict").exit_code == 1


def test_missing_config_is_a_usage_error(tmp_path: Path) -> None:
    result = run("check", "--root", str(tmp_path))
    assert result.exit_code == 2
    assert "ingen styrdok.yaml hittades" in result.output


def test_invalid_config_names_every_problem_and_exits_two(corpus: Path) -> None:
    edit(
        corpus,
        "styrdok.yaml",
        "review_warning_days: 90",
        "review_warning_days: nittio\nseverity: {no-such-code: error}",
    )
    result = run("check", "--root", str(corpus))
    assert result.exit_code == 2
    assert "styrdok.yaml:3: review_warning_days:" in result.output
    assert "severity: okända koder: no-such-code" in result.output
    assert (
        "styrdok.yaml:3: review_warning_days: värdet 'nittio' ska vara ett heltal." in result.output
    )


def test_bad_today_is_a_usage_error(corpus: Path) -> None:
    result = run("check", "--root", str(corpus), "--today", "2026-02-30")
    assert result.exit_code == 2
    assert "'2026-02-30' är inget datum på formen ÅÅÅÅ-MM-DD." in result.output


def test_json_format_parses(corpus: Path) -> None:
    _warn(corpus)
    result = run("check", "--root", str(corpus), TODAY, "--format", "json")
    data = json.loads(result.output)
    assert data["summary"] == {"files": 3, "errors": 0, "warnings": 1}
    (item,) = data["findings"]
    assert item["code"] == "expires-soon" and item["path"] == "routines/riktlinje/riktlinje-b.yaml"
    assert (item["line"], item["field"], item["document"]) == (12, "valid_until", "riktlinje-b")


def test_junit_format_is_valid_xml_with_a_failure_per_error(corpus: Path) -> None:
    _warn(corpus)
    edit(corpus, "routines/rutin-a.yaml", "owner: processledare", "owner: kalle")
    result = run("check", "--root", str(corpus), TODAY, "--format", "junit")
    suite = ET.fromstring(result.output.split("\n", 1)[1]).find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    failures = suite.findall("testcase/failure")
    assert [f.get("type") for f in failures] == ["unknown-role"]


def test_github_format_has_annotation_syntax(corpus: Path) -> None:
    _warn(corpus)
    edit(corpus, "routines/rutin-a.yaml", "owner: processledare", "owner: kalle")
    lines = run("check", "--root", str(corpus), TODAY, "--format", "github").output.splitlines()
    pattern = re.compile(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::.+$")
    assert len(lines) == 2 and all(pattern.match(line) for line in lines)
    assert lines[0].startswith(
        "::warning file=routines/riktlinje/riktlinje-b.yaml,line=12,col=1,title=expires-soon::"
    )
    assert "%0AGör så här" in lines[1]


def test_codes_lists_every_code() -> None:
    from governance.codes import CODES

    output = run("codes").output
    assert [line.split()[0] for line in output.splitlines()] == list(CODES)


def test_check_defaults_to_the_current_folder(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(corpus)
    assert run("check", TODAY).output == "0 fel och 0 varningar i 3 filer.\n"
