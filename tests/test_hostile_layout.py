"""Hostile Word layouts: other files (include, extends, import), huge strings, numbers and
loops, ``|attr``, ``.format``, ``%`` and item access. ``fill`` stops quickly with a clear
Swedish error and writes nothing; ``check`` reports each as layout-syntax."""

from __future__ import annotations

import resource
import time
from pathlib import Path

import pytest
from helpers.word import fill_c, layout_findings, with_layout

from governance.render.forms import sandbox
from governance.render.forms.sandbox import MAX_SECONDS, Environment, LimitExceeded

FIELDS = "{{ namn }} {{ beslut }}"

# layout text → the reason fill gives
STOPPED = {
    "{% include 'mall-c.docx' %}": "en layout får inte hämta andra filer (include, extends "
    "eller import av 'mall-c.docx')",
    "{% extends 'bas.docx' %}": "en layout får inte hämta andra filer (include, extends "
    "eller import av 'bas.docx')",
    "{% import 'makron.docx' as m %}": "en layout får inte hämta andra filer (include, "
    "extends eller import av 'makron.docx')",
    "{{ 'a' * 10**9 }}": "uttrycket med * blir 1000000000 tecken eller element (högst 100000)",
    "{% for i in range(10**8) %}x{% endfor %}": "range() ger fler än 10000 tal",
    "{{ 9 ** 99999999 }}": "talet 9**99999999 är för stort",
    "{{ '{:>999999999}'.format(namn) }}": ".format är inte tillåtet i en layout",
    "{{ '%999999999s' % namn }}": "formatering med % är inte tillåten i en layout",
    "{{ namn|center(999999999) }}": "center(999999999) är bredare än 1000 tecken",
}

# layout text → what check says the layout uses
REPORTED = {
    "{% include 'mall-c.docx' %}": "{% include %}",
    "{% extends 'bas.docx' %}": "{% extends %}",
    "{% import 'makron.docx' as m %}": "{% import %}",
    "{% from 'makron.docx' import m %}": "{% from … import %}",
    "{{ namn|attr('upper') }}": "filtret |attr",
    "{{ '{}'.format(namn) }}": "'.format'",
    "{{ '%s' % namn }}": "formatering med %",
    "{{ namn['x'] }}": "hakparenteser (namn['x'])",
    "{{ okand['__class__'] }}": "hakparenteser (okand['__class__'])",
    "{{ ''.__class__ }}": "'.__class__'",
}


@pytest.mark.parametrize("text", sorted(STOPPED))
def test_fill_stops_a_hostile_layout_quickly(corpus: Path, tmp_path: Path, text: str) -> None:
    with_layout(corpus, FIELDS, text)
    started = time.monotonic()
    code, stderr, out = fill_c(corpus, tmp_path)
    assert time.monotonic() - started < 10
    assert code == 1
    assert stderr == (
        f"Fel: {corpus / 'templates/mall-c.docx'}: mallen stoppades: {STOPPED[text]}. "
        "Förenkla layouten.\n"
    )
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["corpus", "d.yaml"]  # nothing written


@pytest.mark.parametrize("text", sorted(REPORTED))
def test_check_reports_what_a_layout_must_not_use(corpus: Path, text: str) -> None:
    with_layout(corpus, FIELDS, text)
    messages = [f.message for f in layout_findings(corpus) if f.code == "layout-syntax"]
    expected = f"Layouten 'mall-c.docx' använder {REPORTED[text]}, som sandlådan inte tillåter."
    assert expected in messages


def test_a_clean_layout_with_a_table_row_is_not_reported(corpus: Path) -> None:
    with_layout(corpus, FIELDS, "{% for rad in [] %}{{ rad['kolumn'] }}{% endfor %}")
    assert [f for f in layout_findings(corpus) if f.code == "layout-syntax"] == []


def test_a_layout_that_loops_forever_is_stopped_by_the_clock(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert MAX_SECONDS == 10.0
    monkeypatch.setattr(sandbox, "MAX_SECONDS", 1.0)  # the same clock, sooner
    source = "{% set s = 'a' * 100000 %}{% for c in s %}{% for d in s %}{% endfor %}{% endfor %}"
    started = time.monotonic()
    with pytest.raises(LimitExceeded, match="layouten tog mer än 1 sekunder att fylla i"):
        Environment().from_string(source).render()
    assert time.monotonic() - started < 5


def test_memory_stays_small_while_refusing() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    env = Environment()
    for text in ("{{ 'a' * 10**9 }}", "{{ [0] * 10**9 }}", "{{ 'x'|indent(10**9) }}"):
        with pytest.raises(LimitExceeded):
            env.from_string(text).render()
    grown_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kb < 100_000  # far from the 4.9 GB it took before
