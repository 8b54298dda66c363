"""``styrdok init``: a new corpus that checks clean."""

from __future__ import annotations

from datetime import date
from pathlib import Path

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
