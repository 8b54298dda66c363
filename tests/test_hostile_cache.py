"""A damaged or hostile link cache (.styrdok/links.json): deep nesting, invalid UTF-8,
Infinity/NaN, numbers too large, wrong types. ``links`` sets it aside as links.json.bak
with a warning and checks everything again; ``build`` ignores it; neither gives a
traceback. A result dated in the future is not trusted."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TODAY, run
from helpers.links import LinkServer, add_links, start_server

from governance.jsonfile import CorruptJson, parse_json
from governance.links.cache import CACHE_FILE, links_checked_dates, load_cache
from governance.links.run import Options, check_links
from governance.load import load_corpus


def entry(**fields: object) -> bytes:
    item = {"outcome": "ok", "status": 200, "checked_at": "2026-11-20T10:00:00+00:00", **fields}
    data = {"version": 1, "urls": {"https://example.org/": item}, "documents": {}}
    return json.dumps(data).encode()


HOSTILE: dict[str, tuple[bytes, str]] = {
    "deep nesting": (b"[" * 200_000 + b"]" * 200_000, "för djupt nästlad"),
    "invalid UTF-8": (b'{"version": 1, "urls": {"\xff\xfe": {}}}', "inte UTF-8 (byte 25)"),
    "status Infinity": (entry().replace(b"200", b"Infinity"), "värdet Infinity är inte tillåtet"),
    "status NaN": (entry().replace(b"200", b"NaN"), "värdet NaN är inte tillåtet i JSON"),
    "status 1e400": (entry().replace(b"200", b"1e400"), "talet 1e400 är för stort"),
    "a number of 5000 digits": (entry().replace(b"200", b"9" * 5000), "ogiltigt värde"),
    "status as text": (
        entry(status="200"),
        "resultatet för https://example.org/ är ogiltigt",
    ),
    "checked_at as a number": (
        entry(checked_at=1e12),
        "resultatet för https://example.org/ är ogiltigt",
    ),
    "checked_at past the calendar": (
        entry(checked_at="9999-12-31T23:59:59-23:59"),
        "resultatet för https://example.org/ är ogiltigt",
    ),
    "urls as a list": (b'{"version": 1, "urls": []}', "urls saknas"),
    "a list": (b"[1, 2]", "okänd version"),
}


@pytest.fixture(scope="module")
def server() -> Iterator[LinkServer]:
    yield from start_server()


def _write(root: Path, raw: bytes) -> Path:
    path = root / CACHE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    return path


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_links_sets_a_hostile_cache_aside(corpus: Path, name: str) -> None:
    raw, reason = HOSTILE[name]
    path = _write(corpus, raw)
    result = run("links", "--root", str(corpus))
    assert result.exit_code == 0
    assert "Traceback" not in result.output
    warning = result.stderr.splitlines()[0]
    assert warning.startswith(f"Varning: {path} var trasig ({reason}")
    assert warning.endswith(") och flyttades till links.json.bak; alla länkar kontrolleras.")
    assert (path.parent / "links.json.bak").read_bytes() == raw  # nothing lost
    assert json.loads(path.read_text("utf-8"))["version"] == 1  # a fresh cache


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_handbook_dates_ignore_a_hostile_cache(corpus: Path, name: str) -> None:
    raw, _ = HOSTILE[name]
    path = _write(corpus, raw)
    assert links_checked_dates(corpus) == {}
    assert path.read_bytes() == raw  # reading for the handbook never moves it


def test_build_with_a_hostile_cache(corpus: Path, tmp_path: Path) -> None:
    _write(corpus, HOSTILE["deep nesting"][0])
    out = tmp_path / "ut"
    result = run("build", "--root", str(corpus), "--out", str(out), "--no-downloads")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert (out / "index.html").is_file()


def test_a_result_dated_in_the_future_is_not_trusted(corpus: Path, server: LinkServer) -> None:
    add_links(corpus, server)
    url = server.url("/ok")
    data = {
        "version": 1,
        "urls": {url: {"outcome": "ok", "status": 200, "checked_at": "9999-12-31T00:00:00+00:00"}},
        "documents": {},
    }
    _write(corpus, json.dumps(data).encode())
    assert url not in load_cache(corpus).urls
    before = server.total()
    check_links(load_corpus(corpus), Options(today=TODAY))
    assert server.total() > before  # checked again, not taken from the cache
    saved = json.loads((corpus / CACHE_FILE).read_text("utf-8"))
    assert not saved["urls"][url]["checked_at"].startswith("9999")


def test_parse_json_refuses_what_python_would_accept() -> None:
    assert parse_json(b'{"a": [1, 2.5]}') == {"a": [1, 2.5]}
    for raw in (b"-Infinity", b"[NaN]", b"1e999"):
        with pytest.raises(CorruptJson):
            parse_json(raw)
