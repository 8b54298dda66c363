"""Files to download from the handbook: each governing document as Word and PDF (the
official document of ``styrdok export``) and each template as its fillable Word form.

The files go into the MkDocs project's docs folder (``nedladdning/ID.docx``), so a plain
``mkdocs build`` copies them, and the pages link them relatively. The PDFs come from one
LibreOffice run for all documents that changed; the others come from a cache under
``.styrdok/cache/`` keyed by the content of their .docx, as each .docx is cached under a
digest of everything it is made from. Without LibreOffice the build still succeeds: the
pages offer Word only and one note says why.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from governance import office
from governance.errors import StyrdokError
from governance.load import Corpus
from governance.progress import Stages
from governance.status import Statuses

if TYPE_CHECKING:
    from governance.render.export.cache import FileCache

DOWNLOAD_DIR = "nedladdning"
CACHE_DIR = Path(".styrdok") / "cache"
NO_PDF_NOTE = (
    "LibreOffice saknas, så handboken erbjuder dokumenten bara som Word. Installera "
    "LibreOffice (Debian/Ubuntu: 'apt-get install libreoffice-writer-nogui') för PDF."
)
_LABELS = {
    "docx": "Word (.docx",
    "pdf": "PDF (.pdf",
    "pdfa": "PDF/A för arkivet (.pdf",
    "form": "Word (.docx",
}


@dataclass(frozen=True)
class Download:
    """One file to download: where it is in docs/, what it is, how big."""

    path: str
    kind: str  # docx, pdf, pdfa (a version's, governance.render.handbook.version_pdfs) or form
    size: int

    @property
    def label(self) -> str:
        what = "formuläret" if self.kind == "form" else "dokumentet"
        return f"Ladda ner {what} som {_LABELS[self.kind]}, {file_size(self.size)})"


@dataclass
class Downloads:
    files: dict[str, bytes] = field(default_factory=dict)  # path in docs/ → content
    links: dict[str, list[Download]] = field(default_factory=dict)  # id → its files
    # (id, version) → the version's files (its PDF/A: governance.render.handbook.version_pdfs)
    versions: dict[tuple[str, str], list[Download]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # for the person building
    pdf_failed: list[str] = field(default_factory=list)  # ids LibreOffice made no PDF of
    no_office: bool = False  # PDFs were wanted but LibreOffice is not installed

    def add(self, owner: str, path: str, kind: str, data: bytes) -> None:
        self.files[path] = data
        self.links.setdefault(owner, []).append(Download(path, kind, len(data)))


def file_size(size: int) -> str:
    """``38 kB``, ``1,2 MB``: Swedish, with a decimal comma."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def downloadable(corpus: Corpus) -> list[str]:
    """Ids of the documents offered for download: those of governing kinds."""
    kinds = {k.id for k in corpus.config.kinds if k.governing}
    return [doc_id for doc_id, doc in corpus.documents.items() if doc.kind in kinds]


def make_downloads(
    corpus: Corpus,
    today: date,
    *,
    pdf: bool = True,
    statuses: Statuses | None = None,
    progress: Stages | None = None,
) -> Downloads:
    """Every download of the handbook, in memory. With ``pdf`` the documents' PDFs are
    taken from the cache or made, in one LibreOffice run; ``progress`` hears each stage."""
    out = Downloads()
    stages = progress or Stages()
    # Word and LibreOffice only when downloads are made (a build without them starts sooner).
    from governance.render.export.batch import official_documents
    from governance.render.export.cache import FileCache

    cache = FileCache(corpus.root / CACHE_DIR / "docx", ".docx")
    ids = downloadable(corpus)
    stages.stage("Word-dokument", len(ids))
    docx = official_documents(corpus, today, ids, cache, statuses, stages)
    stages.end()
    cache.prune()
    pdfs = (
        _pdfs(FileCache(corpus.root / CACHE_DIR / "pdf", ".pdf"), docx, out, stages) if pdf else {}
    )
    for doc_id, data in docx.items():
        out.add(doc_id, f"{DOWNLOAD_DIR}/{doc_id}.docx", "docx", data)
        if doc_id in pdfs:
            out.add(doc_id, f"{DOWNLOAD_DIR}/{doc_id}.pdf", "pdf", pdfs[doc_id])
    _forms(corpus, out)
    return out


def _pdfs(
    cache: FileCache, docx: dict[str, bytes], out: Downloads, stages: Stages
) -> dict[str, bytes]:
    keys = {i: hashlib.sha256(data).hexdigest() for i, data in docx.items()}
    found = {i: cache.get(keys[i]) for i in docx}
    pdfs = {i: data for i, data in found.items() if data is not None}
    missing = {i: docx[i] for i, data in found.items() if data is None}
    notes = out.notes
    from governance.render.export.pdf import pdf_many

    if missing and office.soffice_path() is None:
        notes.append(NO_PDF_NOTE)
        out.no_office = True
    elif missing:
        said: list[str] = []
        stages.stage("PDF med LibreOffice", len(missing))
        try:
            made = pdf_many(missing, stages, said)
        except StyrdokError as exc:
            made = {}
            out.pdf_failed = sorted(missing)
            notes.append(f"{exc.message} Handboken erbjuder dokumenten bara som Word.")
        else:
            out.pdf_failed = sorted(set(missing) - set(made))
            if out.pdf_failed:
                notes.append(_failed_note(out.pdf_failed, said))
        finally:
            stages.end()
        for doc_id, data in made.items():
            cache.put(keys[doc_id], data)
        pdfs.update(made)
    cache.prune()
    return pdfs


def _failed_note(failed: list[str], said: list[str]) -> str:
    shown = ", ".join(failed[:10]) + (f" och {len(failed) - 10} till" if len(failed) > 10 else "")
    told = [line for line in said if "rror" in line or "fel" in line.lower()][:3]
    why = f" LibreOffice skrev: {' / '.join(told)}." if told else ""
    return (
        f"LibreOffice kunde inte göra PDF av {len(failed)} dokument: {shown}; de erbjuds bara "
        f"som Word.{why} 'styrdok export ID --format pdf' visar felet för ett dokument."
    )


def _forms(corpus: Corpus, out: Downloads) -> None:
    """Each template's fillable form (governance.render.forms, parts 1–3 of the Word issue),
    from the cache when its template, routines and organisation are as before."""
    from governance.render.export.cache import FileCache
    from governance.render.forms.form import form_bytes, form_key

    cache = FileCache(corpus.root / CACHE_DIR / "form", ".docx")
    for template_id in corpus.templates:
        key = form_key(corpus, template_id)
        data = cache.get(key)
        if data is None:
            data = form_bytes(corpus, template_id)
            cache.put(key, data)
        out.add(template_id, f"{DOWNLOAD_DIR}/{template_id}.docx", "form", data)
    cache.prune()
