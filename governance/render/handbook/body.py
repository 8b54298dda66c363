"""The body of a document's page, part by part, in the order governance.render.outline
gives. At the top a part has its own heading (level 2) and its items one level deeper;
inside a section that includes it, the section's heading stands for it and its items come
one level below the section. Every piece of corpus text passes through escape."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from governance.load import Corpus
from governance.model import Document, Process, Section, Step
from governance.render.handbook import escape, text
from governance.render.outline import top_level

# Relation sections list other documents' titles, which their own pages already index;
# leaving them out of the search index keeps it smaller and the results to the point.
SEARCH_EXCLUDE = "{ data-search-exclude }"
LinkFn = Callable[[str], str]


def _h(level: int, text: str) -> str:
    return f"{'#' * min(level, 6)} {text}\n"


def _one_line(text: str) -> str:
    return escape.markdown(" ".join(text.split()))


class Body:
    """``link`` makes a Markdown link to another document (with kind and status)."""

    def __init__(self, corpus: Corpus, doc: Document, link: LinkFn) -> None:
        self.corpus, self.doc, self.link = corpus, doc, link
        self.names = corpus.config.name_of

    _inside = False  # rendering a part inside a section: no heading of its own

    def render(self) -> Iterator[str]:
        for part in top_level(self.doc):
            yield from getattr(self, f"_{part}")(2)

    def heading(self, level: int, title: str) -> Iterator[str]:
        """A part's own heading, left out inside a section (the section's stands for it)."""
        if not self._inside:
            yield _h(level, title)

    def _within(self, name: str, level: int) -> Iterator[str]:
        """A part inside the section at ``level``: its items one level below."""
        self._inside = True
        try:
            yield from getattr(self, f"_{name}")(level)
        finally:
            self._inside = False

    def _sections(self, level: int) -> Iterator[str]:
        for section in self.doc.sections:
            yield from self._section(section, level)

    def _section(self, section: Section, level: int) -> Iterator[str]:
        yield _h(level, escape.inline(section.title))
        if section.body:
            yield escape.markdown(section.body) + "\n"
        for child in section.sections:
            yield from self._section(child, level + 1)
        for name in section.include:
            yield from self._within(name, level)

    def _principles(self, level: int) -> Iterator[str]:
        if not self.doc.principles:
            return
        yield from self.heading(level, "Principer")
        yield (
            "\n".join(
                f"- **{escape.inline(p.title)}**"
                + (f" – {_one_line(p.description)}" if p.description else "")
                for p in self.doc.principles
            )
            + "\n"
        )

    def _target_group(self, level: int) -> Iterator[str]:
        group = self.doc.target_group
        if not group:
            return
        yield from self.heading(level, "Målgrupp")
        if group.description:
            yield escape.markdown(group.description) + "\n"
        yield "\n".join(f"- {escape.inline(c)}" for c in group.criteria) + "\n"

    def _responsibilities(self, level: int) -> Iterator[str]:
        if not self.doc.responsibilities:
            return
        yield from self.heading(level, "Roller och ansvar")
        for r in self.doc.responsibilities:
            who = self.names("units", r.unit) if r.unit else self.names("roles", r.role or "")
            yield _h(level + 1, escape.inline(who))
            yield "\n".join(f"- {escape.markdown(d).strip()}" for d in r.duties) + "\n"

    def _processes(self, level: int) -> Iterator[str]:
        # A process is its own heading: at the top at ``level``, in a section one deeper.
        here = level + 1 if self._inside else level
        for process in self.doc.processes:
            yield from self._process(process, here)

    def _process(self, process: Process, level: int) -> Iterator[str]:
        yield _h(level, escape.inline(process.title))
        if process.description:
            yield escape.markdown(process.description) + "\n"
        if process.steps:
            yield self._steps(process.steps)
        for phase in process.phases:
            yield _h(level + 1, escape.inline(phase.title))
            if phase.roles:
                names = ", ".join(self.names("roles", r) for r in phase.roles)
                yield "Roller: " + escape.inline(names) + "\n"
            if phase.description:
                yield escape.markdown(phase.description) + "\n"
            if phase.steps:
                yield self._steps(phase.steps)

    def _steps(self, steps: list[Step]) -> str:
        lines = []
        for n, step in enumerate(steps, 1):
            role = f"**{escape.inline(self.names('roles', step.role))}:** " if step.role else ""
            lines.append(f"{n}. {role}{_one_line(step.text)}")
            if step.details:
                lines.append(f"\n    {_one_line(step.details)}\n")
            for sub in step.substeps:  # an ordered list; site CSS letters it a, b, c
                sub_role = (
                    f"**{escape.inline(self.names('roles', sub.role))}:** " if sub.role else ""
                )
                lines.append(f"    1. {sub_role}{_one_line(sub.text)}")
        return "\n".join(lines) + "\n"

    def _faq(self, level: int) -> Iterator[str]:
        if not self.doc.faq:
            return
        yield from self.heading(level, "Frågor och svar")
        for item in self.doc.faq:
            heading = _h(level + 1, escape.inline(item.question))
            yield f"{heading}\n{escape.markdown(item.answer)}\n"

    def _checklists(self, level: int) -> Iterator[str]:
        here = level + 1 if self._inside else level
        for checklist in self.doc.checklists:
            yield _h(here, f"Checklista: {escape.inline(checklist.title)}")
            yield text.checklist(checklist.items)

    def _sources(self, level: int) -> Iterator[str]:
        doc = self.doc
        if not (doc.sources or doc.fact_check):
            return
        yield from self.heading(level, "Källor")
        for s in doc.sources:
            title = escape.inline(s.title)
            text = escape.md_link(s.url, title) if s.url else title
            extra = ", ".join(x for x in (escape.inline(s.publisher or ""), str(s.year or "")) if x)
            yield f"- {text}" + (f", {extra}" if extra else "")
        if doc.fact_check:
            checked = doc.fact_check.date or "uppgift saknas"
            by = escape.inline(doc.fact_check.by)
            yield f"\nFaktagranskad av {by}. Senast granskad: {checked}.\n"

    def _contacts(self, level: int) -> Iterator[str]:
        if not self.doc.contacts:
            return
        yield from self.heading(level, "Kontaktvägar")
        for contact in self.doc.contacts:
            yield _h(level + 1, escape.inline(contact.title))
            if contact.body:
                yield escape.markdown(contact.body) + "\n"

    def _links(self, level: int) -> Iterator[str]:
        yield from self.heading(level, f"Koppling till andra styrande dokument {SEARCH_EXCLUDE}")
        links = [t for t in self.doc.links if t in self.corpus.documents]
        yield ("\n".join(f"- {self.link(t)}" for t in links) if links else "Inga.") + "\n"

    def _supporting_documents(self, level: int) -> Iterator[str]:
        if not self.doc.supporting_documents:
            return
        yield from self.heading(level, f"Stödjande dokument {SEARCH_EXCLUDE}")
        for s in self.doc.supporting_documents:
            title = escape.inline(s.title)
            text = escape.md_link(s.url, title) if s.url else title
            yield f"- {text}" + (f" ({escape.inline(s.publisher)})" if s.publisher else "")
        yield ""
