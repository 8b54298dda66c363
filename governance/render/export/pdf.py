"""Word to PDF with LibreOffice: one document (``styrdok export``) or many in a single
LibreOffice run (the handbook).

The PDFs are tagged (headings, lists and tables for screen readers) and show the
document's title, as public-sector documents must be accessible.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
import time
from pathlib import Path

from governance import office
from governance.errors import ToolError
from governance.progress import Stages

_OPTIONS = {
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "DisplayPDFDocumentTitle": {"type": "boolean", "value": "true"},
}
PDF_FORMAT = "pdf:writer_pdf_Export:" + json.dumps(_OPTIONS, separators=(",", ":"))
SECONDS_PER_FILE = 20.0


def pdf_bytes(docx: bytes, name: str) -> bytes:
    """The PDF of one .docx (``name`` is the file's stem, shown in LibreOffice's errors)."""
    with tempfile.TemporaryDirectory(prefix="styrdok-pdf-") as tmp:
        source = Path(tmp) / f"{name}.docx"
        source.write_bytes(docx)
        return office.convert(source, PDF_FORMAT, Path(tmp) / "pdf").read_bytes()


def pdf_many(
    docs: dict[str, bytes],
    progress: Stages | None = None,
    log: list[str] | None = None,
    fmt: str = PDF_FORMAT,
) -> dict[str, bytes]:
    """The PDFs of many .docx files (name → content, names safe as file names) from one
    LibreOffice run, which starts once instead of once per file. A file LibreOffice could
    not convert is left out of the result, and what LibreOffice said goes to ``log``;
    ToolError when LibreOffice is missing or the run as a whole fails. ``progress``
    hears how many PDFs exist while LibreOffice works; ``fmt``: LibreOffice's filter (the
    archive's PDF/A: governance.archive.pdfa)."""
    exe = office.soffice_path()
    if exe is None:
        raise ToolError(office.INSTALL_HINT)
    if not docs:
        return {}
    with tempfile.TemporaryDirectory(prefix="styrdok-pdf-") as tmp:
        folder, out = Path(tmp) / "docx", Path(tmp) / "pdf"
        folder.mkdir()
        sources = []
        for name, data in docs.items():
            sources.append(folder / f"{name}.docx")
            sources[-1].write_bytes(data)
        command = office.command(exe, Path(tmp) / "profile", fmt, out, sources)
        timeout = 60 + SECONDS_PER_FILE * len(docs)
        said = _run(command, timeout, out, progress or Stages(), len(docs))
        if log is not None:
            log += [line for line in said.splitlines() if line.strip()]
        return {
            name: (out / f"{name}.pdf").read_bytes()
            for name in docs
            if (out / f"{name}.pdf").is_file()
        }


def _run(command: list[str], timeout: float, out: Path, progress: Stages, total: int) -> str:
    """Run LibreOffice, counting the PDFs in ``out`` as they appear; return what it said."""
    with tempfile.TemporaryFile() as said:
        process = subprocess.Popen(
            command, stdout=said, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
        deadline = time.monotonic() + timeout
        while process.poll() is None:
            if time.monotonic() > deadline:
                process.kill()
                process.wait()
                raise ToolError(
                    f"LibreOffice blev inte klart med {total} PDF-filer på {timeout:.0f} s."
                )
            progress.advance(len(list(out.glob("*.pdf"))) if out.is_dir() else 0)
            time.sleep(0.25)
        progress.advance(len(list(out.glob("*.pdf"))) if out.is_dir() else 0)
        said.seek(0)
        return said.read().decode("utf-8", errors="replace")
