"""A tab of one record type: filters over a sortable list, and a detail pane beside it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...core.api import Catalogue
from ...core.errors import UserError
from ...core.services.listing import Query
from ..combo import ChoiceCombo
from ..detail_view import DetailView
from ..models.lazy_model import LazyModel
from ..models.record_model import Column, Role
from ..settings import Settings

R = TypeVar("R")
FIRST_IDS = 300  # ids read before the first paint of an unfiltered list; the rest on demand


class RecordTab(QWidget, Generic[R]):
    """Subclasses give the kind, columns and filters; the catalogue filters and sorts in SQL.

    Signals:
        record_selected(str, int): the user selected a record in the list.
        link_activated(str, int): the user followed a record link in the detail pane.
    """

    record_selected = Signal(str, int)
    link_activated = Signal(str, int)

    kind: str = ""
    screen: str = ""

    def __init__(
        self,
        catalogue: Catalogue,
        columns: Sequence[Column[R]],
        context: str,
        placeholder: str,
        empty_detail: str,
        list_name: str,
        parent: QWidget | None = None,
        *,
        muted: Callable[[R], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self._shown_id: int | None = None
        self._detail_of: tuple[str, int] | None = None  # the record the pane shows
        self._restored = False
        self.loaded = False  # read on first show: at start only the current tab is read
        self.query = Query()
        self.total = 0
        self.model: LazyModel[R] = LazyModel(
            columns, context, lambda ids: self.catalogue.rows(self.kind, ids), self, muted=muted
        )
        self._choices: list[tuple[ChoiceCombo, str]] = []

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(placeholder)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self.tr("Filter text"))
        self.count_label = QLabel(self)
        self.filter_bar = QHBoxLayout()

        self.view = self.make_view()
        self.header = (
            self.view.header() if isinstance(self.view, QTreeView) else self.view.horizontalHeader()
        )
        self.view.setAccessibleName(list_name)
        self.view.setModel(self.list_model())
        self.header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSortingEnabled(True)
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.header.setStretchLastSection(False)
        self.header.setHighlightSections(False)
        self.header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        self.empty_label = QLabel(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.view)
        self.stack.addWidget(self.empty_label)

        self.detail = DetailView(empty_detail, self)
        list_side = QWidget(self)
        list_layout = QVBoxLayout(list_side)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.filter_edit)
        list_layout.addLayout(self.filter_bar)
        list_layout.addWidget(self.stack, 1)
        list_layout.addWidget(self.count_label)
        self.list_side_layout = list_layout
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(list_side)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._base_connect_signals()

    # --- for subclasses ---

    def make_view(self) -> QTableView | QTreeView:
        """The list's view: a table, whose cost does not grow with its rows (a tree's does)."""
        view = QTableView(self)
        view.verticalHeader().hide()
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 4)
        view.setShowGrid(False)
        view.setWordWrap(False)
        view.setCornerButtonEnabled(False)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        return view

    def list_model(self) -> Any:
        """The model the view shows (a subclass may group the rows)."""
        return self.model

    def empty_text(self) -> str:
        """What to say when no row passes the filters."""
        return self.tr("Nothing matches these filters. Clear the filter text or choose “All”.")

    def showcase(self) -> None:
        """Select a record to show what the tab offers (for screenshots)."""
        first = self.model.id_at(0)
        if first is not None and self.current_id() is None:
            self.show_record(first)

    def focus_chain(self) -> list[QWidget]:
        """The widgets Tab moves through, in order."""
        return [self.filter_edit, *(combo for combo, _ in self._choices), self.view, self.detail]

    def add_choice(
        self,
        accessible_name: str,
        name: str,
        options: Callable[[list[Any]], list[tuple[str, Any]]],
        layout: QLayout | None = None,
    ) -> ChoiceCombo:
        """Add a drop-down for filter ``name``; ``options`` turns its values into choices."""
        combo = ChoiceCombo(
            accessible_name,
            lambda: options(self.catalogue.options(self.kind, name)),
            self,
        )
        (layout or self.filter_bar).addWidget(combo)
        self._choices.append((combo, name))

        def on_change(_index: int) -> None:
            self.set_filter(name, combo.value())

        combo.currentIndexChanged.connect(on_change)
        return combo

    def set_filter(self, name: str, value: Any) -> None:
        """Show only the records passing filter ``name`` with ``value`` (None: all)."""
        self.query = self.query.with_filter(name, value)
        self.refresh()

    # --- public API ---

    def reload(self) -> None:
        """Read the list again, keeping filters and the selected record where possible."""
        self.loaded = True
        self.total = self.catalogue.count(self.kind, Query())
        self.model.forget_rows()
        for combo, _ in self._choices:
            combo.stale()
        self.refresh()
        self._show_detail_again()
        if not self._restored:
            self._restore_state()
            self._set_tab_order()

    def stale(self) -> None:
        """Read the list again when it is next shown or used."""
        self.loaded = False
        if self.isVisible():
            self.reload()

    def ensure_loaded(self) -> None:
        """Read the list if it has not been read since the catalogue changed."""
        if not self.loaded:
            self.reload()

    def refresh(self) -> None:
        """Ask the catalogue again for the records passing the query, in its order."""
        if not self.loaded:
            self.reload()  # which comes back here
            return
        query = replace(self.query, text=self.filter_edit.text())
        self.query = query
        if query.is_filtered() or query.sort is not None:
            self.model.set_ids(self.catalogue.ids(self.kind, query))
        else:
            # The whole list: paint its first page now, read the other ids when wanted.
            first = self.catalogue.ids(self.kind, query, FIRST_IDS)
            total = self.total if len(first) == FIRST_IDS else len(first)
            self.model.set_ids(first, total, lambda: self.catalogue.ids(self.kind, query))
        self._update_counts()
        if self._shown_id is not None:
            self._select(self._shown_id)

    def shown_ids(self) -> list[int]:
        """The ids of the records the list shows, in its order."""
        self.ensure_loaded()
        return self.model.ids()

    def show_record(self, record_id: int, *, emit: bool = False) -> bool:
        """Select a record and show its details; clear the filters if they hide it."""
        self.ensure_loaded()
        index = self._find(record_id)
        if not index.isValid() and self.query.is_filtered():
            self.clear_filters()
            index = self._find(record_id)
        if not index.isValid():
            return False
        self._select(record_id)
        self._show_detail(record_id)
        if emit:
            self.record_selected.emit(self.kind, record_id)
        return True

    def show_detail_of(self, kind: str, record_id: int) -> None:
        """Show another kind of record in this tab's pane (a person in Members)."""
        self._detail_of = (kind, record_id)
        try:
            self.detail.show_detail(self.catalogue.detail(kind, record_id))
        except UserError as error:
            self.detail.setPlainText(str(error))

    def forget_selection(self) -> None:
        """Stop showing a record that is gone."""
        self._shown_id = None
        self._detail_of = None
        self.view.clearSelection()
        self.view.setCurrentIndex(QModelIndex())
        self.detail.show_nothing()

    def clear_filters(self) -> None:
        """Show every row."""
        for widget in (self.filter_edit, *(combo for combo, _ in self._choices)):
            widget.blockSignals(True)
        self.filter_edit.clear()
        for combo, _ in self._choices:
            combo.setCurrentIndex(0)
        for widget in (self.filter_edit, *(combo for combo, _ in self._choices)):
            widget.blockSignals(False)
        self.query = self._cleared(self.query)
        self.refresh()

    def _cleared(self, query: Query) -> Query:
        """``query`` without the filters the user sets here (a subclass may keep some)."""
        return replace(query, text="", filters=())

    def current_id(self) -> int | None:
        """The id of the selected record."""
        index = self.view.currentIndex()
        value = index.data(Role.ID) if index.isValid() else None
        return int(value) if value is not None else None

    def save_state(self, settings: Settings) -> None:
        """Remember column widths and splitter positions."""
        settings.set_header_state(self.screen, self.header.saveState())
        settings.set_splitter_state(self.screen, self.splitter.saveState())

    # --- internals ---

    def _restore_state(self) -> None:
        self._restored = True
        settings = Settings()
        header = settings.header_state(self.screen)
        if header.isEmpty() or not self.header.restoreState(header):
            self._fit_columns()
        splitter = settings.splitter_state(self.screen)
        if splitter.isEmpty() or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([700, 450])

    def _fit_columns(self) -> None:
        """Size each column to its header and the first rows (Qt's own fit reads a thousand)."""
        model = self.view.model()
        if isinstance(self.view, QTreeView):  # groups: a tree fits to the rows it laid out
            for column in range(model.columnCount()):
                self.view.resizeColumnToContents(column)
                self.view.setColumnWidth(column, min(self.view.columnWidth(column), 300))
            return
        metrics = self.view.fontMetrics()
        rows = [model.index(row, 0) for row in range(min(50, model.rowCount()))]
        for column in range(model.columnCount()):
            texts = [str(model.headerData(column, Qt.Orientation.Horizontal) or "")]
            texts += [str(index.siblingAtColumn(column).data() or "") for index in rows]
            width = max(metrics.horizontalAdvance(text) for text in texts) + 24
            self.view.setColumnWidth(column, min(width, 300))

    def _set_tab_order(self) -> None:
        chain = self.focus_chain()
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _find(self, record_id: int) -> QModelIndex:
        row = self.model.row_of(record_id)
        return self.model.index(row, 0) if row >= 0 else QModelIndex()

    def _select(self, record_id: int) -> None:
        """Make a record the current row without telling anyone (no detail, no history)."""
        index = self._find(record_id)
        if not index.isValid():
            return
        self.view.blockSignals(True)
        self.view.selectionModel().blockSignals(True)
        self.view.setCurrentIndex(index)
        self.view.selectionModel().blockSignals(False)
        self.view.blockSignals(False)
        self.view.scrollTo(index)

    def _show_detail_again(self) -> None:
        """Show the pane's record as the catalogue has it now, or nothing once it is gone.

        A change to another record can change this one's detail: an event's program deleted,
        a partner renamed.
        """
        if self._detail_of is None:
            return
        kind, record_id = self._detail_of
        try:
            detail = self.catalogue.detail(kind, record_id)
        except UserError:
            if kind == self.kind:
                self.forget_selection()
            else:
                self._detail_of = None
                self.detail.show_nothing()
            return
        self.detail.show_detail(detail)

    def _shown_count(self) -> int:
        return self.model.rowCount()

    def _show_detail(self, record_id: int) -> None:
        self._shown_id = record_id
        self.show_detail_of(self.kind, record_id)

    def _update_counts(self) -> None:
        shown, total = self._shown_count(), self.total
        if shown == total:
            self.count_label.setText(self.tr("Records: %1").replace("%1", str(total)))
        else:
            self.count_label.setText(
                self.tr("Shown: %1 of %2").replace("%1", str(shown)).replace("%2", str(total))
            )
        self.empty_label.setText(self.empty_text())
        self.stack.setCurrentWidget(self.view if shown else self.empty_label)

    def _base_connect_signals(self) -> None:
        self.filter_edit.textChanged.connect(self._on_filter_edit_text_changed)
        self.model.sort_requested.connect(self._on_sort_requested)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_row_changed)
        self.detail.link_activated.connect(self.link_activated)

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_loaded()
        super().showEvent(event)

    @Slot(str)
    def _on_filter_edit_text_changed(self, _text: str) -> None:
        self.refresh()

    @Slot(int, Qt.SortOrder)
    def _on_sort_requested(self, column: int, order: Qt.SortOrder) -> None:
        self.query = replace(
            self.query,
            sort=column if column >= 0 else None,
            descending=order == Qt.SortOrder.DescendingOrder,
        )
        if self.loaded:  # else the first read sorts so
            self.refresh()

    @Slot(QModelIndex, QModelIndex)
    def _on_view_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        value = current.data(Role.ID)
        record_id = int(value) if value is not None else None
        if record_id is not None and record_id != self._shown_id:
            self._show_detail(record_id)
            self.record_selected.emit(self.kind, record_id)
