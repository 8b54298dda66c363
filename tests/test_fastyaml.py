"""The event-built loader gives the same data as ruamel.yaml's safe loader, and refuses
what styrdok refuses; reading in several processes gives the same corpus as one."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO, TODAY
from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from governance import fastyaml, read
from governance.check import check_corpus

SAFE = YAML(typ="safe", pure=False)


def corpus_files() -> list[Path]:
    return sorted(
        p for folder in ("routines", "templates") for p in (REPO / folder).rglob("*.yaml")
    )


def test_same_data_as_ruamel_on_the_example_corpus() -> None:
    files = corpus_files()
    assert len(files) > 50
    for path in files:
        text = path.read_text("utf-8")
        assert fastyaml.load(text) == SAFE.load(text), path


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30),
)
documents = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=4)
    ),
    max_leaves=25,
)


@given(
    st.dictionaries(st.text(min_size=1, max_size=10), documents, max_size=6),
    st.sampled_from([None, True, False]),
)
@settings(max_examples=300, deadline=None)
def test_same_data_as_ruamel_on_generated_documents(
    data: dict[str, Any], flow: bool | None
) -> None:
    dumper = YAML(typ="safe", pure=True)
    dumper.default_flow_style = flow
    buffer = io.StringIO()
    dumper.dump(data, buffer)
    text = buffer.getvalue()
    try:
        expected = SAFE.load(text)
    except YAMLError:  # the pure dumper writes some odd keys that libyaml will not read
        with pytest.raises(YAMLError):
            fastyaml.load(text)
        return
    assert fastyaml.load(text) == expected


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a: &x 1\nb: *x\n", "yaml-alias", 1),
        ("a: 1\nb: [1, 2]\na: 2\n", "yaml-duplicate-key", 3),
        ("a: !!python/object:os.system x\n", "yaml-tag", 1),
        ("a: 1\n---\nb: 2\n", "yaml-documents", 2),
        ("? [a, b]\n: 1\n", "yaml-complex-key", 1),
    ],
)
def test_refused(text: str, code: str, line: int) -> None:
    with pytest.raises(fastyaml.LoadError) as caught:
        fastyaml.load(text)
    assert (caught.value.code, caught.value.line) == (code, line)


def test_impossible_date_stays_text() -> None:
    assert fastyaml.load("a: 2022-02-30\nb: 2022-02-28\nc: '2022-02-28'\n") == {
        "a": "2022-02-30",
        "b": date(2022, 2, 28),
        "c": "2022-02-28",
    }


def test_reading_in_parallel_finds_the_same(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for i in range(30):
        text = (corpus / "routines/riktlinje/riktlinje-b.yaml").read_text("utf-8")
        text = text.replace("id: riktlinje-b", f"id: riktlinje-{i}").replace(
            "owner: processledare", "owner: okand" if i % 7 == 0 else "owner: processledare"
        )
        (corpus / f"routines/riktlinje/riktlinje-{i}.yaml").write_text(text, "utf-8")
    serial = check_corpus(corpus, TODAY)
    monkeypatch.setattr(read, "PARALLEL_FROM", 1)
    parallel = check_corpus(corpus, TODAY)
    assert parallel == serial
    assert [f.code for f in serial].count("unknown-role") == 5
