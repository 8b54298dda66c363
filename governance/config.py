"""styrdok.yaml → a typed Config, with every error reported at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from governance.codes import CODES, Level
from governance.dates import DURATION_PATTERN, parse_duration
from governance.errors import ConfigError
from governance.ids import scheme_problem
from governance.messages import explain
from governance.model import ID_PATTERN

CONFIG_NAME = "styrdok.yaml"
CONFIG_LIMIT = 1_000_000  # bytes
Severity = Level


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Kind(_Model):
    id: str = Field(
        pattern=ID_PATTERN,
        title="Id",
        description="Sortens id som dokumenten anger i kind, t.ex. rutin.",
    )
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
        le=1200,
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

    id: str = Field(
        pattern=ID_PATTERN,
        title="Id",
        description="Id som dokumenten använder: små bokstäver a–z, siffror och bindestreck.",
    )
    name: str = Field(title="Namn", description="Namnet som det visas i handboken.")
    until: date | None = Field(
        default=None,
        title="Upphörde",
        description="Sista dagen enheten fanns (ÅÅÅÅ-MM-DD), t.ex. när förvaltningar slogs "
        "ihop. check varnar för gällande dokument som fortfarande gäller för den.",
    )


class Limits(_Model):
    max_file_bytes: int = Field(
        default=1_000_000,
        ge=1000,
        title="Största fil (byte)",
        description="Största storlek på en YAML-fil i byte; större filer läses inte.",
    )


Duration = Annotated[
    float,
    BeforeValidator(parse_duration),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": DURATION_PATTERN},
                {"type": "number", "minimum": 0},
            ],
            "description": "En tid: 20s, 10min, 12h, 7d, 1w, eller ett antal sekunder.",
        }
    ),
]


def _duration(default: str, title: str, description: str) -> Any:
    return Field(
        default=parse_duration(default),
        title=title,
        description=f"{description} Standard: {default}.",
        json_schema_extra={"default": default},
    )


class LinkHost(_Model):
    """Settings for the hosts that match one pattern; unset values follow links:."""

    match: str = Field(
        min_length=1,
        title="Värd",
        description="Värdnamn som inställningarna gäller, t.ex. www.socialstyrelsen.se; "
        "* matchar vad som helst, t.ex. *.goteborg.se.",
    )
    concurrency: int | None = Field(
        default=None,
        ge=1,
        le=256,
        title="Samtidiga anrop till värden",
        description="Högst så många anrop samtidigt till den här värden.",
    )
    timeout: Duration | None = Field(
        default=None,
        title="Tidsgräns per anrop",
        description="Hur länge ett anrop till värden får ta, t.ex. 20s.",
    )
    retries: int | None = Field(
        default=None,
        ge=0,
        le=10,
        title="Nya försök vid 429 och 503",
        description="Hur många gånger ett anrop görs om när värden svarar 429 eller 503.",
    )
    method: Literal["head", "get"] | None = Field(
        default=None,
        title="Metod",
        description="get för servrar som svarar fel på HEAD; standard är HEAD och GET "
        "om servern vägrar HEAD.",
    )
    verify_tls: bool = Field(
        default=True,
        title="Kontrollera certifikat",
        description="false bara för en intern server med eget certifikat som datorn inte litar på.",
    )


class LinksConfig(_Model):
    """``styrdok links``: the external link check."""

    max_age: Duration = _duration(
        "7d",
        "Cachens ålder för fungerande länkar",
        "Så länge räknas ett lyckat resultat i .styrdok/links.json; yngre adresser "
        "kontrolleras inte igen.",
    )
    max_age_failed: Duration = _duration(
        "1h",
        "Cachens ålder för trasiga länkar",
        "Så länge återanvänds ett misslyckat resultat; äldre kontrolleras igen, så att "
        "en server som var nere i natt prövas nästa natt.",
    )
    timeout: Duration = _duration("20s", "Tidsgräns per anrop", "Längsta väntan på ett svar.")
    budget: Duration = _duration(
        "10min",
        "Tidsbudget för hela körningen",
        "Adresser som inte hunnits med när tiden är slut rapporteras som ej kontrollerade.",
    )
    concurrency: int = Field(
        default=32,
        ge=1,
        le=1024,
        title="Samtidiga anrop totalt",
        description="Högst så många anrop samtidigt till alla värdar.",
    )
    per_host: int = Field(
        default=4,
        ge=1,
        le=256,
        title="Samtidiga anrop per värd",
        description="Hur många anrop som samtidigt går till samma server (var snäll mot "
        "andras servrar). hosts: kan ange andra värden per värd.",
    )
    retries: int = Field(
        default=2,
        ge=0,
        le=10,
        title="Nya försök vid 429 och 503",
        description="Servern får säga hur länge vi ska vänta (Retry-After); annars "
        "fördubblas väntan för varje försök.",
    )
    max_retry_wait: Duration = _duration(
        "60s",
        "Längsta väntan före nytt försök",
        "Ber servern om längre väntan rapporteras länken direkt.",
    )
    max_body_bytes: int = Field(
        default=50_000_000,
        ge=1000,
        title="Största svar (byte)",
        description="Större filer rapporteras, och mer än så läses aldrig.",
    )
    user_agent: str | None = Field(
        default=None,
        title="User-Agent",
        description="Hur styrdok presenterar sig för servrarna, bara ASCII. Standard: "
        "styrdok/VERSION (link checker).",
    )
    exclude: list[str] = Field(
        default_factory=list,
        title="Adresser som inte kontrolleras",
        description="Mönster som matchas mot hela adressen, * som jokertecken, t.ex. "
        "https://intranat.goteborg.se/* eller mailto:*.",
    )
    hosts: list[LinkHost] = Field(
        default_factory=list,
        title="Inställningar per värd",
        description="Den första posten vars match passar värden gäller.",
    )

    @field_validator("user_agent")
    @classmethod
    def _ascii(cls, value: str | None) -> str | None:
        if value is not None and not (value.isascii() and value.isprintable() and value.strip()):
            raise ValueError("får bara innehålla tecken ur ASCII (inte å, ä, ö), på en rad")
        return value

    @field_validator("exclude")
    @classmethod
    def _patterns(cls, value: list[str]) -> list[str]:
        empty = [i for i, p in enumerate(value) if not p.strip()]
        if empty:
            raise ValueError("tomt mönster; ta bort raden eller skriv en adress med *")
        return value


class SearchConfig(_Model):
    """The handbook's search: words that mean the same to staff."""

    synonyms: list[list[str]] = Field(
        default_factory=list,
        title="Synonymer",
        description="Grupper av ord som betyder samma sak i sökningen, t.ex. "
        "[vräkning, avhysning]: den som söker på ett av orden hittar också de andra.",
    )

    @field_validator("synonyms")
    @classmethod
    def _groups(cls, value: list[list[str]]) -> list[list[str]]:
        for n, group in enumerate(value, 1):
            words = [w.strip().lower() for w in group]
            if len(words) < 2:
                raise ValueError(f"grupp {n}: skriv minst två ord, t.ex. [vräkning, avhysning]")
            bad = [w for w in words if not w or not all(c.isalnum() or c == "-" for c in w)]
            if bad:
                raise ValueError(
                    f"grupp {n}: '{bad[0]}' är inget ord; skriv enstaka ord med bokstäver "
                    "och siffror, utan mellanslag"
                )
        return [[w.strip().lower() for w in group] for group in value]


class Config(_Model):
    model_config = ConfigDict(extra="forbid", title="styrdok.yaml")

    organisation: str = Field(
        title="Organisation",
        description="Organisationens namn, t.ex. Göteborgs Stad; visas i handboken och i dokumenten.",
    )
    language: str = Field(
        default="sv", title="Språk", description="Språkkod för handboken och sökningen, sv."
    )
    review_warning_days: int = Field(
        default=90,
        ge=0,
        le=36500,
        title="Varning före prövning (dagar)",
        description="Hur långt i förväg en kommande aktualitetsprövning eller slutdag varnas.",
    )
    kinds: list[Kind] = Field(
        min_length=1, title="Dokumentsorter", description="I hierarkins ordning."
    )
    bodies: list[Term] = Field(
        default_factory=list,
        title="Beslutande organ och roller",
        description="Nämnder, chefer och andra som får besluta dokument: id och namn.",
    )
    units: list[Term] = Field(
        default_factory=list,
        title="Förvaltningar och enheter",
        description="Förvaltningar och enheter som dokument gäller för: id och namn.",
    )
    roles: list[Term] = Field(
        default_factory=list,
        title="Roller",
        description="Roller som äger dokument eller gör steg: id och namn, aldrig personer.",
    )
    themes: list[Term] = Field(
        default_factory=list,
        title="Teman",
        description="Teman som dokumenten kan märkas med: id och namn.",
    )
    hierarchy: list[str] = Field(
        default_factory=list,
        title="Hierarkin av reglerande dokument",
        description="Id för de reglerande dokumentsorterna i hierarkins ordning, från minst "
        "till mest detaljerad (t.ex. policy, riktlinje, regel, anvisning, rutin, instruktion). "
        "Handboken och exporten visar bara dessa i hierarkiraden. Tom = de styrande sorterna "
        "i ordningen under kinds.",
    )
    figures_max_age_months: int = Field(
        default=12,
        ge=1,
        title="Siffrors högsta ålder (månader)",
        description="Hur gamla siffror i ett avsnitt eller svar (figures_as_of) får bli innan "
        "check varnar.",
    )
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
    limits: Limits = Field(
        default_factory=Limits, title="Gränser", description="Gränser för filer som styrdok läser."
    )
    links: LinksConfig = Field(
        default_factory=LinksConfig,
        title="Länkkontroll",
        description="Inställningar för styrdok links: cache, tidsgränser, samtidighet, "
        "undantag och inställningar per värd.",
    )
    search: SearchConfig = Field(
        default_factory=SearchConfig,
        title="Sökning",
        description="Inställningar för handbokens sökning: synonymer.",
    )
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
        unknown = sorted(set(value) - set(CODES))
        if unknown:
            raise ValueError(f"okända koder: {', '.join(unknown)} (se 'styrdok codes')")
        return value

    @field_validator("id_scheme")
    @classmethod
    def _id_scheme(cls, value: str) -> str:
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
        unknown = [k for k in self.hierarchy if k not in {kind.id for kind in self.kinds}]
        if unknown:
            raise ValueError(
                f"hierarchy: okända dokumentsorter: {', '.join(unknown)} (se kinds i styrdok.yaml)"
            )
        return self

    def kind(self, kind_id: str) -> Kind | None:
        return next((k for k in self.kinds if k.id == kind_id), None)

    def term_ids(self, name: str) -> set[str]:
        return {t.id for t in getattr(self, name)}

    def regulating(self) -> list[Kind]:
        """The regulating kinds in the order of the hierarchy: ``hierarchy`` when given,
        otherwise every governing kind in the order of ``kinds``."""
        if self.hierarchy:
            return [k for i in self.hierarchy if (k := self.kind(i)) is not None]
        return [k for k in self.kinds if k.governing]

    def ended(self, name: str, term_id: str, today: date) -> date | None:
        """The last day of a term that has ended before ``today``, else None."""
        term = next((t for t in getattr(self, name) if t.id == term_id), None)
        return term.until if term is not None and term.until and term.until < today else None

    def name_of(self, name: str, term_id: str) -> str:
        return next((t.name for t in getattr(self, name) if t.id == term_id), term_id)


def load_config(root: Path) -> Config:
    """Read ``styrdok.yaml`` at the corpus root; raise ConfigError naming every problem."""
    from governance.safefile import Unreadable, read_bytes
    from governance.yamlio import YamlProblem, read_fast

    path = root / CONFIG_NAME
    if not path.exists() and not path.is_symlink():
        raise ConfigError(
            f"{path}: ingen styrdok.yaml hittades. Kör i korpusens rotmapp, ange --root, "
            "eller skapa en ny korpus med 'styrdok init MAPP'."
        )
    try:
        raw = read_bytes(path, CONFIG_LIMIT, root)
        data = read_fast(raw)
    except Unreadable as exc:
        raise ConfigError(f"{path}: {exc.message}") from None
    except YamlProblem as exc:
        raise ConfigError(f"{path}:{exc.line}: {exc.message}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: filen måste vara en mappning (nyckel: värde).")
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        from governance.yamlio import Locator

        locator = Locator(raw.decode("utf-8-sig"))
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
