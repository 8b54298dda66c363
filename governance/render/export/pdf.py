"""Word to PDF with LibreOffice: one document (``styrdok export``) or many in a single
LibreOffice run (the handbook).

The PDFs are tagged (headings, lists and tables for screen readers) and show the
document's title, as public-sector documents must be accessible.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from pathlib import Path

from governance import office
from governance.errors import ToolError

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


def pdf_many(docs: dict[str, bytes]) -> dict[str, bytes]:
    """The PDFs of many .docx files (name → content, names safe as file names) from one
    LibreOffice run, which starts once instead of once per file. A file LibreOffice could
    not convert is left out of the result; StyrdokError when LibreOffice is missing or the
    run as a whole fails."""
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
        command = [
            exe,
            f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            PDF_FORMAT,
            "--outdir",
            str(out),
            *map(str, sources),
        ]
        timeout = 60 + SECONDS_PER_FILE * len(docs)
        try:
            subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise ToolError(
                f"LibreOffice blev inte klart med {len(docs)} PDF-filer på {timeout:.0f} s."
            ) from None
        return {
            name: (out / f"{name}.pdf").read_bytes()
            for name in docs
            if (out / f"{name}.pdf").is_file()
        }
