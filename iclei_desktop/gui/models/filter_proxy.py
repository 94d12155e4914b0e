"""Sorting and filtering by typed words over a small RecordModel (the governance seats)."""

from __future__ import annotations

import unicodedata
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
    """Keeps rows whose text contains every word typed.

    Group headings stay while any row under them is kept (recursive filtering).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(Role.SORT)
        self.setRecursiveFilteringEnabled(True)

    def set_text(self, text: str) -> None:
        """Keep rows containing every word of ``text``, ignoring case and accents."""
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def accepts(self, row: Any) -> bool:
        """Whether a row's text holds every word typed."""
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
