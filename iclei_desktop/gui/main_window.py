"""The main window: one tab per record type, menus, and a status bar with counts."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from .. import __version__
from ..core.api import Catalogue
from .actions import build_actions
from .resources import app_icon
from .settings import Settings
from .tabs.events import EventsTab
from .tabs.list_tab import ListTab
from .tabs.members import MembersTab
from .tabs.programs import ProgramsTab
from .tabs.publications import PublicationsTab


class MainWindow(QMainWindow):
    """The catalogue's window."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalogue = catalogue
        self._settings = Settings()
        self.setWindowTitle(self.tr("ICLEI Desktop"))
        self.setWindowIcon(app_icon())

        self.programs_tab = ProgramsTab(catalogue, self)
        self.events_tab = EventsTab(catalogue, self)
        self.members_tab = MembersTab(catalogue, self)
        self.publications_tab = PublicationsTab(catalogue, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.programs_tab, self.tr("&Programs"))
        self.tabs.addTab(self.events_tab, self.tr("&Events"))
        self.tabs.addTab(self.members_tab, self.tr("&Members"))
        self.tabs.addTab(self.publications_tab, self.tr("P&ublications"))
        self.setCentralWidget(self.tabs)

        self.actions = build_actions(self)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.actions.quit)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.actions.about)

        self.counts_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.about_box: QMessageBox | None = None

        self._connect_signals()
        self.reload()
        self._restore_state()

    def list_tabs(self) -> list[ListTab]:  # type: ignore[type-arg]
        """Return the four tabs in order."""
        return [self.programs_tab, self.events_tab, self.members_tab, self.publications_tab]

    def reload(self) -> None:
        """Read every list and the counts again from the catalogue."""
        for tab in self.list_tabs():
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

    def _connect_signals(self) -> None:
        self.actions.quit.triggered.connect(self.close)
        self.actions.about.triggered.connect(self._on_about_triggered)

    def _restore_state(self) -> None:
        geometry = self._settings.main_window_geometry
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.resize(1200, 760)
        self.tabs.setCurrentIndex(self._settings.current_tab)

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
        super().closeEvent(event)
