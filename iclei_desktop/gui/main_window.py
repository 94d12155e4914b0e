"""The main window: a tab per record type, links between them, history and global search."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QTabWidget,
    QToolBar,
    QWidget,
)

from .. import __version__
from ..core.api import Catalogue
from .actions import build_actions
from .navigation import History, Place
from .resources import app_icon
from .search_box import SearchBox
from .settings import Settings
from .tabs.events import EventsTab
from .tabs.members import MembersTab
from .tabs.partners import PartnersTab
from .tabs.programs import ProgramsTab
from .tabs.publications import PublicationsTab
from .tabs.record_tab import RecordTab


class MainWindow(QMainWindow):
    """The catalogue's window."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._settings = Settings()
        self.history = History()
        self.setWindowTitle(self.tr("ICLEI Desktop"))
        self.setWindowIcon(app_icon())

        self.programs_tab = ProgramsTab(catalogue, self)
        self.events_tab = EventsTab(catalogue, self)
        self.members_tab = MembersTab(catalogue, self)
        self.publications_tab = PublicationsTab(catalogue, self)
        self.partners_tab = PartnersTab(catalogue, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        titles = [
            self.tr("&Programs"),
            self.tr("&Events"),
            self.tr("&Members"),
            self.tr("P&ublications"),
            self.tr("P&artners"),
        ]
        for tab, title in zip(self.record_tabs(), titles, strict=True):
            self.tabs.addTab(tab, title)
        self.setCentralWidget(self.tabs)
        self._tab_for = {
            "program": self.programs_tab,
            "event": self.events_tab,
            "local_government": self.members_tab,
            "person": self.members_tab,
            "organization": self.partners_tab,
            "publication": self.publications_tab,
        }

        self.actions = build_actions(self, titles)
        self.search_box = SearchBox(catalogue, self)
        toolbar = QToolBar(self.tr("Navigation"), self)
        toolbar.setObjectName("navigation")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.addAction(self.actions.back)
        toolbar.addAction(self.actions.forward)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.search_box)
        self.addToolBar(toolbar)

        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.actions.reload)
        file_menu.addSeparator()
        file_menu.addAction(self.actions.quit)
        go_menu = self.menuBar().addMenu(self.tr("&Go"))
        go_menu.addAction(self.actions.back)
        go_menu.addAction(self.actions.forward)
        go_menu.addSeparator()
        go_menu.addAction(self.actions.search)
        go_menu.addSeparator()
        for action in self.actions.tabs:
            go_menu.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.actions.about)

        self.counts_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.about_box: QMessageBox | None = None

        self._connect_signals()
        self.reload()
        self._restore_state()
        self._update_history_actions()

    def record_tabs(self) -> list[RecordTab]:  # type: ignore[type-arg]
        """The tabs in order."""
        return [
            self.programs_tab,
            self.events_tab,
            self.members_tab,
            self.publications_tab,
            self.partners_tab,
        ]

    def reload(self) -> None:
        """Read every list and the counts again from the catalogue."""
        for tab in self.record_tabs():
            tab.reload()
        c = self._catalogue.counts()
        self.counts_label.setText(
            self.tr(
                "Programs: %1 · Events: %2 · Local governments: %3 (ICLEI members: %4) · "
                "Publications: %5 · People: %6 · Organizations: %7"
            )
            .replace("%1", str(c.programs))
            .replace("%2", str(c.events))
            .replace("%3", str(c.local_governments))
            .replace("%4", str(c.members))
            .replace("%5", str(c.publications))
            .replace("%6", str(c.people))
            .replace("%7", str(c.organizations))
        )

    def open_record(self, kind: str, record_id: int, *, remember: bool = True) -> bool:
        """Show a record in its own tab; remember it for Back unless told not to."""
        tab = self._tab_for[kind]
        self.tabs.setCurrentWidget(tab)
        if kind == "person":
            shown = self.members_tab.show_person(record_id)
        else:
            shown = tab.show_record(record_id)
        if shown and remember:
            self.history.visit(Place(kind, record_id))
            self._update_history_actions()
        if not shown:
            self.statusBar().showMessage(
                self.tr("That record is no longer in the catalogue."), 5000
            )
        return shown

    def _connect_signals(self) -> None:
        self.actions.quit.triggered.connect(self.close)
        self.actions.about.triggered.connect(self._on_about_triggered)
        self.actions.back.triggered.connect(self._on_back_triggered)
        self.actions.forward.triggered.connect(self._on_forward_triggered)
        self.actions.search.triggered.connect(self._on_search_triggered)
        self.actions.reload.triggered.connect(self.reload)
        for index, action in enumerate(self.actions.tabs):
            action.triggered.connect(lambda _=False, i=index: self.tabs.setCurrentIndex(i))
        self.search_box.record_chosen.connect(self._on_link)
        for tab in self.record_tabs():
            tab.link_activated.connect(self._on_link)
            tab.record_selected.connect(self._on_record_selected)

    def _update_history_actions(self) -> None:
        self.actions.back.setEnabled(self.history.can_go_back())
        self.actions.forward.setEnabled(self.history.can_go_forward())

    def _restore_state(self) -> None:
        geometry = self._settings.main_window_geometry
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1280, 800)
        self.tabs.setCurrentIndex(self._settings.current_tab)

    @Slot(str, int)
    def _on_link(self, kind: str, record_id: int) -> None:
        self.open_record(kind, record_id)

    @Slot(str, int)
    def _on_record_selected(self, kind: str, record_id: int) -> None:
        self.history.visit(Place(kind, record_id))
        self._update_history_actions()

    @Slot()
    def _on_back_triggered(self) -> None:
        place = self.history.back()
        if place is not None:
            self.open_record(place.kind, place.id, remember=False)
        self._update_history_actions()

    @Slot()
    def _on_forward_triggered(self) -> None:
        place = self.history.forward()
        if place is not None:
            self.open_record(place.kind, place.id, remember=False)
        self._update_history_actions()

    @Slot()
    def _on_search_triggered(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    @Slot()
    def _on_about_triggered(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("About ICLEI Desktop"))
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setText(self.tr("<b>ICLEI Desktop</b> %1").replace("%1", __version__))
        box.setInformativeText(
            self.tr(
                "The ICLEI East Asia Secretariat's programs, events, members and "
                "publications, offline.\n\nCatalogue: %1"
            ).replace("%1", str(self._catalogue.path))
        )
        self.about_box = box
        box.open()

    # --- Qt overrides ---

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.main_window_geometry = self.saveGeometry()
        self._settings.current_tab = self.tabs.currentIndex()
        for tab in self.record_tabs():
            tab.save_state(self._settings)
        super().closeEvent(event)
