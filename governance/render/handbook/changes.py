""" "Senaste ändringar" and the Atom feeds (the whole handbook, per unit, per role), both
from governance.archive.events. An entry about a version links to its "Vad ändrades"."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from governance.archive.events import Event, events
from governance.archive.versions import Archive
from governance.load import Corpus
from governance.render.handbook import escape

PAGE = "andringar.md"
FEED_DIR = "flode"
PAGE_LIMIT = 200
FEED_LIMIT = 50


def target(event: Event, archive: Archive | None) -> str:
    """Where an entry leads, relative to the site's root: the version's "Vad ändrades" when
    it has a page, else the document."""
    versions = archive.of(event.doc_id) if archive is not None else []
    if event.version and len(versions) > 1 and any(v.version == event.version for v in versions):
        return f"dokument/{event.doc_id}/version/{event.version}/#vad-andrades"
    return f"dokument/{event.doc_id}/"


def _what(event: Event) -> str:
    version = f" (version {event.version})" if event.version else ""
    return f"{event.label}{version}"


def feed_path(kind: str, term: str | None = None) -> str:
    return f"{FEED_DIR}/{kind}/{term}.xml" if term else f"{FEED_DIR}/alla.xml"


def changes_page(corpus: Corpus, archive: Archive | None, every: list[Event] | None = None) -> str:
    """The page of the latest changes; ``every``: the corpus' events, made already."""
    found = (events(corpus) if every is None else every)[:PAGE_LIMIT]
    names = corpus.config.name_of
    units = sorted({u for e in found for u in e.units})
    roles = sorted({r for e in found for r in e.roles})
    lines = [
        "---",
        "title: Senaste ändringar",
        "---",
        "",
        "# Senaste ändringar",
        "",
        "Beslut, revideringar, aktualitetsprövningar och upphävanden, det senaste först. "
        "Varje revidering leder till vad som ändrades. Prenumerera på ändringarna i en "
        f"flödesläsare: [alla dokument]({feed_path('alla')}) eller flödet för din förvaltning "
        "eller roll nedan.",
        "",
        '<div class="styrdok-filter" data-styrdok-changes-filter hidden>',
        _select("forvaltning", "Förvaltning", [(u, names("units", u)) for u in units]),
        _select("roll", "Roll", [(r, names("roles", r)) for r in roles]),
        "</div>",
        "",
        '<ul class="styrdok-changes">',
        *(_item(e, archive, corpus) for e in found),
        "</ul>",
        "",
        "## Flöden { data-search-exclude }",
        "",
        f"- [Alla dokument]({feed_path('alla')})",
        *(f"- [{escape.inline(names('units', u))}]({feed_path('forvaltning', u)})" for u in units),
        *(
            f"- [För {escape.inline(names('roles', r).lower())}]({feed_path('roll', r)})"
            for r in roles
        ),
        "",
    ]
    return "\n".join(lines)


def page_and_feeds(
    corpus: Corpus, archive: Archive | None, site_url: str | None
) -> tuple[str, dict[str, bytes]]:
    """The page of the latest changes and the feeds (path → Atom XML), from one list of
    the corpus' events."""
    every = events(corpus)
    return changes_page(corpus, archive, every), dict(feeds(corpus, archive, site_url, every))


def _select(key: str, label: str, options: list[tuple[str, str]]) -> str:
    items = "".join(
        f'<option value="{escape.html(i)}">{escape.html(n)}</option>' for i, n in options
    )
    return (
        f'<label for="styrdok-changes-{key}">{label}</label>'
        f'<select id="styrdok-changes-{key}" data-styrdok-changes="{key}">'
        f'<option value="">Alla</option>{items}</select>'
    )


def _item(event: Event, archive: Archive | None, corpus: Corpus) -> str:
    href = "../" + target(event, archive)
    return (
        f'<li data-forvaltning="{escape.html(" ".join(event.units))}" '
        f'data-roll="{escape.html(" ".join(event.roles))}">'
        f'<time datetime="{event.day.isoformat()}">{event.day.isoformat()}</time> '
        f"<strong>{escape.html(_what(event))}:</strong> "
        f'<a href="{escape.html(href)}">{escape.html(event.title)}</a>'
        f" – {escape.html(event.text)}</li>"
    )


def feeds(
    corpus: Corpus,
    archive: Archive | None,
    site_url: str | None,
    every: list[Event] | None = None,
) -> Iterator[tuple[str, bytes]]:
    """(path, Atom XML) of the site's feed, one per unit and one per role; ``every``: the
    corpus' events, made already."""
    found = events(corpus) if every is None else every
    name = corpus.config.organisation
    yield (
        feed_path("alla"),
        _atom(f"Styrande dokument – {name}", feed_path("alla"), found, archive, site_url),
    )
    for kind, attr, section in (("forvaltning", "units", "units"), ("roll", "roles", "roles")):
        by_term: dict[str, list[Event]] = {}
        for event in found:  # each term's events, in the order of all
            for term in set(getattr(event, attr)):
                by_term.setdefault(term, []).append(event)
        for term, mine in sorted(by_term.items(), key=lambda item: item[0]):
            title = f"Styrande dokument – {corpus.config.name_of(section, term)}"
            yield (
                feed_path(kind, term),
                _atom(title, feed_path(kind, term), mine, archive, site_url),
            )


def _atom(
    title: str, path: str, found: list[Event], archive: Archive | None, site_url: str | None
) -> bytes:
    depth = path.count("/")
    base = (site_url.rstrip("/") + "/") if site_url else "../" * depth
    updated = _stamp(found[0].day) if found else "1970-01-01T00:00:00Z"
    entries = "".join(_entry(e, archive, base) for e in found[:FEED_LIMIT])
    feed_id = f"tag:styrdok,2026:{path}"
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">\n'
        f"  <title>{xml_escape(title)}</title>\n"
        f"  <id>{xml_escape(feed_id)}</id>\n"
        f"  <updated>{updated}</updated>\n"
        f'  <link rel="self" href={quoteattr(base + path)}/>\n'
        f'  <link rel="alternate" href={quoteattr(base + "andringar/")}/>\n'
        "  <author><name>styrdok</name></author>\n"
        f"{entries}</feed>\n"
    )
    return text.encode("utf-8")


def _entry(event: Event, archive: Archive | None, base: str) -> str:
    version = event.version or ""
    entry_id = f"tag:styrdok,2026:{event.doc_id}/{event.kind}/{event.day.isoformat()}/{version}"
    summary = f"{_what(event)}: {event.text}"
    return (
        "  <entry>\n"
        f"    <title>{xml_escape(f'{event.label}: {event.title}')}</title>\n"
        f"    <id>{xml_escape(entry_id)}</id>\n"
        f"    <updated>{_stamp(event.day)}</updated>\n"
        f'    <link rel="alternate" href={quoteattr(base + target(event, archive))}/>\n'
        f"    <summary>{xml_escape(summary)}</summary>\n"
        "  </entry>\n"
    )


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"
