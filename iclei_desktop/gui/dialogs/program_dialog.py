"""The program form: name, kind, period and summary beside its pathways, partners and cities."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit

from ...core.dto import ProgramDraft
from ...core.vocabulary import (
    PROGRAM_KINDS,
    PROGRAM_LOCAL_GOVERNMENT_ROLES,
    PROGRAM_ORGANIZATION_ROLES,
    PROGRAM_STATUSES,
)
from .form_support import (
    LinkList,
    RecordBox,
    RecordForm,
    parse_year,
    set_data,
    text_box,
    vocabulary_combo,
    year_edit,
    year_problem,
    year_text,
)


class ProgramDialog(RecordForm):
    """Edits a ProgramDraft; its key figures are carried through unchanged."""

    kind = "program"

    def build(self) -> None:
        choices = self.choices
        self.name_edit = QLineEdit(self)
        self.acronym_edit = QLineEdit(self)
        self.kind_combo = vocabulary_combo(self, PROGRAM_KINDS)
        self.status_combo = vocabulary_combo(self, PROGRAM_STATUSES, self.tr("Not stated"))
        self.start_edit = year_edit(self)
        self.start_edit.setAccessibleName(self.tr("Start year"))
        self.end_edit = year_edit(self)
        self.end_edit.setAccessibleName(self.tr("End year"))
        self.period_text_edit = QLineEdit(self)
        self.period_text_edit.setPlaceholderText(self.tr("As the report says it, if not years"))
        self.parent_box = RecordBox(choices.get("programs", []), self.tr("program"), self)
        self.parent_box.exclude(self.record_id)
        self.summary_edit = text_box(self, 110)
        self.note_edit = text_box(self, 60)
        self.pathways = LinkList(
            choices.get("pathways", []), self.tr("pathways"), self, ordered=True
        )
        self.pathways.setToolTip(self.tr("The first pathway is the program's predominant one"))
        self.organizations = LinkList(
            choices.get("organizations", []),
            self.tr("funders and partners"),
            self,
            roles=PROGRAM_ORGANIZATION_ROLES,
        )
        self.local_governments = LinkList(
            choices.get("local_governments", []),
            self.tr("local governments"),
            self,
            roles=PROGRAM_LOCAL_GOVERNMENT_ROLES,
        )

        self.row(self.tr("&Name"), self.name_edit, "name")
        self.row(self.tr("A&cronym"), self.acronym_edit, "acronym")
        self.row(self.tr("&Kind"), self.kind_combo, "kind")
        self.row(self.tr("S&tatus"), self.status_combo, "status")
        period = QHBoxLayout()
        period.addWidget(self.start_edit)
        period.addWidget(QLabel("–", self))
        period.addWidget(self.end_edit)
        period.addStretch(1)
        self.row(self.tr("Pe&riod"), period, "period_start", "period_end")
        self.row(self.tr("Period as &written"), self.period_text_edit, "period_text")
        self.row(self.tr("Part o&f"), self.parent_box, "parent_id")
        self.row(self.tr("Su&mmary"), self.summary_edit, "summary")
        self.row(self.tr("N&ote"), self.note_edit, "note", "figures")
        hint = self.tr("Pat&hways\n(first: predominant)")
        self.row(hint, self.pathways, "pathway_ids", form=self.right)
        self.row(
            self.tr("F&unders and\npartners"), self.organizations, "organizations", form=self.right
        )
        self.row(
            self.tr("&Local\ngovernments"),
            self.local_governments,
            "local_governments",
            form=self.right,
        )
        self.resize(1000, 0)  # as tall as it needs

    def load(self, draft: ProgramDraft) -> None:
        self._loading = True
        self._carried = draft
        self.name_edit.setText(draft.name)
        self.acronym_edit.setText(draft.acronym)
        set_data(self.kind_combo, draft.kind)
        set_data(self.status_combo, draft.status)
        self.start_edit.setText(year_text(draft.period_start))
        self.end_edit.setText(year_text(draft.period_end))
        self.period_text_edit.setText(draft.period_text)
        self.parent_box.set_record_id(draft.parent_id)
        self.summary_edit.setPlainText(draft.summary)
        self.note_edit.setPlainText(draft.note)
        self.pathways.set_ids(draft.pathway_ids)
        self.organizations.set_links(draft.organizations)
        self.local_governments.set_links(draft.local_governments)
        self._loading = False

    def draft(self) -> ProgramDraft:
        return ProgramDraft(
            name=self.name_edit.text(),
            acronym=self.acronym_edit.text(),
            kind=self.kind_combo.currentData(),
            status=self.status_combo.currentData(),
            period_start=parse_year(self.start_edit.text()),
            period_end=parse_year(self.end_edit.text()),
            period_text=self.period_text_edit.text(),
            summary=self.summary_edit.toPlainText(),
            parent_id=self.parent_box.record_id(),
            note=self.note_edit.toPlainText(),
            pathway_ids=self.pathways.ids(),
            organizations=self.organizations.links(),
            local_governments=self.local_governments.links(),
            figures=self._carried.figures,
        )

    def form_errors(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for field, edit in (("period_start", self.start_edit), ("period_end", self.end_edit)):
            problem = year_problem(edit.text())
            if problem:
                found[field] = problem
        for field, widget in (
            ("parent_id", self.parent_box),
            ("pathway_ids", self.pathways),
            ("organizations", self.organizations),
            ("local_governments", self.local_governments),
        ):
            problem = widget.problem()
            if problem:
                found[field] = problem
        return found
