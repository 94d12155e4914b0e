"""An item model of frozen rows, flat or in groups, with columns declared once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication

from ..plain_text import tooltip

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    """Custom data roles; code behind a proxy reads these, never row numbers."""

    ID = Qt.ItemDataRole.UserRole + 1
    SORT = Qt.ItemDataRole.UserRole + 2
    ROW = Qt.ItemDataRole.UserRole + 3


@dataclass(frozen=True)
class Column(Generic[R]):
    """A column: its header (marked for translation), its text and optional sort key."""

    header: str
    text: Callable[[R], str]
    sort: Callable[[R], Any] | None = None
    alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(eq=False)
class Node(Generic[R]):
    """A row, or a group heading (``row`` is None) with rows under it."""

    row: R | None = None
    heading: str = ""
    children: list[Node[R]] = field(default_factory=list)
    parent: Node[R] | None = field(default=None, repr=False)
    position: int = 0


def group(headings_and_rows: Sequence[tuple[str, Sequence[R]]]) -> list[Node[R]]:
    """Build group nodes, each with its rows."""
    return [Node(heading=h, children=[Node(row=r) for r in rows]) for h, rows in headings_and_rows]


def header_data(
    columns: Sequence[Column[Any]],
    context: str,
    section: int,
    orientation: Qt.Orientation,
    role: int,
) -> Any:
    """The translated header of column ``section``: what every record model's headerData says."""
    if (
        role == Qt.ItemDataRole.DisplayRole
        and orientation == Qt.Orientation.Horizontal
        and 0 <= section < len(columns)
    ):
        return QCoreApplication.translate(context, columns[section].header)
    return None


ROW_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
        Role.ROW,
    }
)


def cell_data(column: Column[R], row: R, role: int, muted: bool = False) -> Any:
    """A row's cell for one of ``ROW_ROLES``: its text, tooltip, alignment, colour or row."""
    if role == Qt.ItemDataRole.DisplayRole:
        return column.text(row)
    if role == Qt.ItemDataRole.ToolTipRole:
        text = column.text(row)
        return tooltip(text) if text else None
    if role == Qt.ItemDataRole.TextAlignmentRole:
        return int(column.alignment.value)
    if role == Qt.ItemDataRole.ForegroundRole:
        return QApplication.palette().color(QPalette.ColorRole.PlaceholderText) if muted else None
    if role == Role.ROW:
        return row
    return None


class RecordModel(QAbstractItemModel, Generic[R]):
    """Rows of one DTO type; groups show their heading and how many rows they hold.

    ``data()`` only formats cached rows: no I/O, no exceptions.
    """

    def __init__(
        self,
        columns: Sequence[Column[R]],
        context: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._context = context
        self._root: Node[R] = Node()

    def set_nodes(self, nodes: Sequence[Node[R]]) -> None:
        """Show a tree of groups and rows."""
        self.beginResetModel()
        self._root = Node(children=list(nodes))
        self._link(self._root)
        self.endResetModel()

    def row_text(self, row: R) -> str:
        """Every column's text of a row, for matching typed words."""
        return " ".join(column.text(row) for column in self._columns)

    def _link(self, node: Node[R]) -> None:
        for position, child in enumerate(node.children):
            child.parent, child.position = node, position
            self._link(child)

    def _node(self, index: Index) -> Node[R]:
        if not index.isValid():
            return self._root
        node = index.internalPointer()
        assert isinstance(node, Node)
        return node

    def _count(self, node: Node[R]) -> int:
        return sum(1 if c.row is not None else 0 for c in node.children) + sum(
            self._count(c) for c in node.children if c.row is None
        )

    # --- Qt overrides (camelCase by necessity) ---

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid():
            return QModelIndex()
        node = self._node(child).parent
        if node is None or node is self._root:
            return QModelIndex()
        return self.createIndex(node.position, 0, node)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        column = self._columns[index.column()]
        if node.row is None:
            return self._heading_data(node, index.column(), role)
        row = node.row
        if role == Role.SORT:
            return column.sort(row) if column.sort else column.text(row).casefold()
        if role == Role.ID:
            return getattr(row, "id", None)
        return cell_data(column, row, role)

    def _heading_data(self, node: Node[R], column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            return f"{node.heading} ({self._count(node)})"
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Role.SORT:
            return node.position  # groups keep their given order
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return header_data(self._columns, self._context, section, orientation, role)
