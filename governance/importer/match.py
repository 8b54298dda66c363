"""Names in a Word document → ids in ``styrdok.yaml``: exact id or name first, then the
name normalised (case, accents kept, punctuation and spaces dropped, so "Äldre- samt vård
och omsorgsförvaltningen" is the configured "Äldre- samt vård- och omsorgsförvaltningen").
A name that matches nothing becomes a proposal: a new entry with an id made from the name,
which ``--update-config`` adds to ``styrdok.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass

from governance.config import Config
from governance.ids import slug_words
from governance.load import Corpus

SECTIONS = ("bodies", "units", "roles")
SECTION_WORDS = {"bodies": "organ", "units": "förvaltning/enhet", "roles": "roll"}
_SEPARATORS = re.compile(r"\s*(?:,|;|\n|\s+samt\s+(?=[A-ZÅÄÖ])|\s+och\s+(?=[A-ZÅÄÖ]))\s*")


@dataclass(frozen=True)
class Proposal:
    """A name that is not in styrdok.yaml: where it would go and with which id."""

    section: str  # bodies, units, roles
    id: str
    name: str


def normal(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


class Matcher:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.proposals: dict[tuple[str, str], Proposal] = {}
        self._titles: dict[str, dict[str, list[str]]] = {}
        self._exact: dict[str, dict[str, str]] = {}
        self._normal: dict[str, dict[str, str]] = {}
        for section in SECTIONS:
            terms = getattr(config, section)
            self._exact[section] = {t.id: t.id for t in terms} | {
                t.name.casefold(): t.id for t in terms
            }
            self._normal[section] = {normal(t.name): t.id for t in terms} | {
                normal(t.id): t.id for t in terms
            }

    def titles(self, corpus: Corpus, which: str) -> dict[str, list[str]]:
        """Ids of the corpus' "documents" or "templates" by normalised title, made once per
        run (a corpus has thousands of titles)."""
        if which not in self._titles:
            items = corpus.documents if which == "documents" else corpus.templates
            found: dict[str, list[str]] = {}
            for item in items.values():
                found.setdefault(normal(item.title), []).append(item.id)
            self._titles[which] = found
        return self._titles[which]

    def find(self, section: str, name: str) -> str | None:
        name = " ".join(name.split())
        found = self._exact[section].get(name) or self._exact[section].get(name.casefold())
        return found or self._normal[section].get(normal(name))

    def kind(self, label: str) -> str | None:
        wanted = normal(label)
        for kind in self.config.kinds:
            if wanted in (normal(kind.id), normal(kind.label)):
                return kind.id
        return None

    def names(self, section: str, text: str) -> list[str]:
        """The ids of a list of names ("A, B och C"); names with commas of their own (as
        configured) are found whole; each unknown part becomes a proposal."""
        text = text.strip()
        cuts = [0]
        for sep in _SEPARATORS.finditer(text):
            cuts += [sep.start(), sep.end()]
        cuts.append(len(text))
        spans = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2)]
        spans = [(a, b) for a, b in spans if text[a:b].strip(" .")]
        ids: list[str] = []
        k = 0
        while k < len(spans):
            for end in range(len(spans), k, -1):  # the longest run of parts that is a name
                found = self.find(section, text[spans[k][0] : spans[end - 1][1]])
                if found:
                    ids.append(found)
                    k = end
                    break
            else:
                ids.append(self.propose(section, text[spans[k][0] : spans[k][1]].strip(" .")))
                k += 1
        return list(dict.fromkeys(ids))

    def propose(self, section: str, name: str) -> str:
        known = {t.id for t in getattr(self.config, section)}
        base = "-".join(slug_words(name))[:50].strip("-") or "namn"
        for proposal in self.proposals.values():
            if proposal.section == section and normal(proposal.name) == normal(name):
                return proposal.id
        new_id, n = base, 2
        taken = known | {p.id for p in self.proposals.values() if p.section == section}
        while new_id in taken:
            new_id, n = f"{base}-{n}", n + 1
        self.proposals[(section, new_id)] = Proposal(section, new_id, name)
        return new_id
