"""Help › About: the app's name, version and licence, where its data came from and is kept."""

from __future__ import annotations

import platform
from html import escape
from pathlib import Path

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import __version__
from ..resources import app_icon


class AboutDialog(QDialog):
    """What a colleague or a support request needs to know about this copy of the app."""

    def __init__(self, catalogue_path: Path, read_only: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About ICLEI Desktop"))
        self.setWindowIcon(app_icon())
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.title_label = QLabel(self)
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        self.title_label.setText(
            self.tr("<b>ICLEI Desktop</b> %1").replace("%1", escape(__version__))
        )
        self.summary_label = QLabel(
            self.tr(
                "The ICLEI East Asia Secretariat's programs, events, members, partners and "
                "publications, offline."
            ),
            self,
        )
        self.source_label = QLabel(
            self.tr(
                "The first catalogue is transcribed from the ICLEI East Asia Secretariat's "
                "2020 annual report."
            ),
            self,
        )
        self.licence_label = QLabel(self.tr("Licence: proprietary."), self)
        file_text = self.tr("Catalogue: %1").replace("%1", str(catalogue_path))
        if read_only:
            file_text = self.tr("%1 (read-only)").replace("%1", file_text)
        self.file_label = QLabel(file_text, self)
        self.versions_label = QLabel(
            self.tr("Qt %1, PySide6 %2, Python %3")
            .replace("%1", qVersion())
            .replace("%2", PySide6.__version__)
            .replace("%3", platform.python_version()),
            self,
        )
        texts = QVBoxLayout()
        for label in self._labels()[1:]:
            label.setTextFormat(Qt.TextFormat.PlainText)  # paths are not markup
        for label in self._labels():
            label.setWordWrap(True)
            label.setMinimumWidth(380)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            texts.addWidget(label)
        self.file_label.setToolTip(str(catalogue_path))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("&Copy Details"), self)
        self.copy_button.setToolTip(
            self.tr("Copy the version, the catalogue's place and the Qt and Python versions")
        )
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(texts, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.buttons)
        # Wrapped labels make Qt overestimate the height; the box is as tall as its lines.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)

    def details(self) -> str:
        """The dialog's facts as plain text, one a line, for a support request."""
        return "\n".join(
            [self.tr("ICLEI Desktop %1").replace("%1", __version__)]
            + [label.text() for label in self._labels()[1:]]
        )

    def copy_details(self) -> None:
        """Put ``details()`` on the clipboard and say so on the button."""
        QGuiApplication.clipboard().setText(self.details())
        self.copy_button.setText(self.tr("Copied"))

    def _labels(self) -> list[QLabel]:
        return [
            self.title_label,
            self.summary_label,
            self.source_label,
            self.licence_label,
            self.file_label,
            self.versions_label,
        ]
