"""Asking before deleting a record: what links to it, and whether another should take its place."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.dto import Choice, DeleteImpact
from .form_support import RecordBox

CONTEXT = "DeleteRecordDialog"
# One and many of each kind of thing that links to a record. Two forms are enough for the
# languages the secretariat writes in (English and Mongolian have two, Chinese, Japanese and
# Korean one); a translation gives both.
NOUNS: dict[str, tuple[str, str]] = {
    "program": (
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "1 program"),
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "%1 programs"),
    ),
    "event": (
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "1 event"),
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "%1 events"),
    ),
    "local_government": (
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "1 local government"),
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "%1 local governments"),
    ),
    "person": (
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "1 person"),
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "%1 people"),
    ),
    "organization": (
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "1 organization"),
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "%1 organizations"),
    ),
    "publication": (
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "1 publication"),
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "%1 publications"),
    ),
    "seat": (
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "1 governance seat"),
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "%1 governance seats"),
    ),
    "figure": (
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "1 key figure"),
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "%1 key figures"),
    ),
    "file": (
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "1 file"),
        QT_TRANSLATE_NOOP("DeleteRecordDialog", "%1 files"),
    ),
}
KIND_NAMES = {
    "program": QT_TRANSLATE_NOOP("DeleteRecordDialog", "program"),
    "local_government": QT_TRANSLATE_NOOP("DeleteRecordDialog", "local government"),
    "person": QT_TRANSLATE_NOOP("DeleteRecordDialog", "person"),
    "organization": QT_TRANSLATE_NOOP("DeleteRecordDialog", "organization"),
    "publication": QT_TRANSLATE_NOOP("DeleteRecordDialog", "publication"),
    "event": QT_TRANSLATE_NOOP("DeleteRecordDialog", "event"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def counted(kind: str, count: int) -> str:
    """ "1 event", "3 events": a count of a kind of record, in words."""
    one, many = NOUNS.get(kind, ("1 " + kind.replace("_", " "), "%1 " + kind.replace("_", " ")))
    return _tr(one) if count == 1 else _tr(many).replace("%1", str(count))


def listed(parts: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    if len(parts) <= 1:
        return "".join(parts)
    return _tr("%1 and %2").replace("%1", _tr(", ").join(parts[:-1])).replace("%2", parts[-1])


def impact_text(impact: DeleteImpact) -> str:
    """What deleting the record does to what links to it, in plain words."""
    kind = _tr(KIND_NAMES.get(impact.kind, impact.kind))
    kept = [link for link in impact.links if link.effect != "deleted" and link.count]
    gone = [link for link in impact.links if link.effect == "deleted" and link.count]
    sentences = []
    if kept:
        many = len(kept) > 1 or kept[0].count > 1
        sentences.append(
            (
                _tr("%1 are linked to this %2; they will be kept, without the link.")
                if many
                else _tr("%1 is linked to this %2; it will be kept, without the link.")
            )
            .replace("%1", listed([counted(link.kind, link.count) for link in kept]))
            .replace("%2", kind)
        )
    if gone:
        sentences.append(
            _tr("Its %1 will be deleted with it.").replace(
                "%1", listed([counted(link.kind, link.count) for link in gone])
            )
        )
    if not sentences:
        sentences.append(_tr("Nothing else in the catalogue is linked to it."))
    return " ".join(sentences)


@dataclass(frozen=True)
class DeleteChoice:
    """The user's answer: delete, moving the links to ``replace_with`` (a record id) if set."""

    replace_with: int | None = None


class DeleteRecordDialog(QDialog):
    """Delete, Replace with… (another record takes over the links), or Cancel (the default)."""

    def __init__(
        self,
        impact: DeleteImpact,
        candidates: Sequence[Choice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        kind = _tr(KIND_NAMES.get(impact.kind, impact.kind))
        self.setWindowTitle(_tr("Delete %1").replace("%1", kind))
        self.setModal(True)
        self.question = QLabel(_tr("Delete “%1”?").replace("%1", impact.label), self)
        self.question.setTextFormat(Qt.TextFormat.PlainText)  # the name is the user's text
        self.question.setWordWrap(True)
        bold = self.question.font()
        bold.setBold(True)
        self.question.setFont(bold)
        self.impact_label = QLabel(impact_text(impact), self)
        self.impact_label.setTextFormat(Qt.TextFormat.PlainText)
        self.impact_label.setWordWrap(True)
        self.hint = QLabel(
            _tr(
                "Edit › Undo brings it back with every link. To merge a duplicate, choose "
                "Replace with… and pick the %1 that should take over its links."
            ).replace("%1", kind)
            if candidates
            else _tr("Edit › Undo brings it back with every link."),
            self,
        )
        self.hint.setWordWrap(True)
        self.replace_box = RecordBox(candidates, kind, self)
        self.replace_box.setAccessibleName(_tr("Replace with"))
        self.replace_caption = QLabel(_tr("&Replace with"), self)
        self.replace_caption.setBuddy(self.replace_box)
        replace_row = QHBoxLayout()
        replace_row.addWidget(self.replace_caption)
        replace_row.addWidget(self.replace_box, 1)
        self.replace_caption.hide()
        self.replace_box.hide()

        self.buttons = QDialogButtonBox(self)
        self.delete_button = QPushButton(_tr("&Delete"), self)
        self.replace_button = QPushButton(_tr("Replace &with…"), self)
        self.cancel_button = QPushButton(_tr("Cancel"), self)
        self.buttons.addButton(self.delete_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(self.replace_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        for button in (self.delete_button, self.replace_button):
            button.setAutoDefault(False)
        self.cancel_button.setDefault(True)
        self.replace_button.setVisible(bool(candidates))
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.impact_label)
        layout.addWidget(self.hint)
        layout.addLayout(replace_row)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.choice: DeleteChoice | None = None
        self.delete_button.clicked.connect(self._on_delete_button_clicked)
        self.replace_button.clicked.connect(self._on_replace_button_clicked)
        self.cancel_button.clicked.connect(self.reject)
        self.replace_box.changed.connect(self._on_replace_box_changed)
        self.cancel_button.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, impact: DeleteImpact, candidates: Sequence[Choice]
    ) -> DeleteChoice | None:
        """Ask how to delete the record; None if the user cancelled."""
        dialog = cls(impact, candidates, parent)
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                return dialog.choice
            return None
        finally:
            dialog.deleteLater()

    @Slot()
    def _on_delete_button_clicked(self) -> None:
        self.choice = DeleteChoice()
        self.accept()

    @Slot()
    def _on_replace_button_clicked(self) -> None:
        if not self.replace_box.isVisible():
            # First press: show where to pick the record; the next press replaces.
            self.replace_caption.show()
            self.replace_box.show()
            self.replace_box.setCurrentIndex(0)
            self.replace_box.clearEditText()
            self.replace_button.setText(_tr("&Replace and Delete"))
            self.replace_caption.setText(_tr("Replace &with"))
            # Enter after picking the record replaces, rather than cancelling what was chosen.
            self.cancel_button.setDefault(False)
            self.replace_button.setDefault(True)
            self._on_replace_box_changed()
            self.replace_box.setFocus()
            return
        record_id = self.replace_box.record_id()
        if record_id is not None:
            self.choice = DeleteChoice(record_id)
            self.accept()

    @Slot()
    def _on_replace_box_changed(self) -> None:
        if self.replace_box.isVisible() or self.replace_caption.isVisible():
            self.replace_button.setEnabled(self.replace_box.record_id() is not None)
