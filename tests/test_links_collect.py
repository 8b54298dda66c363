"""Finding the addresses: Markdown and fields, Word layouts (read safely), the corpus' own
site pages, internal links against the handbook's anchors, and the form of mail and
phone links. No network."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import edit, write_files
from helpers.word import make_docx

from governance.links import docx
from governance.links.collect import collect, position
from governance.links.run import check_links
from governance.links.scan import find_links
from governance.links.urls import form_problem, glob, kind_of, web_problem
from governance.load import load_corpus

R = "routines/rutin-a.yaml"
T = "templates/mall-c.yaml"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Se [sidan](https://a.se/x).", [("https://a.se/x", True)]),
        ('Se [sidan](https://a.se/x "Titel").', [("https://a.se/x", True)]),
        ("Se [sidan](<https://a.se/x y>).", [("https://a.se/x y", True)]),
        ("[Kod [1]](https://a.se/k)", [("https://a.se/k", True)]),
        (
            "[W](https://sv.wikipedia.org/wiki/Bo_(stad)).",
            [("https://sv.wikipedia.org/wiki/Bo_(stad)", True)],
        ),
        ("![bild](bild.png)", [("bild.png", True)]),
        ("[a]: https://a.se/ref", [("https://a.se/ref", True)]),
        (
            "<https://a.se/auto> och <mailto:a@b.se>",
            [("https://a.se/auto", True), ("mailto:a@b.se", True)],
        ),
        ('<a href="https://a.se/h">x</a>', [("https://a.se/h", True)]),
        (
            "Läs https://a.se/bar. Eller (https://a.se/i).",
            [("https://a.se/bar", False), ("https://a.se/i", False)],
        ),
        ("Länk: https://a.se/q?x=1&y=2, sedan", [("https://a.se/q?x=1&y=2", False)]),
        ("Kod `https://a.se/kod` och\n```\nhttps://a.se/block\n```\n", []),
        ("[här](rutin-b.md#syfte) och [där](#mal)", [("rutin-b.md#syfte", True), ("#mal", True)]),
        ("Ingen länk alls.", []),
    ],
)
def test_addresses_in_markdown(text: str, found: list[tuple[str, bool]]) -> None:
    assert [(f.url, f.markup) for f in find_links(text)] == found


def test_offsets_point_at_the_address() -> None:
    text = "Se [a](https://a.se/1) och https://a.se/2"
    assert [text[f.offset :].startswith(f.url) for f in find_links(text)] == [True, True]


@pytest.mark.parametrize(
    ("url", "kind", "problem"),
    [
        ("https://www.socialstyrelsen.se/", "web", None),
        ("http://192.168.1.10:8080/x", "web", None),
        ("https://göteborg.se/", "web", None),
        (
            "www.socialstyrelsen.se",
            "internal",
            "adressen ska börja med https:// (eller http://); skriv hela adressen",
        ),
        ("https:///saknar-server", "web", "servernamn saknas efter //"),
        (
            "https://a.se/med mellanslag",
            "web",
            "adressen innehåller mellanslag; skriv %20 eller ta bort dem",
        ),
        ("https://a_b!.se/", "web", "'a_b!.se' är inget giltigt servernamn"),
        ("https://a.se:99999/", "web", "adressen kan inte tolkas (Port out of range 0-65535)"),
        ("mailto:kalle@goteborg.se", "mail", None),
        ("mailto:kalle@goteborg.se,anna@goteborg.se?subject=Hej", "mail", None),
        ("mailto:kalle", "mail", "'kalle' är ingen e-postadress (namn@exempel.se)"),
        ("mailto:", "mail", "e-postadressen saknas"),
        ("tel:+46313650000", "tel", None),
        ("tel:031-365%2000%2000", "tel", None),
        ("tel:växeln", "tel", "'växeln' är inget telefonnummer (+46313650000 eller 031-365 00 00)"),
        ("ftp://a.se/fil", "other", None),
        ("javascript:alert(1)", "other", None),
    ],
)
def test_form_of_addresses(url: str, kind: str, problem: str | None) -> None:
    assert kind_of(url) == kind
    # In a url field an address without a scheme is taken for a web address (web_problem).
    assert (web_problem(url) if kind == "internal" else form_problem(url)) == problem


def test_exclude_patterns() -> None:
    pattern = glob("https://intranat.goteborg.se/*")
    assert pattern.match("https://intranat.goteborg.se/a/b?c=d")
    assert not pattern.match("https://www.goteborg.se/")
    assert glob("https://a.se/x?y").match("https://a.se/x?y")  # ? is a character, not a wildcard
    assert not glob("https://a.se/x?y").match("https://a.se/xzy")


def test_fields_and_text_of_documents_and_templates(corpus: Path) -> None:
    edit(
        corpus,
        R,
        "themes: [boende]\n",
        "themes: [boende]\nurl: https://a.se/egen\nattachments:\n"
        "  - title: Blankett\n    url: www.a.se/blankett.pdf\n"
        "sources:\n  - title: Källa\n    url: https://a.se/kalla\n",
    )
    edit(corpus, R, "Kontakta hyresvärden.", "Kontakta [hyresvärden](https://a.se/hyresvard).")
    edit(corpus, T, "    label: Namn\n", "    label: Namn\n    help: Se https://a.se/hjalp\n")
    links = collect(load_corpus(corpus)).links
    got = [(x.url, x.kind, x.place.path, x.place.field, x.place.doc_id) for x in links]
    assert got == [
        ("https://a.se/egen", "web", R, "url", "rutin-a"),
        ("www.a.se/blankett.pdf", "web", R, "attachments[0].url", "rutin-a"),
        ("https://a.se/hyresvard", "web", R, "processes[0].steps[0].substeps[0].text", "rutin-a"),
        ("https://a.se/kalla", "web", R, "sources[0].url", "rutin-a"),
        ("https://a.se/hjalp", "web", T, "fields[0].help", "mall-c"),
    ]
    corpus_entries = {e.path: e for e in load_corpus(corpus).entries}
    positions = [position(x, corpus_entries) for x in links]
    texts = {R: (corpus / R).read_text("utf-8"), T: (corpus / T).read_text("utf-8")}
    for link, (line, column) in zip(links, positions, strict=True):
        assert texts[link.place.path].splitlines()[line - 1][column - 1 :].startswith(link.url)


def test_the_same_address_twice_in_one_text_gets_two_places(corpus: Path) -> None:
    edit(corpus, R, "Kontakta hyresvärden.", "https://a.se/x eller [den](https://a.se/x)")
    links = collect(load_corpus(corpus)).links
    entries = {e.path: e for e in load_corpus(corpus).entries}
    first, second = (position(x, entries) for x in links)
    assert first[0] == second[0] and second[1] > first[1]


def test_site_pages_of_the_corpus(corpus: Path) -> None:
    write_files(
        corpus,
        {"site/docs/om.md": "# Om\n\nKontakt: <mailto:stab@kommun.se>\n\nSe https://digg.se/.\n"},
    )
    links = collect(load_corpus(corpus)).links
    assert [(x.url, x.place.path, x.place.line, x.place.column) for x in links] == [
        ("mailto:stab@kommun.se", "site/docs/om.md", 3, 11),
        ("https://digg.se/", "site/docs/om.md", 5, 4),
    ]


def test_hyperlinks_in_a_word_layout(corpus: Path) -> None:
    make_docx(
        corpus / "templates" / "mall-c.docx",
        [
            ("https://a.se/word", "Socialstyrelsen"),
            ("bilaga.docx", "bilagan"),
            ("mailto:stab@kommun.se", "mejla"),
        ],
    )
    edit(corpus, T, "version: ", "layout: mall-c.docx\nversion: ")
    links = collect(load_corpus(corpus)).links
    assert [(x.url, x.place.path, x.place.doc_id, x.place.context) for x in links] == [
        (
            "https://a.se/word",
            "templates/mall-c.docx",
            "mall-c",
            "i Word-layouten, länktexten 'Socialstyrelsen'",
        ),
        (
            "mailto:stab@kommun.se",
            "templates/mall-c.docx",
            "mall-c",
            "i Word-layouten, länktexten 'mejla'",
        ),
    ]


def _zip(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


# The two parts every .docx has (governance.safezip refuses a zip without them).
MINIMAL = {"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<document/>"}

RELS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" TargetMode="External" Target="https://a.se/&secret;" '
    b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"/>'
    b"</Relationships>"
)


def test_entities_in_a_layout_are_not_resolved(tmp_path: Path) -> None:
    path = tmp_path / "xxe.docx"
    _zip(path, {**MINIMAL, "word/_rels/document.xml.rels": RELS})
    found = docx.hyperlinks(path)
    assert found.links == []
    assert found.problem == (
        "Word-layouten kan inte läsas: (word/_rels/document.xml.rels): "
        "XML med DOCTYPE eller entiteter läses inte"
    )
    assert "root:" not in found.problem


def test_an_oversized_part_is_refused_not_inflated(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    _zip(path, {**MINIMAL, "word/_rels/document.xml.rels": b" " * 20_000_001})
    assert path.stat().st_size < 100_000
    found = docx.hyperlinks(path)
    assert found.problem.startswith(
        "Word-layouten läses inte: delen word/_rels/document.xml.rels packas upp "
    )
    assert found.problem.endswith(" gånger (högst 100); den ser ut som en zip-bomb")


def test_an_unreadable_layout_is_reported_and_its_links_unchecked(corpus: Path) -> None:
    (corpus / "templates" / "mall-c.docx").write_bytes(b"inte en zip")
    edit(corpus, T, "version: ", "layout: mall-c.docx\nversion: ")
    report = check_links(load_corpus(corpus))
    assert [(f.code, f.path, f.doc_id, f.message) for f in report.findings] == [
        (
            "link-unchecked",
            "templates/mall-c.docx",
            "mall-c",
            "Länkarna i filen kontrollerades inte: Word-layouten är inget Word-dokument (.docx).",
        )
    ]


INTERNAL = (
    "Se [syftet](#syfte), [riktlinjen](riktlinje-b.md), [mallen](../mallar/mall-c.md), "
    "[fel avsnitt](#syftet), [fel sida](riktlinje-x.md#a), [katalog](../riktlinje-b/) "
    "och [absolut](/dokument/riktlinje-b.md)."
)


def test_internal_links_are_checked_against_the_handbook_anchors(corpus: Path) -> None:
    edit(corpus, R, "Kontakta hyresvärden.", INTERNAL)
    report = check_links(load_corpus(corpus))
    assert [(f.code, f.field, f.message) for f in report.findings] == [
        (
            "link-internal-broken",
            "processes[0].steps[0].substeps[0].text",
            "Länken '#syftet' går inte att följa: avsnittet '#syftet' finns inte på sidan "
            "dokument/rutin-a.md. Menade du 'syfte'?",
        ),
        (
            "link-internal-broken",
            "processes[0].steps[0].substeps[0].text",
            "Länken 'riktlinje-x.md#a' går inte att följa: sidan eller filen 'riktlinje-x.md' "
            "finns inte i handboken.",
        ),
        (
            "link-internal-broken",
            "processes[0].steps[0].substeps[0].text",
            "Länken '/dokument/riktlinje-b.md' går inte att följa: '/dokument/riktlinje-b.md' "
            "börjar med /; skriv länken relativt sidan, t.ex. annat-id.md#avsnitt.",
        ),
    ]
    assert report.addresses == 0 and report.requested == 0


def test_mail_and_phone_links_are_checked_for_form_only(corpus: Path) -> None:
    edit(
        corpus,
        R,
        "Kontakta hyresvärden.",
        "Ring [växeln](tel:+46313650000) eller [mejla](mailto:kalle@goteborg.se).",
    )
    report = check_links(load_corpus(corpus))
    assert report.findings == [] and report.addresses == 0
