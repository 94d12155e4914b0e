"""Sorting and filtering over a RecordModel: text plus named predicates on the rows."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from .record_model import RecordModel, Role


def fold(text: str) -> str:
    """Fold text for matching: compatibility forms, case and Latin accents ignored."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # Drop combining marks, except on Hangul and kana where they carry the letter.
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c) or ord(c) > 0x3000)
    )


class FilterProxy(QSortFilterProxyModel):
    """Keeps rows whose text contains every word typed and that pass every predicate.

    Group headings stay while any row under them is kept (recursive filtering).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._predicates: dict[str, Callable[[Any], bool]] = {}
        self.setSortRole(Role.SORT)
        self.setRecursiveFilteringEnabled(True)

    def set_text(self, text: str) -> None:
        """Keep rows containing every word of ``text``, ignoring case and accents."""
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_predicate(self, name: str, predicate: Callable[[Any], bool] | None) -> None:
        """Add, replace or (with None) remove a named condition on the rows."""
        self.beginFilterChange()
        if predicate is None:
            self._predicates.pop(name, None)
        else:
            self._predicates[name] = predicate
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def clear_filters(self) -> None:
        """Show every row again."""
        self.beginFilterChange()
        self._words = []
        self._predicates.clear()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def is_filtered(self, ignore: frozenset[str] = frozenset()) -> bool:
        """Whether any text or predicate not named in ``ignore`` is hiding rows."""
        return bool(self._words or self._predicates.keys() - ignore)

    def source_row_count(self) -> int:
        """How many rows (not headings) the source holds."""
        source = self.sourceModel()
        return len(source.rows()) if isinstance(source, RecordModel) else 0

    def shown_row_count(self) -> int:
        """How many rows (not headings) pass the filters."""

        def count(parent: QModelIndex) -> int:
            total = 0
            for r in range(self.rowCount(parent)):
                index = self.index(r, 0, parent)
                total += 1 if index.data(Role.ROW) is not None else 0
                total += count(index)
            return total

        return count(QModelIndex())

    def accepts(self, row: Any, ignore: frozenset[str] = frozenset()) -> bool:
        """Whether a row passes the text and every predicate not named in ``ignore``."""
        if not all(p(row) for name, p in self._predicates.items() if name not in ignore):
            return False
        if not self._words:
            return True
        source = self.sourceModel()
        assert isinstance(source, RecordModel)
        text = fold(source.row_text(row))
        return all(word in text for word in self._words)

    # --- Qt overrides ---

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if left.data(Role.ROW) is None and right.data(Role.ROW) is None:
            # Group headings keep their given order whichever way the rows are sorted.
            before = left.data(Role.SORT) < right.data(Role.SORT)
            return before if self.sortOrder() == Qt.SortOrder.AscendingOrder else not before
        return bool(left.data(Role.SORT) < right.data(Role.SORT))

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        row = self.sourceModel().index(source_row, 0, source_parent).data(Role.ROW)
        # A heading is kept only for its rows (recursive filtering).
        return row is not None and self.accepts(row)
