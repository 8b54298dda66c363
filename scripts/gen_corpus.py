#!/usr/bin/env python3
"""Write a synthetic styrdok corpus for tests and benchmarks.

    python scripts/gen_corpus.py OUT_DIR --count N [--seed 1] [--findings/--no-findings]

OUT_DIR gets a copy of the repository's styrdok.yaml (and of its schema/ folder, when there
is one), N documents as routines/<kind>/<id>.yaml and about N/20 template definitions as
templates/<id>.yaml. The same seed gives the same bytes. The corpus is clean for
``styrdok check --today 2026-11-23``; with --findings (the default) a few files carry one
planted problem each: about one per 500 documents, at least one, for every finding code a
single file can show. styrdok.yaml is read with governance.config; the YAML text is
written with governance.yamlwrite (fast: no YAML library), as ``styrdok new`` writes it.
"""

from __future__ import annotations

import argparse
import copy
import re
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from random import Random
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run from a checkout without installing styrdok

from governance.config import Config, load_config  # noqa: E402
from governance.config import Kind as ConfigKind  # noqa: E402
from governance.yamlwrite import Raw, emit  # noqa: E402

TODAY = date(2026, 11, 23)
DAY = timedelta(days=1)
MODELINE = "# yaml-language-server: $schema="
SCHEMA = "schema/document.schema.json"
WEIGHTS = {"rutin": 40, "instruktion": 12, "riktlinje": 8, "anvisning": 6, "kunskapsstod": 8}
WEIGHTS |= {"stoddokument": 8, "extern": 6, "handbok": 4, "regel": 2, "plan": 2, "policy": 1}
TEMPLATE_KINDS = ("rutin", "instruktion", "anvisning")  # the kinds that use Word templates

# --- the names from styrdok.yaml (read by governance.config) ---


@dataclass(frozen=True)
class Kind:
    id: str
    label: str
    governing: bool
    decided_by: list[str]
    review_months: int
    required: list[str]


@dataclass(frozen=True)
class Terms:
    kinds: dict[str, Kind]
    bodies: list[str]
    units: list[str]
    roles: list[str]
    themes: list[str]
    max_file_bytes: int


def read_terms(config: Config) -> Terms:
    """The names the generated documents use, from styrdok.yaml read by governance.config.
    Units that have ended (``until:``) are left out: documents in force apply to units
    that exist."""
    kinds = {k.id: _kind(k) for k in config.kinds}
    ids = {
        name: [t.id for t in getattr(config, name) if t.until is None]
        for name in ("bodies", "units", "roles")
    }
    themes = [t.id for t in config.themes]
    return Terms(kinds, themes=themes, max_file_bytes=config.limits.max_file_bytes, **ids)


def _kind(k: ConfigKind) -> Kind:
    months = k.review_interval_months or 48
    return Kind(k.id, k.label, k.governing, list(k.decided_by), months, list(k.required))


# --- Swedish-looking text from a word list of social-services phrases ------------------------


def words(text: str) -> list[str]:
    return text.split("|")


SUBJECTS = words(
    "Handläggaren|Socialsekreteraren|Enhetschefen|Bostad först-teamet|Förvaltningen|Nämnden|"
    "Utföraren|Stödpersonalen|Budget- och skuldrådgivaren|Processledaren|Hyresvärden|"
    "Fastighetskontoret|Boendestödjaren|Socialtjänsten"
)
VERBS = words(
    "ska kontakta|ansvarar för|dokumenterar|bedömer|följer upp|informerar om|samordnar|utreder|"
    "erbjuder stöd kring|tar ställning till|planerar|återkopplar om|säkerställer|ska aktualisera|"
    "kan bevilja bistånd för"
)
OBJECTS = words(
    "ärendet om avhysning|behovet av bistånd|hyresskulden|boendesituationen|samverkan med "
    "hyresvärden|den enskildes rätt till insatser|barnets bästa|orosanmälan|ansökan om ekonomiskt "
    "bistånd|genomförandeplanen|det vräkningsförebyggande arbetet|kontakten med Kronofogden|"
    "boendestödet|det sociala kontraktet|andrahandskontraktet|uppföljningen av insatsen|den "
    "samordnade individuella planen|socialtjänstens uppdrag|underrättelsen om uppsägning|"
    "nödbiståndsboendet|hemlöshetsplanen|träningslägenheten|budget- och skuldrådgivningen|"
    "den personliga integriteten|sekretessen mellan myndigheter"
)
TAILS = words(
    "inom tre arbetsdagar|enligt socialtjänstlagen|i samråd med brukaren|innan beslut fattas|"
    "i verksamhetssystemet|så snart som möjligt|vid varje uppföljning|tillsammans med hyresvärden|"
    "med hänsyn till barnets bästa|utifrån en individuell bedömning|när hyresskulden uppstår|"
    "om den enskilde samtycker|enligt gällande riktlinjer|i journalen|||"
)
INTROS = words(
    "Vid risk för avhysning|Om brukaren saknar bostad|I samband med utredningen|När en "
    "underrättelse kommer in|Efter beslut om bistånd|Under hela ärendet|Vid behov|Inför "
    "uppföljningen|Om barn berörs"
)
TOPICS = words(
    "förebyggande av avhysning|samverkan vid hemlöshet|bostad först|hyresskulder|boendestöd|"
    "sociala kontrakt|akut boende|barnfamiljer som riskerar avhysning|träningslägenheter|"
    "andrahandskontrakt|samordnad individuell plan|nödbistånd för boende|uppföljning av "
    "boendeinsatser|budget- och skuldrådgivning|hyresrådgivning|boende för personer med "
    "funktionsnedsättning|övergång från institution till eget boende|kartläggning av hemlöshet|"
    "samarbete med Förvaltnings AB Framtiden|ekonomiskt bistånd till hyra"
)
SECTIONS = words(
    "Syfte|Bakgrund|Målgrupp|Ansvar|Arbetsgång|Samverkan|Dokumentation|Uppföljning|Sekretess och "
    "samtycke|Definitioner|Lagstöd|Barnperspektiv|Kontaktvägar|Avvikelser|Information till brukaren"
)
TAGS = words(
    "avhysning|vräkning|hyresskuld|boende|bistånd|samverkan|barnfamiljer|kronofogden|hyresvärd|"
    "sip|boendestöd|hemlöshet|sekretess|uppföljning|nödbistånd"
)
NOTES = words(
    "Dokumentet fastställdes.|Uppdaterad efter ändrad lagstiftning.|Nya kontaktvägar och roller."
    "|Förtydligat ansvar mellan förvaltningarna.|Språklig översyn.|Anpassad till ny nämndordning."
)
PUBLISHERS = ["Socialstyrelsen", "Kronofogden", "Boverket", "Länsstyrelsen Västra Götaland"]
PRINCIPLES = ["Barnets bästa", "Boendet först", "Helhetssyn", "Delaktighet", "Rättssäkerhet"]
LINKS = ["[Socialstyrelsen](https://www.socialstyrelsen.se/)", "[Boverket](https://boverket.se/)"]


def capital(text: str) -> str:
    return text[0].upper() + text[1:]


class Prose:
    """Sentences and Markdown. Sentences and blocks are drawn from pools made once, which
    keeps 10,000 documents fast."""

    def __init__(self, rng: Random) -> None:
        self.r = rng
        self.sentences = [self._compose() for _ in range(4000)]
        self.blocks = [self._block() for _ in range(2000)]

    def _compose(self) -> str:
        r = self.r
        verb, obj, tail = r.choice(VERBS), r.choice(OBJECTS), r.choice(TAILS)
        if r.random() < 0.35:  # inverted word order after an opening phrase
            finite, _, rest = verb.partition(" ")
            subject = r.choice(SUBJECTS)
            subject = subject if subject.startswith("Bostad") else subject.lower()
            words = [r.choice(INTROS), finite, subject, rest, obj, tail]
        else:
            words = [r.choice(SUBJECTS), verb, obj, tail]
        return " ".join(w for w in words if w) + "."

    def _block(self) -> str:
        roll = self.r.random()
        if roll < 0.15:
            items = self.r.sample(OBJECTS, self.r.randint(3, 6))
            return "\n".join(f"- {capital(o)}" for o in items)
        if roll < 0.22:
            return f"**Observera:** {self.sentence()} Läs mer hos {self.r.choice(LINKS)}."
        return self.paragraph()

    def sentence(self) -> str:
        return self.sentences[int(self.r.random() * len(self.sentences))]

    def paragraph(self, lo: int = 3, hi: int = 6) -> str:
        return " ".join(self.r.choices(self.sentences, k=self.r.randint(lo, hi)))

    def body(self, budget: float) -> str:
        """Markdown of about ``budget`` characters."""
        blocks, random, size = self.blocks, self.r.random, 0
        parts: list[str] = []
        while size < budget - 200 or not parts:
            parts.append(blocks[int(random() * len(blocks))])
            size += len(parts[-1]) + 2
        return "\n\n".join(parts) + "\n"


def slug(text: str, limit: int = 40) -> str:
    ascii_ = text.lower().translate(str.maketrans("åäöéü", "aaoeu"))
    return re.sub(r"[^a-z0-9]+", "-", ascii_)[:limit].strip("-")


# --- Documents and templates ----------------------------------------------------------------


@dataclass
class Doc:
    id: str
    kind: str
    folder: str  # relative to OUT_DIR
    data: dict[str, Any]
    stem: str = ""  # the file name, when it differs from the id
    edit: Callable[[str], str] | None = None  # a change to the YAML text
    encoding: str = "utf-8"

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.stem or self.id}.yaml"


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, 28))


def days(r: Random, lo: int, hi: int) -> timedelta:
    return r.randint(lo, hi) * DAY


def past(day: date) -> date:
    return min(day, TODAY - DAY)


def revisions(r: Random, anchor: date, later: date | None) -> list[dict[str, Any]]:
    """A history that ends with the version decided on ``anchor``, then a minor one on
    ``later``: chronological, versions rising."""
    dates = sorted(anchor - days(r, 200, 700) * (k + 1) for k in range(r.randint(0, 3)))
    major, minor = 1, 0
    out: list[dict[str, Any]] = []
    for day in [*dates, anchor]:
        bump = bool(out) and r.random() < 0.4
        major, minor = (major + 1, 0) if bump else (major, minor + bool(out))
        note = r.choice(NOTES[1:]) if out else NOTES[0]
        out.append({"version": f"{major}.{minor}", "date": day, "summary": note})
        # Version numbers rise, but no revision is flagged major: a major revision makes
        # every document linking to it suspect (link-suspect), which this corpus does not plant.
        out[-1]["major"] = None
    if later:
        out.append({"version": f"{major}.{minor + 1}", "date": later, "summary": NOTES[4]})
    return out


def set_dates(data: dict[str, Any], r: Random, anchor: date, fresh: bool) -> None:
    """Decision on ``anchor``; a fresh document may have a later revision and a review."""
    later = past(anchor + days(r, 30, 300)) if fresh and r.random() < 0.4 else None
    last = later or anchor
    review = {"date": past(last + days(r, 20, 200)), "note": "Aktuellt; inga ändringar behövdes."}
    until = date(TODAY.year + r.randint(1, 4), 12, 31) if r.random() < 0.25 else None
    data["decision"]["date"] = anchor
    data["valid_from"] = past(anchor + days(r, 0, 14))
    data["valid_until"] = until or "until-further-notice"
    data["last_revised"] = last
    data["revisions"] = revisions(r, anchor, later)
    data["reviews"] = [review] if fresh and r.random() < 0.4 else []


class Builder:
    """The data of clean documents and templates."""

    def __init__(self, rng: Random, terms: Terms) -> None:
        self.r, self.t, self.prose = rng, terms, Prose(rng)
        self.kinds = [k for k in terms.kinds if k != "mall"]  # templates live in templates/
        self.weights = [WEIGHTS.get(k, 2) for k in self.kinds]

    def some(self, pool: list[str], lo: int, hi: int) -> list[str]:
        return self.r.sample(pool, self.r.randint(min(lo, len(pool)), min(hi, len(pool))))

    def document(self, number: int) -> Doc:
        r, t = self.r, self.t
        kind = t.kinds[r.choices(self.kinds, self.weights)[0]]
        topic, roll = r.choice(TOPICS), r.random()
        status = "retired" if roll < 0.05 else "draft" if roll < 0.09 and kind.governing else ""
        doc_id = f"{kind.id}-{slug(topic)}-{number:05d}"
        data: dict[str, Any] = {"id": doc_id, "title": f"{kind.label} för {topic}"}
        data |= {"kind": kind.id, "status": status or "in-force", "summary": self.prose.sentence()}
        if status == "retired":
            data["superseded_by"] = None  # set once every id is known
            data["retirement"] = {
                "date": TODAY - days(r, 30, 700),
                "reason": "Ersatt av ett nytt dokument.",
            }
        if kind.governing and status != "draft":
            self._decided(data, kind, fresh=status == "")
        elif status != "draft":
            anchor = TODAY - days(r, 30, 2000)
            data |= {"last_revised": anchor, "revisions": revisions(r, anchor, None)}
        data |= {"applies_to": self.some(t.units, 1, 3), "owner": r.choice(t.roles)}
        if "publisher" in kind.required or kind.id == "extern":
            data |= {"publisher": r.choice(PUBLISHERS), "year": r.randint(2012, 2026)}
            data["title"] += f", nr {number}"  # one listing each (no external-duplicate)
            data["url"] = f"https://www.example.se/publikationer/{slug(topic)}"
        data |= {"themes": self.some(t.themes, 1, 3), "tags": self.some(TAGS, 2, 5)}
        data |= {"audience": self.some(t.roles, 1, 4), "links": [], "templates": []}
        data |= self._extras(kind)
        # Files average 6.5 KB: metadata is ~0.92 × its repr, Markdown ~1.1 × its length.
        size = r.triangular(3000, 12000, 4500)
        data["sections"] = self._sections((size - 0.92 * len(repr(data)) - 150) / 1.1)
        return Doc(doc_id, kind.id, f"routines/{kind.id}", data)

    def _decided(self, data: dict[str, Any], kind: Kind, fresh: bool) -> None:
        r = self.r
        by = r.choice(kind.decided_by or self.t.bodies)
        number = f"SO {r.randint(2015, 2026)}/{r.randint(1, 2999):04d}"
        paragraph = f"§ {r.randint(1, 240)}"
        data["decision"] = {"by": [by], "date": None, "paragraph": paragraph}
        data["decision"]["registration_number"] = number
        if fresh:  # decided recently enough that no review is due within 90 days
            set_dates(data, r, TODAY - days(r, 14, kind.review_months * 30 - 160), True)
        else:
            set_dates(data, r, TODAY - days(r, 1500, 3000), False)
            data["valid_until"] = data["retirement"]["date"]

    def _extras(self, kind: Kind) -> dict[str, Any]:
        r, p = self.r, self.prose
        out: dict[str, Any] = {}
        if r.random() < 0.3:
            url = f"https://www.example.se/vagledning/{r.randint(1, 999)}"
            doc = {"title": f"Vägledning om {r.choice(TOPICS)}", "url": url}
            out["supporting_documents"] = [doc | {"publisher": r.choice(PUBLISHERS)}]
        if r.random() < 0.25:
            chosen = r.sample(PRINCIPLES, r.randint(2, 4))
            out["principles"] = [{"title": t, "description": p.paragraph(1, 2)} for t in chosen]
        if r.random() < 0.5:
            out["responsibilities"] = [self._responsibility() for _ in range(r.randint(2, 4))]
        if kind.id in TEMPLATE_KINDS and r.random() < 0.5:
            out["processes"] = [self._process()]
        if r.random() < 0.25:
            items = [capital(o) for o in r.sample(OBJECTS, r.randint(3, 7))]
            out["checklists"] = [{"title": f"Checklista vid {r.choice(TOPICS)}", "items": items}]
        if r.random() < 0.3:
            asks = r.sample(OBJECTS, r.randint(2, 4))
            out["faq"] = [
                {"question": f"Vem ansvarar för {o}?", "answer": p.paragraph(1, 3)} for o in asks
            ]
        if r.random() < 0.2:
            source = {"title": f"Rapport om {r.choice(TOPICS)}", "publisher": r.choice(PUBLISHERS)}
            out["sources"] = [source | {"year": r.randint(2010, 2026)}]
        return out

    def _responsibility(self) -> dict[str, Any]:
        r = self.r
        who: dict[str, Any] = {"role": r.choice(self.t.roles)}
        if r.random() < 0.3:
            who = {"unit": r.choice(self.t.units)}
        return who | {"duties": [self.prose.sentence() for _ in range(r.randint(1, 3))]}

    def _step(self, deep: bool) -> dict[str, Any]:
        r, p = self.r, self.prose
        step: dict[str, Any] = {"text": p.sentence(), "role": r.choice(self.t.roles)}
        if deep and r.random() < 0.3:
            step["details"] = p.paragraph(1, 2)
        if deep and r.random() < 0.3:
            step["substeps"] = [{"text": p.sentence(), "role": r.choice(self.t.roles)}]
        return step

    def _process(self) -> dict[str, Any]:
        r = self.r
        title = f"När {r.choice(OBJECTS)} aktualiseras"
        process: dict[str, Any] = {"title": title, "description": self.prose.sentence()}
        if r.random() < 0.7:
            process["steps"] = [self._step(True) for _ in range(r.randint(3, 7))]
            return process
        phases = enumerate(["Upptäcka", "Utreda", "Följa upp"], 1)
        process["phases"] = [
            {
                "title": f"Fas {n}: {name}",
                "roles": self.some(self.t.roles, 1, 3),
                "steps": [self._step(False) for _ in range(r.randint(2, 3))],
            }
            for n, name in phases
        ]
        return process

    def _sections(self, budget: float) -> list[dict[str, Any]]:
        titles = self.r.sample(SECTIONS, self.r.randint(2, 6))
        share = max(budget, 600) / len(titles)
        return [{"title": title, "body": self.prose.body(share)} for title in titles]

    def template(self, number: int, routines: list[str]) -> Doc:
        r = self.r
        topic = r.choice(TOPICS)
        tid = f"mall-{slug(topic)}-{number:04d}"
        history = revisions(r, TODAY - days(r, 30, 1500), None)
        data = {"id": tid, "title": f"Mall för {topic}", "version": history[-1]["version"]}
        data |= {"status": "in-force", "description": self.prose.sentence()}
        data |= {"routines": routines, "owner": r.choice(self.t.roles), "revisions": history}
        labels = enumerate(self.some(OBJECTS, 4, 10))
        data["fields"] = [self._field(n, label) for n, label in labels]
        return Doc(tid, "mall", "templates", data)

    def _field(self, n: int, label: str) -> dict[str, Any]:
        r = self.r
        kind = r.choice(["text", "multiline", "date", "yesno", "choice", "table"])
        key = f"{slug(label, 30).replace('-', '_')}_{n}"
        out: dict[str, Any] = {"key": key, "label": capital(label), "type": kind}
        out["required"] = r.random() < 0.4
        out |= {"help": self.prose.sentence() if r.random() < 0.5 else None}
        out |= {"section": r.choice(SECTIONS)}
        if kind == "choice":
            out["choices"] = ["Ja", "Nej", "Vet inte"]
        if kind == "table":
            out["columns"] = [
                {"key": "datum", "label": "Datum", "type": "date"},
                {"key": "notering", "label": "Notering", "type": "multiline"},
            ]
        return out


# --- The corpus: documents, links, templates ------------------------------------------------


@dataclass
class Corpus:
    terms: Terms
    docs: list[Doc]
    clean: list[Doc]  # in force and never planted: the only link and template targets
    victims: list[Doc]  # in force, governing, kept apart for planting
    templates: list[Doc] = field(default_factory=list)
    extra: list[Doc] = field(default_factory=list)  # second copies (duplicate-id)
    planted: dict[str, list[str]] = field(default_factory=dict)  # code → paths


def build(r: Random, terms: Terms, count: int, findings: bool) -> Corpus:
    builder = Builder(r, terms)
    docs = [builder.document(n) for n in range(1, count + 1)]
    in_force = [d for d in docs if d.data["status"] == "in-force"]
    governing = [d for d in in_force if terms.kinds[d.kind].governing]
    wanted = (len(PLANTS) * per_code(count) + 8) if findings else 0
    victims = r.sample(governing, min(len(governing) * 3 // 4, wanted))
    kept = {id(d) for d in victims}
    clean = [d for d in in_force if id(d) not in kept]
    corpus = Corpus(terms, docs, clean, victims)
    link_documents(r, corpus)
    corpus.templates = make_templates(r, builder, clean, max(1, round(count / 20)))
    return corpus


def link_documents(r: Random, corpus: Corpus) -> None:
    """A spanning tree over the clean documents keeps the graph connected; then every
    document gets 0–5 links in all."""
    clean = corpus.clean
    for n, doc in enumerate(clean[1:], 1):
        other = clean[r.randrange(n)]
        source, target = (doc, other) if r.random() < 0.8 else (other, doc)
        source.data["links"].append(target.id)
    for doc in corpus.docs:
        links = doc.data["links"]
        for target in r.sample(clean, min(len(clean), r.randint(0, 4))):
            if len(links) < 5 and target.id != doc.id and target.id not in links:
                links.append(target.id)
        if doc.data["status"] == "retired" and clean:
            doc.data["superseded_by"] = r.choice(clean).id


def make_templates(r: Random, builder: Builder, clean: list[Doc], count: int) -> list[Doc]:
    """Each template names 1–3 routines, and each of them lists the template back."""
    users = [d for d in clean if d.kind in TEMPLATE_KINDS] or clean
    templates = []
    for n in range(1, count + 1):
        routines = r.sample(users, min(len(users), r.randint(1, 3)))
        templates.append(builder.template(n, [d.id for d in routines]))
        for doc in routines:
            doc.data["templates"].append(templates[-1].id)
    return templates


# --- Planted findings: one problem in each planted file ---------------------------------------

Plant = Callable[[Corpus, Doc, Random], None]
STATUS = "\nstatus: in-force\n"


def per_code(count: int) -> int:
    return max(1, round(count / 500))


def _set(**values: Any) -> Plant:
    return lambda c, d, r: d.data.update(values)


def _drop(key: str) -> Plant:
    def plant(c: Corpus, d: Doc, r: Random) -> None:
        del d.data[key]

    return plant


def _add(key: str, value: str | Callable[[Corpus, Random], str]) -> Plant:
    def plant(c: Corpus, d: Doc, r: Random) -> None:
        d.data[key] = [*d.data.get(key, []), value if isinstance(value, str) else value(c, r)]

    return plant


def _text(change: Callable[[str], str]) -> Plant:
    return lambda c, d, r: setattr(d, "edit", change)


def _note(text: str | Callable[[Random], str]) -> Plant:
    def plant(c: Corpus, d: Doc, r: Random) -> None:
        section = d.data["sections"][0]
        section["body"] += f"\n{text if isinstance(text, str) else text(r)}\n"

    return plant


def personnummer(r: Random) -> str:
    """A valid-looking personnummer, YYMMDD-NNNC with a Luhn check digit."""
    digits = f"{date(1950, 1, 1) + days(r, 0, 20000):%y%m%d}{r.randint(0, 999):03d}"
    total = sum(sum(divmod(int(ch) * (2 - i % 2), 10)) for i, ch in enumerate(digits))
    return f"{digits[:6]}-{digits[6:]}{(10 - total % 10) % 10}"


def _alias(text: str) -> str:
    text = text.replace("\ntags:", "\ntags: &taggar", 1)
    return re.sub(r"\naudience: .*\n", "\naudience: *taggar\n", text, count=1)


def _not_mapping(text: str) -> str:
    head, body = text.split("\n", 1)
    return head + "\n- " + "\n".join("  " + ln if ln else ln for ln in body.split("\n")).lstrip()


def _reviewed(lo: int, hi: int) -> Plant:
    """Decided ``lo``–``hi`` days after one review interval before today, not reviewed since."""

    def plant(c: Corpus, d: Doc, r: Random) -> None:
        months = c.terms.kinds[d.kind].review_months
        set_dates(d.data, r, add_months(TODAY, -months) + days(r, lo, hi), fresh=False)
        d.data["valid_until"] = "until-further-notice"

    return plant


def _expired(c: Corpus, d: Doc, r: Random) -> None:
    _reviewed(120, 500)(c, d, r)
    d.data["valid_until"] = TODAY - 45 * DAY


def _decided_by(body: str | None) -> Plant:
    def plant(c: Corpus, d: Doc, r: Random) -> None:
        allowed = c.terms.kinds[d.kind].decided_by
        others = [b for b in c.terms.bodies if b not in allowed] or ["okant-organ"]
        d.data["decision"]["by"] = [body or others[0]]

    return plant


def _revised_early(c: Corpus, d: Doc, r: Random) -> None:
    d.data["last_revised"] = d.data["decision"]["date"] - 60 * DAY


def _swap_revisions(c: Corpus, d: Doc, r: Random) -> None:
    revs = d.data["revisions"]
    if len(revs) < 2:
        draft = {"version": "0.9", "date": revs[0]["date"] - 200 * DAY, "summary": "Utkast."}
        revs.insert(0, draft)
    revs[-1], revs[-2] = revs[-2], revs[-1]


def _repeat_version(c: Corpus, d: Doc, r: Random) -> None:
    last = d.data["revisions"][-1]
    d.data["revisions"].append(last | {"date": last["date"] + DAY, "summary": "Rättade stavfel."})
    d.data["last_revised"] = last["date"] + DAY


def _too_large(c: Corpus, d: Doc, r: Random) -> None:
    section = d.data["sections"][0]
    section["body"] *= c.terms.max_file_bytes // len(section["body"].encode()) + 2


def _duplicate(c: Corpus, d: Doc, r: Random) -> None:
    twin = copy.deepcopy(d)
    twin.folder = "routines/arkiv"
    c.extra.append(twin)


def _not_listed(c: Corpus, d: Doc, r: Random) -> None:
    """Name a routine that does not list the template back."""
    others = (o.id for o in c.clean if d.id not in o.data["templates"])
    d.data["routines"].append(next(o for o in others if o not in d.data["routines"]))


def _planted_id(code: str) -> Callable[[Corpus, Random], str]:
    return lambda c, r: Path(r.choice(c.planted[code])).stem


def _retired_id(c: Corpus, r: Random) -> str:
    return r.choice([d.id for d in c.docs if d.data.get("status") == "retired"])


PLANTS: list[tuple[str, Plant]] = [  # in order: link-expired links to a planted expired document
    ("file-too-large", _too_large),
    ("file-empty", _text(lambda t: "")),
    ("file-encoding", lambda c, d, r: setattr(d, "encoding", "latin-1")),
    ("yaml-syntax", _text(lambda t: t.replace(STATUS, "\nstatus: in-force: ja\n", 1))),
    ("yaml-tab", _text(lambda t: re.sub(r"\n  (?=[a-z])", "\n\t", t, count=1))),
    ("yaml-duplicate-key", _text(lambda t: t.replace(STATUS, STATUS + STATUS[1:], 1))),
    ("yaml-alias", _text(_alias)),
    ("not-a-mapping", _text(_not_mapping)),
    ("schema-missing", _drop("status")),
    ("schema-unknown-field", _set(ansvarig="Enhetschef")),
    ("schema-invalid", _set(status="gällande")),
    ("date-invalid", _set(valid_from=Raw("2022-02-30"))),
    ("id-filename", lambda c, d, r: setattr(d, "stem", d.id + "-ny")),
    ("duplicate-id", _duplicate),
    ("schema-pointer", _text(lambda t: t.split("\n", 1)[1])),
    ("unknown-kind", _set(kind="arbetsbeskrivning")),
    ("unknown-body", _decided_by("socialnamnden-centrum")),
    ("unknown-unit", _add("applies_to", "stadsdel-centrum")),
    ("unknown-role", _set(owner="kurator")),
    ("unknown-theme", _add("themes", "missbruk")),
    ("kind-field-missing", _drop("owner")),
    ("decided-by-not-allowed", _decided_by(None)),
    ("link-unknown", _add("links", "rutin-som-inte-finns")),
    ("link-retired", _add("links", _retired_id)),
    ("expired", _expired),
    ("link-expired", _add("links", _planted_id("expired"))),
    ("expires-soon", _set(valid_until=TODAY + 40 * DAY)),
    ("template-unknown", _add("templates", "mall-som-saknas")),
    ("placeholder", _note("Beslutet fattas enligt delegationsordningen punkt [Nummer].")),
    ("placeholder", _note("TODO: komplettera med kontaktuppgifter till mottagningen.")),
    ("placeholder-link", _note("Blanketten finns på [intranätet](#).")),
    ("personnummer", _note(lambda r: f"Gäller brukaren {personnummer(r)}.")),
    ("validity-order", _set(valid_from=TODAY + 200 * DAY, valid_until=TODAY + 100 * DAY)),
    ("revised-before-decided", _revised_early),
    ("revision-order", _swap_revisions),
    ("revision-duplicate", _repeat_version),
    ("review-overdue", _reviewed(-400, -60)),
    ("review-due", _reviewed(20, 70)),
    ("template-routine-unknown", _add("routines", "rutin-som-har-tagits-bort")),
    ("template-not-listed", _not_listed),
]
TEMPLATE_CODES = {"template-routine-unknown", "template-not-listed"}


def _can_plant(corpus: Corpus, code: str) -> bool:
    if code == "link-retired":
        return any(d.data.get("status") == "retired" for d in corpus.docs)
    return code != "link-expired" or "expired" in corpus.planted


def plant_findings(r: Random, corpus: Corpus) -> None:
    """Plant each code in about one file per 500 documents (file-too-large: once)."""
    victims = iter(corpus.victims)
    templates = iter(r.sample(corpus.templates, len(corpus.templates)))
    for code, plant in PLANTS:
        if not _can_plant(corpus, code):
            continue
        for _ in range(1 if code == "file-too-large" else per_code(len(corpus.docs))):
            doc = next(templates if code in TEMPLATE_CODES else victims, None)
            if doc is None:
                break
            plant(corpus, doc, r)
            corpus.planted.setdefault(code, []).append(doc.path)


# --- Writing ----------------------------------------------------------------------------------


def file_bytes(doc: Doc) -> bytes:
    schema = "template" if doc.folder == "templates" else "document"
    up = "../" * len(Path(doc.folder).parts)
    text = f"{MODELINE}{up}schema/{schema}.schema.json\n{emit(doc.data)}"
    return (doc.edit(text) if doc.edit else text).encode(doc.encoding, errors="replace")


def _stale_schema(path: Path) -> None:
    """The schema an older styrdok wrote: 'styrdok schema --write' has not been run since."""
    text = path.read_text("utf-8")
    path.write_text(text.replace('"Styrande dokument"', '"Styrande dokument (v0)"', 1), "utf-8")


def prepare(out: Path, force: bool) -> None:
    if out.exists() and any(out.iterdir()):
        if not force:
            raise ValueError(f"{out} is not empty; remove it or pass --force")
        for name in ("routines", "templates", "schema"):
            shutil.rmtree(out / name, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)


def write(out: Path, corpus: Corpus, config_text: str) -> int:
    """Write every file; return the bytes written under routines/ and templates/."""
    (out / "styrdok.yaml").write_text(config_text, "utf-8")
    if (REPO / "schema").is_dir():
        shutil.copytree(REPO / "schema", out / "schema", dirs_exist_ok=True)
    total, folders = 0, set()
    for doc in [*corpus.docs, *corpus.extra, *corpus.templates]:
        if doc.folder not in folders:
            (out / doc.folder).mkdir(parents=True, exist_ok=True)
            folders.add(doc.folder)
        total += (out / doc.path).write_bytes(file_bytes(doc))
    return total


@dataclass
class Summary:
    out: Path
    documents: int
    copies: int  # second files with an id already used (duplicate-id)
    templates: int
    size: int
    seconds: float
    planted: dict[str, list[str]]

    def line(self) -> str:
        count = sum(len(p) for p in self.planted.values())
        what = f"planted {count} findings of {len(self.planted)} codes" if count else ""
        docs = f"{self.documents} documents" + (f" (+{self.copies} copies)" if self.copies else "")
        return (
            f"wrote {docs} and {self.templates} templates ({self.size / 1e6:.1f} MB) "
            f"to {self.out} in {self.seconds:.1f} s; {what or 'no planted findings'}"
        )


def generate(
    out: Path, count: int, seed: int = 1, findings: bool = True, force: bool = False
) -> Summary:
    started = time.perf_counter()
    if count < 1:
        raise ValueError("--count must be at least 1")
    prepare(out, force)
    config_text = (REPO / "styrdok.yaml").read_text("utf-8")
    r = Random(seed)
    corpus = build(r, read_terms(load_config(REPO)), count, findings)
    if findings:
        plant_findings(r, corpus)
    size = write(out, corpus, config_text)
    if findings and (out / SCHEMA).is_file():
        _stale_schema(out / SCHEMA)
        corpus.planted["schema-outdated"] = [SCHEMA]
    seconds = time.perf_counter() - started
    counts = (len(corpus.docs), len(corpus.extra), len(corpus.templates))
    return Summary(out, *counts, size, seconds, corpus.planted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, metavar="OUT_DIR")
    parser.add_argument("--count", type=int, required=True, help="documents under routines/")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--findings",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="plant about one finding per 500 documents for every code (default: yes)",
    )
    parser.add_argument("--force", action="store_true", help="replace a corpus in OUT_DIR")
    args = parser.parse_args(argv)
    try:
        summary = generate(args.out, args.count, args.seed, args.findings, args.force)
    except ValueError as exc:
        parser.error(str(exc))
    print(summary.line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
