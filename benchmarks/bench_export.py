#!/usr/bin/env python3
"""Time the official documents: Word, PDF in one LibreOffice run or one run per document,
and what the downloads add to ``styrdok build``.

    python benchmarks/bench_export.py [--docs N] [--repeat 3] [--single 3]

Without --docs the example corpus is used; with it, a clean corpus of N documents from
scripts/gen_corpus.py in a temporary folder. Printed, each best of --repeat:

(a) the official .docx of every governing document (governance.render.export.official), per doc,
    one after the other, and (a') as the handbook makes them (governance.render.export.batch: one
    process per core from 24 documents, no cache);
(b) the fillable form of every template (governance.render.forms.form.form_bytes), per form;
(c) PDF of all documents in one LibreOffice run (governance.render.export.pdf.pdf_many);
(d) PDF of --single documents with one LibreOffice run each (governance.office.convert, as
    ``styrdok export --format pdf`` does), per doc, to show what batching saves;
(e) ``build_handbook`` without downloads, with downloads and empty caches, and again with
    the caches filled (no LibreOffice, no .docx made).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]
import gen_corpus  # noqa: E402

from governance.check import check  # noqa: E402
from governance.office import soffice_path  # noqa: E402
from governance.render.export.batch import official_documents  # noqa: E402
from governance.render.export.official import document_docx  # noqa: E402
from governance.render.export.pdf import pdf_bytes, pdf_many  # noqa: E402
from governance.render.forms.form import form_bytes  # noqa: E402
from governance.render.handbook.build import build_handbook  # noqa: E402
from governance.render.handbook.downloads import CACHE_DIR, downloadable  # noqa: E402

TODAY = date(2026, 11, 23)


def best(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def row(label: str, seconds: float, count: int) -> None:
    per = f"{seconds / count * 1000:8.1f} ms each" if count else ""
    print(f"{label:<52} {seconds:8.2f} s  {count:5d}  {per}")


def corpus_root(tmp: Path, docs: int | None) -> Path:
    root = tmp / "korpus"
    if docs is None:
        root.mkdir()
        shutil.copy(REPO / "styrdok.yaml", root)
        for name in ("routines", "templates", "schema", "site"):
            shutil.copytree(REPO / name, root / name)
    else:
        gen_corpus.generate(root, docs, findings=False)
    return root


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=None, help="generated corpus size")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--single", type=int, default=3, help="documents for (d)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="styrdok-bench-") as tmp:
        root = corpus_root(Path(tmp), args.docs)
        corpus, _ = check(root, TODAY)
        ids = downloadable(corpus)
        print(
            f"{len(corpus.documents)} documents, {len(ids)} governing, "
            f"{len(corpus.templates)} templates; LibreOffice: {soffice_path() or 'missing'}"
        )
        docx: dict[str, bytes] = {}

        def make_docx() -> None:
            docx.update({i: document_docx(corpus, corpus.documents[i], TODAY) for i in ids})

        row("(a) official .docx, one after the other", best(args.repeat, make_docx), len(ids))
        batch = best(args.repeat, lambda: official_documents(corpus, TODAY, ids))
        row("(a') official .docx, one process per core", batch, len(ids))
        forms = list(corpus.templates)
        row(
            "(b) fillable forms",
            best(args.repeat, lambda: [form_bytes(corpus, t) for t in forms]),
            len(forms),
        )
        if soffice_path() is not None:
            row("(c) PDF, one LibreOffice run for all", best(1, lambda: pdf_many(docx)), len(docx))
            some = ids[: args.single]
            row(
                "(d) PDF, one LibreOffice run each",
                best(1, lambda: [pdf_bytes(docx[i], i) for i in some]),
                len(some),
            )
        out = Path(tmp) / "ut"
        row(
            "(e) build without downloads",
            best(1, lambda: build_handbook(root, out, TODAY, downloads=False)),
            0,
        )
        shutil.rmtree(root / CACHE_DIR, ignore_errors=True)
        row(
            "    build with downloads, empty caches",
            best(1, lambda: build_handbook(root, out, TODAY)),
            0,
        )
        row(
            "    build with downloads, caches filled",
            best(args.repeat, lambda: build_handbook(root, out, TODAY)),
            0,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
