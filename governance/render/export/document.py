"""``styrdok export``: check the corpus, find the document, make its official .docx (and
PDF), write it atomically. Everything is made in memory first; nothing is written when
anything fails."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from governance import office
from governance.atomic import write_atomic
from governance.check import check
from governance.errors import OutputError, Refused, ToolError
from governance.findings import Finding
from governance.load import Corpus
from governance.model import Document
from governance.render.export.official import document_docx
from governance.render.export.pdf import pdf_bytes


def export_document(
    root: Path,
    doc_id: str,
    fmt: str,
    out: Path | None,
    today: date,
    progress: Callable[[str], None] = lambda message: None,
) -> Path:
    """Write document ``doc_id`` as ``fmt`` to ``out`` (a file or a folder; default: the
    current folder) and return the file written. ``progress`` hears about slow steps."""
    if fmt == "pdf" and office.soffice_path() is None:
        raise ToolError(office.INSTALL_HINT)
    corpus, findings = check(root, today)
    doc = find_document(corpus, doc_id, findings)
    target = output_path(out, doc_id, fmt)
    data = document_docx(corpus, doc, today)
    if fmt == "pdf":
        progress("Gör PDF med LibreOffice …")
        data = pdf_bytes(data, doc_id)
    write_file(target, data)
    return target


def find_document(corpus: Corpus, doc_id: str, findings: list[Finding]) -> Document:
    """The document, or a clear error: unknown id (with the nearest one), a template's id,
    or a document with errors of its own (an official document is never made of those)."""
    errors = [f for f in findings if f.doc_id == doc_id and f.severity == "error"]
    if doc_id in corpus.templates:
        raise Refused(
            f"'{doc_id}' är en mall, inget styrande dokument. "
            f"Gör formuläret med 'styrdok docx {doc_id}'."
        )
    if errors or doc_id in corpus.unloaded:
        listed = "\n".join(f"  {f.path}:{f.line}: {f.message}" for f in errors)
        raise Refused(
            f"Dokumentet '{doc_id}' har fel och exporterades inte:\n{listed}\n"
            "Rätta felen (se 'styrdok check') och försök igen."
        )
    return corpus.find_document(doc_id)


def output_path(out: Path | None, doc_id: str, fmt: str) -> Path:
    name = f"{doc_id}.{fmt}"
    if out is None:
        return Path(name)
    return out / name if out.is_dir() else out


def write_file(path: Path, data: bytes) -> None:
    """Write atomically: a temporary file in the same folder, then one rename."""
    folder = path.parent
    if not folder.is_dir():
        problem = "är ingen mapp" if folder.exists() else "finns inte"
        raise OutputError(
            f"{path}: {folder} {problem}. Skapa mappen eller välj en annan fil med -o."
        )
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise OutputError(
            f"{path}: filen kan inte skrivas i {folder} ({exc.strerror}). Välj en annan fil med -o."
        ) from None
