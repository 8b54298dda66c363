#!/usr/bin/env python3
"""Time ``styrdok import`` on Word routines made by ``styrdok export``, and count the fields
that come back.

    python benchmarks/bench_import.py [--docs 500] [--repeat 3]

A clean corpus from scripts/gen_corpus.py (large enough for --docs routines) is written to
a temporary folder; its first --docs routines are exported to .docx (without PDF, not
timed). Then, in this one process (one core), best of --repeat:

(a) styrdok's reader: safezip + lxml → blocks (governance.importer.source.parse), per doc;
(b) the conversion to document data (governance.importer.convert), per doc;
(c) the YAML text of the new file (governance.importer.yamlout), per doc;
(d) the alternative reader for comparison: python-docx opening each file and walking its
    paragraphs and tables (no lists, no tracked changes, no hyperlinks read);
(e) the whole ``styrdok import --dry-run`` of the folder (governance.importer.run), into the
    corpus without those routines' YAML files: reading, converting, ids, YAML and the check
    of the corpus with the new files, once (not best of --repeat);

and the fraction of fields round-tripped: for every document, each field the official
document shows (governance.importer.compare.ROUND_TRIP) that the YAML has, compared by
what it shows. Target: under 0.1 s per document for (a)+(b)+(c), 100 % of fields.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]
import docx  # noqa: E402
import gen_corpus  # noqa: E402

from governance.check import check  # noqa: E402
from governance.importer.compare import ROUND_TRIP, normal  # noqa: E402
from governance.importer.convert import convert  # noqa: E402
from governance.importer.match import Matcher  # noqa: E402
from governance.importer.reader import Parsed  # noqa: E402
from governance.importer.run import import_files  # noqa: E402
from governance.importer.source import parse  # noqa: E402
from governance.importer.yamlout import document_text  # noqa: E402
from governance.render.export.official import document_docx  # noqa: E402
from governance.yamlio import read_fast  # noqa: E402

TODAY = date(2026, 11, 23)


def best(repeat: int, work: Callable[[], object]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - started)
    return min(times), result


def row(label: str, seconds: float, count: int) -> None:
    print(f"{label:<58} {seconds:7.2f} s  {seconds / count * 1000:7.1f} ms/dokument")


def python_docx_walk(paths: list[Path]) -> int:
    count = 0
    for path in paths:
        document = docx.Document(str(path))
        count += sum(len(p.text) for p in document.paragraphs)
        count += sum(len(c.text) for t in document.tables for r in t.rows for c in r.cells)
    return count


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="styrdok-bench-import-") as tmp:
        root = Path(tmp) / "korpus"
        gen_corpus.generate(root, int(args.docs * 2.6), findings=False)
        corpus, _ = check(root, TODAY)
        routines = sorted(d.id for d in corpus.documents.values() if d.kind == "rutin")
        routines = routines[: args.docs]
        out = Path(tmp) / "word"
        out.mkdir()
        paths = []
        for doc_id in routines:
            path = out / f"{doc_id}.docx"
            path.write_bytes(document_docx(corpus, corpus.documents[doc_id], TODAY))
            paths.append(path)
        n = len(paths)
        print(
            f"{n} rutiner exporterade från en genererad korpus med {len(corpus.documents)} dokument"
        )
        read_s, parsed = best(args.repeat, lambda: [parse(p) for p in paths])
        matcher = Matcher(corpus.config)

        def converted() -> list[Any]:
            return [convert(p, x, corpus, matcher) for p, x in zip(paths, parsed, strict=True)]

        conv_s, results = best(args.repeat, converted)
        yaml_s, _ = best(
            args.repeat,
            lambda: [document_text(r.data, f"routines/{r.exported_id}.yaml", r.path.name)
                     for r in results],
        )  # fmt: skip
        alt_s, _ = best(args.repeat, lambda: python_docx_walk(paths))
        row("(a) läsa .docx (safezip + lxml → block)", read_s, n)
        row("(b) block → dokumentdata", conv_s, n)
        row("(c) YAML-text", yaml_s, n)
        row("import totalt (a)+(b)+(c)", read_s + conv_s + yaml_s, n)
        row("(d) jämförelse: python-docx öppnar och går igenom texten", alt_s, n)
        for doc_id in routines:
            (root / corpus.entry_of[doc_id].path).unlink()
        without, _ = check(root, TODAY)
        started = time.perf_counter()
        outcome = import_files(without, [out], "routines", TODAY, dry_run=True)
        row(
            "(e) hela importen, --dry-run, med kontroll av korpusen",
            time.perf_counter() - started,
            n,
        )
        assert not outcome.failed, [f.problems for f in outcome.failed][:3]
        shown, same, lost = 0, 0, []
        for doc_id, result, item in zip(routines, results, parsed, strict=True):
            assert isinstance(item, Parsed)
            old = read_fast(corpus.entry_of[doc_id].text)
            new = {"id": result.exported_id, **result.data}
            for field in ROUND_TRIP:
                if field in old:
                    shown += 1
                    equal = normal(old.get(field)) == normal(new.get(field))
                    same += equal
                    if not equal:
                        lost.append(f"  {doc_id}: {field}")
        print(f"Fält som kom tillbaka: {same} av {shown} ({same / shown:.1%})")
        print("\n".join(lost[:20]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
