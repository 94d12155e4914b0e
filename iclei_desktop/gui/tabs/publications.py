"""The Publications tab: each translation listed under its original."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from ...core.api import Catalogue
from ...core.dto import PublicationRow
from ..labels import label
from ..models.record_model import Column, Node, nest
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
            self.tr("Kind"),
            lambda rows: sorted({(label(r.kind), r.kind) for r in rows}),
            lambda row, value: row.kind == value,
        )
        self.language_combo = self.add_choice(
            self.tr("Language"),
            lambda rows: sorted({(label(r.language), r.language) for r in rows}),
            lambda row, value: row.language == value,
        )
        self.year_combo = self.add_choice(
            self.tr("Year"),
            lambda rows: [
                (str(y), y)
                for y in sorted({r.published_on.year for r in rows if r.published_on}, reverse=True)
            ],
            lambda row, value: row.published_on is not None and row.published_on.year == value,
        )
        self.program_combo = self.add_choice(
            self.tr("Program"),
            lambda rows: [(p, p) for p in sorted({p for r in rows for p in r.programs})],
            lambda row, value: value in row.programs,
        )

    def fetch(self) -> Sequence[PublicationRow]:
        return self.catalogue.publications()

    def nodes(self, rows: Sequence[PublicationRow]) -> list[Node[PublicationRow]]:
        return nest(rows, lambda r: r.original_id, lambda r: r.id)
