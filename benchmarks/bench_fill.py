#!/usr/bin/env python3
"""Time ``styrdok fill`` on a CSV file against a bare docxtpl render loop.

    python benchmarks/bench_fill.py [--rows 1000] [--repeat 1] [--template remiss-bostad-forst] [--cli]

Both sides use the same template and the same data. The template is the example corpus's
form as ``styrdok fill`` renders it (``governance.render.forms.form.fill_template_bytes``), written
to a file; the data is a generated CSV file of ``--rows`` rows with every field filled
(text with ``&``, ``<``, quotes and å ä ö, line breaks, dates, check boxes, a table as
JSON), each row validated once into the context both sides render.

(a) bare loop: one process, for each row ``DocxTemplate(path)``, ``render(context,
    autoescape=True)`` (docxtpl's own Jinja environment), ``save(file)``;
(b) styrdok fill, in this process: ``plan_fill`` + ``run_fill`` from the CSV file (reading,
    validating, rendering in a sandbox with one worker process per core, atomic writes);
(b1) the same with one process (``workers=1``): how much of (b) is the second core and
    how much is compiling the template once instead of once per document;
(c) with ``--cli``: ``python -m governance fill …`` as a subprocess, interpreter start
    included.

Each is the best of ``--repeat`` runs, in turns. Target: (b) within 1.2x of (a).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from docxtpl import DocxTemplate  # type: ignore[import-untyped]  # noqa: E402

from governance.load import load_corpus  # noqa: E402
from governance.model import Template, TemplateColumn, TemplateField  # noqa: E402
from governance.render.forms.data import read_data, validate  # noqa: E402
from governance.render.forms.fill import context_of, plan_fill, run_fill  # noqa: E402
from governance.render.forms.form import fill_template_bytes, info_of  # noqa: E402

TARGET = 1.2
WORDS = ["Åsa", "Öberg", "bostad", "stöd & hjälp", "<hyresvärd>", '"citat"', "år", "ärende"]


def value(item: TemplateField | TemplateColumn, rng: random.Random) -> Any:
    if item.type == "date":
        return f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if item.type == "yesno":
        return rng.choice(["ja", "nej"])
    if item.type == "choice":
        return rng.choice(item.choices)
    text = " ".join(rng.choices(WORDS, k=rng.randint(2, 8)))
    if item.type == "multiline":
        return text + "\n" + " ".join(rng.choices(WORDS, k=6))
    return text


def row(template: Template, rng: random.Random) -> list[str]:
    cells = []
    for item in template.fields:
        if item.type == "table":
            rows = [{c.key: value(c, rng) for c in item.columns} for _ in range(rng.randint(1, 3))]
            for r in rows:  # JSON in CSV: booleans, not ja/nej
                r.update({c.key: r[c.key] == "ja" for c in item.columns if c.type == "yesno"})
            cells.append(json.dumps(rows, ensure_ascii=False))
        else:
            cells.append(str(value(item, rng)))
    return cells


def write_csv(path: Path, template: Template, rows: int) -> None:
    rng = random.Random(1)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([f.key for f in template.fields])
    writer.writerows(row(template, rng) for _ in range(rows))
    path.write_text(out.getvalue(), "utf-8")


def timed(run: Callable[[], None]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--template", default="remiss-bostad-forst")
    parser.add_argument("--cli", action="store_true", help="Also time the CLI as a subprocess.")
    args = parser.parse_args()

    corpus = load_corpus(REPO)
    template = corpus.templates[args.template]
    work = Path(tempfile.mkdtemp(prefix="styrdok-bench-fill-"))
    try:
        data = work / "data.csv"
        write_csv(data, template, args.rows)
        template_file = work / "mall.docx"
        template_file.write_bytes(fill_template_bytes(info_of(corpus, template)))
        contexts = [
            context_of(validate(template, r).values) for r in read_data(data, template).records
        ]

        def bare() -> None:
            out = fresh(work / "bare")
            for n, context in enumerate(contexts, start=1):
                tpl = DocxTemplate(template_file)
                tpl.render(context, autoescape=True)
                tpl.save(out / f"{n:04d}.docx")

        def styrdok(workers: int | None = None) -> None:
            out = fresh(work / "styrdok")
            result = run_fill(plan_fill(corpus, args.template, data, out), workers=workers)
            assert not result.errors and len(result.written) == args.rows, result.errors[:3]

        def cli() -> None:
            out = fresh(work / "cli")
            command = [sys.executable, "-m", "governance", "fill", args.template]
            command += ["--root", str(REPO), "--data", str(data), "-o", str(out)]
            subprocess.run(command, check=True, capture_output=True)

        runs: dict[str, list[float]] = {"bare": [], "styrdok": [], "one": [], "cli": []}
        for _ in range(args.repeat):
            runs["bare"].append(timed(bare))
            runs["styrdok"].append(timed(styrdok))
            runs["one"].append(timed(lambda: styrdok(workers=1)))
            if args.cli:
                runs["cli"].append(timed(cli))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    best = {k: min(v) for k, v in runs.items() if v}
    cores = os.cpu_count()
    print(
        f"styrdok fill benchmark: {args.rows} rows, template {args.template} "
        f"({len(template.fields)} fields), {cores} CPUs, Python {platform.python_version()}, "
        f"best of {args.repeat}"
    )
    print(
        f"(a) bare docxtpl loop, 1 process : {best['bare']:7.2f} s  ({args.rows / best['bare']:6.1f} docs/s)"
    )
    print(
        f"(b) styrdok fill, in process     : {best['styrdok']:7.2f} s  ({args.rows / best['styrdok']:6.1f} docs/s)"
    )
    print(
        f"(b1) styrdok fill, 1 process    : {best['one']:7.2f} s  "
        f"({args.rows / best['one']:6.1f} docs/s)"
    )
    if "cli" in best:
        print(f"(c) styrdok fill, CLI            : {best['cli']:7.2f} s")
    ratio = best["styrdok"] / best["bare"]
    verdict = "met" if ratio <= TARGET else "NOT met"
    print(f"(b)/(a) = {ratio:.2f}  (target <= {TARGET}: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
