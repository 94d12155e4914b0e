"""The Programs tab: programs grouped by their predominant pathway."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex
from PySide6.QtWidgets import QTreeView, QWidget

from ...core.api import Catalogue
from ...core.dto import ProgramRow
from ..labels import label
from ..models.grouped_model import GroupedModel
from ..models.record_model import Column
from .record_tab import RecordTab

COLUMNS: tuple[Column[ProgramRow], ...] = (
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Name"), lambda r: r.name),
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Acronym"), lambda r: r.acronym or ""),
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Kind"), lambda r: label(r.kind)),
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Period"), lambda r: r.period),
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Status"), lambda r: label(r.status)),
    Column(QT_TRANSLATE_NOOP("ProgramsTab", "Also on"), lambda r: ", ".join(r.pathways[1:])),
)


class ProgramsTab(RecordTab[ProgramRow]):
    """Programs, networks, projects, partnerships and initiatives by pathway."""

    kind = "program"
    screen = "programs"

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(
            catalogue,
            COLUMNS,
            "ProgramsTab",
            self.tr("Filter programs by name, acronym, kind, period…"),
            self.tr(
                "Select a program to see its summary, funders, partners, cities, "
                "key figures, events and publications."
            ),
            self.tr("Programs"),
            parent,
        )
        self.pathway_combo = self.add_choice(
            self.tr("Pathway"), "pathway", lambda names: [(p, p) for p in names]
        )
        self.year_combo = self.add_choice(
            self.tr("Active in"), "year", lambda years: [(str(y), y) for y in years]
        )
        self.partner_combo = self.add_choice(
            self.tr("Partner or funder"), "partner", lambda names: [(o, o) for o in names]
        )

    def make_view(self) -> QTreeView:
        view = QTreeView(self)
        view.setUniformRowHeights(True)
        view.setAllColumnsShowFocus(True)
        return view

    def list_model(self) -> GroupedModel[ProgramRow]:
        # Grouped under their first pathway; which rows and in which order still comes from SQL.
        if not hasattr(self, "tree"):
            self.tree: GroupedModel[ProgramRow] = GroupedModel(
                COLUMNS, "ProgramsTab", lambda ids: self.catalogue.rows(self.kind, ids), self
            )
            self.tree.sort_requested.connect(self._on_sort_requested)
        return self.tree

    def reload(self) -> None:
        self._groups = self.catalogue.program_groups()
        self._pathways = self.catalogue.pathway_names()
        self.tree.forget_rows()
        super().reload()

    def refresh(self) -> None:
        if not self.loaded:
            self.reload()
            return
        self.query = replace(self.query, text=self.filter_edit.text())
        under: dict[str, list[int]] = {p: [] for p in self._pathways}
        for record_id in self.catalogue.ids(self.kind, self.query):
            under.setdefault(self._groups.get(record_id, ""), []).append(record_id)
        unplaced = under.get("", [])
        self.tree.set_groups(
            [(p, under[p]) for p in self._pathways] + [(self.tr("No pathway"), unplaced)]
        )
        self.view.expandAll()  # type: ignore[union-attr]
        self._update_counts()
        if self._shown_id is not None:
            self._select(self._shown_id)

    def shown_ids(self) -> list[int]:
        self.ensure_loaded()
        return self.tree.ids()

    def showcase(self) -> None:
        ids = self.tree.ids()
        if ids and self.current_id() is None:
            self.show_record(ids[0])

    def _find(self, record_id: int) -> QModelIndex:
        return self.tree.index_of(record_id)

    def _shown_count(self) -> int:
        return len(self.tree.ids())
