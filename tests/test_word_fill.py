"""styrdok fill and extract without LibreOffice: data in, document out, the same data back,
and every kind of bad input refused with the record and field named."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import run, write_files
from helpers.word import SPECIAL, controls, load, word_corpus
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from governance.render.forms.extract import extract
from governance.render.forms.fill import fill


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return word_corpus(tmp_path / "korpus")


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> Path:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(out.getvalue(), "utf-8")
    return path


def values_of(root: Path, form: Path) -> dict[str, Any]:
    return extract(form, load(root)).values


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_fill_then_extract_gives_back_exactly_the_data(root: Path, tmp_path: Path) -> None:
    data = write_json(tmp_path / "data.json", SPECIAL)
    out = tmp_path / "ut" / "ifylld.docx"
    result = run("fill", "mall-alla", "--root", str(root), "--data", str(data), "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, f"Skrev 1 av 1 dokument till {out}.\n")
    assert values_of(root, out) == SPECIAL
    assert files_in(out.parent) == ["ifylld.docx"]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_extract_output_fills_the_same_document_again(root: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / "ifylld.docx"
    run(
        "fill",
        "mall-alla",
        "--root",
        str(root),
        "--data",
        str(write_json(tmp_path / "d.json", SPECIAL)),
        "-o",
        str(out),
    )
    extracted = run("extract", str(out), "--root", str(root), "--format", fmt)
    assert extracted.exit_code == 0 and extracted.stderr == ""
    again = tmp_path / f"igen.{fmt}"
    again.write_text(extracted.stdout, "utf-8")
    if fmt == "json":
        assert json.loads(extracted.stdout) == {
            "template": "mall-alla",
            "version": "1.2",
            "values": SPECIAL,
        }
    second = tmp_path / "igen.docx"
    result = run("fill", "mall-alla", "--root", str(root), "--data", str(again), "-o", str(second))
    assert result.exit_code == 0, result.output
    assert values_of(root, second) == SPECIAL


def test_filled_document_keeps_the_controls_without_placeholders(
    root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "ifylld.docx"
    fill(load(root), "mall-alla", write_json(tmp_path / "d.json", SPECIAL), out)
    tags = [tag for tag, _ in controls(out)]
    assert tags[:5] == ["namn", "anteckning", "datum", "samtycke", "beslut"]
    assert tags.count("insatser.insats") == 2  # one row per data row
    with zipfile.ZipFile(out) as archive:
        xml = archive.read("word/document.xml").decode()
    assert "_v[" not in xml and "_row[" not in xml  # no template code is left
    assert xml.count("<w:showingPlcHdr/>") == 3  # the second row has no text, date or choice


def test_empty_optional_fields_stay_placeholders_and_are_left_out(
    root: Path, tmp_path: Path
) -> None:
    out = tmp_path / "kort.docx"
    fill(
        load(root),
        "mall-alla",
        write_json(tmp_path / "d.json", {"namn": "A", "samtycke": "nej"}),
        out,
    )
    assert values_of(root, out) == {"namn": "A", "samtycke": False}
    assert [tag for tag, _ in controls(out)].count("insatser.insats") == 1  # an empty row to fill


TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Cn")), min_size=1, max_size=40
)
LINES = st.lists(TEXT | st.just(""), min_size=1, max_size=4).map("\n".join).filter(bool)
DAY = st.dates().map(lambda d: d.isoformat())
ROW = st.fixed_dictionaries(
    {"insats": TEXT, "pagar": st.booleans()},
    optional={"beskrivning": LINES, "fran": DAY, "niva": st.sampled_from(["Låg", "Hög"])},
)
DATA = st.fixed_dictionaries(
    {"namn": TEXT, "samtycke": st.booleans()},
    optional={
        "anteckning": LINES,
        "datum": DAY,
        "beslut": st.sampled_from(["Bifall", "Avslag & annat", "<Vilande>"]),
        "insatser": st.lists(ROW, min_size=1, max_size=3),
    },
)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=DATA)
def test_any_data_comes_back_exactly(root: Path, tmp_path: Path, data: dict[str, Any]) -> None:
    out = tmp_path / "h.docx"
    result = fill(load(root), "mall-alla", write_json(tmp_path / "h.json", data), out)
    assert result.errors == []
    ordered = {k: data[k] for k in SPECIAL if k in data}
    assert values_of(root, out) == ordered


def test_csv_gives_one_document_per_row_and_reports_the_bad_row(root: Path, tmp_path: Path) -> None:
    table = json.dumps([{"insats": "Stöd", "pagar": True}], ensure_ascii=False)
    data = write_csv(
        tmp_path / "data.csv",
        ["namn", "samtycke", "datum", "insatser"],
        [
            ["Anna, med komma", "ja", "2024-01-31", table],
            ["Bertil", "kanske", "2024-02-30", ""],
            ["Cecilia\nmed radbrytning", "nej", "", ""],
            ["", "", "", ""],
            ["David", "true", "", ""],
        ],
    )
    out = tmp_path / "ut"
    result = run("fill", "mall-alla", "--root", str(root), "--data", str(data), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fel: {data}: rad 3: fält 'datum' (Datum för mötet): 2024-02-30 är inget giltigt datum.\n"
        f"Fel: {data}: rad 3: fält 'samtycke' (Personen samtycker.): värdet 'kanske' ska vara "
        "ja eller nej (eller true/false).\n"
        f"Fel: {data}: rad 4: fält 'namn' (Namn): innehåller en radbrytning, men fältet har en "
        "rad (typen text).\n"
        "Rätta felen ovan och kör kommandot igen för de poster som saknas.\n"
    )
    assert result.stdout == f"Skrev 2 av 4 dokument till {out}.\n"
    assert files_in(out) == ["mall-alla-001.docx", "mall-alla-004.docx"]
    assert values_of(root, out / "mall-alla-001.docx") == {
        "namn": "Anna, med komma",
        "datum": "2024-01-31",
        "samtycke": True,
        "insatser": [{"insats": "Stöd", "pagar": True}],
    }


def test_csv_from_excel_with_semicolons_and_a_bom(root: Path, tmp_path: Path) -> None:
    data = write_csv(tmp_path / "excel.csv", ["namn", "samtycke"], [["Åsa; Öberg", "Ja"]], ";")
    data.write_bytes(b"\xef\xbb\xbf" + data.read_bytes())
    out = tmp_path / "ut"
    result = run(
        "fill",
        "mall-alla",
        "--root",
        str(root),
        "--data",
        str(data),
        "-o",
        str(out),
        "--name-from",
        "namn",
    )
    assert result.exit_code == 0, result.output
    assert files_in(out) == ["Åsa_-Öberg.docx"]
    assert values_of(root, out / "Åsa_-Öberg.docx") == {"namn": "Åsa; Öberg", "samtycke": True}


def test_many_rows_are_filled_in_parallel(root: Path, tmp_path: Path) -> None:
    rows = [[f"Person {n} & <co>", "ja" if n % 2 else "nej"] for n in range(1, 41)]
    data = write_csv(tmp_path / "many.csv", ["namn", "samtycke"], rows)
    out = tmp_path / "ut"
    result = fill(load(root), "mall-alla", data, out, workers=2)
    assert (result.errors, len(result.written)) == ([], 40)
    assert files_in(out) == [f"mall-alla-{n:03d}.docx" for n in range(1, 41)]
    assert values_of(root, out / "mall-alla-017.docx") == {
        "namn": "Person 17 & <co>",
        "samtycke": True,
    }


def test_unknown_csv_column_stops_before_any_document(root: Path, tmp_path: Path) -> None:
    data = write_csv(tmp_path / "d.csv", ["namm", "samtycke", ""], [["A", "ja", ""]])
    out = tmp_path / "ut"
    result = run("fill", "mall-alla", "--root", str(root), "--data", str(data), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fel: {data}: rad 1 (rubrikraden): Okänd kolumn 'namm'. Menade du 'namn'? "
        "Kolumn 3 saknar rubrik. Rubrikerna ska vara fältens nycklar: namn, anteckning, "
        "datum, samtycke, beslut, insatser. Inget dokument gjordes.\n"
    )
    assert not out.exists()


def test_unknown_and_missing_fields_name_the_line(root: Path, tmp_path: Path) -> None:
    data = tmp_path / "d.yaml"
    data.write_text(
        "nman: Anna\nsamtycke: ja\nbeslut: Bifal\ninsatser:\n  - {insats: A, sluttid: x}\n",
        "utf-8",
    )
    out = tmp_path / "ut.docx"
    result = run("fill", "mall-alla", "--root", str(root), "--data", str(data), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Fel: {data}: rad 1: fält 'nman': okänt fält. Menade du 'namn'? Mallens fält: namn, "
        "anteckning, datum, samtycke, beslut, insatser.",
        f"Fel: {data}: fält 'namn' (Namn): saknas men är obligatoriskt.",
        f"Fel: {data}: rad 3: fält 'beslut' (Beslut): 'Bifal' är inget av valen 'Bifall', "
        "'Avslag & annat', '<Vilande>'. Menade du 'Bifall'?",
        f"Fel: {data}: rad 4: fält 'insatser' (Insatser): rad 1 i tabellen: okänd kolumn "
        "'sluttid'.",
        "Rätta felen ovan och kör kommandot igen för de poster som saknas.",
    ]
    assert result.stdout == f"Skrev 0 av 1 dokument till {out}.\n"
    assert files_in(tmp_path) == ["d.yaml", "korpus"]


def test_a_list_of_records_names_the_bad_record(root: Path, tmp_path: Path) -> None:
    data = write_json(
        tmp_path / "d.json", [{"namn": "A", "samtycke": True}, {"namn": 3.5, "samtycke": 1}, "x"]
    )
    out = tmp_path / "ut"
    result = run("fill", "mall-alla", "--root", str(root), "--data", str(data), "-o", str(out))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:3] == [
        f"Fel: {data}: post 2: fält 'namn' (Namn): värdet 3.5 ska vara text. Sätt det inom citattecken.",
        f"Fel: {data}: post 2: fält 'samtycke' (Personen samtycker.): värdet 1 ska vara ja eller nej (eller true/false).",
        f"Fel: {data}: ska vara en mappning av fält.",
    ]
    assert files_in(out) == ["mall-alla-001.docx"]


def test_unwritable_output_is_a_clear_error_and_leaves_nothing(root: Path, tmp_path: Path) -> None:
    data = write_json(tmp_path / "d.json", {"namn": "A", "samtycke": True})
    (tmp_path / "fil").write_text("x")
    target = tmp_path / "fil" / "ut.docx"
    result = run("fill", "mall-alla", "--root", str(root), "--data", str(data), "-o", str(target))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Fel: {tmp_path / 'fil'}: {tmp_path / 'fil'} är en fil, inte en mapp. "
        "Välj en annan plats med -o.\n"
    )
    many = write_json(tmp_path / "m.json", [{"namn": "A", "samtycke": True}] * 2)
    result = run(
        "fill", "mall-alla", "--root", str(root), "--data", str(many), "-o", str(tmp_path / "fil")
    )
    assert result.exit_code == 1
    assert "är en fil. Data med flera poster ger ett dokument per post" in result.stderr
    assert (tmp_path / "fil").read_text() == "x"


def test_a_failed_write_leaves_no_partial_file(root: Path, tmp_path: Path) -> None:
    rows = [["Anna", "ja"], ["upptagen", "ja"], ["Cecilia", "nej"]]
    data = write_csv(tmp_path / "d.csv", ["namn", "samtycke"], rows)
    out = tmp_path / "ut"
    (out / "upptagen.docx").mkdir(parents=True)  # a folder where a document should go
    result = run(
        "fill",
        "mall-alla",
        "--root",
        str(root),
        "--data",
        str(data),
        "-o",
        str(out),
        "--name-from",
        "namn",
    )
    assert result.exit_code == 1
    assert f"{out / 'upptagen.docx'}: kan inte skrivas (Is a directory)" in result.stderr
    assert files_in(out) == ["Anna.docx", "Cecilia.docx", "upptagen.docx"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["finns-inte"], "Fel: Det finns ingen mall med id 'finns-inte' under templates/.\n"),
        (
            ["mall-ala"],
            "Fel: Det finns ingen mall med id 'mall-ala' under templates/. Menade du 'mall-alla'?\n",
        ),
    ],
)
def test_unknown_template(root: Path, tmp_path: Path, args: list[str], message: str) -> None:
    data = write_json(tmp_path / "d.json", {"namn": "A"})
    result = run(
        "fill", *args, "--root", str(root), "--data", str(data), "-o", str(tmp_path / "x.docx")
    )
    assert (result.exit_code, result.stderr) == (1, message)


def test_bad_data_files(root: Path, tmp_path: Path) -> None:
    cases = {
        "d.txt": ("x", "okänd filtyp '.txt'. Data läses från .yaml, .yml, .json eller .csv."),
        "d.json": ('{"namn": ', "1:10: filen är inte giltig JSON (Expecting value)."),
        "d.yaml": ("namn: [a\n", "2:1: Filen är inte giltig YAML"),
        "lista.yaml": ("- 1\n", None),
        "tom.yaml": ("", "data ska vara en mappning (fält: värde) för ett dokument"),
    }
    for name, (text, message) in cases.items():
        write_files(tmp_path, {name: text})
        result = run(
            "fill",
            "mall-alla",
            "--root",
            str(root),
            "--data",
            str(tmp_path / name),
            "-o",
            str(tmp_path / "u.docx"),
        )
        assert result.exit_code == 1, name
        if message:
            assert (
                result.stderr.startswith(f"Fel: {tmp_path / name}") and message in result.stderr
            ), result.stderr
    missing = run(
        "fill",
        "mall-alla",
        "--root",
        str(root),
        "--data",
        str(tmp_path / "saknas.json"),
        "-o",
        str(tmp_path / "u.docx"),
    )
    assert missing.stderr == f"Fel: {tmp_path / 'saknas.json'}: filen finns inte.\n"
    assert not (tmp_path / "u.docx").exists()


def test_extract_from_another_template_is_refused_by_fill(root: Path, tmp_path: Path) -> None:
    data = tmp_path / "fel.yaml"
    data.write_text("template: mall-c\nversion: '1.0'\nvalues:\n  namn: A\n", "utf-8")
    result = run(
        "fill",
        "mall-alla",
        "--root",
        str(root),
        "--data",
        str(data),
        "-o",
        str(tmp_path / "u.docx"),
    )
    assert result.stderr == (
        f"Fel: {data}: data kommer från ett formulär av mallen 'mall-c', inte 'mall-alla'.\n"
    )
