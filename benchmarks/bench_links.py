#!/usr/bin/env python3
"""Time ``styrdok links`` against LinkChecker and linkinator on the same addresses.

    python benchmarks/bench_links.py [--urls 2000] [--latency 0.02] [--concurrency 64] [--repeat 3]

A server in its own process on 127.0.0.1 answers HEAD and GET for N unique addresses
(``/u/0`` … ``/u/N-1``), each after ``--latency`` seconds (asyncio, keep-alive, no limit on
connections). It also serves ``/page.html``, one HTML page linking all N addresses, for the
tools that crawl a page. Then, taking turns ``--repeat`` times (the fastest run counts):

* **styrdok cold**: ``python -m governance links`` on a temporary corpus whose documents
  link the N addresses (20 per document, as supporting documents), with an empty cache;
* **styrdok warm**: the same again straight after, with the cache from the cold run
  (no request is sent: the server's count is printed);
* **LinkChecker** (Debian's ``linkchecker``): ``-r 1`` (the page and its links), threads
  = concurrency, ``maxrequestspersecond`` raised and the ``LinkChecker`` header sent by the
  server, which is what LinkChecker needs to lift its default of 10 requests a second per
  host;
* **linkinator** (npm; installed into benchmarks/out/node on first use): ``--concurrency``.

Every tool gets the same limit of concurrent requests (all addresses are on one host, so
styrdok's per-host limit is set to it too). Each row: wall-clock time, the CPU time of the
tool's process (user + system), the requests the server saw, and whether the tool found
all N addresses working. Target: styrdok cold faster than both, warm under 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import platform
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
NODE_DIR = REPO / "benchmarks" / "out" / "node"
PER_DOCUMENT = 20
TARGET_WARM = 2.0


def serve(port: int, urls: int, latency: float, count: Synchronized[int]) -> None:
    """The HTTP server (runs in a child process until terminated)."""
    links = "".join(f'<a href="/u/{i}">adress {i}</a>\n' for i in range(urls))
    page = f"<!doctype html><html><body>\n{links}</body></html>\n".encode()

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                line = await reader.readline()
                if not line:
                    return
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass
                method, path = line.split()[:2]
                with count.get_lock():
                    count.value += 1
                status, body, kind = b"200 OK", b"ok\n", b"text/plain"
                if path == b"/page.html":
                    body, kind = page, b"text/html; charset=utf-8"
                elif path.startswith(b"/u/"):
                    await asyncio.sleep(latency)
                else:
                    status, body = b"404 Not Found", b"finns inte\n"
                head = (
                    b"HTTP/1.1 "
                    + status
                    + b"\r\nContent-Type: "
                    + kind
                    + b"\r\nContent-Length: "
                    + str(len(body)).encode()
                    + b"\r\nLinkChecker: ok\r\n\r\n"
                )
                writer.write(head if method == b"HEAD" else head + body)
                await writer.drain()
        except (ConnectionError, ValueError):
            return
        finally:
            writer.close()

    async def main() -> None:
        server = await asyncio.start_server(answer, "127.0.0.1", port, backlog=4096)
        async with server:
            await server.serve_forever()

    asyncio.run(main())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_corpus(root: Path, base: str, urls: int, concurrency: int) -> None:
    (root / "routines").mkdir(parents=True)
    (root / "styrdok.yaml").write_text(
        "organisation: Bänkkommunen\nkinds:\n  - id: stod\n    label: Stöddokument\n"
        f"    governing: false\nlinks:\n  concurrency: {concurrency}\n"
        f"  per_host: {concurrency}\n  timeout: 30s\n",
        "utf-8",
    )
    for doc in range(-(-urls // PER_DOCUMENT)):
        lines = [f"id: stod-{doc}", f"title: Stöd {doc}", "kind: stod", "status: in-force"]
        lines.append("supporting_documents:")
        for i in range(doc * PER_DOCUMENT, min(urls, (doc + 1) * PER_DOCUMENT)):
            lines += [f"  - title: Adress {i}", f"    url: {base}/u/{i}"]
        (root / "routines" / f"stod-{doc}.yaml").write_text("\n".join(lines) + "\n", "utf-8")


@dataclass
class Timing:
    wall: float
    cpu: float
    requests: int
    ok: bool
    note: str = ""


def timed(
    command: list[str], count: Synchronized[int], cwd: Path | None = None
) -> tuple[Timing, str]:
    before_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    before_requests = count.value
    started = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after_cpu.ru_utime - before_cpu.ru_utime) + (after_cpu.ru_stime - before_cpu.ru_stime)
    output = proc.stdout + proc.stderr
    return Timing(wall, cpu, count.value - before_requests, proc.returncode == 0), output


def styrdok(root: Path, count: Synchronized[int], urls: int, warm: bool) -> Timing:
    if not warm:
        shutil.rmtree(root / ".styrdok", ignore_errors=True)
    command = [sys.executable, "-m", "governance", "links", "--root", str(root), "--format", "json"]
    timing, output = timed(command, count)
    summary = output[output.rfind("\n", 0, len(output) - 1) + 1 :].strip()
    data = json.loads(output[: output.rindex("}") + 1]) if "{" in output else {}
    timing.ok = timing.ok and data.get("summary", {}).get("errors") == 0
    timing.note = summary
    return timing


def linkchecker(base: str, count: Synchronized[int], concurrency: int, work: Path) -> Timing:
    config = work / "linkcheckerrc"
    config.write_text(
        f"[checking]\nthreads={concurrency}\nmaxrequestspersecond=1000\nrecursionlevel=1\n"
        "[output]\nstatus=0\nwarnings=0\n",
        "utf-8",
    )
    config.chmod(0o644)  # LinkChecker run as root drops to nobody and must read it
    command = ["linkchecker", "--config", str(config), "--no-status", f"{base}/page.html"]
    timing, output = timed(command, count)
    last = [line for line in output.splitlines() if "links in" in line]
    timing.note = last[-1].strip() if last else output.strip().splitlines()[-1]
    return timing


def linkinator_bin() -> Path | None:
    binary = NODE_DIR / "node_modules" / ".bin" / "linkinator"
    if binary.exists():
        return binary
    if shutil.which("npm") is None:
        return None
    NODE_DIR.mkdir(parents=True, exist_ok=True)
    print("Installerar linkinator med npm i benchmarks/out/node …", flush=True)
    subprocess.run(
        ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(NODE_DIR), "linkinator"],
        check=True,
        capture_output=True,
    )
    return binary if binary.exists() else None


def linkinator(binary: Path, base: str, count: Synchronized[int], concurrency: int) -> Timing:
    command = [str(binary), f"{base}/page.html", "--concurrency", str(concurrency)]
    command += ["--format", "json"]
    timing, output = timed(command, count)
    try:
        links = json.loads(output[output.index("{") :])["links"]
        broken = [x for x in links if x["state"] != "OK"]
        timing.note = f"{len(links)} länkar, {len(broken)} trasiga"
        timing.ok = timing.ok and not broken
    except (ValueError, KeyError) as exc:
        timing.note = f"kunde inte läsa resultatet: {exc}"
        timing.ok = False
    return timing


def version(command: list[str]) -> str:
    try:
        proc = subprocess.run(command, capture_output=True, text=True, check=False, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return "?"
    lines = [
        line for line in (proc.stdout + proc.stderr).splitlines() if line and "WARNING" not in line
    ]
    return lines[0].strip() if lines else "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--urls", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.02, help="sekunder per svar")
    parser.add_argument("--concurrency", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-linkchecker", action="store_true")
    parser.add_argument("--no-linkinator", action="store_true")
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    count: Synchronized[int] = multiprocessing.Value("q", 0)
    server = multiprocessing.Process(target=serve, args=(port, args.urls, args.latency, count))
    server.start()
    work = Path(tempfile.mkdtemp(prefix="styrdok-bench-links-"))
    work.chmod(0o755)
    try:
        return run(args, base, count, work)
    finally:
        server.terminate()
        server.join(5)
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, base: str, count: Synchronized[int], work: Path) -> int:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", int(base.rsplit(":", 1)[1])), 0.1).close()
            break
        except OSError:
            time.sleep(0.05)
    corpus = work / "korpus"
    make_corpus(corpus, base, args.urls, args.concurrency)
    binary = None if args.no_linkinator else linkinator_bin()
    use_linkchecker = not args.no_linkchecker and shutil.which("linkchecker") is not None
    print(
        f"{args.urls} adresser på {base}, {args.latency * 1000:.0f} ms per svar, "
        f"{args.concurrency} samtidiga anrop för alla verktyg; bäst av {args.repeat}.\n"
        f"Python {platform.python_version()}, {os.cpu_count()} kärnor; "
        f"LinkChecker: {version(['linkchecker', '--version']) if use_linkchecker else 'används inte'}; "
        f"linkinator: {version([str(binary), '--version']) if binary else 'används inte'}.",
        flush=True,
    )
    rows: dict[str, list[Timing]] = {}
    for _ in range(args.repeat):
        rows.setdefault("styrdok links (kall cache)", []).append(
            styrdok(corpus, count, args.urls, warm=False)
        )
        rows.setdefault("styrdok links (varm cache)", []).append(
            styrdok(corpus, count, args.urls, warm=True)
        )
        if use_linkchecker:
            rows.setdefault("LinkChecker", []).append(
                linkchecker(base, count, args.concurrency, work)
            )
        if binary is not None:
            rows.setdefault("linkinator", []).append(
                linkinator(binary, base, count, args.concurrency)
            )
    best = {name: min(runs, key=lambda t: t.wall) for name, runs in rows.items()}
    print(f"\n{'verktyg':<28} {'tid (s)':>8} {'CPU (s)':>8} {'anrop':>7}  alla ok  anteckning")
    for name, t in best.items():
        print(
            f"{name:<28} {t.wall:>8.2f} {t.cpu:>8.2f} {t.requests:>7}  {'ja' if t.ok else 'NEJ':<7}  {t.note}"
        )
    cold = best["styrdok links (kall cache)"].wall
    others = {n: t.wall for n, t in best.items() if not n.startswith("styrdok")}
    faster = all(cold < wall for wall in others.values())
    warm = best["styrdok links (varm cache)"]
    print()
    for name, wall in others.items():
        print(f"{name} / styrdok kall: {wall / cold:.1f}x")
    print(
        f"Mål: styrdok snabbare än de andra: {'ja' if faster else 'NEJ'}; "
        f"varm körning under {TARGET_WARM:g} s utan anrop: "
        f"{'ja' if warm.wall < TARGET_WARM and warm.requests == 0 else 'NEJ'}."
    )
    return 0 if all(t.ok for t in best.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
