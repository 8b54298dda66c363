"""A template's own Word layout: filled in the sandbox, compared with the definition by
styrdok check, and the example layout kept reproducible."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest
from conftest import REPO, TODAY, edit, run, write_files
from helpers.word import (
    EXAMPLE_DATA,
    controls,
    example,
    fill_c,
    layout_docx,
    layout_findings,
    with_layout,
)

from governance.check import check_corpus

MALL = "templates/mall-c.yaml"


def test_sandbox_blocks_python_internals_in_a_layout(corpus: Path, tmp_path: Path) -> None:
    with_layout(corpus, "{{ namn }} {{ beslut }}", "{{ ''.__class__ }}")
    code, stderr, out = fill_c(corpus, tmp_path)
    assert code == 1
    assert stderr == (
        f"Fel: {corpus / 'templates/mall-c.docx'}: mallen försöker nå något som sandlådan "
        "inte tillåter (access to attribute '__class__' of 'str' object is unsafe.). "
        "Ta bort uttrycket ur layouten.\n"
    )
    assert not out.exists()
    (hit,) = layout_findings(corpus)
    assert (hit.code, hit.line, hit.field) == ("layout-syntax", 6, "layout")
    assert hit.message == (
        "Layouten 'mall-c.docx' använder '.__class__', som sandlådan inte tillåter."
    )


def test_layout_cannot_write_raw_xml_from_data(corpus: Path, tmp_path: Path) -> None:
    with_layout(corpus, "{{ namn|safe }} {{ beslut }}")
    code, stderr, _ = fill_c(corpus, tmp_path, "<w:br/>")
    assert code == 1 and "No filter named 'safe'" in stderr
    (hit,) = layout_findings(corpus)
    assert hit.code == "layout-syntax"


def test_layout_is_filled_and_data_stays_text(corpus: Path, tmp_path: Path) -> None:
    with_layout(corpus, "Namn: {{ namn }}", "{% if beslut == 'Bifall' %}Bifall!{% endif %}")
    code, stderr, out = fill_c(corpus, tmp_path, "{{ 7*7 }} & <x>")
    assert (code, stderr) == (0, "")
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts == ["Namn: {{ 7*7 }} & <x>", "Bifall!"]
    props = docx.Document(str(out)).core_properties
    assert (props.identifier, props.version) == ("mall-c", "1.0")


def test_check_compares_layout_and_definition(corpus: Path) -> None:
    with_layout(corpus, "{{ namm }}", "{% for r in rader %}{{ r.x }}{% endfor %}")
    found = [(f.code, f.field, f.message) for f in layout_findings(corpus)]
    assert found == [
        (
            "layout-field-unknown",
            "layout",
            "Layouten 'mall-c.docx' använder 'namm', som inte är ett fält i mallen. "
            "Menade du 'namn'?",
        ),
        (
            "layout-field-unknown",
            "layout",
            "Layouten 'mall-c.docx' använder 'rader', som inte är ett fält i mallen.",
        ),
        (
            "layout-field-unused",
            "fields[0]",
            "Fältet 'namn' (Namn) finns inte i layouten 'mall-c.docx'.",
        ),
        (
            "layout-field-unused",
            "fields[1]",
            "Fältet 'beslut' (Beslut) finns inte i layouten 'mall-c.docx'.",
        ),
    ]


def test_check_compares_table_columns(corpus: Path) -> None:
    edit(
        corpus,
        MALL,
        "    choices: [Bifall, Avslag]\n",
        "    choices: [Bifall, Avslag]\n  - key: rader\n    label: Rader\n    type: table\n"
        "    columns:\n      - {key: roll, label: Roll}\n      - {key: tid, label: Tid}\n",
    )
    with_layout(corpus, "{{ namn }}{{ beslut }}", "{% for r in rader %}{{ r.rol }}{% endfor %}")
    found = [(f.code, f.field, f.message) for f in layout_findings(corpus)]
    assert found == [
        (
            "layout-field-unknown",
            "layout",
            "Layouten 'mall-c.docx' använder kolumnen 'rol' i tabellen 'rader', som tabellen "
            "inte har. Menade du 'roll'?",
        ),
        (
            "layout-field-unused",
            "fields[2].columns[0]",
            "Kolumnen 'roll' (Roll) i tabellen 'rader' finns inte i layouten 'mall-c.docx'.",
        ),
        (
            "layout-field-unused",
            "fields[2].columns[1]",
            "Kolumnen 'tid' (Tid) i tabellen 'rader' finns inte i layouten 'mall-c.docx'.",
        ),
    ]


@pytest.mark.parametrize(
    ("layout", "content", "message"),
    [
        ("saknas.docx", None, "Layouten 'saknas.docx' finns inte."),
        ("../../utanfor.docx", None, "Layouten '../../utanfor.docx' ligger utanför korpusen."),
        (
            "trasig.docx",
            b"PK inte en zip",
            "Layouten 'trasig.docx': layouten är inget Word-dokument (.docx).",
        ),
        ("syntax.docx", layout_docx("{{ namn }", "{{ beslut }}"), None),
    ],
)
def test_layout_file_problems(
    corpus: Path, layout: str, content: bytes | None, message: str | None
) -> None:
    if content is not None:
        write_files(corpus, {f"templates/{layout}": content})
    edit(corpus, MALL, "fields:", f"layout: {layout}\nfields:")
    (hit,) = layout_findings(corpus)
    assert (hit.path, hit.field) == (MALL, "layout")
    if message is None:
        assert hit.code == "layout-syntax"
        assert hit.message.startswith("Layouten 'syntax.docx' är ingen giltig mall: ")
    else:
        assert hit.message == message


def test_fill_refuses_a_missing_layout_and_no_layout_uses_the_form(
    corpus: Path, tmp_path: Path
) -> None:
    edit(corpus, MALL, "fields:", "layout: saknas.docx\nfields:")
    code, stderr, out = fill_c(corpus, tmp_path)
    assert code == 1
    assert stderr == (
        f"Fel: {MALL}: layouten 'saknas.docx' finns inte i korpusen. Rätta fältet layout, "
        "eller fyll i formuläret med --no-layout.\n"
    )
    data = tmp_path / "d.yaml"
    result = run(
        "fill", "mall-c", "--root", str(corpus), "--data", str(data), "-o", str(out), "--no-layout"
    )
    assert result.exit_code == 0
    assert [tag for tag, _ in controls(out)] == ["namn", "beslut"]


def test_example_layout_fills_and_extracts(tmp_path: Path) -> None:
    data = tmp_path / "u.yaml"
    data.write_text(EXAMPLE_DATA, "utf-8")
    out = tmp_path / "u.docx"
    tid = "uppdragsbeskrivning-bostad-forst"
    result = run("fill", tid, "--root", str(REPO), "--data", str(data), "-o", str(out))
    assert result.exit_code == 0, result.output
    doc = docx.Document(str(out))
    assert doc.paragraphs[0].text == "Uppdrag: stödinsats Bostad först"  # the layout, not the form
    extracted = run("extract", str(out), "--root", str(REPO))
    again = tmp_path / "igen.yaml"
    again.write_text(extracted.stdout, "utf-8")
    from governance.render.forms.data import read_data

    template = example().templates[tid]
    original = read_data(data, template).records[0].data
    assert read_data(again, template).records[0].data == {
        **original,
        "beslutsdatum": "2024-02-01",
    }


def test_example_corpus_layout_checks_clean_and_is_reproducible() -> None:
    assert [f for f in check_corpus(REPO, TODAY) if f.code.startswith("layout-")] == []
    done = subprocess.run(
        [sys.executable, "scripts/make_layout.py", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout
