"""Every QAction of the main window: text, shortcut and status tip in one place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Actions:
    """The main window's actions; menus only place them."""

    quit: QAction
    about: QAction


def build_actions(parent: QWidget) -> Actions:
    """Create the actions, owned by ``parent``."""
    quit_action = QAction(parent.tr("&Quit"), parent)
    # Windows and some Linux desktops define no standard Quit key; Ctrl+Q is what people expect.
    quit_action.setShortcuts(
        QKeySequence.keyBindings(QKeySequence.StandardKey.Quit) or [QKeySequence("Ctrl+Q")]
    )
    quit_action.setStatusTip(parent.tr("Close ICLEI Desktop"))
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    about = QAction(parent.tr("&About ICLEI Desktop"), parent)
    about.setStatusTip(parent.tr("Show the version and where the catalogue is kept"))
    about.setMenuRole(QAction.MenuRole.AboutRole)
    return Actions(quit=quit_action, about=about)
