"""The publication form: title, kind, date, language, the original it translates, its links."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QHBoxLayout, QLineEdit

from ...core.dto import PublicationDraft
from ...core.vocabulary import (
    DATE_PRECISIONS,
    PUBLICATION_KINDS,
    PUBLICATION_ORGANIZATION_ROLES,
    PUBLICATION_STATUSES,
)
from .event_dialog import DateEdit
from .form_support import (
    LinkList,
    RecordBox,
    RecordForm,
    ValueCombo,
    set_data,
    text_box,
    vocabulary_combo,
)


class PublicationDialog(RecordForm):
    """Edits a PublicationDraft with its programs, organizations and events."""

    kind = "publication"

    def build(self) -> None:
        choices = self.choices
        self.title_edit = QLineEdit(self)
        self.kind_combo = vocabulary_combo(self, PUBLICATION_KINDS)
        self.status_combo = vocabulary_combo(self, PUBLICATION_STATUSES)
        self.precision_combo = vocabulary_combo(self, DATE_PRECISIONS, self.tr("Not dated"))
        self.precision_combo.setAccessibleName(self.tr("Date known to the"))
        self.date_edit = DateEdit(self)
        self.date_edit.setAccessibleName(self.tr("Date"))
        self.date_text_edit = QLineEdit(self)
        self.date_text_edit.setPlaceholderText(self.tr("As the report says it: “Q3 2020”"))
        self.language_combo = ValueCombo(choices.get("languages", []), self)
        self.original_box = RecordBox(choices.get("publications", []), self.tr("publication"), self)
        self.original_box.exclude(self.record_id)
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("https://")
        self.note_edit = text_box(self, 70)
        self.organizations = LinkList(
            choices.get("organizations", []),
            self.tr("organizations"),
            self,
            roles=PUBLICATION_ORGANIZATION_ROLES,
        )
        self.programs = LinkList(choices.get("programs", []), self.tr("programs"), self)
        self.events = LinkList(choices.get("events", []), self.tr("events"), self)

        self.row(self.tr("&Title"), self.title_edit, "title")
        self.row(self.tr("&Kind"), self.kind_combo, "kind")
        self.row(self.tr("Stat&us"), self.status_combo, "status")
        when = QHBoxLayout()
        when.addWidget(self.precision_combo)
        when.addWidget(self.date_edit)
        when.addStretch(1)
        self.row(self.tr("&Date"), when, "date_precision", "published_on")
        self.row(self.tr("Date as &written"), self.date_text_edit, "date_text")
        self.row(self.tr("&Language"), self.language_combo, "language")
        self.row(self.tr("Tra&nslation of"), self.original_box, "translation_of_id")
        self.row(self.tr("Lin&k"), self.url_edit, "url")
        self.row(self.tr("N&ote"), self.note_edit, "note")
        self.row(self.tr("O&rganizations"), self.organizations, "organizations", form=self.right)
        self.row(self.tr("&Programs"), self.programs, "program_ids", form=self.right)
        self.row(self.tr("&Events"), self.events, "event_ids", form=self.right)
        self.precision_combo.currentIndexChanged.connect(self._on_precision_changed)
        self.resize(1000, 0)  # as tall as it needs

    def load(self, draft: PublicationDraft) -> None:
        self._loading = True
        self.title_edit.setText(draft.title)
        set_data(self.kind_combo, draft.kind)
        set_data(self.status_combo, draft.status)
        set_data(self.precision_combo, draft.date_precision)
        day = draft.published_on or date.today()
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        self.date_edit.setEnabled(draft.date_precision is not None)
        self.date_text_edit.setText(draft.date_text)
        self.language_combo.set_value(draft.language)
        self.original_box.set_record_id(draft.translation_of_id)
        self.url_edit.setText(draft.url)
        self.note_edit.setPlainText(draft.note)
        self.organizations.set_links(draft.organizations)
        self.programs.set_ids(draft.program_ids)
        self.events.set_ids(draft.event_ids)
        self._loading = False

    def draft(self) -> PublicationDraft:
        precision = self.precision_combo.currentData()
        day = self.date_edit.date()
        return PublicationDraft(
            title=self.title_edit.text(),
            kind=self.kind_combo.currentData(),
            published_on=date(day.year(), day.month(), day.day()) if precision else None,
            date_precision=precision,
            date_text=self.date_text_edit.text(),
            status=self.status_combo.currentData(),
            language=self.language_combo.value(),
            translation_of_id=self.original_box.record_id(),
            url=self.url_edit.text(),
            note=self.note_edit.toPlainText(),
            organizations=self.organizations.links(),
            program_ids=self.programs.ids(),
            event_ids=self.events.ids(),
        )

    def form_errors(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for field, widget in (
            ("translation_of_id", self.original_box),
            ("organizations", self.organizations),
            ("program_ids", self.programs),
            ("event_ids", self.events),
        ):
            problem = widget.problem()
            if problem:
                found[field] = problem
        return found

    def _on_precision_changed(self, _index: int) -> None:
        self.date_edit.setEnabled(self.precision_combo.currentData() is not None)
