"""The document model: governing documents and template definitions (no I/O).

Keys are English; every ``title`` and ``description`` is Swedish, because they reach the
process leader through the generated JSON Schema (editor completion and hover help).
Cross-references (role, unit, body, theme, document and template ids) and web addresses
are strings marked with governance.fields.Ref and Url; one check resolves every marked
reference, and the link checker reads every marked address.
"""

from __future__ import annotations

from datetime import date as Date
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from governance.fields import Ref, Url
from governance.valuetypes import Included, Owners, Part, owner_list

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
KEY_PATTERN = r"^[a-z][a-z0-9_]*$"
VERSION_PATTERN = r"^[0-9]{1,9}(\.[0-9]{1,9}){0,2}$"
UNTIL_FURTHER_NOTICE = "until-further-notice"

DocId = Annotated[
    str,
    Field(
        pattern=ID_PATTERN,
        title="Id",
        description="Stabil identitet: små bokstäver a–z, siffror och bindestreck. "
        "Filen heter likadant (id.yaml).",
    ),
]
Version = Annotated[
    str,
    Field(
        pattern=VERSION_PATTERN,
        title="Version",
        description='Versionsnummer inom citattecken, till exempel "1.0" eller "2.1".',
    ),
]
# References (governance.fields): checked against styrdok.yaml or the corpus by one check.
RoleId = Annotated[str, Field(description="Id för en roll i styrdok.yaml (roles)."), Ref("roles")]
UnitId = Annotated[
    str, Field(description="Id för en förvaltning/enhet i styrdok.yaml (units)."), Ref("units")
]
BodyId = Annotated[str, Ref("bodies")]
ThemeId = Annotated[str, Ref("themes")]
DocRef = Annotated[DocId, Ref("documents")]
LinkRef = Annotated[DocId, Ref("documents", current_only=True)]
TemplateRef = Annotated[DocId, Ref("templates", unknown="template-unknown")]
RoutineRef = Annotated[DocId, Ref("documents", unknown="template-routine-unknown")]
WebAddress = Annotated[str, Url()]
Markdown = Annotated[str, Field(description="Text i Markdown.")]


class Model(BaseModel):
    """Base: unknown keys are errors, values are not coerced between types."""

    model_config = ConfigDict(extra="forbid", strict=False, frozen=False)


class Decision(Model):
    by: list[BodyId] = Field(
        min_length=1,
        title="Beslutad av",
        description="Id för de organ eller roller som fattade beslutet (bodies i styrdok.yaml).",
    )
    date: Date = Field(title="Beslutsdatum", description="Datum för beslutet, ÅÅÅÅ-MM-DD.")
    paragraph: str | None = Field(
        default=None, title="Paragraf", description="Paragraf i protokollet, till exempel § 12."
    )
    registration_number: str | None = Field(
        default=None,
        title="Diarienummer",
        description="Ärendets diarienummer, till exempel SO 2017/0164.",
    )


class Attachment(Model):
    title: str = Field(
        title="Bilagans namn", description="Bilagans namn som det visas i dokumentet."
    )
    file: str | None = Field(default=None, title="Fil", description="Sökväg i korpusen.")
    url: WebAddress | None = Field(
        default=None,
        title="Webbadress",
        description="Webbadress (https) till bilagan, om den inte ligger i korpusen.",
    )


class SupportingDocument(Model):
    title: str = Field(title="Titel", description="Dokumentets titel.")
    url: WebAddress | None = Field(
        default=None, title="Webbadress", description="Extern länk (https)."
    )
    publisher: str | None = Field(
        default=None, title="Utgivare", description="T.ex. Socialstyrelsen."
    )


class Revision(Model):
    version: Version
    date: Date = Field(title="Datum", description="Dag då versionen fastställdes.")
    summary: str = Field(title="Vad ändrades", description="Kort sammanfattning av ändringen.")
    major: bool = Field(
        default=False,
        title="Större ändring",
        description="true för en större ändring (ny huvudversion) som påverkar dokument som länkar hit.",
    )
    decision: Decision | None = Field(
        default=None,
        title="Beslut",
        description="Beslutet som versionen fattades med (organ, datum, paragraf, diarienummer). "
        "Det senaste beslutet i historiken är dokumentets gällande beslut.",
    )
    valid_from: Date | None = Field(
        default=None, title="Gäller från", description="Dag då versionen började gälla."
    )
    valid_until: Date | Literal["until-further-notice"] | None = Field(
        default=None,
        title="Gäller till",
        description="Versionens sista giltighetsdag, eller until-further-notice.",
    )


class Review(Model):
    date: Date = Field(title="Datum", description="Dag för aktualitetsprövningen.")
    note: str | None = Field(
        default=None, title="Anteckning", description="Vad som kontrollerades vid prövningen."
    )


class Retirement(Model):
    date: Date = Field(
        title="Upphävd datum", description="Dag då dokumentet upphävdes, ÅÅÅÅ-MM-DD."
    )
    reason: str = Field(title="Skäl", description="Varför dokumentet upphävdes.")

    @property
    def clause(self) -> str:
        """The reason inside a sentence, "(…)": without a full stop of its own."""
        return self.reason.strip().rstrip(".").rstrip()


class Section(Model):
    title: str = Field(title="Rubrik", description="Avsnittets rubrik.")
    body: Markdown = Field(default="", title="Text", description="Avsnittets text i Markdown.")
    figures_as_of: Date | None = Field(
        default=None,
        title="Siffror per",
        description="Dag eller månad som siffrorna i texten gäller (ÅÅÅÅ-MM-DD). check varnar "
        "när de blivit äldre än figures_max_age_months i styrdok.yaml.",
    )
    sections: list[Section] = Field(
        default_factory=list, title="Underavsnitt", description="Avsnitt under det här avsnittet."
    )
    include: list[Included] = Field(
        default_factory=list,
        title="Delar i avsnittet",
        description="Delar av dokumentet som står i det här avsnittet, efter texten och "
        "underavsnitten, med avsnittets rubrik: t.ex. [links] i ett avsnitt 'Koppling till "
        "andra styrande dokument', [processes] i 'Rutin för samverkan'. De visas då inte på "
        "sin vanliga plats.",
    )


class SubStep(Model):
    text: Markdown = Field(title="Delsteg", description="Vad som görs i delsteget, i Markdown.")
    role: RoleId | None = Field(
        default=None,
        title="Ansvarig roll",
        description="Id för rollen som gör delsteget (roles i styrdok.yaml).",
    )


class Step(Model):
    text: Markdown = Field(title="Steg", description="Vad som görs i steget.")
    role: RoleId | None = Field(
        default=None,
        title="Ansvarig roll",
        description="Id för rollen som gör steget (roles i styrdok.yaml).",
    )
    details: Markdown | None = Field(
        default=None, title="Mer om steget", description="Mer om hur steget görs, i Markdown."
    )
    substeps: list[SubStep] = Field(
        default_factory=list, title="Delsteg", description="Delsteg i ordning."
    )


class Phase(Model):
    title: str = Field(title="Fas", description="Fasens namn, t.ex. Förebyggande arbete.")
    description: Markdown | None = Field(
        default=None, title="Beskrivning", description="Vad fasen omfattar, i Markdown."
    )
    roles: list[RoleId] = Field(
        default_factory=list,
        title="Roller i fasen",
        description="Id för de roller som deltar i fasen.",
    )
    steps: list[Step] = Field(
        default_factory=list, title="Steg", description="Fasens numrerade steg."
    )


class Process(Model):
    title: str = Field(title="Processens namn", description="Till exempel när processen startar.")
    description: Markdown | None = Field(
        default=None,
        title="Beskrivning",
        description="Vad processen omfattar och när den används, i Markdown.",
    )
    steps: list[Step] = Field(
        default_factory=list,
        title="Numrerade steg",
        description="Stegen i ordning; varje steg kan ha ansvarig roll och delsteg.",
    )
    phases: list[Phase] = Field(
        default_factory=list,
        title="Faser",
        description="Processen indelad i faser, var och en med egna steg.",
    )


class Principle(Model):
    title: str = Field(title="Princip", description="Principen i korthet.")
    description: Markdown | None = Field(
        default=None, title="Förklaring", description="Vad principen innebär, i Markdown."
    )


class TargetGroup(Model):
    description: Markdown | None = Field(
        default=None,
        title="Beskrivning av målgruppen",
        description="Vilka dokumentet gäller, i Markdown.",
    )
    criteria: list[str] = Field(
        default_factory=list,
        title="Kriterier",
        description="Kriterier för att höra till målgruppen, ett per rad.",
    )


class Responsibility(Model):
    unit: UnitId | None = Field(
        default=None,
        title="Förvaltning/enhet",
        description="Id för förvaltningen eller enheten som ansvaret gäller (units i styrdok.yaml).",
    )
    role: RoleId | None = Field(
        default=None,
        title="Roll",
        description="Id för rollen som ansvaret gäller (roles i styrdok.yaml).",
    )
    duties: list[Markdown] = Field(
        min_length=1,
        title="Ansvar",
        description="Vad förvaltningen eller rollen ansvarar för, en punkt per ansvar.",
    )


class Faq(Model):
    question: str = Field(title="Fråga", description="Frågan som den brukar ställas.")
    answer: Markdown = Field(title="Svar")
    figures_as_of: Date | None = Field(
        default=None,
        title="Siffror per",
        description="Dag eller månad som siffrorna i svaret gäller (ÅÅÅÅ-MM-DD).",
    )


class Contact(Model):
    title: str = Field(title="Vem", description="Till exempel en förvaltning eller enhet.")
    body: Markdown = Field(
        default="", title="Så når du dem", description="Roller och vägar, aldrig personer."
    )


class Checklist(Model):
    title: str = Field(title="Checklistans namn", description="Checklistans rubrik.")
    items: list[str] = Field(
        min_length=1, title="Punkter", description="Punkterna i checklistan, en per rad."
    )


class Source(Model):
    title: str = Field(title="Titel", description="Källans titel.")
    publisher: str | None = Field(
        default=None, title="Utgivare", description="Vem som gav ut källan, t.ex. Socialstyrelsen."
    )
    year: int | None = Field(default=None, title="År", description="Utgivningsår, t.ex. 2023.")
    url: WebAddress | None = Field(
        default=None, title="Webbadress", description="Webbadress (https) till källan."
    )


class FactCheck(Model):
    by: str = Field(
        title="Faktagranskad av",
        description="Roll eller funktion som granskade faktan, aldrig en person.",
    )
    date: Date | None = Field(
        default=None,
        title="Senast granskad",
        description="Dag för den senaste faktagranskningen, ÅÅÅÅ-MM-DD.",
    )


class Document(Model):
    """A governing document, a support document or an external reference."""

    model_config = ConfigDict(
        title="Styrande dokument",
        json_schema_extra={
            "description": "Ett dokument i styrdok: en fil per dokument under routines/."
        },
    )

    id: DocId
    title: str = Field(
        min_length=1,
        title="Dokumentnamn",
        description="Dokumentets namn som det står på titelsidan och i handboken.",
    )
    kind: str = Field(
        title="Dokumentsort",
        description="Id för en dokumentsort i styrdok.yaml, t.ex. rutin, riktlinje, kunskapsstod, extern.",
    )
    status: Literal["draft", "in-force", "retired"] = Field(
        title="Status",
        description="draft = utkast, in-force = gällande, retired = upphävd.",
    )
    summary: str | None = Field(
        default=None, title="Sammanfattning", description="En eller två meningar."
    )
    superseded_by: DocRef | None = Field(
        default=None,
        title="Ersatt av",
        description="Id för dokumentet som ersätter det här när det upphävts (styrdok retire --superseded-by).",
    )
    supersedes: list[DocRef] = Field(
        default_factory=list,
        title="Ersätter",
        description="Id för upphävda dokument som det här dokumentet ersätter "
        "(styrdok retire --superseded-by fyller i det).",
    )
    retirement: Retirement | None = Field(
        default=None,
        title="Upphävande",
        description="När och varför dokumentet upphävdes; fylls i av styrdok retire.",
    )
    decision: Decision | None = Field(
        default=None,
        title="Beslut",
        description="Vem som beslutade dokumentet, när, i vilken paragraf och med vilket diarienummer.",
    )
    applies_to: list[UnitId] = Field(
        default_factory=list,
        title="Gäller för",
        description="Id för de förvaltningar eller enheter (units i styrdok.yaml) som dokumentet gäller för.",
    )
    valid_from: Date | None = Field(
        default=None, title="Gäller från", description="Första dag dokumentet gäller, ÅÅÅÅ-MM-DD."
    )
    valid_until: Date | Literal["until-further-notice"] | None = Field(
        default=None,
        title="Gäller till",
        description="Sista giltighetsdag, eller until-further-notice (tills vidare).",
    )
    last_revised: Date | None = Field(
        default=None,
        title="Senast reviderad",
        description="Dag då dokumentet senast reviderades, ÅÅÅÅ-MM-DD (styrdok revise sätter den).",
    )
    links_checked: Date | None = Field(
        default=None,
        title="Länkar kontrollerade",
        description="Dag då dokumentets länkar senast kontrollerades och fungerade.",
    )
    owner: Owners = Field(
        default=None,
        title="Dokumentansvarig",
        description="En roll eller en lista med roller, aldrig en person.",
    )
    publisher: str | None = Field(
        default=None, title="Utgivare", description="För externa dokument."
    )
    year: int | None = Field(
        default=None, title="År", description="Utgivningsår för externa dokument."
    )
    url: WebAddress | None = Field(
        default=None, title="Webbadress", description="Var dokumentet finns (externa dokument)."
    )
    registration_number: str | None = Field(
        default=None,
        title="Diarienummer",
        description="Externa dokument: utgivarens diarienummer, t.ex. SO 2017/0164. Styrande "
        "dokument har sitt under decision.",
    )
    attachments: list[Attachment] = Field(
        default_factory=list,
        title="Bilagor",
        description="Bilagor till dokumentet: namn och fil i korpusen eller webbadress.",
    )
    links: list[LinkRef] = Field(
        default_factory=list,
        title="Koppling till andra styrande dokument",
        description="Id för dokument i korpusen som detta dokument bygger på.",
    )
    supporting_documents: list[SupportingDocument] = Field(
        default_factory=list,
        title="Stödjande dokument",
        description="Dokument utanför korpusen som det här dokumentet stöder sig på, t.ex. från Socialstyrelsen.",
    )
    templates: list[TemplateRef] = Field(
        default_factory=list, title="Mallar", description="Id för mallar under templates/."
    )
    revisions: list[Revision] = Field(
        default_factory=list,
        title="Revideringar",
        description="Versionerna, äldst först: version, datum och vad som ändrades (styrdok revise lägger till).",
    )
    reviews: list[Review] = Field(
        default_factory=list,
        title="Aktualitetsprövningar",
        description="Aktualitetsprövningar utan ändring: datum och anteckning (styrdok review lägger till).",
    )
    themes: list[ThemeId] = Field(
        default_factory=list, title="Teman", description="Id för teman i styrdok.yaml."
    )
    tags: list[str] = Field(
        default_factory=list,
        title="Taggar",
        description="Fria sökord som hjälper sökningen i handboken.",
    )
    audience: list[RoleId] = Field(
        default_factory=list,
        title="Målgrupp (roller)",
        description="Id för de roller (roles i styrdok.yaml) som ska läsa dokumentet.",
    )
    sections: list[Section] = Field(
        default_factory=list,
        title="Avsnitt",
        description="Dokumentets text i avsnitt med rubrik och Markdown, eventuellt med underavsnitt.",
    )
    principles: list[Principle] = Field(
        default_factory=list,
        title="Principer",
        description="Grundläggande principer som arbetet vilar på, var och en med förklaring.",
    )
    target_group: TargetGroup | None = Field(
        default=None,
        title="Målgrupp",
        description="Vilka dokumentet gäller: beskrivning och kriterier.",
    )
    responsibilities: list[Responsibility] = Field(
        default_factory=list,
        title="Roller och ansvar",
        description="Vem som ansvarar för vad: per förvaltning eller roll, en lista med ansvar.",
    )
    processes: list[Process] = Field(
        default_factory=list,
        title="Processer",
        description="Arbetsgångar med numrerade steg (och eventuellt faser) och ansvarig roll för varje steg.",
    )
    faq: list[Faq] = Field(
        default_factory=list, title="Frågor och svar", description="Vanliga frågor med svar."
    )
    checklists: list[Checklist] = Field(
        default_factory=list,
        title="Checklistor",
        description="Checklistor med punkter att bocka av.",
    )
    sources: list[Source] = Field(
        default_factory=list,
        title="Källor",
        description="Källor för ett kunskapsstöd: titel, utgivare, år och webbadress.",
    )
    fact_check: FactCheck | None = Field(
        default=None,
        title="Faktagranskning",
        description="Vem som faktagranskade kunskapsstödet och när.",
    )
    contacts: list[Contact] = Field(
        default_factory=list,
        title="Kontaktvägar",
        description="Vem man kontaktar och hur: förvaltningar och enheter med roller och "
        "vägar, aldrig personer eller telefonnummer.",
    )
    order: list[Part] = Field(
        default_factory=list,
        title="Kapitelordning",
        description="Ordningen på dokumentets delar, t.ex. [sections, responsibilities, "
        "processes, contacts, links, supporting_documents]. Delar som inte nämns kommer efter, "
        "i standardordningen.",
    )

    @property
    def owners(self) -> list[str]:
        """The document's owners (dokumentansvariga): one role, several or none."""
        return owner_list(self.owner)

    @property
    def decisions(self) -> list[tuple[Revision | None, Decision]]:
        """Every decision in the history, oldest first: those kept with a revision, and the
        document's ``decision`` when no revision holds it."""
        found: list[tuple[Revision | None, Decision]] = [
            (r, r.decision) for r in self.revisions if r.decision is not None
        ]
        if self.decision is not None and all(d != self.decision for _, d in found):
            found.append((None, self.decision))
        return sorted(found, key=lambda item: item[1].date)

    @property
    def current_decision(self) -> Decision | None:
        """The latest decision: the one the document is in force by."""
        history = self.decisions
        return history[-1][1] if history else None

    @property
    def last_review(self) -> Date | None:
        return max((r.date for r in self.reviews), default=None)

    @property
    def version(self) -> str | None:
        return self.revisions[-1].version if self.revisions else None


FieldType = Literal["text", "multiline", "date", "yesno", "choice", "table"]


class TemplateColumn(Model):
    key: str = Field(
        pattern=KEY_PATTERN,
        title="Nyckel",
        description="Kolumnens namn i data: små bokstäver, siffror och _.",
    )
    label: str = Field(title="Etikett", description="Kolumnens rubrik i tabellen.")
    type: Literal["text", "multiline", "date", "yesno", "choice"] = Field(
        default="text", title="Typ", description="text, multiline, date, yesno eller choice."
    )
    help: str | None = Field(
        default=None, title="Hjälptext", description="Hjälptext som visas som platshållare."
    )
    required: bool = Field(
        default=False, title="Obligatorisk", description="true om kolumnen måste fyllas i."
    )
    choices: list[str] = Field(
        default_factory=list, title="Val", description="Valen för typen choice."
    )


class TemplateField(Model):
    key: str = Field(
        pattern=KEY_PATTERN,
        title="Nyckel",
        description="Fältets namn i data och i Word-mallen: små bokstäver, siffror och _.",
    )
    label: str = Field(title="Etikett", description="Ledtexten som visas i formuläret.")
    type: FieldType = Field(
        default="text",
        title="Typ",
        description="text, multiline (flera rader), date, yesno (ja/nej), choice (val ur lista) "
        "eller table (upprepade rader).",
    )
    help: str | None = Field(default=None, title="Hjälptext", description="Visas som platshållare.")
    required: bool = Field(
        default=False, title="Obligatorisk", description="true om fältet måste fyllas i."
    )
    section: str | None = Field(
        default=None, title="Avsnitt", description="Rubrik som fältet hör till."
    )
    choices: list[str] = Field(default_factory=list, title="Val", description="För typen choice.")
    columns: list[TemplateColumn] = Field(
        default_factory=list, title="Kolumner", description="För typen table."
    )


class Template(Model):
    """A template definition: the fields of a Word form used by one or more routines."""

    model_config = ConfigDict(
        title="Mall",
        json_schema_extra={
            "description": "En malldefinition under templates/: fälten i ett Word-formulär."
        },
    )

    id: DocId
    title: str = Field(
        min_length=1,
        title="Mallens namn",
        description="Mallens namn som det står i formuläret och i handboken.",
    )
    version: Version
    status: Literal["draft", "in-force", "retired"] = Field(
        default="in-force",
        title="Status",
        description="draft = utkast, in-force = gällande, retired = upphävd.",
    )
    description: Markdown | None = Field(
        default=None, title="Beskrivning", description="Vad mallen används till, i Markdown."
    )
    routines: list[RoutineRef] = Field(
        min_length=1, title="Används i", description="Id för rutiner som använder mallen."
    )
    owner: Owners = Field(
        default=None,
        title="Ansvarig roll",
        description="Id för rollen som ansvarar för mallen (roles i styrdok.yaml).",
    )
    layout: str | None = Field(
        default=None,
        title="Egen Word-layout",
        description="Sökväg till en .docx med docxtpl-taggar.",
    )
    revisions: list[Revision] = Field(
        default_factory=list,
        title="Revideringar",
        description="Mallens versioner, äldst först (styrdok revise lägger till).",
    )
    fields: list[TemplateField] = Field(
        min_length=1, title="Fält", description="Formulärets fält i den ordning de visas."
    )

    @property
    def owners(self) -> list[str]:
        return owner_list(self.owner)


def model_for(folder: str) -> type[Document] | type[Template]:
    """The model that files in a top-level corpus folder follow."""
    return Template if folder == "templates" else Document


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of a model, as the editor's YAML language server reads it."""
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema
