"""A version's official PDF in PDF/A-2b, for the archive: LibreOffice's writer_pdf_Export
with SelectPdfVersion 2, tagged, the version in the file name and the metadata."""

from __future__ import annotations

import io
import json
import tempfile
from datetime import date
from pathlib import Path

import docx

from governance import office
from governance.archive.show import as_document, versioned_corpus
from governance.archive.versions import Version
from governance.atomic import write_atomic
from governance.load import Corpus
from governance.render.export.official import document_docx
from governance.status import Statuses

_OPTIONS = {
    "SelectPdfVersion": {"type": "long", "value": "2"},  # PDF/A-2b
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "DisplayPDFDocumentTitle": {"type": "boolean", "value": "true"},
}
PDFA_FORMAT = "pdf:writer_pdf_Export:" + json.dumps(_OPTIONS, separators=(",", ":"))


def file_name(version: Version) -> str:
    return f"{version.doc_id}-version-{version.version}.pdf"


def version_docx(corpus: Corpus, version: Version, day: date) -> bytes:
    """The official .docx of ``version`` with its status on ``day``, the version in its
    title: what its PDF/A is made from."""
    doc = as_document(version)
    shown = versioned_corpus(corpus, doc)
    return _with_version(
        document_docx(shown, shown.documents[doc.id], day, Statuses(shown, day)), version
    )


def version_pdf(corpus: Corpus, version: Version, day: date) -> bytes:
    """The PDF/A of ``version`` with its status on ``day`` (a day it applied)."""
    docx = version_docx(corpus, version, day)
    with tempfile.TemporaryDirectory(prefix="styrdok-pdfa-") as tmp:
        source = Path(tmp) / file_name(version).replace(".pdf", ".docx")
        source.write_bytes(docx)
        return office.convert(source, PDFA_FORMAT, Path(tmp) / "pdf").read_bytes()


def _with_version(data: bytes, version: Version) -> bytes:
    """The .docx with the version in its title, which LibreOffice carries into the PDF's
    metadata (Title, XMP dc:title)."""
    document = docx.Document(io.BytesIO(data))
    props = document.core_properties
    props.title = f"{props.title} – version {version.version}"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_version_pdf(corpus: Corpus, version: Version, day: date, out: Path) -> Path:
    target = out / file_name(version) if out.is_dir() else out
    data = version_pdf(corpus, version, day)
    write_atomic(target, data)
    return target
