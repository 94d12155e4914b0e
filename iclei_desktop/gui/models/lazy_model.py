"""A flat table model over record ids, reading the rows of the page on screen only.

The ids come in order from SQL (filtered and sorted there); the rows are read a page at a
time around the first row Qt asks for, and kept in a bounded cache. A hundred thousand rows
cost a list of ints, not a hundred thousand objects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from .record_model import ROW_ROLES, Column, Role, cell_data, header_data

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex
PAGE = 80  # rows read at once: a screenful and a half, so scrolling by pages reads one
CACHED = 4000  # rows kept; past this the cache starts again


class RowCache(Generic[R]):
    """Rows by id, read a page at a time around the one wanted; bounded."""

    def __init__(self, read: Callable[[Sequence[int]], dict[int, R]]) -> None:
        self._read = read
        self._rows: dict[int, R] = {}

    def __len__(self) -> int:
        return len(self._rows)

    def clear(self) -> None:
        """Read every row again when next wanted."""
        self._rows.clear()

    def row(self, ids: Sequence[int], position: int) -> R | None:
        """The row of ``ids[position]``, reading the page of ``ids`` around it if missing."""
        found = self._rows.get(ids[position])
        if found is None:
            start = max(0, position - PAGE // 4)
            wanted = [i for i in ids[start : start + PAGE] if i not in self._rows]
            if len(self._rows) + len(wanted) > CACHED:
                self._rows.clear()
            self._rows.update(self._read(wanted))
            found = self._rows.get(ids[position])  # None: deleted since the ids were read
        return found


class LazyModel(QAbstractTableModel, Generic[R]):
    """Rows of one DTO type by id; ``data()`` reads a missing row's page from ``read``.

    ``set_ids`` may give only the first ids of a longer list, with ``rest`` to get them all
    when a row further down is wanted (a jump to the end, a record to select).

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
        *,
        muted: Callable[[R], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._context = context
        self._muted = muted
        self._ids: list[int] = []
        self._total = 0
        self._rest: Callable[[], list[int]] | None = None
        self._positions: dict[int, int] | None = None
        self._cache: RowCache[R] = RowCache(read)

    def set_ids(
        self,
        ids: Sequence[int],
        total: int | None = None,
        rest: Callable[[], list[int]] | None = None,
    ) -> None:
        """Show the records ``ids``, the first of ``total`` that ``rest()`` lists in full.

        A layout change, not a reset: a reset would also put every column back to its
        default width. The rows selected before are forgotten (the tab selects again).
        """
        self.layoutAboutToBeChanged.emit()
        self._ids = list(ids)
        self._total = len(self._ids) if total is None else total
        self._rest = rest if self._total > len(self._ids) else None
        self._positions = None
        for index in self.persistentIndexList():
            self.changePersistentIndex(index, QModelIndex())
        self.layoutChanged.emit()

    def forget_rows(self) -> None:
        """Read every row again when next shown (the catalogue changed)."""
        self._cache.clear()

    def id_at(self, row: int) -> int | None:
        """The id of the record in ``row``."""
        if not 0 <= row < self._total:
            return None
        if row >= len(self._ids):
            self._load_rest()
        return self._ids[row] if row < len(self._ids) else None

    def row_of(self, record_id: int) -> int:
        """The row of a record, or -1 when it is not in the list."""
        if self._positions is None:
            self._load_rest()
            self._positions = {record_id: row for row, record_id in enumerate(self._ids)}
        return self._positions.get(record_id, -1)

    def ids(self) -> list[int]:
        """Every id in the list, in order."""
        self._load_rest()
        return list(self._ids)

    def row_at(self, row: int) -> R | None:
        """The record in ``row``, read from the catalogue if not cached."""
        if self.id_at(row) is None:  # also reads the ids down to ``row``
            return None
        return self._cache.row(self._ids, row)

    def _load_rest(self) -> None:
        if self._rest is not None:
            rest, self._rest = self._rest, None
            self._ids = rest()
            if len(self._ids) != self._total:  # changed meanwhile: show what is there now
                self.layoutAboutToBeChanged.emit()
                self._total = len(self._ids)
                self.layoutChanged.emit()

    # --- Qt overrides (camelCase by necessity) ---

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Role.ID:
            return self.id_at(index.row())
        if role not in ROW_ROLES:
            return None
        row = self.row_at(index.row())
        if row is None:  # deleted since the list was read; the next reload drops it
            return None
        muted = role == Qt.ItemDataRole.ForegroundRole and self._muted is not None
        return cell_data(self._columns[index.column()], row, role, muted and self._muted(row))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_data(self._columns, self._context, section, orientation, role)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The order is SQL's: the tab asks the catalogue for the ids in the new order.
        self.sort_requested.emit(column, order)
