"""The synthetic corpus generator: what it plants, check finds, and nothing more."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import REPO, TODAY

from governance.check import check_corpus

sys.path.insert(0, str(REPO / "scripts"))
import gen_corpus  # noqa: E402


def test_planted_findings_are_exactly_what_check_finds(tmp_path: Path) -> None:
    summary = gen_corpus.generate(tmp_path / "c", 150, seed=3)
    planted = {(code, path) for code, paths in summary.planted.items() for path in paths}
    found = {(f.code, f.path) for f in check_corpus(tmp_path / "c", TODAY)}
    assert len(planted) > 30
    assert found == planted


def test_clean_generated_corpus_has_no_findings(tmp_path: Path) -> None:
    summary = gen_corpus.generate(tmp_path / "c", 120, seed=5, findings=False)
    assert summary.planted == {}
    assert check_corpus(tmp_path / "c", TODAY) == []


def test_same_seed_same_corpus(tmp_path: Path) -> None:
    gen_corpus.generate(tmp_path / "a", 40, seed=9)
    gen_corpus.generate(tmp_path / "b", 40, seed=9)
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.yaml"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.yaml"))
    assert files_a == files_b
    assert all(
        (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files_a
    )
