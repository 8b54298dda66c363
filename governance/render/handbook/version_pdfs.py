"""The official PDF of each version in the archive, in PDF/A-2b for archiving
(governance.archive.pdfa: LibreOffice's PDF/A export, tagged, the version in the file name
and the title), linked from the version's page.

Made only when the build makes PDFs. LibreOffice is slow, so each PDF is cached under
.styrdok/archive/pdf/ by a digest of everything its version page shows (the code, the
configuration, the version and its validity, what it links to) and of the code that makes
the PDF: a version that did not change is never converted again, and the versions that did
are converted in one LibreOffice run.
"""

from __future__ import annotations

import functools
import hashlib
from datetime import date
from pathlib import Path

from governance import office
from governance.archive.pdfa import PDFA_FORMAT, file_name, version_docx
from governance.archive.versions import Archive, Version
from governance.errors import StyrdokError
from governance.load import Corpus
from governance.progress import Stages
from governance.render.export.cache import FileCache
from governance.render.export.pdf import pdf_many
from governance.render.handbook.downloads import (
    DOWNLOAD_DIR,
    NO_PDF_NOTE,
    Download,
    Downloads,
    downloadable,
)
from governance.render.handbook.version_keys import content_key, corpus_key
from governance.render.handbook.versions import has_pages
from governance.status import Statuses

VERSION_DIR = f"{DOWNLOAD_DIR}/version"
PDF_CACHE = Path(".styrdok") / "archive" / "pdf"


def first_day(version: Version) -> date:
    """The day the version's official document speaks of: the first day it applied."""
    return version.valid_from or date.fromisoformat(version.day or "2000-01-01")


def add_version_pdfs(
    corpus: Corpus, archive: Archive, out: Downloads, progress: Stages | None = None
) -> None:
    """Put the PDF/A of every version that has a page into ``out``: its file in
    ``out.files`` and its link in ``out.versions`` under (document id, version)."""
    cache = FileCache(corpus.root / PDF_CACHE, ".pdf")
    wanted: dict[str, tuple[Version, str]] = {}  # file stem → version, cache key
    base, days = corpus_key(corpus), dict[date, Statuses]()
    for doc_id in downloadable(corpus):
        versions = archive.of(doc_id)
        if not has_pages(versions):
            continue
        title = corpus.documents[doc_id].title
        for index, version in enumerate(versions):
            key = _key(content_key(corpus, versions, index, title, base=base, days=days))
            wanted[file_name(version).removesuffix(".pdf")] = (version, key)
    made = {stem: cache.get(key) for stem, (_, key) in wanted.items()}
    missing = [stem for stem, data in made.items() if data is None]
    if missing:
        made.update(_convert(corpus, {s: wanted[s][0] for s in missing}, out, progress))
        for stem in missing:
            if made.get(stem) is not None:
                cache.put(wanted[stem][1], made[stem] or b"")
    cache.prune()
    for stem, (version, _) in wanted.items():
        data = made.get(stem)
        if data is None:
            continue  # no LibreOffice, or it failed: the page offers no PDF (a note says so)
        path = f"{VERSION_DIR}/{stem}.pdf"
        out.files[path] = data
        out.versions[(version.doc_id, version.version)] = [Download(path, "pdfa", len(data))]


def _convert(
    corpus: Corpus, versions: dict[str, Version], out: Downloads, progress: Stages | None
) -> dict[str, bytes | None]:
    if office.soffice_path() is None:
        if NO_PDF_NOTE not in out.notes:
            out.notes.append(NO_PDF_NOTE)
        out.no_office = True
        return {}
    docx = {stem: version_docx(corpus, v, first_day(v)) for stem, v in versions.items()}
    stages = progress or Stages()
    stages.stage("Arkivversioner som PDF/A med LibreOffice", len(docx))
    said: list[str] = []
    try:
        made = pdf_many(docx, stages, said, fmt=PDFA_FORMAT)
    except StyrdokError as exc:
        out.notes.append(f"{exc.message} Versionssidorna erbjuder ingen PDF/A.")
        return {}
    finally:
        stages.end()
    failed = sorted(set(docx) - set(made))
    if failed:
        out.notes.append(
            f"LibreOffice kunde inte göra PDF/A av {len(failed)} arkiverade versioner, till "
            f"exempel {', '.join(failed[:3])}; deras sidor erbjuder ingen PDF. "
            "'styrdok show ID --at DATUM -o FIL' visar felet för en version."
        )
    return dict(made)


@functools.cache
def _code() -> str:
    digest = hashlib.sha256(PDFA_FORMAT.encode())
    here = Path(__file__).parents[2]
    for path in sorted([here / "archive" / "pdfa.py", *(here / "render" / "export").glob("*.py")]):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _key(page_key: str) -> str:
    return hashlib.sha256(f"{_code()}\0{page_key}".encode()).hexdigest()
