"""Hostile corpora (issue 11): every address through one URL policy, builds that cannot
destroy the corpus or a published handbook, file names that cannot forge CI log lines.
Each test asserts the Swedish message, the exit status, no traceback, and that nothing was
written or lost."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from conftest import TODAY, edit, run, write_files

from governance.check import check_corpus
from governance.render.handbook.output import MARKER

R = "routines/rutin-a.yaml"
DAY = str(TODAY)

EXTERN = """\
# yaml-language-server: $schema=../schema/document.schema.json
id: extern-x
title: Externt dokument
kind: extern
status: in-force
url: "  JaVaScRiPt:window.__pwned='url'"
attachments:
  - title: Bilaga
    url: "\\tjavascript:window.__pwned='bilaga'"
supporting_documents:
  - title: Stöd
    url: "data:text/html,<script>window.__pwned='data'</script>"
sources:
  - title: Källa
    url: "vbscript:msgbox(1)"
summary: |
  [entitet](&#106;avascript:alert(1)) och [ref][r] och
  [tab](java&#x09;script:alert(2)) och [proto](//annan.example/x).

  ![karta](https://annan.example/karta.png)

  [r]: &#x6A;AVASCRIPT:alert(3)
"""

EXPECTED = [
    ("url", "url-unsafe", "Adressen 'JaVaScRiPt:window.__pwned='url'' blir ingen länk"),
    ("attachments[0].url", "url-unsafe", "'javascript:' är inte tillåtet"),
    ("supporting_documents[0].url", "url-unsafe", "'data:' är inte tillåtet"),
    ("sources[0].url", "url-unsafe", "'vbscript:' är inte tillåtet"),
    ("summary", "url-unsafe", "Länken till 'javascript:alert(1)' blir ingen länk"),
    ("summary", "url-unsafe", "Länken till 'jAVASCRIPT:alert(3)'"),
    ("summary", "url-unsafe", "Länken till 'javascript:alert(2)'"),
    ("summary", "url-unsafe", "Länken till '//annan.example/x'"),
    ("summary", "image-remote", "Bilden 'https://annan.example/karta.png' visas inte"),
]


def tree(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` and a hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def build(corpus: Path, out: Path | str) -> object:
    return run("build", "--root", str(corpus), "--today", DAY, "--out", str(out), "--no-downloads")


def test_every_unsafe_address_is_a_check_error_naming_file_and_field(corpus: Path) -> None:
    write_files(corpus, {"routines/extern-x.yaml": EXTERN})
    found = [f for f in check_corpus(corpus, TODAY) if f.code in ("url-unsafe", "image-remote")]
    assert {f.path for f in found} == {"routines/extern-x.yaml"}
    got = [(f.field, f.code, f.message) for f in found]
    for field, code, message in EXPECTED:
        assert any(g[:2] == (field, code) and message in g[2] for g in got), (field, message)
    assert len(found) == len(EXPECTED)
    assert all(f.severity == "error" and f.line > 0 for f in found)


def test_build_stops_on_an_unsafe_address_and_writes_nothing(corpus: Path) -> None:
    write_files(corpus, {"routines/extern-x.yaml": EXTERN})
    out = corpus / "ut"
    result = build(corpus, out)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    output: str = result.output  # type: ignore[attr-defined]
    assert "routines/extern-x.yaml:" in output and "fel [url-unsafe] url:" in output
    assert "Gör så här: Skriv en adress som börjar med https://" in output
    assert "Handboken byggdes inte" in output and "Traceback" not in output
    assert not out.exists()


def test_safe_addresses_are_not_findings(corpus: Path) -> None:
    edit(
        corpus,
        R,
        "Kontakta hyresvärden.",
        "'Se [a](https://a.se), [b](mailto:a@b.se), [c](tel:+46313650000), [d](#syfte), "
        "[e](../annan/) och ![f](bild.png).'",
    )
    assert check_corpus(corpus, TODAY) == []


@pytest.mark.parametrize("name", ["routines", "routines/ut", "templates", "site", "schema", ".git"])
def test_build_refuses_an_out_inside_the_corpus_folders(corpus: Path, name: str) -> None:
    (corpus / ".git").mkdir()
    (corpus / ".git" / "HEAD").write_text("ref: refs/heads/main\n", "utf-8")
    write_files(corpus, {"site/docs/index.md": "# Start\n"})
    before = tree(corpus)
    result = build(corpus, corpus / name)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    output: str = result.output  # type: ignore[attr-defined]
    assert f"Fel: Handboken byggs inte till '{corpus / name}': mappen ligger i korpusens mapp" in (
        output
    )
    assert "Inget har skrivits" in output and "Traceback" not in output
    assert tree(corpus) == before


@pytest.mark.parametrize("out", [".", ".."])
def test_build_refuses_the_corpus_root_and_its_parents(corpus: Path, out: str) -> None:
    before = tree(corpus)
    result = build(corpus, corpus / out)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert "mappen är korpusens rotmapp eller en mapp som innehåller korpusen" in (
        result.output  # type: ignore[attr-defined]
    )
    assert tree(corpus) == before


def test_build_refuses_a_folder_it_did_not_write(corpus: Path) -> None:
    mine = corpus / "mitt"
    write_files(mine, {"viktigt.txt": "mitt arbete\n"})
    result = build(corpus, mine)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert f"markeringsfilen {MARKER} saknas" in result.output  # type: ignore[attr-defined]
    assert tree(mine) == {"viktigt.txt": hashlib.sha256(b"mitt arbete\n").hexdigest()}


def test_a_failing_build_leaves_the_earlier_handbook_byte_identical(corpus: Path) -> None:
    out = corpus / "ut"
    first = build(corpus, out)
    assert first.exit_code == 0, first.output  # type: ignore[attr-defined]
    assert (out / MARKER).is_file() and (out / "dokument" / "rutin-a" / "index.html").is_file()
    before = tree(out)
    # Clean corpus, but MkDocs cannot build: a theme that does not exist.
    write_files(
        corpus,
        {
            "site/mkdocs.yml": "docs_dir: docs\ntheme:\n  name: finns-inte\n",
            "site/docs/index.md": "# Start\n",
        },
    )
    failed = build(corpus, out)
    assert failed.exit_code == 1  # type: ignore[attr-defined]
    output: str = failed.output  # type: ignore[attr-defined]
    assert "Fel: MkDocs kunde inte bygga handboken" in output and "Traceback" not in output
    assert tree(out) == before
    assert [p.name for p in corpus.iterdir() if ".bygge-" in p.name] == []


def test_a_second_build_replaces_the_first(corpus: Path) -> None:
    out = corpus / "ut"
    assert build(corpus, out).exit_code == 0  # type: ignore[attr-defined]
    edit(corpus, R, "Risk upptäcks.", "Risk för avhysning upptäcks.")
    assert build(corpus, out).exit_code == 0  # type: ignore[attr-defined]
    page = (out / "dokument" / "rutin-a" / "index.html").read_text("utf-8")
    assert "Risk för avhysning upptäcks." in page
    assert sorted(p.name for p in corpus.iterdir() if p.name.startswith(".ut")) == []


def test_a_build_starts_from_the_handbook_it_replaced_and_copies_only_changes(
    corpus: Path,
) -> None:
    """publish keeps the handbook it replaced (in .styrdok/), and the next build fills it
    with what changed: an unchanged page keeps its file, a changed one is new, and what is
    gone from the site is gone from the handbook."""
    out = corpus / "ut"
    assert build(corpus, out).exit_code == 0  # type: ignore[attr-defined]
    index = (out / "index.html").stat().st_ino
    assert build(corpus, out).exit_code == 0  # type: ignore[attr-defined]
    assert (corpus / ".styrdok" / "forra-handbok" / "index.html").stat().st_ino == index
    edit(corpus, R, "Risk upptäcks.", "Risk för avhysning upptäcks.")
    write_files(corpus / ".styrdok" / "forra-handbok", {"dokument/borta/index.html": "x"})
    assert build(corpus, out).exit_code == 0  # type: ignore[attr-defined]
    assert (out / "index.html").stat().st_ino == index  # the first build's file, kept
    page = (out / "dokument" / "rutin-a" / "index.html").read_text("utf-8")
    assert "Risk för avhysning upptäcks." in page
    assert not (out / "dokument" / "borta").exists()
    site = corpus / ".styrdok" / "site"
    assert {k: v for k, v in tree(out).items() if k != MARKER} == tree(site)
    assert sorted(p.name for p in corpus.iterdir() if p.name.startswith(".ut")) == []


def test_the_word_export_links_only_allowed_addresses(corpus: Path, tmp_path: Path) -> None:
    edit(
        corpus,
        R,
        "Kontakta hyresvärden.",
        "'Se [x](&#106;avascript:alert(1)) och [y](https://a.se).'",
    )
    edit(
        corpus,
        R,
        "links: [riktlinje-b]",
        "links: [riktlinje-b]\nattachments:\n  - title: Bilaga\n    url: ' vbscript:msgbox(1)'",
    )
    with (corpus / "styrdok.yaml").open("a", encoding="utf-8") as config:
        config.write("severity:\n  url-unsafe: 'off'\n")
    target = tmp_path / "rutin.docx"
    result = run("export", "rutin-a", "--root", str(corpus), "--today", DAY, "-o", str(target))
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(target) as docx:
        rels = docx.read("word/_rels/document.xml.rels").decode("utf-8")
        body = docx.read("word/document.xml").decode("utf-8")
    assert "javascript" not in rels.lower() and 'Target="https://a.se"' in rels
    assert "vbscript" not in rels.lower()
    assert "javascript:alert(1)" in body  # the address is shown as text
    assert "Bilaga (vbscript:msgbox(1))" in body


def test_a_newline_in_a_file_name_cannot_forge_a_ci_log_line(corpus: Path) -> None:
    name = "routines/x\n::error file=styrdok.yaml,line=1::falskt fel\n.yaml"
    write_files(corpus, {name: "id: x\n"})
    for fmt in ("text", "markdown", "github"):
        result = run("check", "--root", str(corpus), "--today", DAY, "--format", fmt)
        assert result.exit_code == 1, fmt
        lines = result.output.splitlines()
        assert not any(line.startswith("::error file=styrdok.yaml") for line in lines), fmt
        assert "x\\n::error file=styrdok.yaml" in result.output.replace("%3A", ":").replace(
            "%2C", ","
        ), fmt


def test_a_mkdocs_error_names_the_corpus_file(corpus: Path) -> None:
    edit(corpus, R, "Kontakta hyresvärden.", "'Se [sidan](finns-inte.md).'")
    out = corpus / "ut"
    result = build(corpus, out)
    assert result.exit_code == 1  # type: ignore[attr-defined]
    output: str = result.output  # type: ignore[attr-defined]
    assert "Fel: MkDocs kunde inte bygga handboken" in output and "Traceback" not in output
    assert "'dokument/rutin-a.md' (från routines/rutin-a.yaml)" in output
    assert not out.exists()


def _layout_with_link(url: str) -> bytes:
    import io

    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    para = document.add_paragraph("Namn: {{ namn }} {{ beslut }} ")
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), para.part.relate_to(url, RT.HYPERLINK, is_external=True))
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "klicka"
    run.append(text)
    link.append(run)
    para._p.append(link)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_layout_link_goes_through_the_url_policy(corpus: Path) -> None:
    edit(corpus, "templates/mall-c.yaml", "fields:", "layout: mall-c.docx\nfields:")
    write_files(corpus, {"templates/mall-c.docx": _layout_with_link("javascript:alert(1)")})
    hits = [f for f in check_corpus(corpus, TODAY) if f.code == "url-unsafe"]
    assert [(h.path, h.field) for h in hits] == [("templates/mall-c.yaml", "layout")]
    assert hits[0].message == (
        "Word-layouten 'mall-c.docx' länkar till 'javascript:alert(1)' (länktexten 'klicka'): "
        "'javascript:' är inte tillåtet; bara http, https, mailto, tel och relativa länkar."
    )
    write_files(corpus, {"templates/mall-c.docx": _layout_with_link("https://a.se/")})
    assert check_corpus(corpus, TODAY) == []
