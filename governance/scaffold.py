"""``styrdok init``: a new corpus that checks clean, for an organisation starting from nothing."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from pathlib import Path

from governance.errors import StyrdokError
from governance.schema import write_schemas


def _data(name: str) -> str:
    return (files("governance") / "data" / "init" / name).read_text("utf-8")


def create_corpus(directory: Path, organisation: str, today: date) -> list[Path]:
    """Write config, folders, schemas and one sample routine; return what was created."""
    if (directory / "styrdok.yaml").exists():
        raise StyrdokError(f"{directory / 'styrdok.yaml'} finns redan: välj en tom mapp.")
    if directory.exists() and not directory.is_dir():
        raise StyrdokError(f"{directory} är en fil, inte en mapp.")
    try:
        (directory / "routines").mkdir(parents=True, exist_ok=True)
        (directory / "templates").mkdir(exist_ok=True)
    except OSError as exc:
        raise StyrdokError(f"Kan inte skapa {directory}: {exc.strerror}.") from None
    config = directory / "styrdok.yaml"
    config.write_text(
        _data("styrdok.yaml").replace("{organisation}", _yaml_str(organisation)), "utf-8"
    )
    routine = directory / "routines" / "exempel-rutin.yaml"
    routine.write_text(_data("exempel-rutin.yaml").replace("{today}", today.isoformat()), "utf-8")
    created = [config, directory / "routines", directory / "templates", routine]
    return created + write_schemas(directory)


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
