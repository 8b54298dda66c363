"""Personal identity numbers are found however they are written; registration numbers,
dates, phones and timestamps are not."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from conftest import TODAY, edit, run, write_files

from governance.check import check_corpus
from governance.textscan import find_personnummer, luhn_ok

R = "routines/rutin-a.yaml"


def numbers_in(text: str) -> list[str]:
    return [text[start:end] for start, end in find_personnummer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Brukaren har 121212-1212.",
        "pnr 19121212-1212",
        "201212121212 i löptext",  # twelve digits without separator (2012-12-12)
        "811218-9876",
        "811218+9876",  # over a hundred years old
        "samordningsnummer 701063-2391",  # day 63 = 3 + 60
        "'121212-1212'",
        # The spellings the hostile testing found published:
        "Gäller 800101 0019.",  # a space
        "Gäller 800101–0019.",  # en dash
        "Gäller 800101\u20110019.",  # non-breaking hyphen
        "Gäller 800101\u200b0019.",  # zero-width space as the separator
        "Gäller 8001\u200b01-0019.",  # zero-width space inside
        "Gäller 800101\u00a00019.",  # no-break space
        "Gäller 800101\u00ad-0019.",  # soft hyphen
        "Gäller 800101&#45;0019.",  # HTML entity
        "Gäller 800101&ndash;0019.",  # named entity
        "Gäller &#56;&#48;0101-0019.",  # digits as entities
        '"Gäller 800101\\u20110019."',  # YAML escape
        '"Gäller 800101\\x2D0019."',
        '"Gäller 800101\\_0019."',  # YAML's no-break space
        "Se beslut_800101-0019.pdf",  # next to _
        "mapp/800101-0019/beslut",  # next to /
        "ärende-800101-0019",  # next to -
        "Barnet 0501012389 i texten",  # ten digits, born 2005
        "Gäller ８００１０１-００１９.",  # full-width digits
    ],
)
def test_found(text: str) -> None:
    assert len(numbers_in(text)) == 1, text


@pytest.mark.parametrize(
    "text",
    [
        "Dnr SO 2017/0164",
        "Dnr SO 2016/0093 och KS 0123/15",
        "beslut 2022-02-15, gäller fr.o.m. 2022-02-15",
        "031-365 00 00",
        "telefon 0701234567",  # bare ten digits after a phone word: a phone number
        "mobil 0701234567",
        "växel 08-508 09 000",
        "121212-1213",  # wrong check digit
        "991332-1234",  # month 13
        "20221123153000",  # a timestamp, fourteen digits
        "ärende 2022/121212-1212-3",
        "logg_20221123-1530.txt",  # a timestamp ÅÅÅÅMMDD-TTMM
    ],
)
def test_not_found(text: str) -> None:
    assert numbers_in(text) == []


def test_a_hundred_timestamps_are_not_personnummer() -> None:
    """The hostile testing found 12 of 100 such timestamps flagged."""
    pick = random.Random(11)
    start = datetime(2000, 1, 1)
    stamps = [
        f"export-{start + timedelta(minutes=pick.randrange(27 * 365 * 24 * 60)):%Y%m%d-%H%M}.csv"
        for _ in range(100)
    ]
    assert [s for s in stamps if numbers_in(s)] == []


def test_the_offset_points_into_the_file_as_written() -> None:
    text = "rad ett\nText &#8209; 800101&#8209;0019 här"
    ((start, end),) = find_personnummer(text)
    assert text[start:end] == "800101&#8209;0019"


def test_luhn() -> None:
    assert luhn_ok("1212121212")
    assert not luhn_ok("1212121213")


def test_hidden_personnummer_stops_check_and_build(corpus: Path) -> None:
    edit(corpus, R, "Risk upptäcks.", '"Gäller 800101\\u20110019."')
    hits = [f for f in check_corpus(corpus, TODAY) if f.code == "personnummer"]
    assert [(h.path, h.line, h.severity) for h in hits] == [(R, 32, "error")]
    out = corpus / "ut"
    result = run("build", "--root", str(corpus), "--today", str(TODAY), "--out", str(out))
    assert result.exit_code == 1
    assert "[personnummer]" in result.output and "Traceback" not in result.output
    assert not out.exists()


def test_site_pages_are_scanned(corpus: Path) -> None:
    write_files(
        corpus,
        {
            "site/mkdocs.yml": "docs_dir: docs\n",
            "site/docs/kontakt.md": "# Kontakt\n\nFråga om beslut_800101&#8209;0019.pdf.\n",
            "site/docs/ok.md": "# Ok\n\nLogg 20221123-1530, telefon 0701234567.\n",
        },
    )
    hits = [f for f in check_corpus(corpus, TODAY) if f.code == "personnummer"]
    assert [(h.path, h.line, h.column) for h in hits] == [("site/docs/kontakt.md", 3, 17)]
    assert "Sidan innehåller ett personnummer" in hits[0].message
    result = run("check", "--root", str(corpus), "--today", str(TODAY))
    assert (
        result.exit_code == 1 and "site/docs/kontakt.md:3:17: fel [personnummer]" in result.output
    )


def test_word_layouts_are_scanned(corpus: Path) -> None:
    from helpers.word import layout_docx

    edit(corpus, "templates/mall-c.yaml", "fields:", "layout: mall-c.docx\nfields:")
    layout = layout_docx("Namn: {{ namn }}", "Beslut: {{ beslut }}", "Exempel: 800101\u20110019")
    write_files(corpus, {"templates/mall-c.docx": layout})
    hits = [f for f in check_corpus(corpus, TODAY) if f.code == "personnummer"]
    assert [(h.path, h.field) for h in hits] == [("templates/mall-c.yaml", "layout")]
    assert "Word-layouten 'mall-c.docx' innehåller ett personnummer" in hits[0].message
    write_files(corpus, {"templates/mall-c.docx": layout_docx("Namn: {{ namn }}", "{{ beslut }}")})
    assert [f for f in check_corpus(corpus, TODAY) if f.code == "personnummer"] == []
