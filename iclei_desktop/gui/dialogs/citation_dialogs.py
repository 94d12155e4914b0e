"""Citation export: the selected publications or all those shown, and which file in which format."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

CONTEXT = "CitationDialogs"
# The filter of each format, as the file dialog lists them; the first is the one offered.
FILTERS = {
    "bibtex": QT_TRANSLATE_NOOP("CitationDialogs", "BibTeX (*.bib)"),
    "ris": QT_TRANSLATE_NOOP("CitationDialogs", "RIS (*.ris)"),
    "csl-json": QT_TRANSLATE_NOOP("CitationDialogs", "CSL-JSON (*.json)"),
}
SUFFIXES = {"bibtex": ".bib", "ris": ".ris", "csl-json": ".json"}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class ExportCitationsDialog(QDialog):
    """Asks whether to cite the selected publications or all those the list shows."""

    def __init__(self, selected: int, shown: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export Citations"))
        self.selected_radio = QRadioButton(
            self.tr("The selected publications (%1)").replace("%1", str(selected)), self
        )
        self.shown_radio = QRadioButton(
            self.tr("All publications shown in the list (%1)").replace("%1", str(shown)), self
        )
        self.selected_radio.setChecked(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Cite:"), self))
        layout.addWidget(self.selected_radio)
        layout.addWidget(self.shown_radio)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    @classmethod
    def ask(cls, parent: QWidget | None, selected: int, shown: int) -> str | None:
        """Return "selected" or "shown", or None when cancelled."""
        dialog = cls(selected, shown, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return "selected" if dialog.selected_radio.isChecked() else "shown"
        finally:
            dialog.deleteLater()


class CitationFiles:
    """The system's file dialog for citation files (tests replace it)."""

    @classmethod
    def save_path(cls, parent: QWidget | None, suggested: str) -> tuple[Path, str] | None:
        """Ask where to save citations; return the file and its format, or None.

        The format is the file's suffix's when it has a known one, else the chosen filter's
        (whose suffix is then added).
        """
        filters = {_tr(text): fmt for fmt, text in FILTERS.items()}
        name, chosen = QFileDialog.getSaveFileName(
            parent, _tr("Export citations"), suggested, ";;".join(filters)
        )
        if not name:
            return None
        path = Path(name)
        by_suffix = {suffix: fmt for fmt, suffix in SUFFIXES.items()}
        if path.suffix.lower() in by_suffix:
            return path, by_suffix[path.suffix.lower()]
        fmt = filters.get(chosen, "bibtex")
        return path.with_name(path.name + SUFFIXES[fmt]), fmt
