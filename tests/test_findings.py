"""Every finding code: a corpus that triggers it, and the clean corpus that does not."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY, edit, write_files
from helpers.word import layout_docx

from governance.check import check_corpus
from governance.codes import CODES
from governance.findings import Finding

R = "routines/rutin-a.yaml"
B = "routines/riktlinje/riktlinje-b.yaml"
T = "templates/mall-c.yaml"
HEADER = "# yaml-language-server: $schema=../schema/document.schema.json\n"


def new_file(rel: str, content: str | bytes) -> Callable[[Path], object]:
    return lambda root: write_files(root, {rel: content})


def replace(rel: str, old: str, new: str) -> Callable[[Path], object]:
    return lambda root: edit(root, rel, old, new)


def both(*steps: Callable[[Path], object]) -> Callable[[Path], object]:
    def apply(root: Path) -> None:
        for step in steps:
            step(root)

    return apply


def link_outside(root: Path, rel: str) -> None:
    """A symbolic link at ``rel`` to a document outside the corpus."""
    target = root.parent / "utanfor.yaml"
    target.write_text(HEADER + "id: ute\ntitle: Utanför\n", "utf-8")
    (root / rel).symlink_to(target)


ALIAS_BOMB = (
    HEADER
    + "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"
)

LAYOUT = "layout: mall-c.docx\nfields:"
EXTERN = (
    HEADER + "id: {id}\ntitle: Handlingsplan mot  hemlöshet\nkind: extern\nstatus: in-force\n"
    "publisher: Lunds kommun\n"
)

# code → (what to do to the clean corpus, the file the finding is in, the day to check on)
CASES: dict[str, tuple[Callable[[Path], object], str, date]] = {
    "file-too-large": (
        new_file("routines/stor.yaml", HEADER + "id: stor\n" + "# fyllnad\n" * 3000),
        "routines/stor.yaml",
        TODAY,
    ),
    "file-empty": (new_file("routines/tom.yaml", ""), "routines/tom.yaml", TODAY),
    "file-unreadable": (
        lambda root: (root / "routines" / "mapp.yaml").mkdir(),
        "routines/mapp.yaml",
        TODAY,
    ),
    "file-outside-corpus": (
        lambda root: link_outside(root, "routines/ute.yaml"),
        "routines/ute.yaml",
        TODAY,
    ),
    "file-encoding": (
        new_file("routines/latin1.yaml", "id: latin1\ntitle: R\xe4tt\n".encode("latin-1")),
        "routines/latin1.yaml",
        TODAY,
    ),
    "yaml-syntax": (
        new_file("routines/trasig.yaml", HEADER + "id: trasig\ntitle: [inte stängd\n"),
        "routines/trasig.yaml",
        TODAY,
    ),
    "yaml-tab": (
        new_file("routines/tabb.yaml", HEADER + "id: tabb\nsections:\n\t- title: Syfte\n"),
        "routines/tabb.yaml",
        TODAY,
    ),
    "yaml-duplicate-key": (replace(R, "title: Rutin", "title: Dubbel\ntitle: Rutin"), R, TODAY),
    "yaml-alias": (new_file("routines/bomb.yaml", ALIAS_BOMB), "routines/bomb.yaml", TODAY),
    "not-a-mapping": (
        new_file("routines/lista.yaml", HEADER + "- a\n- b\n"),
        "routines/lista.yaml",
        TODAY,
    ),
    "schema-missing": (replace(R, "title: Rutin för att förebygga avhysning\n", ""), R, TODAY),
    "schema-unknown-field": (replace(R, "kind: rutin", "kind: rutin\ntitel: Extra"), R, TODAY),
    "schema-invalid": (replace(R, 'version: "1.0"', "version: 1.0"), R, TODAY),
    "date-invalid": (
        replace(R, "date: 2026-01-10\n  paragraph", "date: 2026-02-30\n  paragraph"),
        R,
        TODAY,
    ),
    "id-filename": (replace(R, "id: rutin-a", "id: rutin-x"), R, TODAY),
    "duplicate-id": (
        new_file("routines/extra/rutin-a.yaml", ""),
        "routines/zz/rutin-a.yaml",
        TODAY,
    ),
    "schema-pointer": (replace(R, HEADER, ""), R, TODAY),
    "schema-outdated": (
        lambda root: (root / "schema/document.schema.json").unlink(),
        "schema/document.schema.json",
        TODAY,
    ),
    "unknown-kind": (replace(R, "kind: rutin", "kind: rutiin"), R, TODAY),
    "unknown-body": (
        replace(R, "by: [avdelningschef]", "by: [avdelningschef, styrelsen]"),
        R,
        TODAY,
    ),
    "unknown-unit": (
        replace(R, "applies_to: [socialforvaltningen]", "applies_to: [okand-forvaltning]"),
        R,
        TODAY,
    ),
    "unknown-role": (replace(R, "owner: processledare", "owner: kalle"), R, TODAY),
    "unknown-theme": (replace(R, "themes: [boende]", "themes: [boende, okant]"), R, TODAY),
    "kind-field-missing": (replace(R, "owner: processledare\n", ""), R, TODAY),
    "decided-by-not-allowed": (
        replace(R, "by: [avdelningschef]", "by: [kommunfullmaktige]"),
        R,
        TODAY,
    ),
    "link-unknown": (
        replace(R, "links: [riktlinje-b]", "links: [riktlinje-b, finns-inte]"),
        R,
        TODAY,
    ),
    "link-retired": (replace(B, "status: in-force", "status: retired"), R, TODAY),
    "link-suspect": (
        replace(
            B,
            "owner: processledare\n",
            'owner: processledare\nrevisions:\n  - version: "2.0"\n    date: 2026-06-01\n'
            "    summary: Nya regler för bistånd.\n    major: true\n",
        ),
        R,
        TODAY,
    ),
    "link-expired": (replace(B, "valid_until: 2029-12-31", "valid_until: 2026-06-30"), R, TODAY),
    "template-unknown": (
        replace(R, "templates: [mall-c]", "templates: [mall-c, mall-x]"),
        R,
        TODAY,
    ),
    "template-routine-unknown": (
        replace(T, "routines: [rutin-a]", "routines: [rutin-a, rutin-x]"),
        T,
        TODAY,
    ),
    "template-not-listed": (replace(R, "templates: [mall-c]\n", ""), T, TODAY),
    "placeholder": (replace(R, "Första versionen.", "'Diarienummer: [Nummer]'"), R, TODAY),
    "placeholder-link": (replace(R, "Kontakta hyresvärden.", "Se [rutinen](#)."), R, TODAY),
    "personnummer": (replace(R, "Risk upptäcks.", "Gäller 19121212-1212."), R, TODAY),
    "url-unsafe": (
        replace(R, "Kontakta hyresvärden.", "Se [rutinen](&#106;avascript:alert(1))."),
        R,
        TODAY,
    ),
    "image-remote": (
        replace(R, "Kontakta hyresvärden.", "Se ![Karta](https://annan.example/karta.png)"),
        R,
        TODAY,
    ),
    "text-admonition": (
        replace(R, "Rutinen gäller när", '!!! danger "Status: Upphävt"\n      Rutinen gäller när'),
        R,
        TODAY,
    ),
    "link-self": (replace(R, "links: [riktlinje-b]", "links: [riktlinje-b, rutin-a]"), R, TODAY),
    "validity-order": (replace(B, "valid_until: 2029-12-31", "valid_until: 2025-05-31"), B, TODAY),
    "revised-before-decided": (
        replace(R, "last_revised: 2026-01-10", "last_revised: 2026-01-02"),
        R,
        TODAY,
    ),
    "revision-order": (
        replace(
            R,
            "    summary: Första versionen.\n",
            '    summary: Första versionen.\n  - version: "0.9"\n    date: 2026-01-11\n    summary: Äldre.\n',
        ),
        R,
        TODAY,
    ),
    "revision-duplicate": (
        replace(
            R,
            "    summary: Första versionen.\n",
            '    summary: Första versionen.\n  - version: "1.0"\n    date: 2026-01-11\n    summary: Igen.\n',
        ),
        R,
        TODAY,
    ),
    "expired": (replace(B, "valid_until: 2029-12-31", "valid_until: 2026-06-30"), B, TODAY),
    "expires-soon": (replace(B, "valid_until: 2029-12-31", "valid_until: 2027-01-15"), B, TODAY),
    "layout-missing": (replace(T, "fields:", "layout: saknas.docx\nfields:"), T, TODAY),
    "layout-invalid": (
        both(new_file("templates/mall-c.docx", b"PK trasig"), replace(T, "fields:", LAYOUT)),
        T,
        TODAY,
    ),
    "layout-syntax": (
        both(
            new_file("templates/mall-c.docx", layout_docx("{{ namn }")),
            replace(T, "fields:", LAYOUT),
        ),
        T,
        TODAY,
    ),
    "layout-field-unknown": (
        both(
            new_file("templates/mall-c.docx", layout_docx("{{ namn }} {{ beslut }} {{ okand }}")),
            replace(T, "fields:", LAYOUT),
        ),
        T,
        TODAY,
    ),
    "layout-field-unused": (
        both(
            new_file("templates/mall-c.docx", layout_docx("{{ namn }}")),
            replace(T, "fields:", LAYOUT),
        ),
        T,
        TODAY,
    ),
    "registration-number-missing": (
        replace(R, "  registration_number: SO 2025/0164\n", ""),
        R,
        TODAY,
    ),
    "last-reviewed-missing": (
        replace(B, "owner: processledare\n", "owner: processledare\nfact_check:\n  by: SoS\n"),
        B,
        TODAY,
    ),
    "figures-stale": (
        replace(R, "  - title: Syfte\n", "  - title: Syfte\n    figures_as_of: 2019-11-01\n"),
        R,
        TODAY,
    ),
    "unit-ended": (
        replace(
            "styrdok.yaml",
            "{id: socialforvaltningen, name: Socialförvaltningen}",
            "{id: socialforvaltningen, name: Socialförvaltningen, until: 2026-06-30}",
        ),
        B,
        TODAY,
    ),
    "external-duplicate": (
        both(
            new_file("routines/extern-a.yaml", EXTERN.format(id="extern-a")),
            new_file("routines/extern-b.yaml", EXTERN.format(id="extern-b")),
        ),
        "routines/extern-b.yaml",
        TODAY,
    ),
    "review-overdue": (lambda root: None, R, date(2028, 6, 1)),
    "date-out-of-range": (
        replace(R, "last_revised: 2026-01-10", "last_revised: 9999-12-31"),
        R,
        TODAY,
    ),
    "review-due": (lambda root: None, R, date(2027, 12, 1)),
}
# duplicate-id: a second file with the same id; it sorts after the first one.
CASES["duplicate-id"] = (
    lambda root: (
        write_files(
            root,
            {
                "routines/zz/rutin-a.yaml": (root / R)
                .read_text("utf-8")
                .replace("../schema", "../../schema")
            },
        )
        and None
    ),
    "routines/zz/rutin-a.yaml",
    TODAY,
)


def findings_of(root: Path, today: date = TODAY) -> list[Finding]:
    return check_corpus(root, today)


def test_clean_corpus_has_no_findings(corpus: Path) -> None:
    assert findings_of(corpus) == []


def test_every_code_has_a_case() -> None:
    assert sorted(CASES) == sorted(c for c, info in CODES.items() if info.command == "check")


@pytest.mark.parametrize("code", sorted(CASES))
def test_code_is_found_where_it_is(corpus: Path, code: str) -> None:
    mutate, path, today = CASES[code]
    mutate(corpus)
    hits = [f for f in findings_of(corpus, today) if f.code == code]
    assert hits, f"{code} not reported"
    hit = hits[0]
    assert hit.path == path
    assert hit.severity == CODES[code].severity
    assert hit.line >= 1 and hit.column >= 1
    assert hit.message and hit.hint


@pytest.mark.parametrize("code", sorted(CASES))
def test_code_is_not_found_in_clean_corpus_on_that_day(corpus: Path, code: str) -> None:
    _, _, today = CASES[code]
    if today == TODAY:
        assert code not in {f.code for f in findings_of(corpus, today)}
    else:  # the review cases: the day before the window opens is clean
        assert code not in {f.code for f in findings_of(corpus, date(2027, 11, 1))}


def test_messages_name_field_and_line(corpus: Path) -> None:
    edit(corpus, R, "owner: processledare", "owner: kalle")
    (hit,) = [f for f in findings_of(corpus) if f.code == "unknown-role"]
    assert (hit.line, hit.column, hit.field) == (15, 1, "owner")
    assert hit.message == "Okänd roll 'kalle': den finns inte under roles i styrdok.yaml."


def test_unknown_field_suggests_the_right_one(corpus: Path) -> None:
    edit(corpus, R, "kind: rutin", "kind: rutin\ntitel: Extra")
    (hit,) = findings_of(corpus)
    assert hit.message == "Okänt fält 'titel'. Menade du 'title'?"
    assert (hit.line, hit.field) == (5, "titel")


def test_unquoted_version_says_to_quote_it(corpus: Path) -> None:
    edit(corpus, R, 'version: "1.0"', "version: 1.0")
    (hit,) = findings_of(corpus)
    assert hit.field == "revisions[0].version"
    assert 'skriv den inom citattecken, t.ex. "1.0"' in hit.message


def test_placeholder_in_block_text_points_at_its_line(corpus: Path) -> None:
    edit(corpus, R, "Rutinen gäller när", "Rutinen [Bilagor] gäller när")
    (hit,) = findings_of(corpus)
    assert (hit.code, hit.field, hit.line, hit.column) == (
        "placeholder",
        "sections[0].body",
        27,
        15,
    )


def test_placeholder_in_a_comment_is_not_published_and_not_reported(corpus: Path) -> None:
    edit(corpus, R, "kind: rutin", "kind: rutin  # TODO: byt sort?")
    assert findings_of(corpus) == []


def test_personnummer_in_a_comment_is_still_reported(corpus: Path) -> None:
    edit(corpus, R, "kind: rutin", "kind: rutin  # brukare 121212-1212")
    (hit,) = findings_of(corpus)
    assert hit.code == "personnummer" and "kommentar" in hit.message


def test_severity_is_configurable(corpus: Path) -> None:
    edit(corpus, B, "valid_until: 2029-12-31", "valid_until: 2026-06-30")
    edit(
        corpus,
        "styrdok.yaml",
        "review_warning_days: 90",
        "review_warning_days: 90\nseverity:\n  link-expired: error\n  expired: 'off'",
    )
    found = {(f.code, f.severity) for f in findings_of(corpus)}
    assert found == {("link-expired", "error")}


def test_retired_link_names_the_successor(corpus: Path) -> None:
    write_files(
        corpus,
        {
            "routines/riktlinje-ny.yaml": (corpus / B)
            .read_text("utf-8")
            .replace("riktlinje-b", "riktlinje-ny")
            .replace("../../schema", "../schema")
        },
    )
    edit(corpus, B, "status: in-force", "status: retired\nsuperseded_by: riktlinje-ny")
    (hit,) = findings_of(corpus)
    assert hit.message == (
        "Länken går till 'Riktlinje för bistånd till boende', som är upphävt. "
        "Det ersätts av 'Riktlinje för bistånd till boende' (riktlinje-ny)."
    )


def test_review_recorded_moves_the_next_review(corpus: Path) -> None:
    day = date(2028, 6, 1)
    assert "review-overdue" in {f.code for f in findings_of(corpus, day)}
    edit(
        corpus,
        R,
        "revisions:",
        "reviews:\n  - date: 2028-05-01\n    note: Fortfarande aktuell.\nrevisions:",
    )
    assert "review-overdue" not in {f.code for f in findings_of(corpus, day)}
