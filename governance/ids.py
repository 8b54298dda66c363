"""Ids for new documents: the organisation's id scheme (``id_scheme`` in styrdok.yaml).

The scheme is a pattern with these fields:

* ``{kind}``: the document kind's id, e.g. ``rutin``;
* ``{slug}``: the title in a–z, 0–9 and hyphens (å, ä → a, ö → o), without the kind's
  name and a small word after it ("Rutin för bistånd till boende" → ``bistand-till-boende``);
* ``{n}``: the next free number among the ids that follow the scheme, with an optional
  width (``{n:03}`` gives 001, 002, …);
* ``{year}``: the year of the day the document is made.

The default ``{kind}-{slug}`` gives ``rutin-bistand-till-boende``; ``{kind}-{year}-{n:03}``
gives ``rutin-2026-001``. When an id made without ``{n}`` is taken, ``-2``, ``-3``, … is
added.
"""

from __future__ import annotations

import re
import string
import unicodedata
from dataclasses import dataclass

from governance.model import ID_PATTERN

DEFAULT_SCHEME = "{kind}-{slug}"
FIELDS = ("kind", "slug", "n", "year")
SLUG_MAX = 50
_SMALL_WORDS = frozenset(("for", "om", "av", "till", "vid", "i", "kring", "med"))
_ID = re.compile(ID_PATTERN)


def _fields(scheme: str) -> list[tuple[str, str | None, str | None]]:
    return [(lit, name, spec) for lit, name, spec, _ in string.Formatter().parse(scheme)]


def scheme_problem(scheme: str) -> str | None:
    """What is wrong with an id scheme, in Swedish, or None."""
    try:
        parts = _fields(scheme)
    except ValueError as exc:
        return f"mönstret '{scheme}' går inte att läsa ({exc})."
    names = [name for _, name, _ in parts if name is not None]
    unknown = sorted({n for n in names if n not in FIELDS})
    if unknown:
        known = ", ".join("{" + f + "}" for f in FIELDS)
        return f"okända fält i '{scheme}': {', '.join(unknown)}. Använd {known}."
    if "slug" not in names and "n" not in names:
        return f"'{scheme}' måste innehålla {{slug}} eller {{n}}, annars blir alla id lika."
    try:
        example = render(scheme, kind="rutin", slug="exempel", n=1, year=2026)
    except (ValueError, TypeError) as exc:
        return f"mönstret '{scheme}' går inte att använda ({exc})."
    if not _ID.match(example):
        return f"'{scheme}' ger id som '{example}'; ett id får bara ha a–z, 0–9 och bindestreck."
    return None


def render(scheme: str, *, kind: str, slug: str, n: int, year: int) -> str:
    return scheme.format(kind=kind, slug=slug, n=n, year=year)


def slug(title: str, kind_words: tuple[str, ...] = ()) -> str:
    """The title as an id part, without the kind's name at the start."""
    words = slug_words(title)
    lead = {w for phrase in kind_words for w in slug_words(phrase)}
    while words and words[0] in lead and len(words) > 1:
        words.pop(0)
    if words and words[0] in _SMALL_WORDS and len(words) > 1:
        words.pop(0)
    out = ""
    for word in words:
        if out and len(out) + 1 + len(word) > SLUG_MAX:
            break
        out = f"{out}-{word}" if out else word[:SLUG_MAX]
    return out or "dokument"


def slug_words(text: str) -> list[str]:
    """The words of a text in a–z and 0–9 (accents dropped: å → a, ö → o, é → e)."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return [w for w in re.split(r"[^a-z0-9]+", plain) if w]


@dataclass(frozen=True)
class IdRequest:
    scheme: str
    kind: str
    slug: str
    year: int


def _pattern(request: IdRequest) -> re.Pattern[str]:
    out = ""
    for literal, name, _ in _fields(request.scheme):
        out += re.escape(literal)
        if name == "n":
            out += r"(?P<n>\d+)"
        elif name is not None:
            value = {"kind": request.kind, "slug": request.slug, "year": str(request.year)}[name]
            out += re.escape(value)
    return re.compile(out + "$")


def next_id(request: IdRequest, taken: set[str]) -> str:
    """The first id under the scheme that is not taken."""

    def make(n: int) -> str:
        return render(request.scheme, kind=request.kind, slug=request.slug, n=n, year=request.year)

    if any(name == "n" for _, name, _ in _fields(request.scheme)):
        pattern = _pattern(request)
        numbers = [int(m["n"]) for t in taken if (m := pattern.match(t))]
        return make(max(numbers, default=0) + 1)
    base = make(0)
    candidate, counter = base, 1
    while candidate in taken:
        counter += 1
        candidate = f"{base}-{counter}"
    return candidate
