"""Check an edit before it is written: the corpus as it would be, through every check
that ``styrdok check`` runs, compared with the corpus as it is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from governance.checks import run_checks
from governance.findings import Finding
from governance.load import Corpus, Entry, add_entry, load_entry
from governance.model import Document, Template
from governance.read import Read
from governance.report import text_lines
from governance.textscan import scan
from governance.yamlio import YamlProblem, read_fast


def _read(text: str, placeholders: tuple[str, ...]) -> Read:
    size = len(text.encode("utf-8"))
    try:
        return Read(text=text, data=read_fast(text), size=size, hits=scan(text, placeholders))
    except YamlProblem as exc:
        return Read(text=text, size=size, problem=(exc.code, exc.message, exc.line, exc.column))


def corpus_with(corpus: Corpus, texts: dict[str, str]) -> Corpus:
    """The corpus with the files at these paths (relative, posix) holding these texts;
    a path not yet in the corpus is a new file."""
    config = corpus.config
    new = Corpus(root=corpus.root, config=config, entries=[])
    new.findings = [f for f in corpus.findings if f.path not in texts and f.code != "duplicate-id"]
    entries = [e for e in corpus.entries if e.path not in texts]
    for path, text in texts.items():
        folder = path.split("/", 1)[0]
        entry = Entry(path=path, folder=folder, text=text)
        read = _read(text, tuple(config.placeholders))
        entry.hits = read.hits
        new.findings.extend(load_entry(entry, read))
        entries.append(entry)
    for entry in sorted(entries, key=lambda e: e.path):
        new.entries.append(entry)
        add_entry(new, entry)
    return new


def _key(f: Finding) -> tuple[str, str, str, str, str]:
    return (f.code, f.severity, f.path, f.field, f.message)


@dataclass
class Outcome:
    """What an edit does to the findings of ``styrdok check``."""

    corpus: Corpus
    errors: list[Finding]  # new errors: the edit is refused
    warnings: list[Finding]  # new warnings: shown after the edit

    def document(self, doc_id: str) -> Document | Template | None:
        return self.corpus.documents.get(doc_id) or self.corpus.templates.get(doc_id)


def outcome(corpus: Corpus, texts: dict[str, str], today: date) -> Outcome:
    """The corpus after the edit and the findings the edit would add."""
    before = {_key(f) for f in run_checks(corpus, today)}
    after = corpus_with(corpus, texts)
    added = [f for f in run_checks(after, today) if _key(f) not in before]
    return Outcome(
        corpus=after,
        errors=[f for f in added if f.severity == "error"],
        warnings=[f for f in added if f.severity == "warning"],
    )


def describe(findings: Iterable[Finding]) -> str:
    """Findings as ``styrdok check`` prints them, without the summary line."""
    return "\n".join(text_lines(findings))
