"""``styrdok new``: a draft with every field its kind requires, each with a comment that
says what goes there.

The file goes to ``routines/<kind>/`` when the corpus keeps that kind in a folder of its
own (the folder exists), and to ``routines/`` otherwise. Its id follows ``id_scheme`` in
styrdok.yaml (governance.ids).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from datetime import date
from typing import get_origin

from governance.config import Config, Kind
from governance.errors import Refused, UnknownId
from governance.ids import IdRequest, next_id, slug
from governance.lifecycle.edit import Edit, prepare
from governance.load import Corpus
from governance.messages import did_you_mean
from governance.model import ID_PATTERN, Document
from governance.schema import modeline
from governance.yamlwrite import scalar

WIDTH = 92
_OPTIONAL = ("summary", "owner", "links", "revisions")


@dataclass(frozen=True)
class Draft:
    doc_id: str
    path: str
    text: str


def find_kind(config: Config, kind_id: str) -> Kind:
    kind = config.kind(kind_id)
    if kind is None:
        tip = did_you_mean(kind_id, [k.id for k in config.kinds])
        known = ", ".join(k.id for k in config.kinds)
        raise UnknownId(
            f"Dokumentsorten '{kind_id}' finns inte i styrdok.yaml.{tip} Välj en av: {known}."
        )
    return kind


def taken_ids(corpus: Corpus) -> set[str]:
    return set(corpus.documents) | set(corpus.templates) | corpus.unloaded


def choose_id(corpus: Corpus, kind: Kind, title: str, today: date, wanted: str | None) -> str:
    """``wanted`` if given and free, else the next free id under the corpus' id scheme."""
    taken = taken_ids(corpus)
    if wanted is not None:
        if not re.match(ID_PATTERN, wanted):
            raise Refused(f"Id:t '{wanted}' går inte att använda: bara a–z, 0–9 och bindestreck.")
        if wanted in taken:
            raise Refused(f"Id:t '{wanted}' används redan. Välj ett annat id.")
        return wanted
    words = (kind.id, kind.label)
    request = IdRequest(corpus.config.id_scheme, kind.id, slug(title, words), today.year)
    return next_id(request, taken)


def folder_for(corpus: Corpus, kind: Kind) -> str:
    return f"routines/{kind.id}" if (corpus.root / "routines" / kind.id).is_dir() else "routines"


def _comment(text: str, indent: str = "") -> list[str]:
    width = WIDTH - len(indent) - 2
    return [indent + "# " + line for line in textwrap.wrap(text, width, break_on_hyphens=False)]


def _examples(config: Config, section: str, count: int) -> str:
    return ", ".join(t.id for t in getattr(config, section)[:count])


def _help(config: Config, kind: Kind, name: str, today: date) -> list[str]:
    """What goes in a field, as comment lines."""
    if name == "decision":
        example = kind.decided_by[0] if kind.decided_by else "kommunstyrelsen"
        return _comment(
            "Beslutet, när dokumentet är beslutat: vem som beslutade (bodies i styrdok.yaml; "
            f"får beslutas av: {', '.join(kind.decided_by) or 'se bodies'}), datum, paragraf "
            "och diarienummer. Skriv till exempel:"
        ) + [
            "#   decision:",
            f"#     by: [{example}]",
            f"#     date: {today.isoformat()}",
            "#     paragraph: § 1",
            f"#     registration_number: SO {today.year}/0001",
        ]
    texts = {
        "summary": "En eller två meningar om vad dokumentet handlar om.",
        "applies_to": "Förvaltningar och enheter som dokumentet gäller för (units i "
        f"styrdok.yaml), till exempel [{_examples(config, 'units', 2)}].",
        "valid_from": "Första dag som dokumentet gäller, ÅÅÅÅ-MM-DD.",
        "valid_until": "Sista giltighetsdag (ÅÅÅÅ-MM-DD), eller until-further-notice "
        "(tills vidare).",
        "owner": "Dokumentansvarig: en roll, aldrig en person (roles i styrdok.yaml), till "
        f"exempel {_examples(config, 'roles', 1)}.",
        "links": "Andra styrande dokument som det här bygger på, med id.",
        "revisions": "Versionerna. Fylls i av 'styrdok revise' när dokumentet är beslutat.",
        "publisher": "Vem som gav ut dokumentet, till exempel Socialstyrelsen.",
    }
    if name in texts:
        return _comment(texts[name])
    info = Document.model_fields[name]
    return _comment(f"{info.title}. {info.description or ''}".strip())


def _empty(name: str) -> str:
    annotation = Document.model_fields[name].annotation
    return " []" if get_origin(annotation) is list else ""


def draft_text(config: Config, kind: Kind, doc_id: str, title: str, path: str, today: date) -> str:
    required = [n for n in kind.required if n in Document.model_fields]
    wanted = set(required) | set(_OPTIONAL)
    fields = [n for n in Document.model_fields if n in wanted]
    lines = [
        modeline(path, "document"),
        f"id: {doc_id}",
        f"title: {scalar(title)}",
        f"kind: {kind.id}",
        "# Utkast. Ändra till in-force när dokumentet är beslutat och fälten nedan är ifyllda.",
        "status: draft",
    ]
    for name in fields:
        lines += _help(config, kind, name, today)
        lines.append(f"{name}:{_empty(name)}")
    if kind.governing:
        lines += _comment("Dokumentets text: avsnitt med rubrik och text i Markdown.")
        lines += ["sections:", "  - title: Syfte", '    body: ""']
    return "\n".join(lines) + "\n"


def create(
    corpus: Corpus, kind_id: str, title: str, today: date, wanted_id: str | None = None
) -> tuple[Draft, Edit]:
    """The new draft and the checked edit that creates it (not yet written)."""
    kind = find_kind(corpus.config, kind_id)
    if not title.strip():
        raise Refused("Titeln är tom. Ange dokumentets namn med --title.")
    doc_id = choose_id(corpus, kind, title.strip(), today, wanted_id)
    path = f"{folder_for(corpus, kind)}/{doc_id}.yaml"
    text = draft_text(corpus.config, kind, doc_id, title.strip(), path, today)
    return Draft(doc_id, path, text), prepare(corpus, {}, today, created={path: text})
