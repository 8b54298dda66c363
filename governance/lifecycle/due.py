"""``styrdok due``: the deadlines ahead — periodic reviews and ends of validity — for
documents in force, grouped by the role that owns them.

A deadline is listed when it falls on or before the end of the window, so deadlines
already passed are listed too (as overdue): they are the most urgent ones. The review date
is ``governance.status.next_review``, the same that ``check`` warns about.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Literal

from governance.clitext import counted
from governance.dates import Window as Window  # --within is read in governance.dates
from governance.dates import parse_window as parse_window
from governance.errors import UnknownId
from governance.load import Corpus
from governance.messages import did_you_mean
from governance.status import next_review

What = Literal["review", "validity"]
WHAT_SV: dict[str, str] = {"review": "Aktualitetsprövning", "validity": "Giltigheten går ut"}
NO_OWNER = "(ingen dokumentansvarig)"


@dataclass(frozen=True)
class Deadline:
    doc_id: str
    title: str
    path: str
    owner: str | None
    owner_name: str
    day: date
    what: What

    def overdue(self, today: date) -> bool:
        return self.day < today


def _check_owner(corpus: Corpus, owner: str) -> None:
    roles = corpus.config.term_ids("roles")
    if owner in roles:
        return
    owners = sorted({o for d in corpus.documents.values() for o in d.owners if o in roles})
    tip = did_you_mean(owner, roles)
    raise UnknownId(
        f"Rollen '{owner}' finns inte under roles i styrdok.yaml.{tip} "
        f"Roller som är dokumentansvariga: {', '.join(owners) or 'inga'}."
    )


def deadlines(corpus: Corpus, today: date, until: date, owner: str | None = None) -> list[Deadline]:
    """Every review and end of validity on or before ``until`` of documents in force; a
    document with several owners is listed under each of them."""
    if owner is not None:
        _check_owner(corpus, owner)
    found = []
    for doc in corpus.documents.values():
        if doc.status != "in-force" or (owner is not None and owner not in doc.owners):
            continue
        path = corpus.entry_of[doc.id].path
        review = next_review(corpus.config, doc)
        days: list[tuple[date | None, What]] = [(review, "review")]
        if isinstance(doc.valid_until, date):
            days.append((doc.valid_until, "validity"))
        roles: list[str | None] = [owner] if owner is not None else [*doc.owners] or [None]
        for role in roles:
            name = corpus.config.name_of("roles", role) if role else NO_OWNER
            for day, what in days:
                if day is not None and day <= until:
                    found.append(Deadline(doc.id, doc.title, path, role, name, day, what))
    return sorted(found, key=lambda d: (d.day, d.doc_id, d.what, d.owner or ""))


def by_owner(found: list[Deadline]) -> list[tuple[str, list[Deadline]]]:
    """Deadlines per owner (by the role's name; documents without an owner last)."""
    groups: dict[str, list[Deadline]] = {}
    for deadline in found:
        label = (
            f"{deadline.owner_name} ({deadline.owner})" if deadline.owner else deadline.owner_name
        )
        groups.setdefault(label, []).append(deadline)
    return sorted(groups.items(), key=lambda item: (item[0] == NO_OWNER, item[0].casefold()))


def _status(deadline: Deadline, today: date) -> str:
    return "försenad" if deadline.overdue(today) else "kommande"


def table(found: list[Deadline], today: date, until: date) -> str:
    if not found:
        return f"Inga aktualitetsprövningar eller slutdatum till och med {until}.\n"
    lines: list[str] = []
    width = max(len(WHAT_SV[d.what]) for d in found)
    id_width = max(len(d.doc_id) for d in found)
    for label, items in by_owner(found):
        lines += ([""] if lines else []) + [label]
        for d in items:
            lines.append(
                f"  {d.day}  {_status(d, today):<8}  {WHAT_SV[d.what]:<{width}}  "
                f"{d.doc_id:<{id_width}}  {d.title}"
            )
    documents = len({d.doc_id for d in found})
    count = len({(d.doc_id, d.what, d.day) for d in found})  # once per document, not owner
    frister = counted(count, "tidsfrist", "tidsfrister")
    lines += ["", f"{frister} i {documents} dokument till och med {until}."]
    return "\n".join(lines) + "\n"


# --csv-dialect: "excel" opens in a Swedish Excel by double-click (semicolons, since comma
# is the decimal sign; UTF-8 with a byte order mark, or Excel reads å as Ã¥); "plain" is
# RFC 4180-style comma-separated UTF-8 for other programs.
CSV_DIALECTS = ("excel", "plain")


def csv_text(found: list[Deadline], today: date, dialect: str = "excel") -> str:
    """The deadlines as CSV; in the ``excel`` dialect starting with a byte order mark."""
    out = io.StringIO()
    if dialect == "excel":
        out.write("\ufeff")
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    else:
        writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["dokumentansvarig", "roll", "datum", "frist", "status", "id", "titel", "fil"])
    for _, items in by_owner(found):
        for d in items:
            writer.writerow(
                [
                    d.owner_name,
                    d.owner or "",
                    d.day.isoformat(),
                    WHAT_SV[d.what],
                    _status(d, today),
                    d.doc_id,
                    d.title,
                    d.path,
                ]
            )
    return out.getvalue()
