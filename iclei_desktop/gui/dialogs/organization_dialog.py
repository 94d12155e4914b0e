"""The organization form: names, kind, country and the organization it belongs to."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from ...core.dto import OrganizationDraft
from ...core.vocabulary import ORGANIZATION_KINDS
from .form_support import RecordBox, RecordForm, ValueCombo, set_data, text_box, vocabulary_combo


class OrganizationDialog(RecordForm):
    """Edits an OrganizationDraft: a partner, funder, UN body, ministry, university…"""

    kind = "organization"

    def build(self) -> None:
        self.name_edit = QLineEdit(self)
        self.acronym_edit = QLineEdit(self)
        self.native_edit = QLineEdit(self)
        self.kind_combo = vocabulary_combo(self, ORGANIZATION_KINDS)
        self.country_combo = ValueCombo(self.choices.get("countries", []), self)
        self.parent_box = RecordBox(
            self.choices.get("organizations", []), self.tr("organization"), self
        )
        self.parent_box.exclude(self.record_id)
        self.note_edit = text_box(self, 80)
        self.row(self.tr("&Name"), self.name_edit, "name")
        self.row(self.tr("A&cronym"), self.acronym_edit, "acronym")
        self.row(self.tr("Nat&ive name"), self.native_edit, "native_name")
        self.row(self.tr("&Kind"), self.kind_combo, "kind")
        self.row(self.tr("Co&untry"), self.country_combo, "country")
        self.row(self.tr("Part o&f"), self.parent_box, "parent_id")
        self.row(self.tr("N&ote"), self.note_edit, "note")
        self.resize(560, 0)  # as tall as it needs

    def load(self, draft: OrganizationDraft) -> None:
        self._loading = True
        self.name_edit.setText(draft.name)
        self.acronym_edit.setText(draft.acronym)
        self.native_edit.setText(draft.native_name)
        set_data(self.kind_combo, draft.kind)
        self.country_combo.set_value(draft.country)
        self.parent_box.set_record_id(draft.parent_id)
        self.note_edit.setPlainText(draft.note)
        self._loading = False

    def draft(self) -> OrganizationDraft:
        return OrganizationDraft(
            name=self.name_edit.text(),
            acronym=self.acronym_edit.text(),
            native_name=self.native_edit.text(),
            kind=self.kind_combo.currentData(),
            country=self.country_combo.value(),
            parent_id=self.parent_box.record_id(),
            note=self.note_edit.toPlainText(),
        )

    def form_errors(self) -> dict[str, str]:
        problem = self.parent_box.problem()
        return {"parent_id": problem} if problem else {}
