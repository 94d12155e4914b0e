"""The Publications tab: each translation listed under its original."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QAbstractItemView, QWidget

from ...core.api import Catalogue
from ...core.dto import PublicationRow
from ..labels import label
from ..models.record_model import Column
from .record_tab import RecordTab

COLUMNS: tuple[Column[PublicationRow], ...] = (
    Column(QT_TRANSLATE_NOOP("PublicationsTab", "Title"), lambda r: r.title),
    Column(QT_TRANSLATE_NOOP("PublicationsTab", "Kind"), lambda r: label(r.kind)),
    Column(
        QT_TRANSLATE_NOOP("PublicationsTab", "Date"),
        lambda r: r.when,
        sort=lambda r: r.published_on.isoformat() if r.published_on else "",
    ),
    Column(QT_TRANSLATE_NOOP("PublicationsTab", "Language"), lambda r: label(r.language)),
    Column(QT_TRANSLATE_NOOP("PublicationsTab", "Publisher or translator"), lambda r: r.publishers),
    Column(QT_TRANSLATE_NOOP("PublicationsTab", "Status"), lambda r: label(r.status)),
)


class PublicationsTab(RecordTab[PublicationRow]):
    """Publications, with their translations nested under them."""

    kind = "publication"
    screen = "publications"

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(
            catalogue,
            COLUMNS,
            "PublicationsTab",
            self.tr("Filter publications by title, publisher…"),
            self.tr(
                "Select a publication for its publisher, translations or original, "
                "programs and events."
            ),
            self.tr("Publications"),
            parent,
        )
        self.kind_combo = self.add_choice(
            self.tr("Kind"), "kind", lambda kinds: sorted((label(k), k) for k in kinds)
        )
        self.language_combo = self.add_choice(
            self.tr("Language"), "language", lambda codes: sorted((label(c), c) for c in codes)
        )
        self.year_combo = self.add_choice(
            self.tr("Year"), "year", lambda years: [(str(y), y) for y in years]
        )
        self.program_combo = self.add_choice(
            self.tr("Program"), "program", lambda names: [(p, p) for p in names]
        )
        # Several publications can be cited at once; the detail follows the current row.
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def selected_ids(self) -> list[int]:
        """The ids of the selected publications, in the list's order."""
        rows = sorted({index.row() for index in self.view.selectionModel().selectedRows()})
        found = (self.model.id_at(row) for row in rows)
        return [record_id for record_id in found if record_id is not None]
