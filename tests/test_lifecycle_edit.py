"""Round-trip editing: what is kept, what is refused, atomic writes and concurrent changes."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY, run

from governance.errors import ConcurrentChange, UnsafeEdit
from governance.lifecycle import edit as edit_module
from governance.lifecycle.edit import commit, prepare, unified_diff
from governance.lifecycle.files import read_snapshot, write_atomic
from governance.lifecycle.layout import Layout, layout_for
from governance.lifecycle.ops import Append, Set, order_of
from governance.lifecycle.roundtrip import edit_document, edit_text
from governance.load import load_corpus
from governance.model import Decision, Document

DAY = date(2026, 11, 23)
ORDER = order_of(Document)
R = "routines/rutin-a.yaml"


def review_op(note: str = "Ok.") -> Append:
    return Append((), "reviews", {"date": DAY, "note": note}, ORDER)


def test_comments_quoting_and_order_are_kept() -> None:
    text = (
        "# överst\n"
        "id: x   # id\n"
        "title: 'Enkla citattecken'\n"
        'summary: "Dubbla"\n'
        "decision:\n"
        "  by: [namnd]  # organet\n"
        "  # mitt i\n"
        "  date: 2026-01-10\n"
        "last_revised: 2026-01-10  # ändras\n"
        "themes: [boende]\n"
    )
    ops = [
        Set((), "last_revised", DAY, ORDER),
        Set(("decision",), "paragraph", "§ 4", order_of(Decision)),
    ]
    assert edit_text(text, ops) == text.replace(
        "  date: 2026-01-10\n", "  date: 2026-01-10\n  paragraph: § 4\n"
    ).replace("last_revised: 2026-01-10  # ändras", "last_revised: 2026-11-23  # ändras")


def test_crlf_bom_and_missing_final_newline_are_kept() -> None:
    text = "\ufeffid: x\r\nrevisions:\r\n- version: '1.0'\r\n  date: 2026-01-10\r\n  summary: A."
    ops = [Append((), "revisions", {"version": "1.1", "date": DAY, "summary": "B."}, ORDER)]
    assert edit_document(text, ops) == (
        "\ufeffid: x\r\nrevisions:\r\n- version: '1.0'\r\n  date: 2026-01-10\r\n  summary: A.\r\n"
        "- version: '1.1'\r\n  date: 2026-11-23\r\n  summary: B."
    )


def test_the_sequence_being_appended_to_sets_the_indentation() -> None:
    text = "id: x\ndecision:\n    by:\n      - namnd\nlinks:\n- a\nreviews:\n    -   date: 2026-01-10\n"
    assert layout_for(text, (), "reviews") == Layout(mapping=4, sequence=8, offset=4)
    assert layout_for(text, (), "links") == Layout(mapping=4, sequence=2, offset=0)
    assert edit_text(text, [review_op()]) == text + "    -   date: 2026-11-23\n        note: Ok.\n"


def test_a_new_key_goes_above_the_comment_of_the_next_key() -> None:
    text = "id: x\nrevisions:\n  - version: '1.0'\n\n# Teman:\nthemes: [a]\n"
    assert edit_text(text, [review_op()]) == (
        "id: x\nrevisions:\n  - version: '1.0'\nreviews:\n  - date: 2026-11-23\n    note: Ok.\n"
        "\n# Teman:\nthemes: [a]\n"
    )


def test_an_empty_flow_list_becomes_a_block_list() -> None:
    text = "id: x\nreviews: []  # inga än\nthemes: [a]\n"
    assert edit_text(text, [review_op()]) == (
        "id: x\nreviews:     # inga än\n  - date: 2026-11-23\n    note: Ok.\nthemes: [a]\n"
    )


def test_a_flow_list_stays_a_flow_list_with_its_comment_in_its_column() -> None:
    text = "id: x\nlinks: [a,  b]  # länkar\n"
    ops = [Append((), "links", "c", ORDER)]
    assert edit_text(text, ops) == "id: x\nlinks: [a, b, c] # länkar\n"


def test_text_that_cannot_be_edited_safely_is_refused() -> None:
    with pytest.raises(UnsafeEdit, match="'decision' är ingen mappning"):
        edit_text("id: x\ndecision: ja\n", [Set(("decision",), "date", DAY)])


def test_concurrent_change_between_read_and_write_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("id: a\n", "utf-8")
    snapshot = read_snapshot(path)
    path.write_text("id: b\n", "utf-8")  # someone else saves the file
    with pytest.raises(ConcurrentChange) as caught:
        write_atomic(snapshot, b"id: c\n")
    assert caught.value.message == (
        f"{path} ändrades av någon annan medan styrdok arbetade med den. Inget skrevs. "
        "Kör kommandot igen."
    )
    assert path.read_text("utf-8") == "id: b\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]  # no temporary file left


def test_write_is_atomic_and_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("id: a\n", "utf-8")
    path.chmod(0o640)
    write_atomic(read_snapshot(path), b"id: b\n")
    assert path.read_bytes() == b"id: b\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_concurrent_change_through_the_command_writes_nothing(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is changed by someone else after styrdok read it, before it writes."""
    original = edit_module.outcome

    def meanwhile(*args: object, **kwargs: object) -> object:
        (corpus / R).write_text((corpus / R).read_text("utf-8") + "# ändrad\n", "utf-8")
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(edit_module, "outcome", meanwhile)
    result = run("review", "rutin-a", "--root", str(corpus), "--today", "2026-11-23")
    assert result.exit_code == 1
    assert result.output == (
        f"Fel: {corpus / R} ändrades av någon annan medan styrdok arbetade med den. "
        "Inget skrevs. Kör kommandot igen.\n"
    )
    assert (
        (corpus / R)
        .read_text("utf-8")
        .endswith("        substeps:\n          - text: Kontakta hyresvärden.\n# ändrad\n")
    )


def test_changed_after_the_corpus_was_loaded_is_detected(corpus: Path) -> None:
    loaded = load_corpus(corpus)
    (corpus / R).write_text((corpus / R).read_text("utf-8") + "# ändrad\n", "utf-8")
    with pytest.raises(ConcurrentChange, match="ändrades medan styrdok läste korpusen"):
        prepare(loaded, {R: [review_op()]}, TODAY)


def test_dry_run_prints_a_unified_diff_and_writes_nothing(corpus: Path) -> None:
    before = (corpus / R).read_bytes()
    result = run("review", "rutin-a", "--note", "Ok.", "--root", str(corpus), "--dry-run")
    assert result.exit_code == 0
    assert result.stdout == (
        "--- a/routines/rutin-a.yaml\n"
        "+++ b/routines/rutin-a.yaml\n"
        "@@ -21,6 +21,9 @@\n"
        '   - version: "1.0"\n'
        "     date: 2026-01-10\n"
        "     summary: Första versionen.\n"
        "+reviews:\n"
        f"+  - date: {date.today()}\n"
        "+    note: Ok.\n"
        " sections:\n"
        "   - title: Syfte\n"
        "     body: |\n"
    )
    assert result.stderr == "--dry-run: inget skrevs.\n"
    assert (corpus / R).read_bytes() == before


def test_an_edit_that_makes_the_corpus_invalid_is_refused(corpus: Path) -> None:
    before = (corpus / R).read_bytes()
    result = run(
        "revise",
        "rutin-a",
        "--summary",
        "Nytt beslut.",
        "--decided-by",
        "styrelsen",
        "--root",
        str(corpus),
        "--today",
        "2026-11-23",
    )
    assert result.exit_code == 1
    assert result.output == (
        "Fel: Ändringen gjordes inte: efter den skulle 'styrdok check' hitta 1 fel.\n"
        "routines/rutin-a.yaml:7:8: fel [unknown-body] decision.by[0]: Okänt beslutande organ "
        "'styrelsen': den finns inte under bodies i styrdok.yaml.\n"
        "    Gör så här: Använd ett id under bodies i styrdok.yaml, eller lägg till organet där "
        "och under decided_by för dokumentsorten (kinds i styrdok.yaml).\n"
    )
    assert (corpus / R).read_bytes() == before


def test_unified_diff_of_a_file_without_final_newline(corpus: Path) -> None:
    path = corpus / "routines/riktlinje/riktlinje-b.yaml"
    path.write_bytes(path.read_bytes().rstrip(b"\n"))
    loaded = load_corpus(corpus)
    edit = prepare(loaded, {"routines/riktlinje/riktlinje-b.yaml": [review_op()]}, TODAY)
    assert unified_diff(edit).endswith(
        "-owner: processledare\n\\ No newline at end of file\n+owner: processledare\n"
        "+reviews:\n+  - date: 2026-11-23\n+    note: Ok.\n\\ No newline at end of file\n"
    )
    commit(edit)
    assert path.read_text("utf-8").endswith(
        "owner: processledare\nreviews:\n  - date: 2026-11-23\n    note: Ok."
    )


def _example_documents() -> list[str]:
    from conftest import REPO

    corpus = load_corpus(REPO)
    return sorted(
        [d.id for d in corpus.documents.values() if d.kind != "extern" and d.status != "retired"]
        + list(corpus.templates)
    )


@pytest.mark.parametrize("doc_id", _example_documents())
def test_every_example_document_can_be_revised_adding_lines_only(
    tmp_path: Path, doc_id: str
) -> None:
    """On the real files: a revision only adds lines, apart from the line of the value it
    sets (last_revised, or a template's version)."""
    from helpers import copy_example

    from governance.lifecycle.revise import revise

    root = copy_example(tmp_path)
    _, change = revise(load_corpus(root), doc_id, "Ändrad.", DAY, TODAY)
    (only,) = change.changes
    old, new = only.old_text.splitlines(), only.text.splitlines()
    removed = [d[2:] for d in difflib.ndiff(old, new) if d.startswith("- ")]
    assert all(line.startswith(("last_revised:", "version:")) for line in removed), removed
