"""Files → Corpus. Loading parses and validates the shape of each file; it never judges
content (that is governance.checks). Every problem becomes a Finding, and the rest of the
corpus is still loaded."""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from governance import cachefile
from governance.config import Config, load_config
from governance.errors import CorpusError, Refused, UnknownId
from governance.findings import Finding, Path_, field_name, new
from governance.linkdates import links_checked_dates
from governance.messages import did_you_mean, explain
from governance.model import Document, Template, model_for
from governance.read import Read, read_files
from governance.storedreads import Stamp, relative_names, stamp, stored_reads
from governance.textscan import Hit
from governance.yamlio import Locator

FOLDERS = ("routines", "templates")
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


@dataclass
class Entry:
    """One corpus file: where it is, its text and what it loaded to."""

    path: str
    folder: str
    text: str = ""
    doc: Document | Template | None = None
    hits: list[Hit] = field(default_factory=list)  # suspicious text, see governance.textscan
    # Loaded without the fields that have schema errors, so that the other checks still
    # run on the rest of the file; such a document is never edited or published.
    partial: bool = False
    dropped: frozenset[str] = frozenset()  # the fields left out of a partial document
    _locator: Locator | None = field(default=None, repr=False)
    _digest: str = field(default="", repr=False)

    @property
    def digest(self) -> str:
        """The file's text, as the build cache compares it (governance.cachefile)."""
        if not self._digest:
            self._digest = cachefile.digest(self.text.encode("utf-8", "surrogatepass"))
        return self._digest

    @property
    def locator(self) -> Locator:
        if self._locator is None:
            self._locator = Locator(self.text)
        return self._locator

    @property
    def stem(self) -> str:
        return Path(self.path).stem


@dataclass
class Corpus:
    root: Path
    config: Config
    entries: list[Entry]
    documents: dict[str, Document] = field(default_factory=dict)
    templates: dict[str, Template] = field(default_factory=dict)
    entry_of: dict[str, Entry] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    # Ids (taken from file names) of files that could not be loaded: references to them
    # are not reported again as unknown.
    unloaded: set[str] = field(default_factory=set)
    # Id → the last day all of the document's links worked, from the link cache
    # (governance.linkdates): gathered here, so every renderer shows the same date.
    links_checked: dict[str, date] = field(default_factory=dict)

    def exists(self, doc_id: str) -> bool:
        return doc_id in self.documents or doc_id in self.templates or doc_id in self.unloaded

    def find(self, doc_id: str, among: Among = "any") -> Entry:
        """The loaded file of the document or template (``among``) with this id. Raises
        UnknownId naming the nearest id, or Refused when the file could not be loaded:
        the one lookup by id for every command."""
        pool: list[str] = []
        if among != "templates":
            pool += self.documents
        if among != "documents":
            pool += self.templates
        if doc_id in self.unloaded:  # also a file loaded only in part (schema errors)
            raise Refused(_UNREADABLE[among].format(id=doc_id))
        if doc_id in pool:
            return self.entry_of[doc_id]
        tip = did_you_mean(doc_id, pool)
        raise UnknownId(_UNKNOWN[among].format(id=doc_id, root=self.root, tip=tip))

    def find_document(self, doc_id: str) -> Document:
        doc = self.find(doc_id, "documents").doc
        assert isinstance(doc, Document)
        return doc

    def find_template(self, template_id: str) -> Template:
        template = self.find(template_id, "templates").doc
        assert isinstance(template, Template)
        return template


Among = Literal["documents", "templates", "any"]
_UNKNOWN: dict[Among, str] = {
    "documents": "Det finns inget dokument med id '{id}' i {root}.{tip} Id:t är filnamnet utan "
    ".yaml under routines/.",
    "templates": "Det finns ingen mall med id '{id}' under templates/.{tip}",
    "any": "Det finns inget dokument med id '{id}'.{tip} Id:t är filnamnet utan .yaml under "
    "routines/ eller templates/.",
}
_UNREADABLE: dict[Among, str] = {
    "documents": "Dokumentet '{id}' kan inte läsas. Kör 'styrdok check' och rätta felen i filen "
    "först.",
    "templates": "Mallen '{id}' kunde inte läsas. Kör 'styrdok check' och rätta felen.",
    "any": "Dokumentet '{id}' kan inte läsas. Kör 'styrdok check' och rätta felen i filen först.",
}


def finding(
    code: str, entry: Entry, message: str, loc: Path_ = (), *, line: int = 0, column: int = 0
) -> Finding:
    """A finding about a corpus file (governance.findings.new)."""
    doc_id = entry.doc.id if entry.doc is not None else entry.stem
    return new(code, entry.path, message, loc, line=line, column=column, doc_id=doc_id)


def discover(root: Path) -> list[tuple[str, Path]]:
    """Every YAML file under routines/ and templates/, in a stable order; also a folder
    that is a symbolic link out of the corpus (never followed, reported by the reader)."""
    found = []
    for folder in FOLDERS:
        base = root / folder
        if not base.is_dir():
            continue
        depth = len(base.parts)
        for path in base.rglob("*"):  # hidden files and folders are left out
            if any(p.startswith(".") for p in path.parts[depth:]):
                continue
            if path.suffix in (".yaml", ".yml") or _linked_out(path, root):
                found.append((folder, path))
    return sorted(found, key=lambda item: item[1].as_posix())


def _linked_out(path: Path, root: Path) -> bool:
    """A symbolic link to a folder outside the corpus (rglob does not follow it)."""
    if not (path.is_symlink() and path.is_dir()):
        return False
    return not path.resolve().is_relative_to(root.resolve())


@dataclass
class LoadCache:
    """The files a long-running process (``styrdok serve``) loaded before, each with the
    stamp of the regular file it was read from: the next load reads and parses only the
    files whose stamp changed. Only for one styrdok.yaml: start a new cache when it
    changes."""

    entries: dict[Path, tuple[Stamp, Entry, list[Finding]]] = field(default_factory=dict)

    def changed(self, root: Path) -> bool:
        """Whether a corpus file was added, removed or changed since the last load."""
        found = {path for _, path in discover(root)}
        if found != set(self.entries):
            return True
        return any(stamp(path) != self.entries[path][0] for path in found)


def load_corpus(
    root: Path,
    config: Config | None = None,
    cache: LoadCache | None = None,
    *,
    stored: bool | None = None,
) -> Corpus:
    """The corpus at ``root``; with ``cache`` (a long-running process) only the files
    changed since its last load are read, with ``stored`` (a build) only the files changed
    since the last build (governance.storedreads; ``stored=False``: every file
    is read, and the store made anew)."""
    if not root.is_dir():
        raise CorpusError(f"{root}: mappen finns inte. Ange korpusens rotmapp med --root.")
    config = config or load_config(root)
    with paused_gc():
        return _load(root, config, cache, stored)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Bulk loading makes many objects and no cycles; the cyclic collector would scan
    them again and again (15–25 % of the load time on 2,000 documents)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(
    root: Path, config: Config, cache: LoadCache | None = None, stored: bool | None = None
) -> Corpus:
    corpus = Corpus(root=root, config=config, entries=[], links_checked=links_checked_dates(root))
    found = discover(root)
    known = cache.entries if cache is not None else {}
    stamps = {path: stamp(path) for _, path in found} if cache is not None else {}
    fresh = [(f, p) for f, p in found if stamps.get(p) is None or _stale(known.get(p), stamps[p])]
    limit = config.limits.max_file_bytes
    placeholders = tuple(config.placeholders)
    paths = [p for _, p in fresh]
    names = relative_names(root, paths)
    if stored is not None:
        reads = stored_reads(root, paths, limit, placeholders, stored, names)
    else:
        reads = read_files(paths, limit, placeholders, root)
    loaded: dict[Path, tuple[Entry, list[Finding]]] = {}
    for (folder, path), name, read in zip(fresh, names, reads, strict=True):
        entry = Entry(path=name, folder=folder, text=read.text, hits=read.hits)
        loaded[path] = entry, load_entry(entry, read)
    for _folder, path in found:
        if path not in loaded:
            loaded[path] = known[path][1], known[path][2]
        entry, findings = loaded[path]
        corpus.entries.append(entry)
        corpus.findings.extend(findings)
        add_entry(corpus, entry)
    if cache is not None:
        cache.entries = {p: (s, *loaded[p]) for p, s in stamps.items() if s is not None}
    return corpus


def _stale(known: tuple[Stamp, Entry, list[Finding]] | None, stamp: Stamp | None) -> bool:
    return known is None or known[0] != stamp


def add_entry(corpus: Corpus, entry: Entry) -> None:
    """A loaded file's document is registered; a partly loaded one also counts as not
    loaded (it is checked, but never edited, exported or made into a form)."""
    if entry.doc is not None:
        register(corpus, entry)
    if entry.doc is None or entry.partial:
        corpus.unloaded.add(entry.stem)


def register(corpus: Corpus, entry: Entry) -> None:
    doc = entry.doc
    assert doc is not None
    first = corpus.entry_of.get(doc.id)
    if first is not None:
        corpus.findings.append(
            finding("duplicate-id", entry, f"Id '{doc.id}' används redan av {first.path}.", ("id",))
        )
        return
    corpus.entry_of[doc.id] = entry
    if isinstance(doc, Template):
        corpus.templates[doc.id] = doc
    else:
        corpus.documents[doc.id] = doc


def load_entry(entry: Entry, read: Read) -> list[Finding]:
    if read.problem is not None:
        code, message, line, column = read.problem
        return [finding(code, entry, message, line=line, column=column)]
    data = read.data
    if data is None:
        return [finding("file-empty", entry, "Filen innehåller inget dokument.", line=1, column=1)]
    if not isinstance(data, dict):
        return [
            finding("not-a-mapping", entry, "Filen ska vara en mappning av fält.", line=1, column=1)
        ]
    model = model_for(entry.folder)
    try:
        entry.doc = model.model_validate(data)
    except ValidationError as exc:
        found = list(_schema_findings(entry, model, data, exc))
        entry.doc, entry.dropped = _partial(model, data, exc)
        entry.partial = entry.doc is not None
        if entry.doc is not None and entry.doc.id != entry.stem:
            entry.doc, entry.partial = None, False
        return found
    if entry.doc.id != entry.stem:
        return [
            finding(
                "id-filename",
                entry,
                f"Id är '{entry.doc.id}' men filen heter '{Path(entry.path).name}'.",
                ("id",),
            )
        ]
    return []


def _partial(
    model: type[Document] | type[Template], data: dict[str, Any], exc: ValidationError
) -> tuple[Document | Template | None, frozenset[str]]:
    """The document without the top-level fields that have errors, when what is left is
    valid and still says what the document is (its required fields are sound)."""
    bad = frozenset(str(err["loc"][0]) for err in exc.errors() if err["loc"])
    required = {name for name, info in model.model_fields.items() if info.is_required()}
    if bad & required:
        return None, bad
    try:
        return model.model_validate({k: v for k, v in data.items() if k not in bad}), bad
    except ValidationError:
        return None, bad


def _schema_findings(
    entry: Entry, model: type[BaseModel], data: Any, exc: ValidationError
) -> Iterator[Finding]:
    grouped: dict[Path_, list[dict[str, Any]]] = {}
    for err in exc.errors():
        loc = _data_loc(data, err["loc"])
        grouped.setdefault(loc, []).append(dict(err))
    for loc, errors in grouped.items():
        yield _schema_finding(entry, model, loc, errors)


def _data_loc(data: Any, loc: tuple[Any, ...]) -> Path_:
    """Drop the parts of a pydantic location that name union branches, not data."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if (
            isinstance(node, dict)
            and part in node
            or isinstance(node, list)
            and isinstance(part, int)
            and part < len(node)
        ):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and out[-1:] != [part]:
            out.append(part)  # a missing key: name it, then stop
            break
        else:
            continue
        out.append(part)
    return tuple(out)


def _schema_finding(
    entry: Entry, model: type[BaseModel], loc: Path_, errors: list[dict[str, Any]]
) -> Finding:
    types = {e["type"] for e in errors}
    value = errors[0].get("input")
    label = _label(model, loc)
    if "missing" in types:
        return finding("schema-missing", entry, f"Fältet {label} saknas.", loc)
    if "extra_forbidden" in types:
        name = str(loc[-1])
        tip = did_you_mean(name, _fields_at(model, loc[:-1]))
        return finding("schema-unknown-field", entry, f"Okänt fält '{name}'.{tip}", loc)
    if isinstance(value, str) and _DATE_LIKE.match(value) and any("date" in t for t in types):
        return finding("date-invalid", entry, f"{label}: {value} är inget giltigt datum.", loc)
    return finding("schema-invalid", entry, f"{label}: {explain(errors, value)}", loc)


def _submodel(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) in (list, Union) or type(annotation).__name__ == "UnionType":
        for arg in get_args(annotation):
            found = _submodel(arg)
            if found is not None:
                return found
    return None


def _field_info(model: type[BaseModel], loc: Path_) -> FieldInfo | None:
    """The field definition at ``loc`` (list indexes skipped), or None."""
    current: type[BaseModel] | None = model
    info = None
    for part in loc:
        if isinstance(part, int):
            continue
        if current is None:
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _submodel(info.annotation)
    return info


def _fields_at(model: type[BaseModel], loc: Path_) -> list[str]:
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        info = current.model_fields.get(part)
        current = _submodel(info.annotation) if info else None
    return list(current.model_fields) if current else []


def _label(model: type[BaseModel], loc: Path_) -> str:
    if not loc:
        return "dokumentet"
    info = _field_info(model, loc)
    title = f" ({info.title})" if info is not None and info.title else ""
    return f"'{field_name(loc)}'{title}"
