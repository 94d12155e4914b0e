"""A tab of one record type: filters over a sortable list, and a detail pane beside it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...core.api import Catalogue
from ...core.errors import UserError
from ..detail_view import DetailView
from ..models.filter_proxy import FilterProxy
from ..models.record_model import Column, Node, RecordModel, Role
from ..settings import Settings

R = TypeVar("R")
ALL = object()  # the "All …" choice of a filter


class RecordTab(QWidget, Generic[R]):
    """Subclasses give the kind, columns, how to fetch and group rows, and their filters.

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
        self.model: RecordModel[R] = RecordModel(columns, context, self, muted=muted)
        self.proxy = FilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self._choices: list[tuple[QComboBox, Callable[[Sequence[R]], list[tuple[str, Any]]]]] = []

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(placeholder)
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self.tr("Filter text"))
        self.count_label = QLabel(self)
        self.filter_bar = QHBoxLayout()

        self.view = QTreeView(self)
        self.view.setAccessibleName(list_name)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.view.setAlternatingRowColors(True)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAllColumnsShowFocus(True)
        self.view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.header().setStretchLastSection(False)

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
        self._shown_id: int | None = None
        self._restored = False
        self._base_connect_signals()

    # --- for subclasses ---

    def fetch(self) -> Sequence[R]:
        """Return the rows from the catalogue."""
        raise NotImplementedError

    def nodes(self, rows: Sequence[R]) -> list[Node[R]]:
        """Arrange the rows; a flat list unless a subclass groups them."""
        return [Node(row=r) for r in rows]

    def empty_text(self) -> str:
        """What to say when no row passes the filters."""
        return self.tr("Nothing matches these filters. Clear the filter text or choose “All”.")

    def showcase(self) -> None:
        """Select a record to show what the tab offers (for screenshots)."""
        rows = self.model.rows()
        if rows and self.current_id() is None:
            self.show_record(rows[0].id)

    def focus_chain(self) -> list[QWidget]:
        """The widgets Tab moves through, in order."""
        return [self.filter_edit, *(combo for combo, _ in self._choices), self.view, self.detail]

    def add_choice(
        self,
        accessible_name: str,
        options: Callable[[Sequence[R]], list[tuple[str, Any]]],
        matches: Callable[[R, Any], bool],
        layout: QLayout | None = None,
    ) -> QComboBox:
        """Add a drop-down filter; ``options`` lists (text, value) after its "All" entry."""
        combo = QComboBox(self)
        combo.setAccessibleName(accessible_name)
        combo.setToolTip(accessible_name)
        # Combos may shrink, so a narrow window still leaves room for the detail pane.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        (layout or self.filter_bar).addWidget(combo)
        self._choices.append((combo, options))
        key = accessible_name

        def on_change(_index: int) -> None:
            value = combo.currentData()
            self.proxy.set_predicate(
                key, None if value is ALL else (lambda row: matches(row, value))
            )
            self._update_counts()

        combo.currentIndexChanged.connect(on_change)
        return combo

    # --- public API ---

    def reload(self) -> None:
        """Fetch the rows again, keeping filters and the selected record where possible."""
        rows = self.fetch()
        self.model.set_nodes(self.nodes(rows))
        for combo, options in self._choices:
            current = combo.currentData() if combo.count() else ALL
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(combo.accessibleName() + ": " + self.tr("All"), ALL)
            for text, value in options(rows):
                combo.addItem(text, value)
            found = combo.findData(current) if current is not ALL else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
        self.view.expandAll()
        # Flat lists need no room for tree branches.
        self.view.setRootIsDecorated(
            any(
                self.model.hasChildren(self.model.index(r, 0)) for r in range(self.model.rowCount())
            )
        )
        if not self._restored:
            self._restore_state()
            self._set_tab_order()
        self._update_counts()
        if self._shown_id is not None:
            self.show_record(self._shown_id, emit=False)

    def show_record(self, record_id: int, *, emit: bool = False) -> bool:
        """Select a record and show its details; clear the filters if they hide it."""
        index = self._find(record_id)
        if not index.isValid() and self.proxy.is_filtered():
            self.clear_filters()
            index = self._find(record_id)
        if not index.isValid():
            return False
        self.view.blockSignals(True)
        self.view.selectionModel().blockSignals(True)
        self.view.setCurrentIndex(index)
        self.view.selectionModel().blockSignals(False)
        self.view.blockSignals(False)
        self.view.scrollTo(index)
        self._show_detail(record_id)
        if emit:
            self.record_selected.emit(self.kind, record_id)
        return True

    def show_detail_of(self, kind: str, record_id: int) -> None:
        """Show another kind of record in this tab's pane (a person in Members)."""
        try:
            self.detail.show_detail(self.catalogue.detail(kind, record_id))
        except UserError as error:
            self.detail.setPlainText(str(error))

    def forget_selection(self) -> None:
        """Stop showing a record that is gone."""
        self._shown_id = None
        self.view.clearSelection()
        self.view.setCurrentIndex(QModelIndex())
        self.detail.show_nothing()

    def clear_filters(self) -> None:
        """Show every row."""
        self.filter_edit.clear()
        for combo, _ in self._choices:
            combo.setCurrentIndex(0)
        self.proxy.clear_filters()
        self._update_counts()

    def current_id(self) -> int | None:
        """The id of the selected record."""
        value = self.view.currentIndex().data(Role.ID)
        return int(value) if value is not None else None

    def save_state(self, settings: Settings) -> None:
        """Remember column widths and splitter positions."""
        settings.set_header_state(self.screen, self.view.header().saveState())
        settings.set_splitter_state(self.screen, self.splitter.saveState())

    # --- internals ---

    def _restore_state(self) -> None:
        self._restored = True
        settings = Settings()
        header = settings.header_state(self.screen)
        if header.isEmpty() or not self.view.header().restoreState(header):
            for column in range(self.model.columnCount()):
                self.view.resizeColumnToContents(column)
                self.view.setColumnWidth(column, min(self.view.columnWidth(column), 300))
        splitter = settings.splitter_state(self.screen)
        if splitter.isEmpty() or not self.splitter.restoreState(splitter):
            self.splitter.setSizes([700, 450])

    def _set_tab_order(self) -> None:
        chain = self.focus_chain()
        for first, second in pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _find(self, record_id: int) -> QModelIndex:
        matches = self.proxy.match(
            self.proxy.index(0, 0),
            Role.ID,
            record_id,
            1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        return matches[0] if matches else QModelIndex()

    def _show_detail(self, record_id: int) -> None:
        self._shown_id = record_id
        self.show_detail_of(self.kind, record_id)

    def _update_counts(self) -> None:
        shown, total = self.proxy.shown_row_count(), self.proxy.source_row_count()
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
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_row_changed)
        self.detail.link_activated.connect(self.link_activated)

    @Slot(str)
    def _on_filter_edit_text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self.view.expandAll()
        self._update_counts()

    @Slot(QModelIndex, QModelIndex)
    def _on_view_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        value = current.data(Role.ID)
        record_id = int(value) if value is not None else None
        if record_id is not None and record_id != self._shown_id:
            self._show_detail(record_id)
            self.record_selected.emit(self.kind, record_id)
