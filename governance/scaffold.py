"""``styrdok init``: a new corpus that checks clean, for an organisation starting from nothing:
config, folders, schemas, a sample routine, a .gitignore, CI for GitHub Actions and GitLab
(check on every push, links and the handbook every night; keep the one you use), a
pre-commit config and VS Code settings (the schemas for the YAML extension).

The CI files and the pre-commit config install styrdok from one source (governance.source),
written into one place in each."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from pathlib import Path

from governance.errors import OutputError, Refused
from governance.schema import write_schemas
from governance.source import requirement
from governance.yamlwrite import quoted

# Files copied into a new corpus: package data under data/init → path in the corpus.
EXTRA_FILES = {
    "gitignore": ".gitignore",
    "ci/github-workflow.yml": ".github/workflows/styrdok.yml",
    "ci/gitlab-ci.yml": ".gitlab-ci.yml",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "vscode/settings.json": ".vscode/settings.json",
    "vscode/extensions.json": ".vscode/extensions.json",
}


def _data(name: str) -> str:
    return (files("governance") / "data" / "init" / name).read_text("utf-8")


def create_corpus(directory: Path, organisation: str, today: date, source: str) -> list[Path]:
    """Write config, folders, schemas and one sample routine; return what was created.

    ``source`` is where CI and pre-commit install styrdok from (governance.source)."""
    if (directory / "styrdok.yaml").exists():
        raise Refused(f"{directory / 'styrdok.yaml'} finns redan: välj en tom mapp.")
    if directory.exists() and not directory.is_dir():
        raise Refused(f"{directory} är en fil, inte en mapp.")
    try:
        (directory / "routines").mkdir(parents=True, exist_ok=True)
        (directory / "templates").mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"Kan inte skapa {directory}: {exc.strerror}.") from None
    config = directory / "styrdok.yaml"
    config.write_text(
        _data("styrdok.yaml").replace("{organisation}", quoted(organisation)), "utf-8"
    )
    routine = directory / "routines" / "exempel-rutin.yaml"
    routine.write_text(_data("exempel-rutin.yaml").replace("{today}", today.isoformat()), "utf-8")
    created = [config, directory / "routines", directory / "templates", routine]
    for name, rel in EXTRA_FILES.items():
        path = directory / rel
        if path.exists():
            continue  # a folder already under git may have its own
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_data(name).replace("{source}", quoted(requirement(source))), "utf-8")
        created.append(path)
    return created + write_schemas(directory)
