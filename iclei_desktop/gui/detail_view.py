"""The detail pane: one record as text with links to every record it names."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QTextBrowser, QWidget

from .detail_html import parse_file_href, parse_href, render


class DetailView(QTextBrowser):
    """Shows a detail DTO; a click on a record link asks for that record.

    Signals:
        link_activated(str, int): the kind and id of a record link the user followed.
        file_activated(int): the id of a publication's file the user clicked.
        detail_shown(): another record (or none) is shown; ``shown`` holds it.
    """

    link_activated = Signal(str, int)
    file_activated = Signal(int)
    detail_shown = Signal()

    def __init__(self, empty_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._empty_text = empty_text
        self._html = ""
        self.shown: object | None = None  # the detail DTO on show, if any
        self.setOpenLinks(False)
        self.setAccessibleName(self.tr("Details"))
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.show_nothing()

    def show_detail(self, detail: object) -> None:
        """Show one record."""
        self._html = render(detail)
        self.setHtml(self._html)
        self.shown = detail
        self.detail_shown.emit()

    def show_nothing(self) -> None:
        """Say what to do when nothing is selected."""
        self._html = f"<p><i>{escape(self._empty_text)}</i></p>"
        self.setHtml(self._html)
        self.shown = None
        self.detail_shown.emit()

    # --- Qt overrides ---

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            # Link colours are fixed when HTML is set; set it again in the new colours.
            self.setHtml(self._html)

    @Slot(QUrl)
    def _on_anchor_clicked(self, url: QUrl) -> None:
        target = parse_href(url.toString())
        file_id = parse_file_href(url.toString())
        if target is not None:
            self.link_activated.emit(*target)
        elif file_id is not None:
            self.file_activated.emit(file_id)
        elif url.scheme() in {"http", "https", "mailto"}:
            # Only on the user's click: the app itself never goes online.
            QDesktopServices.openUrl(url)
