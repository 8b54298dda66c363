"""styrdok.yaml → a typed Config, with every error reported at once."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from governance.errors import ConfigError
from governance.messages import explain
from governance.model import ID_PATTERN

CONFIG_NAME = "styrdok.yaml"
Severity = Literal["error", "warning", "off"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Kind(_Model):
    id: str = Field(pattern=ID_PATTERN, title="Id")
    label: str = Field(title="Namn", description="Som staben skriver det, t.ex. Rutin.")
    governing: bool = Field(
        default=True,
        title="Styrande",
        description="false för mallar, stöddokument, kunskapsstöd och externa dokument.",
    )
    decided_by: list[str] = Field(
        default_factory=list,
        title="Får beslutas av",
        description="Id för organ/roller (bodies) som får besluta dokument av sorten. Tom = ingen kontroll.",
    )
    review_interval_months: int | None = Field(
        default=None,
        ge=1,
        title="Aktualitetsprövning (månader)",
        description="Hur ofta dokumentet ska prövas, t.ex. 48 = en gång per mandatperiod.",
    )
    required: list[str] = Field(
        default_factory=list,
        title="Obligatoriska fält",
        description="Fält som ett gällande dokument av sorten måste ha.",
    )


class Term(_Model):
    """A named thing documents refer to by id: a body, unit, role or theme."""

    id: str = Field(pattern=ID_PATTERN)
    name: str


class Limits(_Model):
    max_file_bytes: int = Field(default=1_000_000, ge=1000, title="Största fil (byte)")


class Config(_Model):
    model_config = ConfigDict(extra="forbid", title="styrdok.yaml")

    organisation: str = Field(title="Organisation")
    language: str = Field(default="sv", title="Språk")
    review_warning_days: int = Field(
        default=90,
        ge=0,
        title="Varning före prövning (dagar)",
        description="Hur långt i förväg en kommande aktualitetsprövning eller slutdag varnas.",
    )
    kinds: list[Kind] = Field(
        min_length=1, title="Dokumentsorter", description="I hierarkins ordning."
    )
    bodies: list[Term] = Field(default_factory=list, title="Beslutande organ och roller")
    units: list[Term] = Field(default_factory=list, title="Förvaltningar och enheter")
    roles: list[Term] = Field(default_factory=list, title="Roller")
    themes: list[Term] = Field(default_factory=list, title="Teman")
    placeholders: list[str] = Field(
        default_factory=list,
        title="Extra platshållare",
        description="Text som aldrig får publiceras, utöver [Nummer], [Bilagor], TODO m.fl.",
    )
    severity: dict[str, Severity] = Field(
        default_factory=dict,
        title="Allvarlighetsgrad per kod",
        description="T.ex. link-expired: error.",
    )
    limits: Limits = Field(default_factory=Limits, title="Gränser")
    id_scheme: str = Field(
        default="{kind}-{slug}",
        title="Id för nya dokument",
        description="Hur 'styrdok new' bildar id: {kind} = dokumentsort, {slug} = titeln "
        "med a–z, 0–9 och bindestreck, {n} = nästa lediga nummer ({n:03} ger 001), "
        "{year} = årtal. Till exempel {kind}-{slug} eller {kind}-{year}-{n:03}.",
    )

    @field_validator("severity")
    @classmethod
    def _known_codes(cls, value: dict[str, Severity]) -> dict[str, Severity]:
        from governance.codes import CODES

        unknown = sorted(set(value) - set(CODES))
        if unknown:
            raise ValueError(f"okända koder: {', '.join(unknown)} (se 'styrdok codes')")
        return value

    @field_validator("id_scheme")
    @classmethod
    def _id_scheme(cls, value: str) -> str:
        from governance.lifecycle.ids import scheme_problem

        problem = scheme_problem(value)
        if problem:
            raise ValueError(problem)
        return value

    @model_validator(mode="after")
    def _unique_ids(self) -> Config:
        for name in ("kinds", "bodies", "units", "roles", "themes"):
            ids = [t.id for t in getattr(self, name)]
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                raise ValueError(f"{name}: id förekommer flera gånger: {', '.join(dupes)}")
        return self

    def kind(self, kind_id: str) -> Kind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)

    def term_ids(self, name: str) -> set[str]:
        return {t.id for t in getattr(self, name)}

    def name_of(self, name: str, term_id: str) -> str:
        return next((t.name for t in getattr(self, name) if t.id == term_id), term_id)


def load_config(root: Path) -> Config:
    """Read ``styrdok.yaml`` at the corpus root; raise ConfigError naming every problem."""
    from governance.yamlio import YamlProblem, read_fast

    path = root / CONFIG_NAME
    if not path.is_file():
        raise ConfigError(
            f"{path}: ingen styrdok.yaml hittades. Kör i korpusens rotmapp, ange --root, "
            "eller skapa en ny korpus med 'styrdok init MAPP'."
        )
    try:
        data = read_fast(path.read_bytes())
    except YamlProblem as exc:
        raise ConfigError(f"{path}:{exc.line}: {exc.message}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: filen måste vara en mappning (nyckel: värde).")
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        from governance.yamlio import Locator

        locator = Locator(path.read_text("utf-8"))
        lines = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"])
            line, _ = locator.position(tuple(err["loc"]))
            if err["type"] == "value_error":
                message = str(err["ctx"]["error"])
            elif err["type"] == "missing":
                message = "fältet saknas."
            else:
                message = explain([dict(err)], err.get("input"))
            lines.append(f"{path}:{line}: {where or '(roten)'}: {message}")
        raise ConfigError("Fel i styrdok.yaml:\n" + "\n".join(lines)) from None
