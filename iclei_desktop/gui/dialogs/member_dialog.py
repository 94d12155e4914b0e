"""The local government form: names, kind, country, the region it is in, ICLEI membership."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit

from ...core.dto import LocalGovernmentDraft
from ...core.vocabulary import LOCAL_GOVERNMENT_KINDS
from .form_support import (
    RecordBox,
    RecordForm,
    ValueCombo,
    parse_year,
    set_data,
    text_box,
    vocabulary_combo,
    year_edit,
    year_problem,
    year_text,
)


class MemberDialog(RecordForm):
    """Edits a LocalGovernmentDraft (a member, or any city the catalogue names)."""

    kind = "local_government"

    def build(self) -> None:
        self.name_edit = QLineEdit(self)
        self.native_edit = QLineEdit(self)
        self.native_edit.setPlaceholderText(self.tr("In its own script: 서울특별시, 成都市"))
        self.kind_combo = vocabulary_combo(self, LOCAL_GOVERNMENT_KINDS)
        self.country_combo = ValueCombo(self.choices.get("countries", []), self)
        self.parent_box = RecordBox(
            self.choices.get("local_governments", []), self.tr("local government"), self
        )
        self.parent_box.exclude(self.record_id)
        self.membership_combo = QComboBox(self)
        self.membership_combo.addItem(self.tr("Not stated"), None)
        self.membership_combo.addItem(self.tr("ICLEI member"), True)
        self.membership_combo.addItem(self.tr("Not a member"), False)
        self.since_edit = year_edit(self)
        self.membership_note_edit = text_box(self, 50)  # a sentence or two, quoted
        self.note_edit = text_box(self, 80)
        self.row(self.tr("&Name"), self.name_edit, "name")
        self.row(self.tr("Nat&ive name"), self.native_edit, "native_name")
        self.row(self.tr("&Kind"), self.kind_combo, "kind")
        self.row(self.tr("&Country"), self.country_combo, "country")
        self.row(self.tr("Part o&f"), self.parent_box, "parent_id")
        self.row(self.tr("ICLEI &membership"), self.membership_combo, "is_member")
        self.row(self.tr("Member since (&year)"), self.since_edit, "member_since")
        self.row(self.tr("Membership no&te"), self.membership_note_edit, "membership_note")
        self.row(self.tr("N&ote"), self.note_edit, "note")
        self.resize(560, 0)  # as tall as it needs

    def load(self, draft: LocalGovernmentDraft) -> None:
        self._loading = True
        self.name_edit.setText(draft.name)
        self.native_edit.setText(draft.native_name)
        set_data(self.kind_combo, draft.kind)
        self.country_combo.set_value(draft.country)
        self.parent_box.set_record_id(draft.parent_id)
        self.membership_combo.setCurrentIndex(
            max(self.membership_combo.findData(draft.is_member), 0)
        )
        self.since_edit.setText(year_text(draft.member_since))
        self.membership_note_edit.setPlainText(draft.membership_note)
        self.note_edit.setPlainText(draft.note)
        self._loading = False

    def draft(self) -> LocalGovernmentDraft:
        return LocalGovernmentDraft(
            name=self.name_edit.text(),
            native_name=self.native_edit.text(),
            kind=self.kind_combo.currentData(),
            country=self.country_combo.value(),
            parent_id=self.parent_box.record_id(),
            is_member=self.membership_combo.currentData(),
            member_since=parse_year(self.since_edit.text()),
            membership_note=self.membership_note_edit.toPlainText(),
            note=self.note_edit.toPlainText(),
        )

    def form_errors(self) -> dict[str, str]:
        found: dict[str, str] = {}
        problem = year_problem(self.since_edit.text())
        if problem:
            found["member_since"] = problem
        problem = self.parent_box.problem()
        if problem:
            found["parent_id"] = problem
        return found
