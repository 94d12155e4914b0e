"""Composition root: the QApplication, the main window, and the screenshot mode."""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from .. import APP_ID, __version__
from .resources import app_icon

if TYPE_CHECKING:
    from ..core.api import Catalogue

ORGANIZATION = "ICLEI"
APPLICATION = "ICLEI Desktop"


COLOR_SCHEMES = ("system", "light", "dark")


def launch(
    path: Path,
    explicit: bool,
    screenshot_dir: Path | None = None,
    color_scheme: str = "system",
    *,
    profile: bool = False,
) -> int:
    """Open the catalogue at ``path`` and show it until the window closes; return the exit code.

    The window's frame is painted first, then the catalogue is opened and the lists filled.
    On a screen, a catalogue that cannot be opened is explained in a dialog offering the ways
    on (read-only, restore, another file, quit). Without one (offscreen, screenshots) the
    UserError is raised for the command line to print. ``profile`` prints when the window
    and the first page of its list were painted, and quits.
    """
    if path.is_file():
        from ..core import quick_check

        quick_check.start(path)  # reads the file while the window and the code load
    if screenshot_dir is not None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    keep_none_alive()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    name_application(app)
    if color_scheme != "system":
        apply_color_scheme(app, color_scheme)
    if screenshot_dir is None:
        from .crash import install

        install()
    if QGuiApplication.platformName() == "offscreen":
        qInstallMessageHandler(_quiet_offscreen)
    frame = None if screenshot_dir is not None else _paint_frame(app, profile)
    try:
        if screenshot_dir is not None or QGuiApplication.platformName() == "offscreen":
            opened = _open_without_asking(path, explicit)
        else:
            from .startup import open_catalogue

            opened = open_catalogue(path, explicit)
    except BaseException:
        if frame is not None:
            frame.close()
        raise
    if opened is None:  # the user chose Quit
        if frame is not None:
            frame.close()
        return 2
    if opened.catalogue.created and explicit:
        print(f"iclei-desktop: created a new catalogue at {opened.catalogue.path}", file=sys.stderr)
    try:
        return run(opened.catalogue, screenshot_dir, frame)
    finally:
        opened.close()


def _quiet_offscreen(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's messages, but for one the offscreen platform prints for every window it shows."""
    if message != "This plugin does not support propagateSizeHints()":
        print(message, file=sys.stderr)


def _paint_frame(app: QApplication, profile: bool):  # type: ignore[no-untyped-def]
    """Show the window's frame and paint it now: opening the catalogue takes a while."""
    from .main_window import MainWindow

    frame = MainWindow()
    if profile:
        from .startup_profile import StartupProfile

        StartupProfile(frame)
    frame.show()
    app.processEvents()
    handle = frame.windowHandle()
    if handle is not None and handle.isExposed():
        frame.repaint()
    return frame


def _open_without_asking(path: Path, explicit: bool):  # type: ignore[no-untyped-def]
    from ..core.api import Catalogue
    from .single_instance import lock_catalogue
    from .startup import Opened

    lock = lock_catalogue(path) if path.parent.is_dir() else None
    try:
        return Opened(Catalogue.open(path, explicit=explicit), lock)
    except BaseException:
        if lock is not None:
            lock.unlock()
        raise


def run(catalogue: Catalogue, screenshot_dir: Path | None = None, frame=None) -> int:  # type: ignore[no-untyped-def]
    """Show the main window on ``catalogue`` until it closes; return the exit code.

    ``frame`` is the window already shown without a catalogue, if any. With
    ``screenshot_dir`` the window is drawn offscreen, each tab saved as a PNG, and the
    function returns at once.
    """
    from .main_window import MainWindow

    app = QApplication.instance()
    if frame is not None:
        window = frame
        window.attach(catalogue)
    else:
        window = MainWindow(catalogue)
    try:
        if screenshot_dir is not None:
            save_screenshots(window, screenshot_dir)
            return 0
        window.show()
        window.backup_timer.start()
        window.backup_timer.timeout.emit()  # the first look now, then hourly
        return app.exec()  # type: ignore[union-attr]
    finally:
        window.deleteLater()


def apply_color_scheme(app: QApplication, color_scheme: str) -> None:
    """Force light or dark mode, whatever the system says."""
    from PySide6.QtCore import Qt

    # Fusion draws both schemes alike on every platform; native styles may not.
    app.setStyle("Fusion")
    dark = color_scheme == "dark"
    app.styleHints().setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
    # Platforms without a theme of their own (offscreen, bare X11) ignore the hint.
    app.setPalette(dark_palette() if dark else app.style().standardPalette())


def dark_palette() -> QPalette:
    """Fusion's colours for dark mode."""
    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colors = {
        role.Window: "#2d2d2d",
        role.WindowText: "#eeeeee",
        role.Base: "#1f1f1f",
        role.AlternateBase: "#2a2a2a",
        role.ToolTipBase: "#3a3a3a",
        role.ToolTipText: "#eeeeee",
        role.Text: "#eeeeee",
        role.Button: "#353535",
        role.ButtonText: "#eeeeee",
        role.BrightText: "#ff6b6b",
        role.Link: "#6cb4ff",
        role.Highlight: "#2f6fb5",
        role.HighlightedText: "#ffffff",
        role.PlaceholderText: "#9a9a9a",
        role.Mid: "#444444",
        role.Dark: "#191919",
        role.Light: "#4a4a4a",
        role.Shadow: "#101010",
    }
    for color_role, color in colors.items():
        palette.setColor(color_role, QColor(color))
    for color_role in (role.Text, role.WindowText, role.ButtonText):
        palette.setColor(group.Disabled, color_role, QColor("#7a7a7a"))
    return palette


def keep_none_alive() -> None:
    """Work around PySide6 6.12 on CPython 3.11 taking a reference from None on void calls.

    Each such call lowers None's reference count by one; a long session would bring it to
    zero and abort the interpreter ("Fatal Python error: none_dealloc"). Python 3.12 made
    None immortal; this does the same on 3.11. tests/reliability/test_pyside_none.py fails
    once PySide6 is fixed, as the reminder to remove this.
    """
    if sys.version_info < (3, 12) and sys.implementation.name == "cpython":
        ctypes.c_ssize_t.from_address(id(None)).value += 1 << 40


def name_application(app: QCoreApplication) -> None:
    """Set the names QSettings and the data folders are keyed by, and the app's icon.

    The desktop file name is how Wayland (the window's app id) and X11 docks match the
    window to the installed launcher (packaging/linux/install.sh), and so show its icon.
    """
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    if isinstance(app, QGuiApplication):
        app.setApplicationDisplayName(APPLICATION)
        app.setDesktopFileName(APP_ID)
        app.setWindowIcon(app_icon())


def save_screenshots(window, directory: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    """Save one PNG per tab of ``window`` into ``directory``; return the files."""
    directory.mkdir(exist_ok=True)
    window.resize(1280, 800)
    window.show()
    saved = []
    names = ["programs", "events", "members", "publications", "partners"]
    for index, name in enumerate(names):
        window.tabs.setCurrentIndex(index)
        window.record_tabs()[index].showcase()
        QApplication.processEvents()
        target = directory / f"{index + 1}-{name}.png"
        if not window.grab().save(str(target)):
            raise OSError(f"could not save {target}")
        saved.append(target)
    return saved
