"""``styrdok init``: a new corpus that checks clean."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from conftest import run

from governance.check import check_corpus


def test_init_makes_a_corpus_that_checks_clean(tmp_path: Path) -> None:
    target = tmp_path / "ny"
    result = run("init", str(target), "--organisation", 'Exempelby & "Co"')
    assert result.exit_code == 0
    assert (target / "routines" / "exempel-rutin.yaml").is_file()
    assert (target / "schema" / "document.schema.json").is_file()
    assert 'organisation: "Exempelby & \\"Co\\""' in (target / "styrdok.yaml").read_text("utf-8")
    assert check_corpus(target, date.today()) == []
    assert run("check", "--root", str(target)).exit_code == 0


def test_init_refuses_an_existing_corpus(tmp_path: Path) -> None:
    run("init", str(tmp_path))
    result = run("init", str(tmp_path))
    assert result.exit_code == 1
    assert result.output == f"Fel: {tmp_path / 'styrdok.yaml'} finns redan: välj en tom mapp.\n"


def test_the_source_forms(tmp_path: Path) -> None:
    from governance.errors import StyrdokError
    from governance.source import normalise, requirement, url_from_direct_url

    wheel = tmp_path / "styrdok-0.1.0-py3-none-any.whl"
    wheel.write_bytes(b"PK")
    assert normalise(str(wheel)) == wheel.as_uri()
    assert normalise("https://intranat.example.se/styrdok-0.1.0-py3-none-any.whl").startswith(
        "https://"
    )
    assert normalise("styrdok==0.2.0") == "styrdok==0.2.0"
    assert requirement("styrdok==0.2.0", "handbook") == "styrdok[handbook]==0.2.0"
    assert requirement(wheel.as_uri()) == f"styrdok @ {wheel.as_uri()}"
    for bad in ("git@github.com:x/styrdok.git", "ftp://x/y.whl", str(tmp_path / "saknas.whl")):
        with pytest.raises(StyrdokError):
            normalise(bad)
    vcs: dict[str, object] = {
        "url": "https://git.example.se/it/styrdok.git",
        "vcs_info": {"vcs": "git", "commit_id": "abc123", "requested_revision": "main"},
    }
    assert url_from_direct_url(vcs) == "git+https://git.example.se/it/styrdok.git@abc123"
    archive: dict[str, object] = {
        "url": "https://x.se/styrdok-0.1.0-py3-none-any.whl",
        "archive_info": {},
    }
    assert url_from_direct_url(archive) == "https://x.se/styrdok-0.1.0-py3-none-any.whl"


def test_init_says_when_ci_cannot_reach_the_source(tmp_path: Path) -> None:
    result = run("init", str(tmp_path / "ny"), "--source", str(tmp_path))
    assert result.exit_code == 0
    assert "Obs: källan är en fil på den här datorn, som CI inte kommer åt." in result.output
    bad = run("init", str(tmp_path / "ny2"), "--source", "git@github.com:x/styrdok.git")
    assert bad.exit_code == 1
    assert bad.output.startswith("Fel: --source 'git@github.com:x/styrdok.git' går inte att")


def test_the_readme_sample_document_checks_clean_in_a_new_corpus(tmp_path: Path) -> None:
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    match = re.search(r"```yaml\n(# yaml-language-server.*?)```", readme, re.S)
    assert match is not None
    target = tmp_path / "ny"
    run("init", str(target))
    (target / "routines" / "rutin-forebygga-avhysning.yaml").write_text(match[1], "utf-8")
    result = run("check", "--root", str(target), "--today", "2026-11-23")
    assert result.output == "0 fel och 0 varningar i 2 filer.\n"
    assert result.exit_code == 0


@pytest.mark.parametrize("name", ["Norra\nstaden", "Tab\tby\\", "Kommun\u0085 Ö", "Rad\u2028två"])
def test_an_organisation_name_with_line_breaks_and_backslashes_reads_back(
    tmp_path: Path, name: str
) -> None:
    """The name is written as a quoted YAML string with every escape YAML needs: the new
    styrdok.yaml reads back with the name as typed (the old writer escaped only quotes and
    backslashes, so a line break made the file unreadable)."""
    from governance.config import load_config

    target = tmp_path / "ny"
    assert run("init", str(target), "--organisation", name).exit_code == 0
    assert load_config(target).organisation == name
