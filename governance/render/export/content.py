"""The body of an official document, in the order of the handbook page: sections,
principles, target group, responsibilities, processes with phases and steps, questions and
answers, checklists, sources; then related and supporting documents, attachments,
templates and the revision history."""

from __future__ import annotations

from docx.text.paragraph import Paragraph

from governance import facts
from governance.facts import kind_label
from governance.load import Corpus
from governance.model import Document, Section, Step
from governance.render.export.docxkit import Cell, Style, Writer
from governance.render.export.markdown import write_body, write_inline
from governance.render.outline import top_level
from governance.status import Statuses

CHECKBOX = "☐"
# The hidden bookmark on the first paragraph of a part a section holds (its include:),
# with the section's heading level: ``_styrdokin_2_processes_14``. Not MARK
# (governance.importer.tree), since that paragraph may be a part's own heading.
INCLUDED = "_styrdokin_"


class Body:
    def __init__(self, writer: Writer, corpus: Corpus, doc: Document, statuses: Statuses) -> None:
        self.w, self.corpus, self.doc, self.statuses = writer, corpus, doc, statuses

    def role(self, role_id: str) -> str:
        return self.corpus.config.name_of("roles", role_id)

    _inside = False  # writing a part inside a section: no heading of its own

    def write(self) -> None:
        for part in top_level(self.doc):
            getattr(self, f"_{part}")(1)
        self._attachments()
        self._templates()
        self._revisions()

    def _part(self, title: str, level: int, part: str) -> None:
        """A heading of a part of the model, marked with a hidden bookmark
        (``_styrdok_process_7``) by which 'styrdok import' finds the part again."""
        self.w.bookmark(self.w.heading(title, level), f"_styrdok_{part}")

    def heading(self, text: str, level: int, part: str) -> None:
        """A part's own heading, left out inside a section (the section's stands for it)."""
        if not self._inside:
            self._part(text, level, part)

    def _within(self, name: str, level: int) -> None:
        """A part the section at ``level`` holds (include:), written without its heading;
        its first paragraph is marked so that 'styrdok import' puts it back there."""
        self._inside = True
        self.w.mark_next(f"{INCLUDED}{level}_{name}")
        try:
            getattr(self, f"_{name}")(level)
        finally:
            self._inside = False
            self.w.mark_next(None)

    def _sections(self, level: int) -> None:
        for section in self.doc.sections:
            self._section(section, level)

    def _section(self, section: Section, level: int) -> None:
        self.w.heading(section.title, level)
        if section.body:
            write_body(self.w, section.body, level)
        for child in section.sections:
            self._section(child, level + 1)
        for name in section.include:
            self._within(name, level)

    def _bullets(self, texts: list[str], markdown: bool = True) -> None:
        num_id = self.w.new_list("bullet")
        for text in texts:
            para = self.w.list_item(num_id)
            if markdown:
                write_inline(self.w, para, text)
            else:
                self.w.add(para, text)

    def _principles(self, level: int) -> None:
        if not self.doc.principles:
            return
        self.heading("Principer", level, "principles")
        num_id = self.w.new_list("bullet")
        for principle in self.doc.principles:
            para = self.w.list_item(num_id)
            self.w.add(para, principle.title, Style(bold=True))
            if principle.description:
                self.w.add(para, " – ")
                write_inline(self.w, para, principle.description)

    def _target_group(self, level: int) -> None:
        group = self.doc.target_group
        if group is None:
            return
        self.heading("Målgrupp", level, "target_group")
        if group.description:
            write_body(self.w, group.description, level)
        if group.criteria:
            self._bullets(group.criteria, markdown=False)

    def _responsibilities(self, level: int) -> None:
        if not self.doc.responsibilities:
            return
        self.heading("Roller och ansvar", level, "responsibilities")
        names = self.corpus.config.name_of
        for item in self.doc.responsibilities:
            who = names("units", item.unit) if item.unit else names("roles", item.role or "")
            self._part(who, level + 1, "unit" if item.unit else "role")
            self._bullets(item.duties)

    def _processes(self, level: int) -> None:
        level = level + 1 if self._inside else level  # each process is its own heading
        for process in self.doc.processes:
            self._part(process.title, level, "process")
            if process.description:
                write_body(self.w, process.description, level)
            if process.steps:
                self._steps(process.steps)
            for phase in process.phases:
                self._part(phase.title, level + 1, "phase")
                if phase.roles:
                    para = self.w.paragraph()
                    self.w.add(para, "Roller: ", Style(bold=True))
                    self.w.add(para, ", ".join(self.role(r) for r in phase.roles))
                if phase.description:
                    write_body(self.w, phase.description, level + 1)
                if phase.steps:
                    self._steps(phase.steps)

    def _steps(self, steps: list[Step]) -> None:
        """Numbered steps (1, 2 …) with the responsible role, sub-steps lettered (a, b …)."""
        num_id = self.w.new_list("ordered")
        for step in steps:
            self._step(self.w.list_item(num_id), step.role, step.text)
            if step.details:
                write_inline(self.w, self.w.under_item(), step.details)
            for sub in step.substeps:
                self._step(self.w.list_item(num_id, 1), sub.role, sub.text)

    def _step(self, para: Paragraph, role: str | None, text: str) -> None:
        if role:
            self.w.add(para, f"{self.role(role)}: ", Style(bold=True))
        write_inline(self.w, para, text)

    def _faq(self, level: int) -> None:
        if not self.doc.faq:
            return
        self.heading("Frågor och svar", level, "faq")
        for item in self.doc.faq:
            self.w.heading(item.question, level + 1)
            write_body(self.w, item.answer, level + 1)

    def _checklists(self, level: int) -> None:
        level = level + 1 if self._inside else level
        for checklist in self.doc.checklists:
            self._part(f"Checklista: {checklist.title}", level, "checklist")
            for item in checklist.items:
                para = self.w.paragraph(style="List Paragraph")
                self.w.add(para, f"{CHECKBOX} ")
                write_inline(self.w, para, item)  # Markdown, as in the handbook

    def _sources(self, level: int) -> None:
        doc = self.doc
        if not (doc.sources or doc.fact_check):
            return
        self.heading("Källor", level, "sources")
        num_id = self.w.new_list("bullet")
        for source in doc.sources:
            para = self.w.list_item(num_id)
            self.w.add(para, source.title, Style(url=source.url))
            extra = ", ".join(x for x in (source.publisher or "", str(source.year or "")) if x)
            if extra:
                self.w.add(para, f", {extra}")
        if doc.fact_check:
            checked = doc.fact_check.date or "uppgift saknas"
            self.w.paragraph(f"Faktagranskad av {doc.fact_check.by}. Senast granskad: {checked}.")

    def _contacts(self, level: int) -> None:
        if not self.doc.contacts:
            return
        self.heading("Kontaktvägar", level, "contacts")
        for contact in self.doc.contacts:
            self.w.heading(contact.title, level + 1)
            if contact.body:
                write_body(self.w, contact.body, level + 1)

    def _links(self, level: int) -> None:
        doc, corpus = self.doc, self.corpus
        self.heading("Koppling till andra styrande dokument", level, "links")
        linked = [corpus.documents[t] for t in doc.links if t in corpus.documents]
        if not linked:
            self.w.paragraph("Inga.")
        num_id = self.w.new_list("bullet") if linked else 0
        for target in linked:
            para = self.w.list_item(num_id)
            self.w.add(para, target.title, Style(url=target.url))
            status = facts.short_status(corpus, target, self.statuses[target.id]).lower()
            self.w.add(para, f" ({kind_label(corpus, target)}, {status})")

    def _supporting_documents(self, level: int) -> None:
        if not self.doc.supporting_documents:
            return
        self.heading("Stödjande dokument", level, "supporting")
        num_id = self.w.new_list("bullet")
        for item in self.doc.supporting_documents:
            para = self.w.list_item(num_id)
            self.w.add(para, item.title, Style(url=item.url))
            if item.publisher:
                self.w.add(para, f" ({item.publisher})")

    def _attachments(self) -> None:
        if not self.doc.attachments:
            return
        self._part("Bilagor", 1, "attachments")
        num_id = self.w.new_list("bullet")
        for attachment in self.doc.attachments:
            para = self.w.list_item(num_id)
            self.w.add(para, attachment.title, Style(url=attachment.url))
            if attachment.file:
                self.w.add(para, f" (fil: {attachment.file})")

    def _templates(self) -> None:
        templates = [
            self.corpus.templates[t] for t in self.doc.templates if t in self.corpus.templates
        ]
        if not templates:
            return
        self._part("Mallar", 1, "templates")
        self._bullets([f"{t.title}, version {t.version}" for t in templates], markdown=False)

    def _revisions(self) -> None:
        if not self.doc.revisions:
            return
        self._part("Revideringar", 1, "revisions")
        header, table = facts.revision_table(self.corpus, self.doc)
        rows: list[list[Cell]] = [[[(cell, None)] for cell in row] for row in table]
        self.w.table(header, rows, caption="Revideringar")
