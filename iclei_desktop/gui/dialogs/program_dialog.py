"""The program form: name, kind, period and summary beside its pathways, partners and cities."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidgetItem,
    QWidget,
)

from ...core.dto import FigureDraft, ProgramDraft
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
    RowTable,
    parse_year,
    set_data,
    text_box,
    vocabulary_combo,
    year_edit,
    year_problem,
    year_text,
)


class FigureTable(RowTable):
    """A program's key figures, one row each: what is counted, the number, and as of when."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [self.tr("Figure"), self.tr("Value"), self.tr("As of")],
            self.tr("Key figures"),
            (self.tr("Add figure"), self.tr("Remove figure")),
            100,
            parent,
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

    def set_figures(self, figures: tuple[FigureDraft, ...]) -> None:
        """Show these figures, one row each."""
        self._set_parts(figures)

    def figures(self) -> tuple[FigureDraft, ...]:
        """The figures as the rows say."""
        return tuple(
            FigureDraft(
                label=self._text(row, 0),
                value=self._text(row, 1),
                as_of=self._text(row, 2),
                note=str(self._item(row, 0).data(Qt.ItemDataRole.UserRole) or ""),
            )
            for row in range(self.table.rowCount())
        )

    def _add_row(self, figure: FigureDraft) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((figure.label, figure.value, figure.as_of)):
            item = QTableWidgetItem(text)
            if column == 0:
                item.setData(Qt.ItemDataRole.UserRole, figure.note)  # carried, not shown
            self.table.setItem(row, column, item)
        return row

    def _new_part(self) -> FigureDraft:
        return FigureDraft()


class ProgramDialog(RecordForm):
    """Edits a ProgramDraft with its links and key figures."""

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
        self.row(self.tr("N&ote"), self.note_edit, "note")
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
        self.figures = FigureTable(self)
        self.row(self.tr("Key fi&gures"), self.figures, "figures", form=self.right)
        self.watch(self.figures.changed)
        self.resize(1000, 0)  # as tall as it needs

    def load(self, draft: ProgramDraft) -> None:
        self._loading = True
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
        self.figures.set_figures(draft.figures)
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
            figures=self.figures.figures(),
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
