"""styrdok as a city's IT person meets it: the built wheel in a fresh environment. The core
(init, check, docx) without MkDocs; build says what to install and works with [handbook];
the init'ed corpus' CI files validate against SchemaStore's schemas (check-jsonschema) and
its pre-commit hook runs from a clone of this repository. The packages pass
``twine check --strict``."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO

TEMPLATE = """\
# yaml-language-server: $schema=../schema/template.schema.json
id: mall-anmalan
title: Anmälan
version: "1.0"
routines: [exempel-rutin]
fields:
  - key: namn
    label: Namn
    required: true
  - key: datum
    label: Datum
    type: date
"""


def _run(
    *args: str | Path,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env={**clean, **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and wheel, built from this tree as a release is (python -m build)."""
    out = tmp_path_factory.mktemp("dist")
    _ok(_run(sys.executable, "-m", "build", "--outdir", out, REPO, timeout=900))
    return out


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    return next(dist.glob("styrdok-*-py3-none-any.whl"))


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Iterator[Path]:
    """A fresh virtual environment with only the core installed from the wheel."""
    home = tmp_path_factory.mktemp("venv") / "styrdok"
    venv.EnvBuilder(with_pip=True).create(home)
    _ok(
        _run(
            home / "bin" / "python",
            "-m",
            "pip",
            "install",
            "--quiet",
            f"styrdok @ {wheel.as_uri()}",
        )
    )
    yield home


def test_twine_check_strict(dist: Path) -> None:
    files = sorted(dist.iterdir())
    assert sorted(f.suffix for f in files) == [".gz", ".whl"]
    result = _ok(_run(sys.executable, "-m", "twine", "check", "--strict", *files))
    assert result.count("PASSED") == 2


def test_the_wheel_carries_the_license_and_metadata(wheel: Path) -> None:
    import zipfile

    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        meta = archive.read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "License-Expression: MIT" in meta
    assert "Classifier: Natural Language :: Swedish" in meta
    assert "Project-URL: Source, " in meta
    core = [line for line in meta.splitlines() if line.startswith("Requires-Dist:")]
    core = [line for line in core if "; extra ==" not in line]
    assert core and not [line for line in core if "mkdocs" in line]
    assert 'Requires-Dist: mkdocs<2,>=1.6; extra == "handbook"' in meta
    assert "governance/data/site/overrides/404.html" in names
    assert "governance/data/init/vscode/settings.json" in names


def test_the_core_works_without_mkdocs_then_the_handbook(
    env: Path, wheel: Path, tmp_path: Path
) -> None:
    styrdok = env / "bin" / "styrdok"
    assert _run(env / "bin" / "python", "-c", "import mkdocs").returncode == 1
    corpus = tmp_path / "korpus"
    said = _ok(_run(styrdok, "init", corpus, "--organisation", "Exempelby"))
    # the default source is where this styrdok came from: the wheel
    assert f"CI och pre-commit installerar styrdok från: {wheel.as_uri()}" in said
    workflow = (corpus / ".github" / "workflows" / "styrdok.yml").read_text("utf-8")
    assert f'STYRDOK: "styrdok @ {wheel.as_uri()}"' in workflow
    assert _ok(_run(styrdok, "check", cwd=corpus)) == "0 fel och 0 varningar i 1 fil.\n"
    (corpus / "templates" / "mall-anmalan.yaml").write_text(TEMPLATE, "utf-8")
    _ok(_run(styrdok, "check", cwd=corpus))
    _ok(_run(styrdok, "docx", "mall-anmalan", "-o", tmp_path / "anmalan.docx", cwd=corpus))
    assert (tmp_path / "anmalan.docx").read_bytes()[:2] == b"PK"

    build = _run(styrdok, "build", "--no-pdf", cwd=corpus)
    assert build.returncode == 1
    assert "Traceback" not in build.stderr
    assert build.stderr == (
        "Fel: 'styrdok build' behöver tillägget handbook, som inte är installerat "
        "(saknas: mkdocs, material). Installera det med:\n"
        f'    pip install "styrdok[handbook] @ {wheel.as_uri()}"\n'
    )
    # as the CI template's handbook job installs it
    _ok(
        _run(
            env / "bin" / "python",
            "-m",
            "pip",
            "install",
            "--quiet",
            f"styrdok @ {wheel.as_uri()}",
            "styrdok[handbook]",
        )
    )
    said = _ok(_run(styrdok, "build", "--no-pdf", cwd=corpus))
    assert said.startswith(f"Handboken finns i {Path('build') / 'handbok'} ")
    assert (corpus / "build" / "handbok" / "dokument" / "exempel-rutin" / "index.html").is_file()


def test_the_ci_files_validate_against_schemastore(tmp_path: Path) -> None:
    from conftest import run

    corpus = tmp_path / "korpus"
    source = "git+https://git.example.se/it/styrdok.git@0123456789abcdef0123456789abcdef01234567"
    assert run("init", str(corpus), "--source", source).exit_code == 0
    checker = [sys.executable, "-m", "check_jsonschema"]
    for schema, path in [
        ("vendor.github-workflows", corpus / ".github" / "workflows" / "styrdok.yml"),
        ("vendor.gitlab-ci", corpus / ".gitlab-ci.yml"),
    ]:
        result = _run(*checker, "--builtin-schema", schema, path)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "ok -- validation done" in result.stdout
    broken = corpus / ".gitlab-ci.yml"
    broken.write_text(
        broken.read_text("utf-8").replace("      when: always\n", "      when: sometimes\n", 1)
    )
    result = _run(*checker, "--builtin-schema", "vendor.gitlab-ci", broken)
    assert result.returncode == 1  # the schema does judge
    assert "'sometimes' is not one of" in result.stdout


def _git(*args: str | Path, cwd: Path) -> None:
    _ok(
        _run(
            "git",
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.invalid",
            "-c",
            "init.defaultBranch=main",
            *args,
            cwd=cwd,
        )
    )


def test_the_pre_commit_hook_runs_from_a_clone(tmp_path: Path) -> None:
    """pre-commit installs styrdok (the core) from a clone of this repository, as a corpus
    repo that points at the organisation's styrdok repo does, and the hook checks."""
    from conftest import run

    clone = tmp_path / "styrdok"
    _ok(_run("git", "clone", "--quiet", "--depth", "1", f"file://{REPO}", clone))
    corpus = tmp_path / "korpus"
    assert run("init", str(corpus), "--source", str(clone)).exit_code == 0
    _git("init", "--quiet", cwd=corpus)
    _git("add", ".", cwd=corpus)
    home = {"PRE_COMMIT_HOME": str(tmp_path / "pre-commit")}
    pre_commit = [sys.executable, "-m", "pre_commit"]
    good = _run(
        *pre_commit, "try-repo", clone, "styrdok-check", "--all-files", cwd=corpus, env=home
    )
    assert good.returncode == 0, good.stdout + good.stderr
    assert "styrdok check" in good.stdout and "Passed" in good.stdout
    routine = corpus / "routines" / "exempel-rutin.yaml"
    routine.write_text(routine.read_text("utf-8").replace("kind: rutin", "kind: rutinn"), "utf-8")
    _git("add", ".", cwd=corpus)
    bad = _run(*pre_commit, "try-repo", clone, "styrdok-check", "--all-files", cwd=corpus, env=home)
    assert bad.returncode == 1
    assert "Failed" in bad.stdout and "rutinn" in bad.stdout
    # and the config init wrote, which installs from the same source as CI
    config = _run(*pre_commit, "run", "--all-files", cwd=corpus, env=home)
    assert config.returncode == 1 and "rutinn" in config.stdout
