"""The search index as static files: Pagefind's chunked index of the search records.

The bundle goes into the generated project's docs/ (``pagefind/``), so MkDocs — or any
tool that reads mkdocs.yml and copies docs/ — publishes it as it is: the site searches
under MkDocs Material, Zensical or plain MkDocs, from any static server and under any
subpath, and a query loads only the chunks it needs. Pagefind's own UI files are left
out; the search box is site/docs/assets/styrdok-sok.js.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import subprocess
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from governance.errors import StyrdokError

BUNDLE_DIR = "pagefind"
# What the browser needs: the API, its worker and wasm, the entry, meta, index, fragment
# and filter chunks.
_UNUSED = ("pagefind-ui", "pagefind-modular-ui", "pagefind-component-ui", "pagefind-highlight")


def cached_bundle(pages: dict[str, str], cache: Path) -> dict[str, bytes]:
    """The bundle, from ``cache`` (a folder of styrdok's) when the pages are the ones it
    was made from: a change that leaves every document's text, title, filters and metadata
    as they were (a date, a link) does not run Pagefind again."""
    try:
        tool = version("pagefind")
    except PackageNotFoundError:
        tool = "?"
    text = json.dumps([tool, sorted(pages.items())])
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    stamp = cache / "key"
    if stamp.is_file() and stamp.read_text("utf-8") == key:
        found = {
            p.relative_to(cache / "files").as_posix(): p.read_bytes()
            for p in sorted((cache / "files").rglob("*"))
            if p.is_file()
        }
        if found:
            return found
    made = bundle(pages)
    if cache.exists():
        shutil.rmtree(cache)
    for name, data in made.items():
        path = cache / "files" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    stamp.write_text(key, "utf-8")
    return made


def bundle(pages: dict[str, str]) -> dict[str, bytes]:
    """Index the record pages (URL → HTML); return the bundle, path under docs/ → bytes.

    The pages are written to a temporary folder and indexed by Pagefind's command-line
    binary (from the pagefind_bin package): its Python service answers one page per tenth
    of a second, which is 200 s for 2,000 documents."""
    binary = _binary()
    with tempfile.TemporaryDirectory(prefix="styrdok-sok-") as tmp:
        source, out = Path(tmp) / "sidor", Path(tmp) / BUNDLE_DIR
        for url, content in pages.items():
            path = source / url.strip("/") / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, "utf-8")
        command = [str(binary), "--site", str(source), "--output-path", str(out)]
        command += ["--force-language", "sv", "--silent"]
        done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip()[-500:]
            raise StyrdokError(f"Sökindexet kunde inte byggas (Pagefind): {detail}")
        files = {
            path.relative_to(out).as_posix(): path.read_bytes()
            for path in sorted(out.rglob("*"))
            if path.is_file() and not path.name.startswith(_UNUSED)
        }
    return {f"{BUNDLE_DIR}/{name}": data for name, data in _reproducible(files).items()}


def _reproducible(files: dict[str, bytes]) -> dict[str, bytes]:
    """The same records give the same bytes. Pagefind writes each filter's values in hash
    map order, which changes from run to run, and names the chunk and the meta file after
    their content; here the values are sorted, and the filter chunks, the meta file and
    its entry in pagefind-entry.json renamed after the sorted content."""
    entry = json.loads(files["pagefind-entry.json"])
    renamed: dict[str, str] = {}
    for name in [n for n in files if n.startswith("filter/")]:
        key, values = _decode(files.pop(name))
        data = _encode([key, sorted(values, key=lambda v: v[0])])
        prefix, old = name[len("filter/") :].split("_", 1)
        new = f"{prefix}_{hashlib.sha256(data).hexdigest()[:7]}"
        renamed[f"{prefix}_{old.removesuffix('.pf_filter')}"] = new
        files[f"filter/{new}.pf_filter"] = data
    for language in entry["languages"].values():
        old_meta = f"pagefind.{language['hash']}.pf_meta"
        meta = _decode(files.pop(old_meta))
        meta[3] = sorted([name, renamed.get(h, h)] for name, h in meta[3])
        data = _encode(meta)
        language["hash"] = f"{language['wasm']}_{hashlib.sha256(data).hexdigest()[:10]}"
        files[f"pagefind.{language['hash']}.pf_meta"] = data
    files["pagefind-entry.json"] = json.dumps(entry, separators=(",", ":")).encode()
    return dict(sorted(files.items()))


_SIGNATURE = b"pagefind_dcd"


def _decode(data: bytes) -> Any:
    import cbor2

    raw = gzip.decompress(data)
    if not raw.startswith(_SIGNATURE):
        raise StyrdokError("Sökindexet har ett okänt format (ny version av Pagefind?).")
    return cbor2.loads(raw[len(_SIGNATURE) :])


def _encode(value: Any) -> bytes:
    import cbor2

    return gzip.compress(_SIGNATURE + cbor2.dumps(value), mtime=0)


def _binary() -> Path:
    try:
        from pagefind.service import get_executable

        found = get_executable()
    except ImportError:
        found = None
    if found is None:
        raise StyrdokError(
            "Sökindexet kräver Pagefind. Installera det med "
            "'pip install \"pagefind[bin]\"' (ingår i styrdoks beroenden)."
        )
    return Path(found)
