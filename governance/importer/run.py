"""``styrdok import FILE…``: every file read and converted first, ids given, the corpus
checked as it would be with the new files, then (unless ``--dry-run``) the files written.

A file that fails (unreadable, no metadata table, two values for a label, a date that
cannot be read, an id another file gets too) is not written unless ``partial``; the others
are. Gathering everything before writing anything, as the rest of styrdok does.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from governance.checks import run_checks
from governance.errors import StyrdokError
from governance.findings import Finding
from governance.ids import IdRequest, next_id, slug
from governance.importer.convert import Imported, convert, ordered
from governance.importer.match import Matcher, Proposal, normal
from governance.importer.meta import Problem
from governance.importer.source import files_in, parse
from governance.importer.yamlout import document_text
from governance.lifecycle.files import read_snapshot, write_atomic
from governance.lifecycle.new import taken_ids
from governance.lifecycle.validate import corpus_with
from governance.load import Corpus
from governance.model import ID_PATTERN


@dataclass
class Outcome:
    files: list[Imported]
    paths: dict[Path, str] = field(default_factory=dict)  # source → corpus file (relative)
    findings: dict[Path, list[Finding]] = field(default_factory=dict)
    proposals: list[Proposal] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    texts: dict[Path, str] = field(default_factory=dict)

    @property
    def failed(self) -> list[Imported]:
        return [f for f in self.files if f.problems]


def import_files(
    corpus: Corpus,
    paths: list[Path],
    into: str,
    today: date,
    *,
    partial: bool = False,
    dry_run: bool = False,
    progress: Callable[[Path], None] = lambda path: None,
) -> Outcome:
    matcher = Matcher(corpus.config)
    files: list[Imported] = []
    for path in files_in(paths):
        progress(path)
        files.append(read_one(path, corpus, matcher))
    outcome = Outcome(files, proposals=list(matcher.proposals.values()))
    _give_ids(corpus, files, today)
    link_batch(files)
    for item in files:
        if item.data.get("id") and (partial or not item.problems):
            rel = f"{into.strip('/')}/{item.data['id']}.yaml"
            outcome.paths[item.path] = rel
            outcome.texts[item.path] = document_text(item.data, rel, item.path.name)
    _check(corpus, outcome, today)
    if not dry_run:
        for source, rel in outcome.paths.items():
            snapshot = read_snapshot(corpus.root / rel)
            write_atomic(snapshot, outcome.texts[source].encode("utf-8"))
            outcome.written.append(corpus.root / rel)
    return outcome


def read_one(path: Path, corpus: Corpus, matcher: Matcher) -> Imported:
    try:
        parsed = parse(path)
    except StyrdokError as exc:
        message = exc.format_message().removeprefix(f"{path}: ")
        return Imported(path, problems=[Problem(0, "", message)])
    return convert(path, parsed, corpus, matcher)


def _give_ids(corpus: Corpus, files: list[Imported], today: date) -> None:
    """The id the export put in the file, else one under the corpus' id scheme; two files
    that would get the same id, or an id the corpus already has, fail."""
    taken = taken_ids(corpus)
    numbered = "{n" in corpus.config.id_scheme
    candidates: list[tuple[Imported, str]] = []
    for item in files:
        if item.data.get("title") and item.data.get("kind"):
            used = taken | {i for _, i in candidates} if numbered else set()
            candidates.append((item, _id_for(corpus, item, today, used)))
    counts = Counter(doc_id for _, doc_id in candidates)
    for item, doc_id in candidates:
        others = [o.path for o, i in candidates if i == doc_id and o is not item]
        if doc_id in taken:
            item.problems.append(
                Problem(0, "", f"id:t '{doc_id}' finns redan i korpusen; uppdatera det "
                        f"dokumentet med 'styrdok import --update {doc_id} {item.path.name}'")
            )  # fmt: skip
        elif counts[doc_id] > 1:
            item.problems.append(
                Problem(0, "", f"får samma id '{doc_id}' som {', '.join(map(str, others))}; "
                        "ändra dokumentnamnet i en av filerna")
            )  # fmt: skip
        else:
            item.data = {"id": doc_id, **item.data}


def _id_for(corpus: Corpus, item: Imported, today: date, used: set[str]) -> str:
    if item.exported_id and re.match(ID_PATTERN, item.exported_id):
        return item.exported_id
    kind_id: str = item.data["kind"]
    kind = corpus.config.kind(kind_id)
    words = (kind_id, kind.label) if kind else (kind_id,)
    decision = item.data.get("decision") or {}
    year = decision["date"].year if decision.get("date") else today.year
    request = IdRequest(corpus.config.id_scheme, kind_id, slug(item.data["title"], words), year)
    return next_id(request, used)


def link_batch(files: list[Imported]) -> None:
    """Links to documents imported in the same run become links; the rest stay supporting
    documents, and the report says so."""
    titles = {normal(f.data["title"]): f.data["id"] for f in files if f.data.get("id")}
    for item in files:
        for entry in item.unlinked:
            doc_id = titles.get(normal(entry["title"]))
            if doc_id and doc_id != item.data.get("id"):
                item.data["supporting_documents"].remove(entry)
                item.data.setdefault("links", []).append(doc_id)
                continue
            item.notes.append(
                f"Kopplingar: '{entry['title']}' finns inte i korpusen och lades under "
                "stödjande dokument."
            )
        if "supporting_documents" in item.data and not item.data["supporting_documents"]:
            del item.data["supporting_documents"]
        item.data = ordered(item.data)


def _check(corpus: Corpus, outcome: Outcome, today: date) -> None:
    """The findings ``styrdok check`` would give each new file."""
    if not outcome.texts:
        return
    texts = {outcome.paths[p]: t for p, t in outcome.texts.items()}
    after = corpus_with(corpus, texts)
    by_rel: dict[str, list[Finding]] = {}
    for finding in run_checks(after, today):
        by_rel.setdefault(finding.path, []).append(finding)
    for source, rel in outcome.paths.items():
        outcome.findings[source] = by_rel.get(rel, [])
