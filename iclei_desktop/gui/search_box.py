"""The global search field: results from every record type, grouped, as you type."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QCompleter, QLineEdit, QTreeView, QWidget

from ..core.api import Catalogue
from .plain_text import tooltip

KIND_HEADINGS = {
    "program": QT_TRANSLATE_NOOP("SearchBox", "Programs"),
    "event": QT_TRANSLATE_NOOP("SearchBox", "Events"),
    "local_government": QT_TRANSLATE_NOOP("SearchBox", "Local governments"),
    "person": QT_TRANSLATE_NOOP("SearchBox", "People"),
    "organization": QT_TRANSLATE_NOOP("SearchBox", "Organizations"),
    "publication": QT_TRANSLATE_NOOP("SearchBox", "Publications"),
}
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2


class SearchBox(QLineEdit):
    """Searches as the user types; Enter or a click opens the record.

    There is no typing delay: a search takes milliseconds. An edit starts ``search_timer``,
    a zero-delay timer whose timeout runs the search once the event loop has handled the
    events already waiting, so that edits arriving together (``textEdited`` and
    ``textChanged`` of one key, keys sent at once) cost one search.

    Signals:
        record_chosen(str, int): the kind and id of the result the user picked.
    """

    record_chosen = Signal(str, int)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self.setPlaceholderText(self.tr("Search everything (Ctrl+K)…"))
        self.setAccessibleName(self.tr("Search the whole catalogue"))
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(320)
        self.results = QStandardItemModel(self)
        self.popup_view = QTreeView()
        self.popup_view.setHeaderHidden(True)
        self.popup_view.setRootIsDecorated(False)
        self.popup_view.setUniformRowHeights(True)
        self.popup_view.setAccessibleName(self.tr("Search results"))
        self.completer = QCompleter(self.results, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setPopup(self.popup_view)
        self.completer.setMaxVisibleItems(18)
        self.completer.setWidget(self)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(0)
        self._connect_signals()

    def set_catalogue(self, catalogue: Catalogue) -> None:
        """Search another catalogue from now on."""
        self._catalogue = catalogue
        self.results.clear()

    def search_now(self) -> None:
        """Run the search for the current text and show the results."""
        self.search_timer.stop()
        text = self.text().strip()
        if not text:
            self.results.clear()
            self.completer.popup().hide()
            return
        hits = self._catalogue.search(text)
        rows: list[QStandardItem] = []
        if not hits:
            empty = QStandardItem(self.tr("No matches for “%1”").replace("%1", text))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            rows.append(empty)
        current = None
        bold = QFont()
        bold.setBold(True)
        for hit in hits:
            if hit.kind != current:
                current = hit.kind
                heading = QStandardItem(self.tr(KIND_HEADINGS.get(hit.kind, hit.kind)))
                heading.setFont(bold)
                heading.setFlags(Qt.ItemFlag.NoItemFlags)
                rows.append(heading)
            line = f"    {hit.title}" + (f"  —  {hit.detail}" if hit.detail else "")
            item = QStandardItem(line)
            item.setData(hit.kind, KIND_ROLE)
            item.setData(hit.id, ID_ROLE)
            item.setToolTip(tooltip(hit.detail))
            rows.append(item)
        self.results.clear()
        self.results.invisibleRootItem().appendRows(rows)  # one insertion, not one a row
        self.completer.complete()

    def hits(self) -> list[tuple[str, int, str]]:
        """The results shown now, as (kind, id, text)."""
        return [
            (item.data(KIND_ROLE), item.data(ID_ROLE), item.text().strip())
            for item in (self.results.item(r) for r in range(self.results.rowCount()))
            if item.data(ID_ROLE) is not None
        ]

    def _connect_signals(self) -> None:
        self.textEdited.connect(self._on_text_edited)
        self.textChanged.connect(self._on_text_edited)
        self.search_timer.timeout.connect(self.search_now)
        self.returnPressed.connect(self._on_return_pressed)
        self.completer.activated[QModelIndex].connect(self._on_completer_activated)

    @Slot(str)
    def _on_text_edited(self, _text: str) -> None:
        self.search_timer.start()

    @Slot()
    def _on_return_pressed(self) -> None:
        if self.search_timer.isActive():
            self.search_now()
        hits = self.hits()
        if hits:
            self._choose(hits[0][0], hits[0][1])

    @Slot(QModelIndex)
    def _on_completer_activated(self, index: QModelIndex) -> None:
        record_id = index.data(ID_ROLE)
        if record_id is not None:
            self._choose(index.data(KIND_ROLE), int(record_id))

    def _choose(self, kind: str, record_id: int) -> None:
        self.completer.popup().hide()
        self.record_chosen.emit(kind, record_id)
