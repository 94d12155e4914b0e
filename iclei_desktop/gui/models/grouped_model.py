"""Record ids under group headings (programs by pathway), rows read a page at a time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from .lazy_model import RowCache
from .record_model import ROW_ROLES, Column, Role, cell_data, header_data

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
HEADING = 0  # the internal id of a heading; a row's is its group's number plus one


class GroupedModel(QAbstractItemModel, Generic[R]):
    """Headings, each with "(count)", and the records under them in the order given.

    Signals:
        sort_requested(int, Qt.SortOrder): the user clicked a column header to sort.
    """

    sort_requested = Signal(int, Qt.SortOrder)

    def __init__(
        self,
        columns: Sequence[Column[R]],
        context: str,
        read: Callable[[Sequence[int]], dict[int, R]],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._context = context
        self._groups: list[tuple[str, list[int]]] = []
        self._cache: RowCache[R] = RowCache(read)

    def set_groups(self, groups: Sequence[tuple[str, Sequence[int]]]) -> None:
        """Show these headings with these record ids under each; empty groups are left out.

        A layout change, not a reset, which would put the columns back to their default
        widths; the rows selected before are forgotten (the tab selects again).
        """
        self.layoutAboutToBeChanged.emit()
        self._groups = [(heading, list(ids)) for heading, ids in groups if ids]
        for index in self.persistentIndexList():
            self.changePersistentIndex(index, QModelIndex())
        self.layoutChanged.emit()

    def forget_rows(self) -> None:
        """Read every row again when next shown."""
        self._cache.clear()

    def ids(self) -> list[int]:
        """Every record id, group after group."""
        return [i for _heading, ids in self._groups for i in ids]

    def index_of(self, record_id: int) -> QModelIndex:
        """The index of a record, or an invalid one."""
        for group, (_heading, ids) in enumerate(self._groups):
            if record_id in ids:
                return self.createIndex(ids.index(record_id), 0, group + 1)
        return QModelIndex()

    def _row(self, group: int, row: int) -> R | None:
        return self._cache.row(self._groups[group][1], row)

    # --- Qt overrides (camelCase by necessity) ---

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, HEADING)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == HEADING:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, HEADING)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == HEADING and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == HEADING:
            heading, ids = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return f"{heading} ({len(ids)})"
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        group = index.internalId() - 1
        if role == Role.ID:
            return self._groups[group][1][index.row()]
        if role not in ROW_ROLES:
            return None
        row = self._row(group, index.row())
        if row is None:
            return None
        return cell_data(self._columns[index.column()], row, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == HEADING:
            return _HEADING_FLAGS
        return _ROW_FLAGS  # "never has children" spares the tree asking each row

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_data(self._columns, self._context, section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # Sorted in SQL, within each group: the tab asks for the ids in the new order.
        self.sort_requested.emit(column, order)


_HEADING_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_ROW_FLAGS = _HEADING_FLAGS | Qt.ItemFlag.ItemNeverHasChildren
