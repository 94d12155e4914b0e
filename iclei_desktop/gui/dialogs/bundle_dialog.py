"""Catalogue bundles: which file, and what merging a colleague's catalogue would do."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.dto import BundleItem, BundlePlan

CONTEXT = "BundleDialog"
JSON_FILTER = QT_TRANSLATE_NOOP("BundleDialog", "Catalogue (*.json)")
ZIP_FILTER = QT_TRANSLATE_NOOP("BundleDialog", "Catalogue with publication files (*.zip)")
OPEN_FILTER = QT_TRANSLATE_NOOP("BundleDialog", "Catalogues (*.json *.zip);;All files (*)")
# The groups of the preview, in order; unchanged records are only counted.
GROUPS = (
    ("new", QT_TRANSLATE_NOOP("BundleDialog", "New")),
    ("changed", QT_TRANSLATE_NOOP("BundleDialog", "Changed")),
    ("conflict", QT_TRANSLATE_NOOP("BundleDialog", "Conflicts")),
    ("kept", QT_TRANSLATE_NOOP("BundleDialog", "Kept (yours is newer)")),
    ("deleted-here", QT_TRANSLATE_NOOP("BundleDialog", "Deleted here")),
    ("skipped", QT_TRANSLATE_NOOP("BundleDialog", "Skipped")),
)
KINDS = {
    "pathway": QT_TRANSLATE_NOOP("BundleDialog", "Pathway"),
    "program": QT_TRANSLATE_NOOP("BundleDialog", "Program"),
    "event": QT_TRANSLATE_NOOP("BundleDialog", "Event"),
    "local_government": QT_TRANSLATE_NOOP("BundleDialog", "Local government"),
    "person": QT_TRANSLATE_NOOP("BundleDialog", "Person"),
    "governance_seat": QT_TRANSLATE_NOOP("BundleDialog", "Governance seat"),
    "organization": QT_TRANSLATE_NOOP("BundleDialog", "Organization"),
    "publication": QT_TRANSLATE_NOOP("BundleDialog", "Publication"),
    "figure": QT_TRANSLATE_NOOP("BundleDialog", "Figure"),
    "file": QT_TRANSLATE_NOOP("BundleDialog", "File"),
    "link": QT_TRANSLATE_NOOP("BundleDialog", "Link"),
}
KEEP_MINE, TAKE_THEIRS = 0, 1


# The fields a difference names, as the forms caption them (the bundle's keys otherwise).
FIELDS = {
    "acronym": QT_TRANSLATE_NOOP("BundleDialog", "Acronym"),
    "all_day": QT_TRANSLATE_NOOP("BundleDialog", "All day"),
    "as_of": QT_TRANSLATE_NOOP("BundleDialog", "As of"),
    "attendance": QT_TRANSLATE_NOOP("BundleDialog", "Attendance"),
    "attendance_text": QT_TRANSLATE_NOOP("BundleDialog", "The report's attendance"),
    "body": QT_TRANSLATE_NOOP("BundleDialog", "Body"),
    "city": QT_TRANSLATE_NOOP("BundleDialog", "City"),
    "country": QT_TRANSLATE_NOOP("BundleDialog", "Country"),
    "date_precision": QT_TRANSLATE_NOOP("BundleDialog", "Date precision"),
    "date_text": QT_TRANSLATE_NOOP("BundleDialog", "The report's date"),
    "description": QT_TRANSLATE_NOOP("BundleDialog", "Description"),
    "end_date": QT_TRANSLATE_NOOP("BundleDialog", "End date"),
    "end_time": QT_TRANSLATE_NOOP("BundleDialog", "End time"),
    "events": QT_TRANSLATE_NOOP("BundleDialog", "Events"),
    "files": QT_TRANSLATE_NOOP("BundleDialog", "Files"),
    "honorific": QT_TRANSLATE_NOOP("BundleDialog", "Honorific"),
    "is_member": QT_TRANSLATE_NOOP("BundleDialog", "ICLEI member"),
    "is_staff": QT_TRANSLATE_NOOP("BundleDialog", "Secretariat staff"),
    "kind": QT_TRANSLATE_NOOP("BundleDialog", "Kind"),
    "label": QT_TRANSLATE_NOOP("BundleDialog", "Figure"),
    "language": QT_TRANSLATE_NOOP("BundleDialog", "Language"),
    "local_government": QT_TRANSLATE_NOOP("BundleDialog", "Local government"),
    "local_governments": QT_TRANSLATE_NOOP("BundleDialog", "Local governments"),
    "location": QT_TRANSLATE_NOOP("BundleDialog", "Location"),
    "member_since": QT_TRANSLATE_NOOP("BundleDialog", "Member since"),
    "membership_note": QT_TRANSLATE_NOOP("BundleDialog", "Membership note"),
    "mode": QT_TRANSLATE_NOOP("BundleDialog", "Mode"),
    "name": QT_TRANSLATE_NOOP("BundleDialog", "Name"),
    "native_name": QT_TRANSLATE_NOOP("BundleDialog", "Native name"),
    "note": QT_TRANSLATE_NOOP("BundleDialog", "Note"),
    "organization": QT_TRANSLATE_NOOP("BundleDialog", "Organization"),
    "organizations": QT_TRANSLATE_NOOP("BundleDialog", "Organizations"),
    "parent": QT_TRANSLATE_NOOP("BundleDialog", "Part of"),
    "pathways": QT_TRANSLATE_NOOP("BundleDialog", "Pathways"),
    "period_end": QT_TRANSLATE_NOOP("BundleDialog", "End year"),
    "period_start": QT_TRANSLATE_NOOP("BundleDialog", "Start year"),
    "period_text": QT_TRANSLATE_NOOP("BundleDialog", "Period as written"),
    "person": QT_TRANSLATE_NOOP("BundleDialog", "Person"),
    "portfolio": QT_TRANSLATE_NOOP("BundleDialog", "Portfolio"),
    "position": QT_TRANSLATE_NOOP("BundleDialog", "Position"),
    "program": QT_TRANSLATE_NOOP("BundleDialog", "Program"),
    "programs": QT_TRANSLATE_NOOP("BundleDialog", "Programs"),
    "published_on": QT_TRANSLATE_NOOP("BundleDialog", "Published"),
    "series": QT_TRANSLATE_NOOP("BundleDialog", "Series"),
    "start_date": QT_TRANSLATE_NOOP("BundleDialog", "Start date"),
    "start_time": QT_TRANSLATE_NOOP("BundleDialog", "Start time"),
    "status": QT_TRANSLATE_NOOP("BundleDialog", "Status"),
    "summary": QT_TRANSLATE_NOOP("BundleDialog", "Summary"),
    "term_end": QT_TRANSLATE_NOOP("BundleDialog", "Term to"),
    "term_start": QT_TRANSLATE_NOOP("BundleDialog", "Term from"),
    "timezone": QT_TRANSLATE_NOOP("BundleDialog", "Time zone"),
    "title": QT_TRANSLATE_NOOP("BundleDialog", "Title"),
    "translation_of": QT_TRANSLATE_NOOP("BundleDialog", "Original"),
    "url": QT_TRANSLATE_NOOP("BundleDialog", "Link"),
    "value": QT_TRANSLATE_NOOP("BundleDialog", "Value"),
    "record": QT_TRANSLATE_NOOP("BundleDialog", "Record"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class BundleDialog(QDialog):
    """What importing a bundle would do, grouped, with a choice for each conflict.

    ``tree`` has one top-level row per group that has items ("Conflicts (2)"); a changed
    record or conflict has one child row per differing field (field, yours, theirs); a
    skipped item one with its reason. ``choices`` maps each conflict's uid to its
    "Keep mine" / "Take theirs" box.
    """

    COLUMNS = (
        QT_TRANSLATE_NOOP("BundleDialog", "Record"),
        QT_TRANSLATE_NOOP("BundleDialog", "Type"),
        QT_TRANSLATE_NOOP("BundleDialog", "Yours"),
        QT_TRANSLATE_NOOP("BundleDialog", "Theirs"),
        QT_TRANSLATE_NOOP("BundleDialog", "Choice"),
    )

    def __init__(self, source: Path, plan: BundlePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import Catalogue %1").replace("%1", source.name))
        self.plan = plan
        self.summary = QLabel(self._summary(), self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("What the import would do"))
        self.tree.setColumnCount(len(self.COLUMNS))
        self.tree.setHeaderLabels([_tr(column) for column in self.COLUMNS])
        self.tree.setWordWrap(False)
        self.choices: dict[str, QComboBox] = {}
        self.groups: dict[str, QTreeWidgetItem] = {}
        for action, title in GROUPS:
            items = plan.of(action)
            if items:
                self._add_group(action, _tr(title), items)
        header = self.tree.header()
        header.setStretchLastSection(False)
        self.tree.setColumnWidth(0, 300)
        for column, mode in (
            (1, QHeaderView.ResizeMode.ResizeToContents),
            (2, QHeaderView.ResizeMode.Stretch),
            (3, QHeaderView.ResizeMode.Stretch),
            (4, QHeaderView.ResizeMode.ResizeToContents),
        ):
            header.setSectionResizeMode(column, mode)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Import"))
        self.keep_all = QPushButton(self.tr("&Keep All Mine"), self)
        self.take_all = QPushButton(self.tr("&Take All Theirs"), self)
        for button in (self.keep_all, self.take_all):
            button.setEnabled(bool(self.choices))
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree)
        layout.addWidget(self.buttons)
        self.resize(900, 520)
        self._connect_signals()

    @classmethod
    def ask(cls, parent: QWidget | None, source: Path, plan: BundlePlan) -> frozenset[str] | None:
        """Show the preview; return the uids of the conflicts to take theirs, or None to stop."""
        dialog = cls(source, plan, parent)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.take_theirs()
        finally:
            dialog.deleteLater()

    def take_theirs(self) -> frozenset[str]:
        """The conflicts whose box says "Take theirs"."""
        return frozenset(
            uid for uid, box in self.choices.items() if box.currentIndex() == TAKE_THEIRS
        )

    def _summary(self) -> str:
        plan = self.plan
        text = (
            self.tr("New %1, changed %2, conflicts %3, kept %4 (yours is newer), unchanged %5.")
            .replace("%1", str(plan.count("new")))
            .replace("%2", str(plan.count("changed")))
            .replace("%3", str(plan.count("conflict")))
            .replace("%4", str(plan.count("kept")))
            .replace("%5", str(plan.count("unchanged")))
        )
        extra = []
        if plan.count("deleted-here"):
            extra.append(self.tr("Deleted here %1.").replace("%1", str(plan.count("deleted-here"))))
        if plan.count("skipped"):
            extra.append(self.tr("Skipped %1.").replace("%1", str(plan.count("skipped"))))
        if plan.count("conflict"):
            extra.append(self.tr("Each conflict keeps yours unless you choose Take theirs."))
        return " ".join([text, *extra])

    def _add_group(self, action: str, title: str, items: tuple[BundleItem, ...]) -> None:
        group = QTreeWidgetItem(self.tree, [f"{title} ({len(items)})"])
        group.setFirstColumnSpanned(True)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        self.groups[action] = group
        for item in items:
            row = QTreeWidgetItem(group, [item.label, _tr(KINDS.get(item.kind, item.kind))])
            row.setToolTip(0, item.label)
            for difference in item.differences:
                field = FIELDS.get(difference.field)
                child = QTreeWidgetItem(
                    row,
                    [
                        _tr(field) if field else difference.field,
                        "",
                        difference.mine,
                        difference.theirs,
                    ],
                )
                for column in (2, 3):
                    child.setToolTip(column, child.text(column))
            if item.reason and action in {"skipped", "deleted-here"}:
                reason = QTreeWidgetItem(row, [item.reason])
                reason.setFirstColumnSpanned(True)
                row.setToolTip(0, item.reason)
                row.setExpanded(True)  # why it is skipped matters more than what
            if action == "conflict":
                box = QComboBox(self.tree)
                box.addItems([self.tr("Keep mine"), self.tr("Take theirs")])
                box.setAccessibleName(self.tr("Choice for %1").replace("%1", item.label))
                self.tree.setItemWidget(row, 4, box)
                self.choices[item.uid] = box
                row.setExpanded(True)
        group.setExpanded(action in {"conflict", "skipped", "new", "changed"})

    def _connect_signals(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.keep_all.clicked.connect(lambda: self._choose_all(KEEP_MINE))
        self.take_all.clicked.connect(lambda: self._choose_all(TAKE_THEIRS))

    def _choose_all(self, choice: int) -> None:
        for box in self.choices.values():
            box.setCurrentIndex(choice)


class BundleFiles:
    """The system's file dialogs for catalogue bundles (tests replace these)."""

    @classmethod
    def save_path(cls, parent: QWidget | None, suggested: str) -> Path | None:
        """Ask where to export; a .zip (chosen by name or by filter) also holds the files."""
        zip_filter = _tr(ZIP_FILTER)
        name, chosen = QFileDialog.getSaveFileName(
            parent, _tr("Export catalogue"), suggested, f"{_tr(JSON_FILTER)};;{zip_filter}"
        )
        if not name:
            return None
        path = Path(name)
        if path.suffix.lower() in {".json", ".zip"}:
            return path
        # Added, not put in place of another suffix: "catalogue.2020" is not "catalogue.zip".
        return path.with_name(path.name + (".zip" if chosen == zip_filter else ".json"))

    @classmethod
    def open_path(cls, parent: QWidget | None) -> Path | None:
        """Ask which bundle to import."""
        name, _ = QFileDialog.getOpenFileName(parent, _tr("Import catalogue"), "", _tr(OPEN_FILTER))
        return Path(name) if name else None
