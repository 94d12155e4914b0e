"""File › Export Table…: the current tab's list, as filtered and sorted now, to CSV or Excel.

Under Members, the Governance list exports the people table (every person with their seats
in words), since its rows are seats grouped by body rather than a list of one record type;
the Local governments list exports the local governments.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from ..core.columns import TYPE_OF_KIND
from ..core.errors import UserError
from .background import Cancelled, run_with_progress
from .errors import show_error

if TYPE_CHECKING:
    from ..core.api import Catalogue
    from ..core.services.listing import Query
    from .main_window import MainWindow

CONTEXT = "TableExport"
CSV_FILTER = QT_TRANSLATE_NOOP("TableExport", "CSV (UTF-8) (*.csv)")
XLSX_FILTER = QT_TRANSLATE_NOOP("TableExport", "Excel workbook (*.xlsx)")
FILTERS = ((CSV_FILTER, "csv"), (XLSX_FILTER, "xlsx"))

# The people table's headers (core/columns.py PERSON_COLUMNS), marked for translation.
PERSON_HEADERS = (
    QT_TRANSLATE_NOOP("TableExport", "Name"),
    QT_TRANSLATE_NOOP("TableExport", "Native name"),
    QT_TRANSLATE_NOOP("TableExport", "Honorific"),
    QT_TRANSLATE_NOOP("TableExport", "Title"),
    QT_TRANSLATE_NOOP("TableExport", "Organization"),
    QT_TRANSLATE_NOOP("TableExport", "Local government"),
    QT_TRANSLATE_NOOP("TableExport", "City"),
    QT_TRANSLATE_NOOP("TableExport", "Secretariat staff"),
    QT_TRANSLATE_NOOP("TableExport", "Seats"),
)
# What the status bar says when done, whole sentences so that translations can order them.
DONE = {
    "event": QT_TRANSLATE_NOOP("TableExport", "Exported %1 events to %2"),
    "program": QT_TRANSLATE_NOOP("TableExport", "Exported %1 programs to %2"),
    "local_government": QT_TRANSLATE_NOOP("TableExport", "Exported %1 local governments to %2"),
    "organization": QT_TRANSLATE_NOOP("TableExport", "Exported %1 organizations to %2"),
    "publication": QT_TRANSLATE_NOOP("TableExport", "Exported %1 publications to %2"),
    "person": QT_TRANSLATE_NOOP("TableExport", "Exported %1 people to %2"),
}
DONE_ONE = {  # "Exported 1 event", never "1 events"
    "event": QT_TRANSLATE_NOOP("TableExport", "Exported 1 event to %2"),
    "program": QT_TRANSLATE_NOOP("TableExport", "Exported 1 program to %2"),
    "local_government": QT_TRANSLATE_NOOP("TableExport", "Exported 1 local government to %2"),
    "organization": QT_TRANSLATE_NOOP("TableExport", "Exported 1 organization to %2"),
    "publication": QT_TRANSLATE_NOOP("TableExport", "Exported 1 publication to %2"),
    "person": QT_TRANSLATE_NOOP("TableExport", "Exported 1 person to %2"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class TableChoice:
    """What the current tab would export: the kind, the rows' query and the headers shown."""

    kind: str
    query: Query | None
    headers: tuple[str, ...]


def chosen_target(name: str, name_filter: str) -> tuple[Path, str]:
    """The file and format for a name typed in the dialog and the file type picked.

    A name ending in .csv or .xlsx says the format; any other name gets the picked type's
    extension added ("list" and "list.2020" become "list.csv" and "list.2020.csv").
    """
    path = Path(name)
    by_suffix = {f".{fmt}": fmt for _, fmt in FILTERS}
    if path.suffix.lower() in by_suffix:
        return path, by_suffix[path.suffix.lower()]
    fmt = next((f for text, f in FILTERS if _tr(text) == name_filter), "csv")
    return path.with_name(f"{path.name}.{fmt}"), fmt


class TableFiles:
    """The file dialog that asks where to export a table (tests drive or replace it)."""

    native = True  # tests use Qt's own dialog, which they can type into

    @classmethod
    def ask(cls, parent: QWidget | None, suggested: str) -> tuple[Path, str] | None:
        """Ask for the file to write; return it with its format ("csv" or "xlsx"), or None."""
        dialog = QFileDialog(parent, _tr("Export table"))
        dialog.setObjectName("table_file_dialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, not cls.native)
        dialog.setNameFilters([_tr(text) for text, _ in FILTERS])
        dialog.selectFile(suggested)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        return chosen_target(dialog.selectedFiles()[0], dialog.selectedNameFilter())


def current_table(window: MainWindow) -> TableChoice:
    """What the window's current tab shows: its kind, its query and its translated headers."""
    tab = window.tabs.currentWidget()
    if tab is window.members_tab and window.members_tab.lists.currentIndex() == 1:
        return TableChoice("person", None, tuple(_tr(h) for h in PERSON_HEADERS))
    tab.ensure_loaded()
    model = tab.view.model()
    headers = tuple(
        str(model.headerData(column, Qt.Orientation.Horizontal))
        for column in range(model.columnCount())
    )
    return TableChoice(tab.kind, tab.query, headers)


def export_table(window: MainWindow, catalogue: Catalogue) -> int | None:
    """Ask where, then write the current tab's list there; return how many rows were written."""
    table = current_table(window)
    answer = TableFiles.ask(window, f"iclei-east-asia-{TYPE_OF_KIND[table.kind]}.csv")
    if answer is None:
        return None
    target, fmt = answer
    try:
        written = run_with_progress(
            window,
            _tr("Writing %1…").replace("%1", target.name),
            lambda progress: catalogue.export_table(
                table.kind, target, fmt, table.query, table.headers, progress
            ),
        )
    except Cancelled:
        window.statusBar().showMessage(
            _tr("Export to %1 cancelled; nothing was written").replace("%1", target.name), 8000
        )
        return None
    except UserError as error:
        show_error(window, _tr("The table was not exported"), str(error))
        return None
    window.statusBar().showMessage(
        _tr((DONE_ONE if written == 1 else DONE)[table.kind])
        .replace("%1", str(written))
        .replace("%2", str(target)),
        8000,
    )
    return written
