#!/usr/bin/env python3
"""Time the version archive: ``styrdok build`` with and without it, cold and after one commit.

    python benchmarks/bench_versions.py [--docs 2000] [--seed 1] [--keep DIR]

A clean corpus of --docs documents is generated with scripts/gen_corpus.py; its git history
is written with ``git fast-import``: for each document up to three versions (the last three
prefixes of its revisions, the earlier ones with an older wording of the first section) and,
for a document with fewer versions, a wording fix inside its version, so about three commits
per document (~6,000 for 2,000). The corpus is copied, history and all: one copy is
always built without the archive, the other always with it. Each build is a subprocess,
without downloads (no PDFs):

(a) cold build of the first copy without the archive (``--no-archive``);
(b) cold build of the second copy with the archive (nothing under .styrdok/ yet);
(c) in both copies the same commit that revises one document (``styrdok revise`` +
    ``git commit``), then the rebuild of the second copy with the archive and (d) of the
    first without it; --rounds more times (another document each time, which of the two
    goes first alternating), and the medians.

The first rebuild after a cold build is printed apart: it is the one that has no staging
copy kept from the build before (governance.render.handbook.output.staging) and makes it
from the published handbook, a hard link per file, and the archive's handbook has three
times the files; every later rebuild starts from the copy kept. The target is judged on the
later rebuilds' medians.

Targets (issue 15): (b)/(a) <= 1.5; (c)/(d) <= 1.2. The script says whether they are met.
"""

from __future__ import annotations

import argparse
import copy
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from random import Random
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "scripts")]
import gen_corpus  # noqa: E402

from governance.config import load_config  # noqa: E402

TODAY = gen_corpus.TODAY.isoformat()
ENV = os.environ | {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org"]


def _states(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The document's history: up to three versions, oldest first, and the final state."""
    revisions = data.get("revisions") or []
    n = len(revisions)
    out: list[dict[str, Any]] = [] if n else [copy.deepcopy(data)]
    for k in range(max(1, n - 2), n + 1 if n else 1):
        state = copy.deepcopy(data)
        state["revisions"] = revisions[:k]
        sections = state.get("sections") or []
        if k < n and sections and isinstance(sections[0].get("body"), str):
            sections[0]["body"] = sections[0]["body"].replace(" ", f" (lydelse {k}) ", 1)
        out.append(state)
    while len(out) < 3:  # a wording fix inside the last version
        fixed = copy.deepcopy(out[-1])
        fixed["summary"] = str(fixed.get("summary") or "") + " "
        out.insert(len(out) - 1, fixed)
    out[-1] = data
    return out


def write_history(out: Path, count: int, seed: int) -> int:
    """Generate the corpus in ``out`` and its history; return the number of commits."""
    config_text = (REPO / "styrdok.yaml").read_text("utf-8")
    r = Random(seed)
    corpus = gen_corpus.build(r, gen_corpus.read_terms(load_config(REPO)), count, False)
    gen_corpus.prepare(out, force=True)
    gen_corpus.write(out, corpus, config_text)
    subprocess.run([*GIT, "init", "-q", "-b", "main"], cwd=out, check=True)
    stream: list[bytes] = []
    stamp, mark = 1_500_000_000, 0

    def commit(message: str, files: dict[str, bytes]) -> None:
        nonlocal stamp, mark
        stamp += 3600
        mark += 1
        msg = message.encode()
        stream.append(
            b"commit refs/heads/main\n"
            + f"mark :{mark}\ncommitter bench <bench@example.org> {stamp} +0000\n".encode()
            + f"data {len(msg)}\n".encode()
            + msg
            + b"\n"
            + (f"from :{mark - 1}\n".encode() if mark > 1 else b"")
        )
        for path, data in files.items():
            stream.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")

    base = {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file()
        and ".git" not in p.parts
        and not p.relative_to(out).as_posix().startswith("routines/")
    }
    commit("Korpusen", base)
    histories = [(doc, _states(doc.data)) for doc in corpus.docs]
    for step in range(3):
        for doc, states in histories:
            state = states[step]
            doc.data = state
            commit(f"{doc.id} steg {step + 1}", {doc.path: gen_corpus.file_bytes(doc)})
    for doc in [*corpus.extra]:
        commit(f"{doc.id}", {doc.path: gen_corpus.file_bytes(doc)})
    subprocess.run([*GIT, "fast-import", "--quiet"], cwd=out, input=b"".join(stream), check=True)
    subprocess.run([*GIT, "checkout", "-q", "-f", "main"], cwd=out, check=True)
    return mark


CPU: dict[str, float] = {}  # the last build's processor time (user + system, all processes)


def timed(args: list[str], cwd: Path) -> float:
    """Wall time of the command; its processor time (with its workers') in CPU["last"]."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU["last"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if proc.returncode != 0:
        sys.exit(f"failed: {' '.join(args)}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return seconds


def build(root: Path, archive: bool) -> float:
    flag = "--archive" if archive else "--no-archive"
    command = [sys.executable, "-m", "governance", "build", "--root", str(root)]
    return timed(
        [*command, "--today", TODAY, "--no-downloads", flag, "--out", str(root / "out")], root
    )


def revise_one(root: Path, round_: int = 0) -> None:
    """One commit that revises one document (another in each round)."""
    files = sorted((root / "routines").rglob("*.yaml"))
    for path in files[round_ * 37 % len(files) :] + files:  # a draft cannot be revised
        revise = [sys.executable, "-m", "governance", "revise", path.stem, "--summary", "Bänk."]
        done = subprocess.run(
            [*revise, "--root", str(root), "--today", TODAY], cwd=root, env=ENV, capture_output=True
        )
        if done.returncode == 0:
            break
    subprocess.run([*GIT, "commit", "-qam", "En revidering"], cwd=root, check=True)


def verdict(ratio: float, target: float) -> str:
    return f"{ratio:.2f} (target <= {target}: {'met' if ratio <= target else 'NOT met'})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the two corpora in this folder")
    parser.add_argument(
        "--rounds",
        type=int,
        default=5,
        help="rebuilds after one commit each, both ways, interleaved (default 5)",
    )
    args = parser.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="styrdok-bench-versions-"))
    base = args.keep or tmp
    archived, plain = base / "med-arkiv", base / "utan-arkiv"
    started = time.perf_counter()
    commits = write_history(archived, args.docs, args.seed)
    shutil.copytree(archived, plain, symlinks=True)
    print(
        f"{args.docs} documents, {commits} commits, history in {time.perf_counter() - started:.1f} s"
    )
    cold_plain = build(plain, archive=False)
    cpu = {"a": CPU["last"]}
    cold_archive = build(archived, archive=True)
    cpu["b"] = CPU["last"]
    pages = len(list((archived / "out" / "dokument").glob("*/version/*/index.html")))
    first: tuple[float, float] = (0.0, 0.0)
    steady: list[tuple[float, float, float, float]] = []  # (c), (d), their processor times
    for round_ in range(args.rounds + 1):
        revise_one(archived, round_)
        revise_one(plain, round_)
        order = [True, False] if round_ % 2 == 0 else [False, True]  # which one first
        times: dict[bool, tuple[float, float]] = {}
        for archive in order:
            seconds = build(archived if archive else plain, archive=archive)
            times[archive] = (seconds, CPU["last"])
        if round_ == 0:
            first = (times[True][0], times[False][0])
        else:
            steady.append((times[True][0], times[False][0], times[True][1], times[False][1]))
    cold = cold_archive / cold_plain
    print(f"version pages: {pages}")
    print(f"(a) cold build, no archive:          {cold_plain:7.1f} s")
    print(
        f"(b) cold build, with archive:        {cold_archive:7.1f} s   (b)/(a) = {verdict(cold, 1.5)}"
    )
    print(
        f"processor time (user + system, with workers): (a) {cpu['a']:.1f} s, "
        f"(b) {cpu['b']:.1f} s; (b)/(a) = {cpu['b'] / cpu['a']:.2f}"
    )
    print(
        "first rebuild after the cold build (its staging copy is made from the published "
        f"handbook, file by file): (c) {first[0]:.2f} s, (d) {first[1]:.2f} s, "
        f"(c)/(d) = {first[0] / first[1]:.2f}"
    )
    warm = 0.0
    if steady:
        c, d, c_cpu, d_cpu = (statistics.median(x[k] for x in steady) for k in range(4))
        warm = c / d
        print(f"then {len(steady)} rebuilds after one commit each, interleaved, medians:")
        print(
            f"(c) rebuild after 1 commit, archive: {c:7.2f} s   ({', '.join(f'{x[0]:.2f}' for x in steady)})"
        )
        print(
            f"(d) rebuild after 1 commit, none:    {d:7.2f} s   ({', '.join(f'{x[1]:.2f}' for x in steady)})"
            f"   (c)/(d) = {verdict(warm, 1.2)}"
        )
        print(
            f"processor time, medians: (c) {c_cpu:.2f} s, (d) {d_cpu:.2f} s; (c)/(d) = {c_cpu / d_cpu:.2f}"
        )
    print(f"load average (1, 5, 15 min): {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if cold <= 1.5 and 0 < warm <= 1.2 else 1


if __name__ == "__main__":
    sys.exit(main())
